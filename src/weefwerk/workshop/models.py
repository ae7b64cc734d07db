"""Assignments on agenda items, the people who joined a session, their notes, clusters, votes
and photos of paper flip-overs."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Person
from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.models import Meeting

NOTE_MAX_LENGTH = 500


def new_key() -> str:
    return secrets.token_urlsafe(12)


class Assignment(models.Model):
    """An assignment (opdracht, werkvorm) of one agenda item: the questions participants answer
    with notes, in columns (categories), plenary or per group."""

    class Type(models.TextChoices):
        CATEGORISED = "categorised_notes", _("Notities in categorieën")
        CASE = "case_questions", _("Casusvragen")
        OPEN = "open_question", _("Open vraag")
        WISHES = "change_wishes", _("Veranderwensen")

    class Mode(models.TextChoices):
        PLENARY = "plenary", _("Plenair")
        GROUPS = "groups", _("In groepjes")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Klaargezet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Gesloten")

    class Voting(models.TextChoices):
        NONE = "none", _("Geen stemming")
        OPEN = "open", _("Stemmen loopt")
        CLOSED = "closed", _("Stemmen gesloten")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assignments")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="assignments"
    )
    position = models.PositiveSmallIntegerField(default=0)
    type = models.CharField(_("soort"), max_length=30, choices=Type.choices, default=Type.OPEN)
    title = models.CharField(_("titel"), max_length=200)
    questions = models.JSONField(_("vragen"), default=list, blank=True)
    categories = models.JSONField(_("categorieën"), default=list, blank=True)
    mode = models.CharField(
        _("werkvorm"), max_length=10, choices=Mode.choices, default=Mode.PLENARY
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reveal_notes = models.BooleanField(
        _("notities zichtbaar op de muur"),
        default=True,
        help_text=_("Uit: de muur toont alleen lege kaartjes tot u ze laat zien."),
    )
    show_names = models.BooleanField(_("namen tonen op de muur"), default=False)
    voting = models.CharField(max_length=10, choices=Voting.choices, default=Voting.NONE)
    votes_per_person = models.PositiveSmallIntegerField(_("stippen per persoon"), default=3)
    opened_at = models.DateTimeField(null=True, blank=True)
    # The agenda item of the next session that lists the top change wishes.
    carried_to = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["meeting", "agenda_item__position", "position", "pk"]

    def __str__(self):
        return self.title

    @property
    def trajectory(self):
        return self.meeting.trajectory

    @property
    def columns(self) -> list[str]:
        """What a note is filed under: the categories, or else the questions when there are
        several (case questions); one column when there is one question."""
        if self.categories:
            return list(self.categories)
        if len(self.questions) > 1 and self.type == self.Type.CASE:
            return list(self.questions)
        return []

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Participant(models.Model):
    """Someone who joined a session by its code: a person from the list, or anonymous."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Part of the signed link: a deleted participant's link never works for a new row.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deelnemer aan de sessie")
        verbose_name_plural = _("deelnemers aan de sessie")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="one_participant_per_person_and_meeting",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.name if self.person_id else str(_("Anoniem"))


class Cluster(models.Model):
    """Notes that belong together, with the name the group gave them."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="clusters")
    name = models.CharField(_("naam"), max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["assignment", "position", "pk"]

    def __str__(self):
        return self.name


class Note(models.Model):
    """A sticky note: plain text, never HTML."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="notes")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Typed by the facilitator for someone without a phone.
    typed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    category = models.CharField(_("categorie"), max_length=300, blank=True)
    group_number = models.PositiveSmallIntegerField(_("groep"), null=True, blank=True)
    text = models.TextField(_("tekst"), max_length=NOTE_MAX_LENGTH)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["assignment", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def author_name(self) -> str:
        return self.person.name if self.person_id else str(_("Anoniem"))


class Vote(models.Model):
    """One dot of dot voting. A person may put more than one dot on the same note."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("stip")
        verbose_name_plural = _("stippen")

    def __str__(self):
        return f"{self.participant_id} → {self.note_id}"


def photo_path(instance, filename):
    # A random name: the original one may hold a name or a place.
    return f"workshop/{instance.assignment.meeting_id}/{uuid.uuid4().hex}.{instance.extension}"


class Photo(models.Model):
    """A photo of a paper flip-over: resized, re-encoded without EXIF (no GPS)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_path, max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("foto")
        verbose_name_plural = _("foto's")
        ordering = ["assignment", "created_at", "pk"]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def extension(self) -> str:
        return {"image/png": "png", "image/webp": "webp"}.get(self.content_type, "jpg")
