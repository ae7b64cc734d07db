"""Change wishes ("Als we nu eens ..."), agreements, commitments, progress and reminders.

A change wish is raised in a session, typed by the project team or (later) taken over from a
live note. In the deciding meeting the group votes with dots and chooses wishes; a chosen wish
becomes an agreement with owners. Owners report on their agreements (``ActionUpdate``) before
every follow-up meeting, through a personal link that needs no account.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.models import Meeting, Trajectory

DEFAULT_DOTS = 3


def default_dots() -> int:
    return getattr(settings, "ACTIONS_DOTS_PER_PERSON", DEFAULT_DOTS)


class ChangeWish(models.Model):
    class Source(models.TextChoices):
        TYPED = "typed", _("Ingetypt")
        LIVE_NOTE = "live_note", _("Uit een live sessie")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CHOSEN = "chosen", _("Gekozen")
        MERGED = "merged", _("Samengevoegd")
        DROPPED = "dropped", _("Niet gekozen")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="change_wishes"
    )
    text = models.TextField(
        _("veranderwens"), help_text=_("Schrijf de wens zoals de groep hem zei: ‘Als we nu eens …’")
    )
    raised_by = models.ManyToManyField(
        Person, verbose_name=_("genoemd door"), blank=True, related_name="change_wishes_raised"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="change_wishes",
    )
    source = models.CharField(
        _("bron"), max_length=20, choices=Source.choices, default=Source.TYPED
    )
    # The id of the live note this wish came from (the live-session app's Note, when it lands).
    note_id = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_wishes",
        editable=False,
    )
    votes = models.PositiveIntegerField(
        _("stippen op de muur"),
        default=0,
        help_text=_("Het aantal stippen dat de groep op papier zette."),
    )
    owners = models.ManyToManyField(
        Person, verbose_name=_("trekkers"), blank=True, related_name="owned_wishes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("veranderwens")
        verbose_name_plural = _("veranderwensen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "note_id"],
                condition=Q(note_id__isnull=False),
                name="one_wish_per_live_note",
            )
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"


class WishVoting(models.Model):
    """The dot vote of the deciding meeting: how many dots each person has, and whether the
    personal links may vote now."""

    trajectory = models.OneToOneField(
        Trajectory, on_delete=models.CASCADE, related_name="wish_voting"
    )
    dots_per_person = models.PositiveSmallIntegerField(
        _("stippen per deelnemer"),
        default=default_dots,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    is_open = models.BooleanField(
        _("deelnemers kunnen stemmen via hun persoonlijke link"), default=False
    )

    class Meta:
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")

    def __str__(self):
        return str(self.trajectory)


class WishVote(models.Model):
    """One dot of one person on one wish (a person may put several dots on one wish)."""

    wish = models.ForeignKey(ChangeWish, on_delete=models.CASCADE, related_name="person_votes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wish_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stip")
        verbose_name_plural = _("stippen")

    def __str__(self):
        return f"{self.person}: {self.wish}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Nog niet begonnen")
    UNDER_WAY = "under_way", _("Bezig")
    DONE = "done", _("Klaar")
    STUCK = "stuck", _("Loopt vast")


OPEN_STATUSES = (ActionStatus.NOT_STARTED, ActionStatus.UNDER_WAY, ActionStatus.STUCK)


class Agreement(models.Model):
    """A concrete agreement of step 5 (an action, opdracht): what, who, by when, how we know."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="agreements")
    what = models.CharField(
        _("wat gaan we doen"),
        max_length=300,
        help_text=_("Zo concreet mogelijk: wat is er straks anders?"),
    )
    owners = models.ManyToManyField(
        Person,
        verbose_name=_("trekkers"),
        related_name="owned_agreements",
        help_text=_("Wie pakt dit op? Zij vertellen bij de vervolgontmoetingen hoe het gaat."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisaties"),
        blank=True,
        related_name="agreements",
        help_text=_("De organisaties die meedoen, ook als er (nog) geen trekker van is."),
    )
    due_date = models.DateField(_("klaar op"), null=True, blank=True)
    success_criterion = models.TextField(_("hoe weten we dat het gelukt is"), blank=True)
    from_wish = models.ForeignKey(
        ChangeWish,
        verbose_name=_("uit de veranderwens"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        editable=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.what

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_date and self.is_open and self.due_date < timezone.localdate())


class Commitment(models.Model):
    """A participant said "ik doe mee" to an agreement; recorded with the moment."""

    class Via(models.TextChoices):
        LINK = "link", _("zelf, via de persoonlijke link")
        FACILITATOR = "facilitator", _("door de gespreksleider vastgelegd")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="commitments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="commitments")
    committed_at = models.DateTimeField(_("toegezegd op"), default=timezone.now)
    via = models.CharField(max_length=20, choices=Via.choices, default=Via.LINK)

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["committed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "person"], name="one_commitment_each")
        ]

    def __str__(self):
        return f"{self.person}: {self.agreement}"


class ActionUpdate(models.Model):
    """Progress on an agreement, with the four questions of the follow-up meetings."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="updates")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("voor de bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_updates",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_updates",
    )
    what_i_did = models.TextField(_("Wat heb ik al kunnen doen?"), blank=True)
    what_goes_well = models.TextField(_("Wat gaat goed, en hoe staat het ervoor?"), blank=True)
    what_not_yet_and_why = models.TextField(_("Wat lukt nog niet, en waarom?"), blank=True)
    what_i_need = models.TextField(
        _("Wat heb ik van jullie of anderen nodig om verder te komen?"), blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    QUESTIONS = ("what_i_did", "what_goes_well", "what_not_yet_and_why", "what_i_need")

    class Meta:
        verbose_name = _("voortgang")
        verbose_name_plural = _("voortgang")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.agreement}: {self.get_status_display()}"

    def answers(self):
        """(question, answer) for the four questions."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.QUESTIONS
        ]


class SentReminder(models.Model):
    """One reminder e-mail that went out. The unique constraints make sending idempotent: the
    row is inserted first, and only the run that inserted it sends the mail."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("voor een vervolgontmoeting")
        DUE = "due", _("datum van een afspraak verstreken")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    for_date = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "meeting", "person", "for_date"],
                condition=Q(meeting__isnull=False),
                name="one_meeting_reminder",
            ),
            models.UniqueConstraint(
                fields=["kind", "agreement", "person", "for_date"],
                condition=Q(agreement__isnull=False),
                name="one_agreement_reminder",
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=False) | Q(agreement__isnull=False),
                name="reminder_about_something",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.person} {self.for_date}"
