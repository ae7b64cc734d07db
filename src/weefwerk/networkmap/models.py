"""The network of a trajectory.

Elements (organisations, persons, consultation tables, programmes, informal networks) and the
connections between them belong to the trajectory. A consultation table's members are its
"takes part in" connections, each with a role. Maps are views with their own positions;
snapshots freeze the whole network at a moment.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.models import Domain, Meeting, Trajectory


class ElementKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisatie")
    PERSON = "person", _("Persoon")
    TABLE = "table", _("Overleg")
    PROGRAMME = "programme", _("Programma of project")
    INFORMAL = "informal", _("Informeel netwerk")


# Kinds that have members (first-class groups).
GROUP_KINDS = frozenset({ElementKind.TABLE, ElementKind.PROGRAMME})


class Status(models.TextChoices):
    ACTIVE = "active", _("Op de kaart")
    PROPOSED = "proposed", _("Voorgesteld, nog niet beoordeeld")
    WANTED = "wanted", _("Gewenst, nog niet in het netwerk")


class Element(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_elements"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ElementKind.choices)
    label = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    domains = models.ManyToManyField(
        Domain, verbose_name=_("domeinen"), blank=True, related_name="network_elements"
    )
    tags = models.JSONField(_("labels"), default=list, blank=True)
    custom_fields = models.JSONField(_("eigen velden"), default=dict, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie in het traject"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_elements",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("persoon in het traject"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_elements",
    )
    rhythm = models.CharField(
        _("hoe vaak komt het bijeen"),
        max_length=100,
        blank=True,
        help_text=_("Voor overleggen en programma's, bijvoorbeeld ‘elke maand’."),
    )
    missing_note = models.TextField(
        _("wat ontbreekt er"),
        blank=True,
        help_text=_("Wie of wat mist er aan deze tafel?"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    reported_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Confirmed as a webber by the project team (the analysis page ranks candidates).
    confirmed_webber = models.BooleanField(_("bevestigde webber"), default=False)
    # The id the element had in an imported file, to match a later import onto it.
    external_id = models.CharField(max_length=200, blank=True)
    # The type as an imported file named it when it is not one of ours ("Company", or "" for
    # none): written back on export so a round trip keeps it. None: export our own kind name.
    # Cleared when someone changes the kind.
    kind_in_file = models.CharField(max_length=200, null=True, blank=True)
    # What an imported file had that has no field here (image, e-mail, url, format extras).
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("element")
        verbose_name_plural = _("elementen")
        ordering = ["label"]
        indexes = [models.Index(fields=["trajectory", "kind"])]

    def __str__(self):
        return self.label

    @property
    def is_group(self) -> bool:
        return self.kind in GROUP_KINDS


class ConnectionKind(models.TextChoices):
    TAKES_PART_IN = "takes_part_in", _("neemt deel aan")
    WORKS_WITH = "works_with", _("werkt samen met")
    REFERS_TO = "refers_to", _("verwijst naar")
    CALLS_WHEN_STUCK = "calls_when_stuck", _("belt als hij of zij vastloopt")
    FUNDS = "funds", _("financiert")
    CUSTOM = "custom", _("eigen soort")


class Direction(models.TextChoices):
    DIRECTED = "directed", _("één kant op")
    UNDIRECTED = "undirected", _("zonder richting")
    MUTUAL = "mutual", _("wederzijds")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("voorzitter")
    MEMBER = "member", _("lid")
    OCCASIONAL = "occasional", _("schuift soms aan")


class Connection(models.Model):
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_connections"
    )
    source = models.ForeignKey(
        Element, verbose_name=_("van"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        Element, verbose_name=_("naar"), on_delete=models.CASCADE, related_name="incoming"
    )
    kind = models.CharField(
        _("soort verbinding"),
        max_length=20,
        choices=ConnectionKind.choices,
        default=ConnectionKind.WORKS_WITH,
    )
    custom_kind = models.CharField(
        _("eigen soort"),
        max_length=100,
        blank=True,
        help_text=_("Alleen bij ‘eigen soort’: hoe heet deze verbinding?"),
    )
    direction = models.CharField(
        _("richting"), max_length=20, choices=Direction.choices, default=Direction.DIRECTED
    )
    strength = models.PositiveSmallIntegerField(
        _("sterkte"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("1 = los contact, 2 = regelmatig, 3 = nauw samen."),
    )
    role = models.CharField(
        _("rol aan tafel"),
        max_length=20,
        choices=MemberRole.choices,
        blank=True,
        help_text=_("Bij ‘neemt deel aan’ een overleg of programma."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    tags = models.JSONField(_("labels"), default=list, blank=True)
    custom_fields = models.JSONField(_("eigen velden"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    reported_by = models.ForeignKey(
        Person,
        verbose_name=_("gemeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_connections",
    )
    external_id = models.CharField(max_length=200, blank=True)
    # What an imported file had that has no field here (label, a strength outside 1-3, ...).
    extra = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("verbinding")
        verbose_name_plural = _("verbindingen")
        ordering = ["source__label", "target__label"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="no_connection_to_itself"
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"

    @property
    def kind_label(self) -> str:
        return self.custom_kind if self.kind == ConnectionKind.CUSTOM else self.get_kind_display()


class NetworkMap(models.Model):
    """A view of the network with its own positions (KUMU calls these maps)."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_maps"
    )
    name = models.CharField(_("naam"), max_length=200, default="Netwerkkaart")
    settings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Position(models.Model):
    map = models.ForeignKey(NetworkMap, on_delete=models.CASCADE, related_name="positions")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="positions")
    x = models.FloatField()
    y = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["map", "element"], name="one_position_per_map")
        ]

    def __str__(self):
        return f"{self.element} ({self.x:.0f}, {self.y:.0f})"


class Snapshot(models.Model):
    """The network frozen at a moment: elements, connections and positions as plain data."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_snapshots"
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="snapshots"
    )
    name = models.CharField(_("naam"), max_length=200)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    """A network file that was read and checked, kept between the preview and the confirmation.

    ``network`` is the engine's :class:`~weefwerk.engine.interchange.Network` as plain JSON.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        DONE = "done", _("geïmporteerd")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="network_import_batches"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_import_batches"
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    format = models.CharField(_("formaat"), max_length=40, blank=True)
    network = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import van een netwerk")
        verbose_name_plural = _("imports van netwerken")
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename
