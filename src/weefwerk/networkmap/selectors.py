"""Reads about the network that views, the map and reports share."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.core import signing
from django.db.models import Count, Q
from django.urls import reverse

from weefwerk.networkmap.models import (
    GROUP_KINDS,
    Connection,
    ConnectionKind,
    Element,
    ElementKind,
    Position,
    Snapshot,
    Status,
)
from weefwerk.people.models import Person

# --------------------------------------------------------------------------------------------
# Lists with filters and sorting


ELEMENT_SORTS = {
    "naam": ("label",),
    "soort": ("kind", "label"),
    "status": ("status", "label"),
    "verbindingen": ("ties", "label"),
    "gewijzigd": ("updated_at",),
}
CONNECTION_SORTS = {
    "van": ("source__label", "target__label"),
    "naar": ("target__label", "source__label"),
    "soort": ("kind", "custom_kind", "source__label"),
    "sterkte": ("strength", "source__label"),
    "status": ("status", "source__label"),
}


def sort_order(sort: str, sorts: dict, default: str) -> tuple[str, bool, list[str]]:
    """The sort key, whether it is descending, and the order_by fields; ``-key`` descends."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in sorts:
        key, descending = default, False
    fields = [f"-{name}" if descending else name for name in sorts[key]]
    return key, descending, fields


def all_tags(trajectory) -> list[str]:
    tags: set[str] = set()
    for row in Element.objects.filter(trajectory=trajectory).values_list("tags", flat=True):
        tags.update(tag for tag in row or [] if isinstance(tag, str))
    return sorted(tags, key=str.lower)


def elements_search(
    trajectory, *, q="", kind="", domain=None, tag="", status="", sort="naam"
) -> tuple[list[Element], str, bool]:
    elements = (
        Element.objects.filter(trajectory=trajectory)
        .annotate(ties=Count("outgoing", distinct=True) + Count("incoming", distinct=True))
        .prefetch_related("domains")
        .select_related("organisation", "person", "reported_by")
    )
    if q:
        elements = elements.filter(
            Q(label__icontains=q) | Q(description__icontains=q) | Q(missing_note__icontains=q)
        )
    if kind:
        elements = elements.filter(kind=kind)
    if domain:
        elements = elements.filter(domains=domain)
    if status:
        elements = elements.filter(status=status)
    key, descending, order = sort_order(sort, ELEMENT_SORTS, "naam")
    found = list(elements.order_by(*order, "pk"))
    if tag:  # JSON "contains" is not on SQLite; the lists are small
        found = [e for e in found if tag in (e.tags or [])]
    return found, key, descending


def connections_search(
    trajectory, *, q="", kind="", status="", element=None, sort="van"
) -> tuple[list[Connection], str, bool]:
    connections = Connection.objects.filter(trajectory=trajectory).select_related(
        "source", "target", "reported_by"
    )
    if q:
        connections = connections.filter(
            Q(source__label__icontains=q)
            | Q(target__label__icontains=q)
            | Q(note__icontains=q)
            | Q(custom_kind__icontains=q)
        )
    if kind:
        connections = connections.filter(kind=kind)
    if status:
        connections = connections.filter(status=status)
    if element:
        connections = connections.filter(Q(source=element) | Q(target=element))
    key, descending, order = sort_order(sort, CONNECTION_SORTS, "van")
    return list(connections.order_by(*order, "pk")), key, descending


# --------------------------------------------------------------------------------------------
# Consultation tables and programmes with their members


def members_of(group: Element) -> list[Connection]:
    return list(
        group.incoming.filter(kind=ConnectionKind.TAKES_PART_IN)
        .select_related("source", "reported_by")
        .order_by("role", "source__label")
    )


def groups_with_members(trajectory, kind: str = "") -> list[Element]:
    """Tables and programmes, each with ``members`` (the "takes part in" ties into it)."""
    kinds = [kind] if kind in GROUP_KINDS else list(GROUP_KINDS)
    groups = list(
        Element.objects.filter(trajectory=trajectory, kind__in=kinds)
        .prefetch_related("domains")
        .order_by("kind", "label")
    )
    members = defaultdict(list)
    ties = (
        Connection.objects.filter(target__in=groups, kind=ConnectionKind.TAKES_PART_IN)
        .select_related("source")
        .order_by("role", "source__label")
    )
    for tie in ties:
        members[tie.target_id].append(tie)
    for group in groups:
        group.members = members[group.pk]
    return groups


def member_candidates(group: Element):
    """Elements that can join the group: everything except the group itself."""
    return (
        Element.objects.filter(trajectory_id=group.trajectory_id)
        .exclude(pk=group.pk)
        .order_by("kind", "label")
    )


# --------------------------------------------------------------------------------------------
# The organisation-level view


@dataclass
class _Tie:
    weight: int = 0
    affiliations: int = 0
    shared_groups: int = 0
    direct: int = 0


def organisation_projection(trajectory, *, include_proposed: bool = False) -> dict:
    """Organisation-to-organisation ties, for a view with only organisations.

    Two organisations are tied when (a) their own elements are connected, (b) a person who
    belongs to one (through the person record or a "werkt bij" tie) is connected to the other,
    or to a person of the other, or (c) both sit at the same consultation table or programme
    (directly or through one of their people). The weight counts these reasons.

    Returns ``{"nodes": [{"id", "label", "kind"}], "edges": [{"source", "target", "weight",
    "direct", "people", "shared_groups"}]}`` with element ids; sources are the lower id.
    """
    from weefwerk.networkmap.services import AFFILIATION_KIND

    elements = Element.objects.filter(trajectory=trajectory)
    connections = Connection.objects.filter(trajectory=trajectory)
    if not include_proposed:
        elements = elements.filter(status=Status.ACTIVE)
        connections = connections.filter(status=Status.ACTIVE)
    elements = list(elements)
    by_id = {e.pk: e for e in elements}
    org_kinds = {ElementKind.ORGANISATION, ElementKind.INFORMAL}
    organisations = {e.pk for e in elements if e.kind in org_kinds}
    org_by_record = {
        e.organisation_id: e.pk for e in elements if e.organisation_id and e.pk in organisations
    }

    # Which organisations each element stands for.
    belongs: dict[int, set[int]] = defaultdict(set)
    for pk in organisations:
        belongs[pk].add(pk)
    person_records = {e.person_id: e.pk for e in elements if e.person_id}
    records = Person.objects.filter(pk__in=list(person_records)).values_list(
        "pk", "organisation_id"
    )
    for person_id, organisation_id in records:
        if organisation_id in org_by_record:
            belongs[person_records[person_id]].add(org_by_record[organisation_id])
    connections = [c for c in connections if c.source_id in by_id and c.target_id in by_id]
    for c in connections:
        affiliation = c.kind == ConnectionKind.CUSTOM and c.custom_kind == AFFILIATION_KIND
        if affiliation and c.target_id in organisations and c.source_id not in organisations:
            belongs[c.source_id].add(c.target_id)

    ties: dict[tuple[int, int], _Tie] = defaultdict(_Tie)

    def tie(a: int, b: int, reason: str):
        if a == b:
            return
        key = (min(a, b), max(a, b))
        entry = ties[key]
        entry.weight += 1
        setattr(entry, reason, getattr(entry, reason) + 1)

    group_members: dict[int, set[int]] = defaultdict(set)
    for c in connections:
        if c.kind == ConnectionKind.CUSTOM and c.custom_kind == AFFILIATION_KIND:
            continue
        target = by_id[c.target_id]
        if c.kind == ConnectionKind.TAKES_PART_IN and target.kind in GROUP_KINDS:
            group_members[target.pk].update(belongs.get(c.source_id, ()))
            continue
        for a in belongs.get(c.source_id, ()):
            for b in belongs.get(c.target_id, ()):
                direct = c.source_id in organisations and c.target_id in organisations
                tie(a, b, "direct" if direct else "affiliations")
    for members in group_members.values():
        for a, b in combinations(sorted(members), 2):
            tie(a, b, "shared_groups")
    used = {pk for key in ties for pk in key}
    nodes = [
        {"id": pk, "label": by_id[pk].label, "kind": by_id[pk].kind, "ties": 0}
        for pk in sorted(organisations, key=lambda pk: by_id[pk].label.lower())
    ]
    degree = Counter(pk for key in ties for pk in key)
    for node in nodes:
        node["ties"] = degree[node["id"]]
    edges = [
        {
            "source": a,
            "target": b,
            "source_label": by_id[a].label,
            "target_label": by_id[b].label,
            "weight": t.weight,
            "direct": t.direct,
            "people": t.affiliations,
            "shared_groups": t.shared_groups,
        }
        for (a, b), t in sorted(ties.items(), key=lambda item: (-item[1].weight, item[0]))
    ]
    return {"nodes": nodes, "edges": edges, "connected": len(used)}


# --------------------------------------------------------------------------------------------
# Snapshots


def network_state(trajectory) -> dict:
    """The network as plain data: what a snapshot stores."""
    from weefwerk.networkmap.services import default_map

    network_map = default_map(trajectory)
    elements = Element.objects.filter(trajectory=trajectory).prefetch_related("domains")
    connections = Connection.objects.filter(trajectory=trajectory).select_related(
        "source", "target"
    )
    positions = Position.objects.filter(map=network_map).values_list("element_id", "x", "y")
    return {
        "version": 1,
        "map": network_map.pk,
        "elements": [
            {
                "id": e.pk,
                "label": e.label,
                "kind": e.kind,
                "kind_label": str(e.get_kind_display()),
                "status": e.status,
                "description": e.description,
                "domains": [d.name for d in e.domains.all()],
                "tags": list(e.tags or []),
                "rhythm": e.rhythm,
                "missing_note": e.missing_note,
                "organisation": e.organisation_id,
                "person": e.person_id,
            }
            for e in elements.order_by("label", "pk")
        ],
        "connections": [
            {
                "id": c.pk,
                "source": c.source_id,
                "target": c.target_id,
                "source_label": c.source.label,
                "target_label": c.target.label,
                "kind": c.kind,
                "custom_kind": c.custom_kind,
                "kind_label": str(c.kind_label),
                "direction": c.direction,
                "strength": c.strength,
                "role": c.role,
                "status": c.status,
                "note": c.note,
            }
            for c in connections.order_by("source__label", "target__label", "pk")
        ],
        "positions": {str(pk): [x, y] for pk, x, y in positions},
    }


def _connection_key(c: dict) -> tuple:
    return (c["source"], c["target"], c["kind"], c.get("custom_kind", ""))


def snapshot_compare(a: dict, b: dict) -> dict:
    """What changed from state ``a`` to state ``b``: elements by id, ties by ends and kind."""
    a_elements = {e["id"]: e for e in a.get("elements", [])}
    b_elements = {e["id"]: e for e in b.get("elements", [])}
    a_ties = {_connection_key(c): c for c in a.get("connections", [])}
    b_ties = {_connection_key(c): c for c in b.get("connections", [])}

    def element(e):
        return {"id": e["id"], "label": e["label"], "kind": e["kind"]}

    def connection(c):
        return {
            "id": c["id"],
            "source": c["source"],
            "target": c["target"],
            "source_label": c["source_label"],
            "target_label": c["target_label"],
            "kind": c["kind"],
            "kind_label": c.get("kind_label", c["kind"]),
        }

    return {
        "added_elements": [element(b_elements[k]) for k in b_elements if k not in a_elements],
        "removed_elements": [element(a_elements[k]) for k in a_elements if k not in b_elements],
        "added_connections": [connection(b_ties[k]) for k in b_ties if k not in a_ties],
        "removed_connections": [connection(a_ties[k]) for k in a_ties if k not in b_ties],
    }


def snapshot_or_now(trajectory, value) -> tuple[Snapshot | None, dict | None]:
    """A snapshot of the trajectory by id, or the network as it is now for ``nu``."""
    if value == "nu":
        return None, network_state(trajectory)
    try:
        snapshot = Snapshot.objects.filter(trajectory=trajectory, pk=int(value)).first()
    except (TypeError, ValueError):
        return None, None
    return snapshot, (snapshot.data if snapshot else None)


# --------------------------------------------------------------------------------------------
# Proposals and participants


def proposals(trajectory) -> tuple[list[Element], list[Connection]]:
    elements = list(
        Element.objects.filter(trajectory=trajectory, status=Status.PROPOSED)
        .select_related("reported_by")
        .order_by("label")
    )
    connections = list(
        Connection.objects.filter(trajectory=trajectory, status=Status.PROPOSED)
        .select_related("source", "target", "reported_by")
        .order_by("reported_by__name", "source__label", "target__label")
    )
    return elements, connections


PARTICIPANT_SALT = "weefwerk.networkmap.participant-form"


def participant_token(person) -> str:
    """The secret part of a person's link to their own part of the network. Signed."""
    return signing.dumps({"p": person.pk, "t": person.trajectory_id}, salt=PARTICIPANT_SALT)


def person_for_token(token: str):
    try:
        data = signing.loads(token, salt=PARTICIPANT_SALT)
        person_id, trajectory_id = int(data["p"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        Person.objects.select_related("trajectory", "organisation")
        .filter(pk=person_id, trajectory_id=trajectory_id)
        .first()
    )


def participant_url(person, build_absolute_uri) -> str:
    return build_absolute_uri(
        reverse("networkmap_public:participant", args=[participant_token(person)])
    )


def participant_answers(person, own: Element | None) -> list[Connection]:
    """What the person's element is tied to: their own proposals and what the team entered."""
    if own is None:
        return []
    return list(
        Connection.objects.filter(source=own)
        .select_related("target")
        .order_by("kind", "target__label")
    )


def choices_for(trajectory, kinds, exclude=None) -> list[str]:
    """Names offered in the phone form's lists: active elements of these kinds."""
    elements = Element.objects.filter(
        trajectory=trajectory, kind__in=list(kinds), status=Status.ACTIVE
    )
    if exclude is not None:
        elements = elements.exclude(pk=exclude.pk)
    return list(elements.order_by("label").values_list("label", flat=True).distinct())
