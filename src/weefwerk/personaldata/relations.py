"""Where personal data live: every relation to a Person or to a user account, found from
Django's ``_meta``, and what the download and the erasure do with each of them.

A new model with a foreign key or many-to-many to Person (or to the user model) must be added
to ``PERSON_RELATIONS`` (or ``USER_RELATIONS``): a test fails until it is, so that nobody adds
personal data that the download leaves out or the erasure leaves behind.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

# What the erasure does with the rows of a relation.
DELETE = "delete"  # the rows are about the person: removed
UNLINK = "unlink"  # the rows are about something else: kept, without the link to the person
NOTES = "notes"  # texts the person wrote for the group: kept anonymous if they agree, or removed
MEMBERSHIP = "membership"  # access to the trajectory: removed on request, kept by retention
ACCOUNT = "account"  # belongs to the account: removed when the account is deactivated
KEEP = "keep"  # kept as it is (the audit log, Django's admin log); holds no name or text
SELF = "self"  # the person record itself


@dataclass(frozen=True)
class Relation:
    """Rows of ``model`` whose ``lookup`` equals the person (or user)."""

    model_label: str  # "app_label.ModelName"
    lookup: str  # "person", "participant__person", ...
    handling: str
    title: str

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def key(self) -> str:
        return f"{self.model_label}.{self.lookup}"

    @property
    def is_many_to_many(self) -> bool:
        if "__" in self.lookup:
            return False
        return self.model._meta.get_field(self.lookup).many_to_many


def _r(label, lookup, handling, title):
    return Relation(label, lookup, handling, title)


# Every relation to Person; the key is "app_label.ModelName.field" as found by _meta.
PERSON_RELATIONS: dict[str, Relation] = {
    r.key: r
    for r in [
        _r("planning.HomeworkAnswer", "person", DELETE, _("Antwoorden op huiswerk")),
        _r("grouping.Attendance", "person", DELETE, _("Aanwezigheid")),
        _r("grouping.Attendance", "replaced_by", UNLINK, _("Aanwezigheid als vervanger")),
        _r("grouping.Encounter", "person_a", DELETE, _("Kennismakingen")),
        _r("grouping.Encounter", "person_b", DELETE, _("Kennismakingen (andersom vastgelegd)")),
        _r("grouping.GroupMember", "person", DELETE, _("Groepen")),
        _r(
            "networkmap.Element",
            "person",
            DELETE,
            _("Netwerkkaart: elementen die voor de persoon staan"),
        ),
        _r("networkmap.Element", "reported_by", UNLINK, _("Netwerkkaart: gemelde elementen")),
        _r(
            "networkmap.Connection",
            "reported_by",
            UNLINK,
            _("Netwerkkaart: gemelde verbindingen"),
        ),
        _r("workshop.Participant", "person", DELETE, _("Deelname aan live sessies")),
        _r("workshop.Note", "person", NOTES, _("Notities (stickies)")),
        _r("actions.ChangeWish", "raised_by", UNLINK, _("Ingebrachte veranderwensen")),
        _r("actions.ChangeWish", "owners", UNLINK, _("Veranderwensen als eigenaar")),
        _r("actions.WishVote", "person", DELETE, _("Stemmen op veranderwensen")),
        _r("actions.Agreement", "owners", UNLINK, _("Afspraken als trekker")),
        _r("actions.Commitment", "person", DELETE, _("Toezeggingen bij afspraken")),
        _r("actions.ActionUpdate", "person", NOTES, _("Gemelde voortgang")),
        _r("actions.SentReminder", "person", DELETE, _("Verstuurde herinneringen")),
        _r("reports.ManagerUpdate", "person", DELETE, _("Berichten als leidinggevende")),
    ]
}

# Rows that reach the person through another row (a live-session participant).
INDIRECT_PERSON_RELATIONS: list[Relation] = [
    _r("workshop.Note", "participant__person", NOTES, _("Notities vanaf de telefoon")),
    _r("workshop.Vote", "participant__person", DELETE, _("Stippen bij het stemmen")),
    _r("workshop.Photo", "participant__person", UNLINK, _("Geüploade foto's")),
]

# Every relation to the user model.
USER_RELATIONS: dict[str, Relation] = {
    r.key: r
    for r in [
        _r("people.Person", "user", SELF, _("Personen die bij dit account horen")),
        _r("trajectories.Membership", "user", MEMBERSHIP, _("Toegang tot trajecten")),
        _r("admin.LogEntry", "user", KEEP, _("Wijzigingen in het beheer")),
        _r("otp_totp.TOTPDevice", "user", ACCOUNT, _("Tweestapsverificatie (app)")),
        _r("otp_static.StaticDevice", "user", ACCOUNT, _("Tweestapsverificatie (reservecodes)")),
        _r("people.ImportBatch", "created_by", DELETE, _("Imports van personen")),
        _r("networkmap.ImportBatch", "created_by", DELETE, _("Imports van de netwerkkaart")),
        _r("planning.ChecklistMark", "marked_by", UNLINK, _("Afgevinkt in de checklist")),
        _r("cases.Case", "created_by", UNLINK, _("Geschreven casussen")),
        _r("cases.CaseDiscussion", "created_by", UNLINK, _("Vastgelegde casusbesprekingen")),
        _r("cases.NeededParty", "created_by", UNLINK, _("Genoteerde gemiste partijen")),
        _r(
            "cases.PrivacyConfirmation",
            "confirmed_by",
            UNLINK,
            _("Bevestigde privacycontroles"),
        ),
        _r("workshop.Note", "typed_by", UNLINK, _("Notities getypt voor anderen")),
        _r("workshop.Photo", "uploaded_by", UNLINK, _("Geüploade foto's")),
        _r("reports.ManagerUpdate", "sent_by", UNLINK, _("Berichten aan leidinggevenden")),
        _r("reports.Report", "published_by", UNLINK, _("Gepubliceerde verslagen")),
        _r("personaldata.AuditEntry", "user", KEEP, _("Logboek: eigen handelingen")),
    ]
}


def relations_to(target: type[models.Model]) -> list[str]:
    """Keys ("app_label.ModelName.field") of every foreign key, one-to-one and many-to-many
    field, in every installed model, that points at ``target``."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            pointing = field.is_relation and not field.auto_created
            if (
                pointing
                and field.related_model is target
                and (field.concrete or field.many_to_many)
            ):
                found.append(f"{model._meta.label}.{field.name}")
    return sorted(found)


def person_relations() -> list[Relation]:
    """Every relation to Person, direct ones first; unknown ones fail loudly."""
    from weefwerk.people.models import Person

    return _known(relations_to(Person), PERSON_RELATIONS) + INDIRECT_PERSON_RELATIONS


def user_relations() -> list[Relation]:
    return _known(relations_to(get_user_model()), USER_RELATIONS)


class UnknownRelationError(LookupError):
    """A model points at Person or at the user model and nobody decided what happens to it."""


def _known(keys: list[str], table: dict[str, Relation]) -> list[Relation]:
    missing = [key for key in keys if key not in table]
    if missing:
        raise UnknownRelationError(
            "Add these to weefwerk.personaldata.relations: " + ", ".join(missing)
        )
    return [table[key] for key in keys]


# ------------------------------------------------------------------------------------------
# Which rows belong to a trajectory


@cache
def trajectory_path(model: type[models.Model]) -> str | None:
    """The lookup from ``model`` to its Trajectory through required foreign keys
    ("meeting__trajectory"), "pk" for Trajectory itself, or None when there is none."""
    from weefwerk.trajectories.models import Trajectory

    if model is Trajectory:
        return "pk"
    queue = deque([(model, "")])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.concrete_fields:
            if not field.is_relation or field.null or field.related_model is None:
                continue
            lookup = f"{path}__{field.name}" if path else field.name
            if field.related_model is Trajectory:
                return lookup
            if field.related_model not in seen and lookup.count("__") < 6:
                seen.add(field.related_model)
                queue.append((field.related_model, lookup))
    return None


def text_fields(model: type[models.Model]) -> list[models.Field]:
    """Fields that can hold a name or an e-mail address: text, e-mail and JSON columns."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.choices
        and not field.primary_key
    ]
