from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from weefwerk.trajectories.models import Domain, Trajectory


class Organisation(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("naam"), max_length=200)
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domeinen"), blank=True, related_name="organisations"
    )
    is_formal = models.BooleanField(
        _("formele organisatie"),
        default=True,
        help_text=_("Zet dit uit voor het informele netwerk, zoals een buurtinitiatief."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "trajectory", Lower("name"), name="unique_organisation_name_per_trajectory"
            )
        ]

    def __str__(self):
        return self.name


class InformChannel(models.TextChoices):
    EMAIL = "email", _("Per e-mail")
    MEETING = "meeting", _("In een gesprek")
    REPORT = "report", _("Via het verslag")
    PHONE = "phone", _("Telefonisch")


class InformFrequency(models.TextChoices):
    EVERY_SESSION = "every_session", _("Na elke bijeenkomst")
    MONTHLY = "monthly", _("Elke maand")
    QUARTERLY = "quarterly", _("Elk kwartaal")
    AT_END = "at_end", _("Aan het einde")


class Person(models.Model):
    """Someone who takes part in or around a trajectory. Need not have an account."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    function = models.CharField(_("functie"), max_length=200, blank=True)
    domains = models.ManyToManyField(
        Domain,
        verbose_name=_("eigen domeinen"),
        blank=True,
        related_name="people",
        help_text=_("Alleen invullen als ze anders zijn dan die van de organisatie."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    shares_contact = models.BooleanField(
        _("contactgegevens delen met de groep"),
        default=False,
        help_text=_("Alleen aanzetten als deze persoon daar toestemming voor gaf."),
    )
    is_fixed_participant = models.BooleanField(
        _("vaste deelnemer van de organisatie"), default=False
    )
    is_project_team = models.BooleanField(_("lid van het projectteam"), default=False)
    is_expert = models.BooleanField(_("ervaringsdeskundige"), default=False)
    expert_trained = models.BooleanField(_("opgeleid als ervaringsdeskundige"), default=False)
    is_manager = models.BooleanField(_("leidinggevende"), default=False)
    inform_channel = models.CharField(
        _("hoe op de hoogte houden"), max_length=20, choices=InformChannel.choices, blank=True
    )
    inform_frequency = models.CharField(
        _("hoe vaak op de hoogte houden"),
        max_length=20,
        choices=InformFrequency.choices,
        blank=True,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def role_labels(self) -> list[str]:
        labels = []
        if self.is_fixed_participant:
            labels.append(_("vaste deelnemer"))
        if self.is_project_team:
            labels.append(_("projectteam"))
        if self.is_expert:
            labels.append(
                _("ervaringsdeskundige (opgeleid)")
                if self.expert_trained
                else _("ervaringsdeskundige")
            )
        if self.is_manager:
            labels.append(_("leidinggevende"))
        return labels


class ImportBatch(models.Model):
    """A checked import file, kept between the preview and the confirmation."""

    class Kind(models.TextChoices):
        PEOPLE = "people", _("personen")
        ORGANISATIONS = "organisations", _("organisaties")
        BOTH = "both", _("personen en organisaties")

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        DONE = "done", _("geïmporteerd")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    rows = models.JSONField(_("rijen"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
