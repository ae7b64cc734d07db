"""Writes about cases: save with the privacy confirmations, copy an example, and link the
"whom do you need" answers to the network map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weefwerk.cases.models import Case, CaseDiscussion, NeededParty, PrivacyConfirmation
from weefwerk.cases.selectors import needed_lines, normalise
from weefwerk.engine.privacy import scan
from weefwerk.networkmap.models import Element, ElementKind, Status
from weefwerk.networkmap.services import element_create

EXAMPLES_FILE = Path(__file__).parent / "data" / "example_cases.json"


# --- example cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleCase:
    key: str
    title: str
    description: str
    domains: tuple[str, ...]


@cache
def example_cases() -> dict[str, ExampleCase]:
    """The built-in example cases, by key, in the order of the data file."""
    data = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return {
        item["key"]: ExampleCase(
            item["key"], item["title"], item["description"], tuple(item.get("domains", ()))
        )
        for item in data["cases"]
    }


@transaction.atomic
def example_case_copy(*, trajectory, key: str, user=None) -> Case:
    """Copy a built-in example case into the trajectory; domains are matched by name."""
    example = example_cases().get(key)
    if example is None:
        raise ValidationError(_("Deze voorbeeldcasus bestaat niet."), code="unknown_example")
    case = Case(
        trajectory=trajectory,
        title=example.title,
        description=example.description,
        is_example=True,
        example_key=example.key,
        created_by=user,
    )
    case.full_clean()
    case.save()
    wanted = {normalise(name) for name in example.domains}
    case.domains.set([d for d in trajectory.domains.all() if normalise(d.name) in wanted])
    return case


# --- cases and discussions with their privacy confirmations ---------------------------------


def _set_fields(instance, fields: dict) -> None:
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def _record_confirmations(*, case=None, discussion=None, rows=(), user=None) -> None:
    PrivacyConfirmation.objects.bulk_create(
        PrivacyConfirmation(case=case, discussion=discussion, confirmed_by=user, **row)
        for row in rows
    )


@transaction.atomic
def case_save(case: Case, *, user=None, domains=None, confirmations=(), **fields) -> Case:
    """Create or update a case. ``confirmations`` are rows from
    :func:`weefwerk.cases.privacy.confirmation_rows`: the findings the author confirmed."""
    if case.pk is None:
        case.created_by = user
    _set_fields(case, fields)
    if domains is not None:
        case.domains.set(domains)
    _record_confirmations(case=case, rows=confirmations, user=user)
    return case


def case_delete(case: Case) -> None:
    case.delete()  # discussions, links and confirmations go with it


@transaction.atomic
def discussion_save(
    discussion: CaseDiscussion, *, user=None, confirmations=(), **fields
) -> CaseDiscussion:
    """Create or update a discussion; links of lines that left the "whom" answer go away."""
    if discussion.pk is None:
        discussion.created_by = user
    _set_fields(discussion, fields)
    keep = {normalise(line) for line in needed_lines(discussion.needed)}
    for party in discussion.needed_parties.all():
        if normalise(party.line) not in keep:
            party.delete()
    _record_confirmations(discussion=discussion, rows=confirmations, user=user)
    return discussion


def discussion_delete(discussion: CaseDiscussion) -> None:
    discussion.delete()


# --- "whom do you need" -> the network map ---------------------------------------------------


def _current_line(discussion: CaseDiscussion, line: str) -> str:
    """The line as it stands in the answer; ValidationError when the answer has no such line."""
    for current in needed_lines(discussion.needed):
        if normalise(current) == normalise(line):
            return current
    raise ValidationError(
        _("Deze regel staat niet (meer) in het antwoord op ‘Wie heb je nog meer nodig?’."),
        code="unknown_line",
    )


@transaction.atomic
def needed_party_link(
    *, discussion: CaseDiscussion, line: str, element: Element, user=None
) -> NeededParty:
    """Link a line of the "whom do you need" answer to an element of the trajectory's map."""
    line = _current_line(discussion, line)
    if element.trajectory_id != discussion.case.trajectory_id:
        raise ValidationError(_("Dit element hoort niet bij dit traject."), code="other_trajectory")
    existing = [p for p in discussion.needed_parties.all() if normalise(p.line) == normalise(line)]
    if existing:
        party = existing[0]
        party.line, party.element, party.created_by = line, element, user
        party.save()
        return party
    return NeededParty.objects.create(
        discussion=discussion, line=line, element=element, created_by=user
    )


@transaction.atomic
def needed_party_add_wanted(
    *, discussion: CaseDiscussion, line: str, kind: str, label: str = "", user=None
) -> tuple[NeededParty, bool]:
    """Put a line on the map as a wanted party (status "wanted"), and link it.

    An element with the same name already on the map is linked instead of adding a second one.
    Returns the link and whether a new element was made.
    """
    line = _current_line(discussion, line)
    label = " ".join((label or line).split())
    if kind not in ElementKind.values:
        raise ValidationError(_("Kies een soort."), code="kind")
    if scan(label):
        raise ValidationError(
            _("In deze naam staat iets dat op een persoonsgegeven lijkt. Haal het weg."),
            code="privacy",
        )
    trajectory = discussion.case.trajectory
    element = next(
        (
            e
            for e in Element.objects.filter(trajectory=trajectory, label__iexact=label)
            if normalise(e.label) == normalise(label)
        ),
        None,
    )
    created = element is None
    if created:
        element = element_create(
            trajectory=trajectory,
            kind=kind,
            label=label,
            status=Status.WANTED,
            description=_("Gevraagd bij de casus „%(case)s” (%(group)s).")
            % {"case": discussion.case.title, "group": discussion.group_label},
        )
    return needed_party_link(discussion=discussion, line=line, element=element, user=user), created


def needed_party_unlink(*, discussion: CaseDiscussion, line: str) -> None:
    """Remove the link of a line; the element stays on the map."""
    discussion.needed_parties.filter(
        pk__in=[
            p.pk for p in discussion.needed_parties.all() if normalise(p.line) == normalise(line)
        ]
    ).delete()
