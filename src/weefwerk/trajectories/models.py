import calendar
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """A secret for links that work without logging in (calendar feed)."""
    return secrets.token_urlsafe(32)


# No 0/O, 1/I/L: a join code is read from a projector and typed on a phone.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_join_code() -> str:
    """Eight characters from 31: about 8.5e11 codes, and guessing is rate-limited."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(8))


DEFAULT_RETENTION_MONTHS = 12


def add_months(moment, months: int):
    """The same day ``months`` later; the last day of the month when that day does not exist."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class Region(models.TextChoices):
    NORTH = "north", _("Noord")
    MIDDLE = "middle", _("Midden")
    SOUTH = "south", _("Zuid")


class Trajectory(models.Model):
    """A local trajectory: one municipality (or district) building its network."""

    class Approach(models.TextChoices):
        NETWORK = "network", _("Organisatienetwerk in vijf stappen")
        ENCOUNTERS = "encounters", _("Ontmoetingen")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In voorbereiding")
        RUNNING = "running", _("Loopt")
        FOLLOW_UP = "follow_up", _("Opvolging")
        CLOSED = "closed", _("Afgesloten")

    name = models.CharField(_("naam"), max_length=200)
    municipality = models.CharField(_("gemeente"), max_length=120)
    district = models.CharField(_("wijk of kern"), max_length=120, blank=True)
    ambition = models.TextField(
        _("gezamenlijke ambitie"),
        blank=True,
        help_text=_("Wat willen jullie samen bereiken? Dit spreken jullie af in stap 1."),
    )
    approach = models.CharField(
        _("aanpak"), max_length=20, choices=Approach.choices, default=Approach.NETWORK
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    region = models.CharField(
        _("vakantieregio"),
        max_length=10,
        choices=Region.choices,
        blank=True,
        help_text=_("Voor de waarschuwing als een bijeenkomst in een schoolvakantie valt."),
    )
    calendar_token = models.CharField(max_length=64, default=new_token, editable=False)
    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn persoonsgegevens in maanden"),
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Zoveel maanden nadat het traject is afgesloten, maakt Weefwerk de gegevens van "
            "personen anoniem."
        ),
    )
    # Set when the status becomes closed, cleared when it is reopened (see save()).
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True, editable=False)
    # When apply_retention made the people of this closed trajectory anonymous.
    personal_data_anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.status == self.Status.CLOSED and self.closed_at is None:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "status" in update_fields:
            kwargs["update_fields"] = {*update_fields, "closed_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("trajectories:overview", args=[self.pk])

    @property
    def retention_due_at(self):
        """When the people's data of this closed trajectory are made anonymous, or None."""
        if self.closed_at is None:
            return None
        return add_months(self.closed_at, self.retention_months)


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Gespreksleider")
    PROJECT_TEAM = "project_team", _("Projectteam")
    PARTICIPANT = "participant", _("Deelnemer")
    MANAGER = "manager", _("Leidinggevende (alleen lezen)")


# Roles that may change a trajectory's data.
EDITOR_ROLES = frozenset({Role.FACILITATOR, Role.PROJECT_TEAM})


class Membership(models.Model):
    """What a user may do in one trajectory."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["trajectory", "user"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"

    @property
    def can_edit(self) -> bool:
        return self.role in EDITOR_ROLES


class Domain(models.Model):
    """One entry of a trajectory's reference list of domains (werkvelden)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="domains")
    name = models.CharField(_("naam"), max_length=100)
    position = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                "trajectory", Lower("name"), name="unique_domain_name_per_trajectory"
            )
        ]

    def __str__(self):
        return self.name


class Meeting(models.Model):
    """A session (bijeenkomst) of a trajectory. Not called Session: Django has those."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        HELD = "held", _("Gehouden")
        CANCELLED = "cancelled", _("Afgelast")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="meetings")
    number = models.PositiveSmallIntegerField(
        _("stap of nummer"), help_text=_("Stap 0 tot en met 5, of het nummer van de ontmoeting.")
    )
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint op"), null=True, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("geplande duur in minuten"), default=150)
    location = models.CharField(_("locatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    goal = models.TextField(_("doel van de bijeenkomst"), blank=True)
    what_to_bring = models.TextField(_("wat neem je mee"), blank=True)
    template_key = models.CharField(max_length=40, blank=True, editable=False)
    # Raised on every change that a calendar must show, so Outlook updates the event.
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    feedback_token = models.CharField(max_length=64, default=new_token, editable=False)
    # The session's link and QR code for participants: check in, join the live session.
    join_code = models.CharField(max_length=12, default=new_join_code, unique=True, editable=False)
    joining_open = models.BooleanField(_("aanmelden via de code staat open"), default=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["trajectory", models.F("starts_at").asc(nulls_last=True), "number"]

    def __str__(self):
        return self.title

    @property
    def ends_at(self):
        if self.starts_at is None:
            return None
        return self.starts_at + timedelta(minutes=self.planned_minutes)
