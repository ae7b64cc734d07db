"""Reports: the session report and the trajectory summary (with the project team's
introduction and conclusions and a publication status), and the record of managers' updates
that were sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Person
from weefwerk.trajectories.models import Meeting, Trajectory


class Report(models.Model):
    """The project team's own text around a generated report, and whether readers see it.

    Everything else in a report is gathered from the trajectory when it is shown
    (``weefwerk.reports.selectors``), so a published report follows later corrections.
    """

    class Kind(models.TextChoices):
        SESSION = "session", _("Verslag van een bijeenkomst")
        SUMMARY = "summary", _("Samenvatting van het traject")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="reports")
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.SESSION)
    introduction = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Gewone tekst. Een lege regel begint een nieuwe alinea."),
    )
    conclusions = models.TextField(
        _("conclusies"),
        blank=True,
        help_text=_(
            "Wat nemen jullie mee naar de volgende bijeenkomst? Een lege regel begint "
            "een nieuwe alinea."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gepubliceerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        ordering = ["trajectory", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(kind="session"),
                name="one_report_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["trajectory"],
                condition=Q(kind="summary"),
                name="one_summary_per_trajectory",
            ),
            models.CheckConstraint(
                condition=Q(kind="session", meeting__isnull=False)
                | Q(kind="summary", meeting__isnull=True),
                name="report_kind_matches_meeting",
            ),
        ]

    def __str__(self):
        if self.meeting_id:
            return str(self.meeting)
        return str(self.get_kind_display())

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class ManagerUpdate(models.Model):
    """One managers' update that was sent by e-mail.

    ``key`` names what the update was for ("session-12", "month-2030-03", "quarter-2030-1",
    "end", or "manual-..." when the project team pressed Verstuur). The row is inserted before
    the mail goes out and the unique constraint lets only one run insert it, so running the
    daily command twice sends nothing twice.
    """

    class Reason(models.TextChoices):
        MANUAL = "manual", _("Door het projectteam verstuurd")
        EVERY_SESSION = "every_session", _("Na een bijeenkomst")
        MONTHLY = "monthly", _("Maandelijks")
        QUARTERLY = "quarterly", _("Elk kwartaal")
        AT_END = "at_end", _("Aan het einde")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="manager_updates"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="manager_updates")
    key = models.CharField(max_length=60)
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)
    email = models.EmailField(_("verstuurd naar"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bericht aan een leidinggevende")
        verbose_name_plural = _("berichten aan leidinggevenden")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_manager_update_per_key")
        ]

    def __str__(self):
        return f"{self.person} {self.key}"
