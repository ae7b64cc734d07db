"""Attendance per session, who has met whom, and group rounds on agenda items."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.models import Meeting, Trajectory


class Attendance(models.Model):
    """Whether one person is invited to, comes to or came to one session."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Uitgenodigd")
        CONFIRMED = "confirmed", _("Komt")
        PRESENT = "present", _("Aanwezig")
        ABSENT = "absent", _("Afwezig")
        SENT_COLLEAGUE = "sent_colleague", _("Stuurt een collega")

    class CheckedInBy(models.TextChoices):
        FACILITATOR = "facilitator", _("door de gespreksleider")
        SELF = "self", _("zelf, met de code")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    replaced_by = models.ForeignKey(
        Person,
        verbose_name=_("collega die in de plaats komt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("aangemeld om"), null=True, blank=True)
    checked_in_by = models.CharField(
        _("aangemeld"), max_length=20, choices=CheckedInBy.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="one_attendance_per_person_and_meeting"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.get_status_display()}"


class Encounter(models.Model):
    """Two people of a trajectory who have met: in a group, or they knew each other already."""

    class Source(models.TextChoices):
        GROUP = "group", _("in een groep")
        MANUAL = "manual", _("kenden elkaar al")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="encounters")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    first_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("eerste keer in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")
        ordering = ["trajectory", "person_a", "person_b"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="one_encounter_per_pair"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="encounter_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.person_a} – {self.person_b}"


class GroupRound(models.Model):
    """One division of the people into groups for one agenda item."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        HELD = "held", _("Gehouden")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="rounds")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    seed = models.PositiveIntegerField(default=1)
    max_size = models.PositiveSmallIntegerField(_("groepjes van hoogstens"))
    min_size = models.PositiveSmallIntegerField(null=True, blank=True)
    # Score breakdown (weefwerk.engine.grouping.Score.as_dict) after the last change.
    score = models.JSONField(default=dict, blank=True)
    # How the people were chosen: "present", "expected" (confirmed/invited) or "everybody".
    basis = models.CharField(max_length=20, blank=True)
    planned_ahead = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    held_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("groepsindeling")
        verbose_name_plural = _("groepsindelingen")
        ordering = ["agenda_item", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.agenda_item} ({self.get_status_display()})"

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD


class Group(models.Model):
    round = models.ForeignKey(GroupRound, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("groep"))

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "number"], name="one_group_number_per_round")
        ]

    def __str__(self):
        return str(self.number)


class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    locked = models.BooleanField(_("vastgezet"), default=False)

    class Meta:
        verbose_name = _("groepslid")
        verbose_name_plural = _("groepsleden")
        ordering = ["group", "person__name"]

    def __str__(self):
        return str(self.person)
