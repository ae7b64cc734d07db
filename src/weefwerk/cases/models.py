"""Cases (casuïstiek) of a trajectory, the group discussions of a case, the links from
"whom do you need" to the network map, and the record of privacy confirmations.

Privacy confirmations store no text. When an author confirms that a finding of the privacy
scanner is not personal data, the author may be wrong: a copy of the matched text in a log would
then be a second copy of a family's data that nobody sees or deletes. So a confirmation keeps the
kind, the position and length of the match, and two keyed hashes (HMAC-SHA256 with the
instance's ``SECRET_KEY``): one of the matched text, one of the whole field text. A plain SHA-256
would not do: there are only about 10^8 valid BSNs, so a plain hash of one is reversed by trying
them all; without the key that is impossible. The hash of the whole field text binds the
confirmation to the exact text: when the text changes, the scanner runs again and every finding
must be confirmed again. When the key changes, old confirmations simply no longer match and
authors are asked again - the safe side.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weefwerk.networkmap.models import Element
from weefwerk.trajectories.models import Domain, Meeting, Trajectory


class Case(models.Model):
    """A case description, anonymised, used in the case discussions of step 2 and 3."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(
        _("titel"),
        max_length=200,
        help_text=_("Een korte titel, zonder namen. Bijvoorbeeld: ‘Moeder met drie banen’."),
    )
    description = models.TextField(
        _("beschrijving"),
        help_text=_(
            "Wat speelt er in het gezin? Schrijf ‘de moeder’ of ‘het kind (8)’ in plaats van "
            "namen. Laat adressen, geboortedata, telefoonnummers en andere nummers weg."
        ),
    )
    domains = models.ManyToManyField(
        Domain,
        verbose_name=_("domeinen die meespelen"),
        blank=True,
        related_name="cases",
    )
    is_example = models.BooleanField(_("voorbeeldcasus"), default=False)
    # The key of the built-in example this case was copied from.
    example_key = models.CharField(max_length=60, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title


# The six case questions of step 3, in the playbook's order: field name -> question.
CASE_QUESTIONS = (
    ("child_needs", _("Wat is de behoefte van het kind?")),
    ("own_role", _("Wat is jouw rol in deze casus?")),
    ("obstacles", _("Waar loop je tegenaan?")),
    ("proud_of", _("Waar ben je trots op?")),
    ("missing", _("Wat ontbreekt er?")),
    ("needed", _("Wie heb je daarbij nog meer nodig?")),
)


class CaseDiscussion(models.Model):
    """What one group answered to the case questions, in a session or on its own."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_discussions",
    )
    group_label = models.CharField(
        _("groep"),
        max_length=100,
        help_text=_("Bijvoorbeeld ‘Groep 1’ of ‘Tafel bij het raam’."),
    )
    child_needs = models.TextField(CASE_QUESTIONS[0][1], blank=True)
    own_role = models.TextField(CASE_QUESTIONS[1][1], blank=True)
    obstacles = models.TextField(CASE_QUESTIONS[2][1], blank=True)
    proud_of = models.TextField(CASE_QUESTIONS[3][1], blank=True)
    missing = models.TextField(CASE_QUESTIONS[4][1], blank=True)
    needed = models.TextField(
        CASE_QUESTIONS[5][1],
        blank=True,
        help_text=_("Eén partij per regel. Daarna kun je ze koppelen aan de netwerkkaart."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casusbespreking")
        verbose_name_plural = _("casusbesprekingen")
        ordering = ["case", "group_label", "pk"]

    def __str__(self):
        return f"{self.case} – {self.group_label}"

    @property
    def trajectory(self):
        return self.case.trajectory

    def answers(self) -> list[tuple[str, str, str]]:
        """(field name, question, answer) for each of the six questions."""
        return [(name, str(question), getattr(self, name)) for name, question in CASE_QUESTIONS]


class NeededParty(models.Model):
    """One line of a discussion's "whom do you need" answer, linked to a network element.

    A line without a row here is not linked yet. The row keeps the line as written; when the
    answer no longer has that line, the row is removed when the discussion is saved.
    """

    discussion = models.ForeignKey(
        CaseDiscussion, on_delete=models.CASCADE, related_name="needed_parties"
    )
    line = models.CharField(_("regel"), max_length=300)
    element = models.ForeignKey(
        Element,
        verbose_name=_("element op de netwerkkaart"),
        on_delete=models.CASCADE,
        related_name="needed_by",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gekoppelde partij")
        verbose_name_plural = _("gekoppelde partijen")
        ordering = ["discussion", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["discussion", "line"], name="one_link_per_needed_line")
        ]

    def __str__(self):
        return f"{self.line} → {self.element}"


class PrivacyConfirmation(models.Model):
    """An author's statement that one finding of the privacy scanner is not personal data.

    Exactly one of ``case`` and ``discussion`` is set. No text is stored: see the module's
    docstring for why and how the hashes work.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="privacy_confirmations"
    )
    discussion = models.ForeignKey(
        CaseDiscussion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="privacy_confirmations",
    )
    field_name = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)
    start = models.PositiveIntegerField()
    length = models.PositiveIntegerField()
    match_hash = models.CharField(max_length=64)
    text_hash = models.CharField(max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bevestiging: geen persoonsgegeven")
        verbose_name_plural = _("bevestigingen: geen persoonsgegeven")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(case__isnull=False, discussion__isnull=True)
                    | models.Q(case__isnull=True, discussion__isnull=False)
                ),
                name="confirmation_for_case_or_discussion",
            )
        ]

    def __str__(self):
        return f"{self.field_name}: {self.kind} ({self.length})"
