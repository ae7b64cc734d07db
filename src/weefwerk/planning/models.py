from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Person
from weefwerk.trajectories.models import Meeting, Trajectory


class ItemKind(models.TextChoices):
    WELCOME = "welcome", _("Welkom")
    ACQUAINTANCE = "acquaintance", _("Kennismaking")
    LOOK_BACK = "look_back", _("Terugblik")
    TODAY = "today", _("Wat gaan we vandaag doen")
    ASSIGNMENT = "assignment", _("Opdracht")
    BREAK = "break", _("Pauze")
    PLENARY = "plenary", _("Plenair")
    REFLECTION = "reflection", _("Reflectie")
    LOOK_AHEAD = "look_ahead", _("Vooruitblik")
    CLOSING = "closing", _("Afronding")


class AgendaItem(models.Model):
    """One item of a session's agenda; clock times follow from the order and the minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    title = models.CharField(_("titel"), max_length=200)
    minutes = models.PositiveSmallIntegerField(
        _("minuten"), validators=[MaxValueValidator(600)], default=10
    )
    kind = models.CharField(
        _("soort"), max_length=20, choices=ItemKind.choices, default=ItemKind.PLENARY
    )
    fixed = models.BooleanField(
        _("vaste tijd"),
        default=False,
        help_text=_("De kaasschaafmethode laat dit punt met rust, zoals een pauze."),
    )
    participant_text = models.TextField(_("tekst voor deelnemers"), blank=True)
    team_notes = models.TextField(_("aantekeningen voor het projectteam"), blank=True)
    group_max_size = models.PositiveSmallIntegerField(
        _("groepjes van hoogstens"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(30)],
        help_text=_("Laat leeg als dit punt niet in groepjes uiteengaat."),
    )
    group_purpose = models.CharField(max_length=30, blank=True, editable=False)
    # The assignment of this item (type, questions, categories) for live sessions.
    assignment = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def trajectory(self):
        return self.meeting.trajectory


class ChecklistMark(models.Model):
    """A step-0 checklist item that the project team ticked by hand."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="checklist_marks"
    )
    key = models.CharField(max_length=40)
    done = models.BooleanField(default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    marked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "key"], name="one_mark_per_item")
        ]

    def __str__(self):
        return f"{self.key}: {'ja' if self.done else 'nee'}"


class Homework(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="homework")
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("opdracht"))
    due_date = models.DateField(_("inleveren voor"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("huiswerkopdracht")
        verbose_name_plural = _("huiswerkopdrachten")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.title

    @property
    def trajectory(self):
        return self.meeting.trajectory


class HomeworkAnswer(models.Model):
    homework = models.ForeignKey(Homework, on_delete=models.CASCADE, related_name="answers")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="homework_answers")
    text = models.TextField(_("antwoord"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["homework", "person"], name="one_answer_per_person")
        ]

    def __str__(self):
        return f"{self.person}: {self.homework}"


class FeedbackResponse(models.Model):
    """Anonymous feedback after a session: a few 1-5 scales and an open question."""

    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    useful = models.PositiveSmallIntegerField(
        _("Hoe nuttig was deze bijeenkomst?"), validators=SCALE
    )
    met_new_people = models.PositiveSmallIntegerField(
        _("Heb je nieuwe mensen leren kennen?"), validators=SCALE
    )
    pace = models.PositiveSmallIntegerField(_("Was het tempo goed?"), validators=SCALE)
    atmosphere = models.PositiveSmallIntegerField(_("Hoe was de sfeer?"), validators=SCALE)
    comment = models.TextField(_("Wat kan er beter, of wat wil je nog kwijt?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    SCALES = ("useful", "met_new_people", "pace", "atmosphere")

    def __str__(self):
        return f"{self.meeting}: {self.created_at:%Y-%m-%d %H:%M}"


class MeetingRun(models.Model):
    """Where a session is while it runs: the current item and when it began."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="run")
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField(help_text="When the session must end, fixed at the start.")
    current_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True)
    item_started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.meeting} ({self.started_at:%H:%M})"
