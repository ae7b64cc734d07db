"""The audit log of who viewed and changed personal data. Kept six months (apply_retention).

An entry never holds a secret, a password, a token, a name, an e-mail address or the text of
a note or case: only what happened, to which kind of object (with its id) and a short
description that names fields or counts, never values.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weefwerk.trajectories.models import Trajectory


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEWED = "viewed", _("bekeken")
        CREATED = "created", _("aangemaakt")
        CHANGED = "changed", _("gewijzigd")
        DELETED = "deleted", _("verwijderd")
        IMPORTED = "imported", _("geïmporteerd")
        EXPORTED = "exported", _("geëxporteerd")
        DOWNLOADED = "downloaded", _("gedownload")
        ERASED = "erased", _("gewist op verzoek")
        ANONYMISED = "anonymised", _("geanonimiseerd")
        RETENTION = "retention", _("bewaartermijn toegepast")
        RESTORED = "restored", _("teruggezet")

    class Result(models.TextChoices):
        OK = "ok", _("gelukt")
        DENIED = "denied", _("geweigerd")
        FAILED = "failed", _("mislukt")

    created_at = models.DateTimeField(_("wanneer"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept when the trajectory is deleted: the deletion itself is worth a line.
    trajectory = models.ForeignKey(
        Trajectory,
        verbose_name=_("traject"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    action = models.CharField(_("handeling"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("soort gegevens"), max_length=60, blank=True)
    object_id = models.CharField(_("nummer"), max_length=40, blank=True)
    description = models.CharField(_("toelichting"), max_length=200, blank=True)
    result = models.CharField(
        _("resultaat"), max_length=10, choices=Result.choices, default=Result.OK
    )

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek persoonsgegevens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["trajectory", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    @property
    def object_label(self) -> str:
        """The kind of object in words ("persoon"), or its technical name when unknown."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type
