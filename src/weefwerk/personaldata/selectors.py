"""Reads: everything Weefwerk holds about a person or a user account, as plain data.

The download (AVG articles 15 and 20) is built from ``relations``: every model that points at
Person or at the user model is included, so a later model is included without a change here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.people.models import Person
from weefwerk.personaldata import relations
from weefwerk.personaldata.models import AuditEntry

FORMAT = "weefwerk-persoonsgegevens"
VERSION = 1

# Secrets and links that work without logging in never leave the server.
SECRET_FIELD = re.compile(r"(password|token|secret|key$|^key|hash|join_code)")


def documentation() -> dict:
    """What the keys of the JSON file mean; the same text is in the file itself."""
    return {
        "format": _("Altijd „%(format)s”: zo herkent een programma dit bestand.")
        % {"format": FORMAT},
        "version": _("Versie van de opbouw van dit bestand."),
        "created_at": _("Wanneer het bestand is gemaakt (ISO 8601, met tijdzone)."),
        "subject": _(
            "„person”: de gegevens van één persoon in één traject; „account”: alles van een "
            "account in alle trajecten."
        ),
        "account": _("Het account: e-mailadres, naam, wanneer aangemaakt en laatst ingelogd."),
        "memberships": _("De trajecten waar het account toegang toe heeft, met de rol."),
        "account_sections": _("Gegevens die aan het account hangen, niet aan een persoon."),
        "people": _("Per traject de persoon zoals die in Weefwerk staat, met alle onderdelen."),
        "people[].trajectory": _("Het traject: nummer, naam en gemeente."),
        "people[].person": _("De persoon zelf: naam, organisatie, domeinen, rollen, contact."),
        "sections": _(
            "Onderdelen: per soort gegevens een titel (title), het model (model), via welk veld "
            "het bij de persoon hoort (relation), de namen van de velden (fields) en de rijen "
            "(rows)."
        ),
        "rows": _(
            "Eén rij per gegeven. Een verwijzing staat als {id, name}; een lijst van "
            "verwijzingen als lijst daarvan. Datums in ISO 8601."
        ),
        "not_included": _(
            "Niet in dit bestand: wachtwoorden, geheime links en codes. De feedback na een "
            "bijeenkomst is anoniem en hoort bij niemand."
        ),
    }


def plain(value):
    """A value as JSON-friendly data."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return {"id": value.pk, "name": str(value)}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a file
        return value.name or ""
    return value


def public_fields(model: type[models.Model]) -> list[models.Field]:
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [f for f in fields if not SECRET_FIELD.search(f.name)]


def field_labels(model: type[models.Model]) -> dict[str, str]:
    return {f.name: str(f.verbose_name) for f in public_fields(model)}


def serialize(obj: models.Model) -> dict:
    """Every field that is not a secret; choices also as their label."""
    row = {}
    for field in public_fields(type(obj)):
        if field.many_to_many:
            row[field.name] = [plain(o) for o in getattr(obj, field.name).all()]
            continue
        value = getattr(obj, field.name)
        row[field.name] = plain(value)
        if field.choices and value not in (None, ""):
            row[f"{field.name}_label"] = str(getattr(obj, f"get_{field.name}_display")())
    return row


def rows_for(relation: relations.Relation, target) -> QuerySet:
    model = relation.model
    return model._base_manager.filter(**{relation.lookup: target}).order_by("pk").distinct()


def section(relation: relations.Relation, target) -> dict:
    model = relation.model
    return {
        "key": relation.key,
        "title": str(relation.title),
        "model": model._meta.label,
        "relation": relation.lookup,
        "fields": field_labels(model),
        "rows": [serialize(obj) for obj in rows_for(relation, target)],
    }


def person_record(person: Person) -> dict:
    record = serialize(person)
    record["role_labels"] = [str(label) for label in person.role_labels()]
    if person.organisation_id:
        record["organisation_domains"] = [d.name for d in person.organisation.domains.all()]
    return record


def person_part(person: Person) -> dict:
    trajectory = person.trajectory
    return {
        "trajectory": {
            "id": trajectory.pk,
            "name": trajectory.name,
            "municipality": trajectory.municipality,
        },
        "person": person_record(person),
        "person_fields": field_labels(Person),
        "sections": [section(r, person) for r in relations.person_relations()],
    }


def _envelope(subject: str) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": plain(timezone.now()),
        "subject": subject,
        "documentation": documentation(),
    }


def person_data(person: Person) -> dict:
    """Everything about one person in one trajectory, and about the account linked to them
    (only what belongs to that trajectory: the rest is the account holder's own business)."""
    data = _envelope("person")
    data["people"] = [person_part(person)]
    data["account_sections"] = []
    if person.user_id:
        data["account_sections"] = account_sections(person.user, trajectory=person.trajectory)
    return data


def people_of_user(user) -> QuerySet[Person]:
    """The people records that are this account: linked to it, or with its e-mail address
    (the account holder proved that address when choosing a password)."""
    match = Q(user=user)
    if user.email:
        match |= Q(email__iexact=user.email)
    return (
        Person.objects.filter(match)
        .select_related("trajectory", "organisation")
        .order_by("trajectory__name", "pk")
    )


def account_record(user) -> dict:
    User = get_user_model()
    wanted = ("email", "full_name", "date_joined", "last_login", "is_active")
    return {
        "id": user.pk,
        **{name: plain(getattr(user, name)) for name in wanted if hasattr(User, name)},
        "two_factor": bool(user.totpdevice_set.filter(confirmed=True).exists())
        if hasattr(user, "totpdevice_set")
        else False,
    }


def account_sections(user, trajectory=None) -> list[dict]:
    """Rows that point at the account, except its people (shown in full elsewhere) and
    secrets (second-factor devices are counted, never listed)."""
    result = []
    for relation in relations.user_relations():
        if relation.handling in (relations.SELF, relations.ACCOUNT):
            continue
        model = relation.model
        if model is AuditEntry:
            continue  # the audit log is described below, without the details of others
        qs = rows_for(relation, user)
        if trajectory is not None:
            path = relations.trajectory_path(model)
            if path is None:
                continue
            qs = qs.filter(**{path: trajectory})
        result.append(
            {
                "key": relation.key,
                "title": str(relation.title),
                "model": model._meta.label,
                "relation": relation.lookup,
                "fields": field_labels(model),
                "rows": [serialize(obj) for obj in qs],
            }
        )
    return result


def account_data(user) -> dict:
    """Everything about the logged-in user, in every trajectory."""
    data = _envelope("account")
    data["account"] = account_record(user)
    data["memberships"] = [
        {
            "trajectory": {"id": m.trajectory_id, "name": m.trajectory.name},
            "role": m.role,
            "role_label": m.get_role_display(),
            "created_at": plain(m.created_at),
        }
        for m in user.memberships.select_related("trajectory").order_by("trajectory__name")
    ]
    data["people"] = [person_part(p) for p in people_of_user(user)]
    data["account_sections"] = account_sections(user)
    return data


# ------------------------------------------------------------------------------------------
# Audit log


def audit_entries(trajectory, *, action: str = "", object_type: str = "", object_id: str = ""):
    entries = AuditEntry.objects.filter(trajectory=trajectory).select_related("user")
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    return entries.order_by("-created_at", "-pk")
