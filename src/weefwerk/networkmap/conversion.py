"""Between the trajectory's network (models) and the interchange engine's neutral ``Network``.

``to_network`` builds the engine's network from the models, for every export format. The other
direction is a plan and an apply: ``plan_network`` matches a file's elements and connections onto
what the trajectory already has (an element on its external id, then on label and kind; a
connection on its external id, then on its ends and kind) and says what would be added and
changed; ``weefwerk.networkmap.services.network_import`` applies such a plan, all or nothing.

Decisions about the mapping:

- An element's kind is written under our own fixed Dutch names (``KIND_NAMES``); reading maps
  those, our codes and common English and Dutch words back to a kind. Any other type
  ("Company") becomes an organisation and keeps the file's text in ``kind_in_file``, so that
  an export writes it back unchanged. Connection kinds work the same way, with an unknown type
  becoming our "own kind" (``custom``) with the text as its name.
- What only Weefwerk knows travels as custom fields with fixed names (``FIELD_*``): domains,
  status, rhythm and "what is missing" of an element; role and status of a connection. Only
  values that differ from the default are written, so a KUMU file stays clean.
- What Weefwerk has no field for is kept in ``extra`` and written back: an element's image,
  e-mail and URL, a connection's label, a strength that is not a whole number from 1 to 3, and
  the formats' own extras. Network name, description and field definitions live in the
  default map's ``settings["file"]``.
- Who reported a connection is never exported (personal data).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from weefwerk.engine import interchange as ix
from weefwerk.engine.interchange import vocabulary
from weefwerk.networkmap.models import (
    Connection,
    ConnectionKind,
    Element,
    ElementKind,
    MemberRole,
    NetworkMap,
    Position,
    Status,
)

# Fixed names, not translated: a file written in English must read back the same.
KIND_NAMES = {
    ElementKind.ORGANISATION: "Organisatie",
    ElementKind.PERSON: "Persoon",
    ElementKind.TABLE: "Overleg",
    ElementKind.PROGRAMME: "Programma of project",
    ElementKind.INFORMAL: "Informeel netwerk",
}
CONNECTION_NAMES = {
    ConnectionKind.TAKES_PART_IN: "neemt deel aan",
    ConnectionKind.WORKS_WITH: "werkt samen met",
    ConnectionKind.REFERS_TO: "verwijst naar",
    ConnectionKind.CALLS_WHEN_STUCK: "belt als hij of zij vastloopt",
    ConnectionKind.FUNDS: "financiert",
}
STATUS_NAMES = {
    Status.ACTIVE: "op de kaart",
    Status.PROPOSED: "voorgesteld",
    Status.WANTED: "gewenst",
}
ROLE_NAMES = {
    MemberRole.CHAIR: "voorzitter",
    MemberRole.MEMBER: "lid",
    MemberRole.OCCASIONAL: "schuift soms aan",
}

FIELD_DOMAINS = "Domeinen"
FIELD_STATUS = "Status"
FIELD_RHYTHM = "Ritme"
FIELD_MISSING = "Wat ontbreekt"
FIELD_ROLE = "Rol"

ID_PREFIX = "weefwerk-"
LABEL_MAX = 200
CUSTOM_KIND_MAX = 100
EXTERNAL_ID_MAX = 200


KIND_LOOKUP = vocabulary.ELEMENT_KINDS
CONNECTION_LOOKUP = vocabulary.CONNECTION_KINDS
STATUS_LOOKUP = vocabulary.lookup({k: (v,) for k, v in STATUS_NAMES.items()})
ROLE_LOOKUP = vocabulary.lookup({k: (v,) for k, v in ROLE_NAMES.items()})


def element_kind_from_file(text: str) -> tuple[str, str | None]:
    """Our kind for a file's type, and the text to keep (None when ours says it all)."""
    kind = KIND_LOOKUP.get(text.strip().lower())
    if kind is None:
        return ElementKind.ORGANISATION, text
    return kind, (None if text == KIND_NAMES[kind] else text)


def connection_kind_from_file(text: str) -> tuple[str, str, str | None]:
    """Our connection kind, its own name (only for ``custom``) and the file's text to keep
    (None when ours says it all)."""
    kind = CONNECTION_LOOKUP.get(text.strip().lower())
    if kind is None:
        return ConnectionKind.CUSTOM, text, None
    return kind, "", (None if text == CONNECTION_NAMES[kind] else text)


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split("|") if part.strip()]


# --------------------------------------------------------------------------------------------
# models -> Network


def _unique_ids(items, prefix: str) -> dict[int, str]:
    """External id where it is usable and unique, else ``weefwerk-<pk>``."""
    counts: dict[str, int] = {}
    for item in items:
        if item.external_id:
            counts[item.external_id] = counts.get(item.external_id, 0) + 1
    ids = {}
    for item in items:
        external = item.external_id
        usable = external and counts[external] == 1 and "|" not in external
        ids[item.pk] = external if usable else f"{prefix}{item.pk}"
    # A made-up id could equal someone's external id: fall back to the pk for those too.
    taken: set[str] = set()
    for item in items:
        if ids[item.pk] in taken:
            ids[item.pk] = f"{prefix}{item.pk}-{len(taken)}"
        taken.add(ids[item.pk])
    return ids


def element_to_file(element: Element, element_id: str, domain_names: list[str]) -> ix.Element:
    extra = element.extra or {}
    fields = dict(element.custom_fields or {})
    if domain_names:
        fields[FIELD_DOMAINS] = domain_names
    if element.status != Status.ACTIVE:
        fields[FIELD_STATUS] = STATUS_NAMES.get(element.status, element.status)
    if element.rhythm:
        fields[FIELD_RHYTHM] = element.rhythm
    if element.missing_note:
        fields[FIELD_MISSING] = element.missing_note
    kind = element.kind_in_file if element.kind_in_file is not None else KIND_NAMES[element.kind]
    return ix.Element(
        id=element_id,
        label="" if extra.get("label_from_id") else element.label,
        kind=kind,
        description=element.description,
        tags=list(element.tags or []),
        image=extra.get("image", ""),
        email=extra.get("email", ""),
        url=extra.get("url", ""),
        fields=fields,
        extra=dict(extra.get("extra", {})),
    )


def connection_to_file(connection: Connection, connection_id: str, ids: dict) -> ix.Connection:
    extra = connection.extra or {}
    fields = dict(connection.custom_fields or {})
    if connection.role:
        fields[FIELD_ROLE] = ROLE_NAMES.get(connection.role, connection.role)
    if connection.status != Status.ACTIVE:
        fields[FIELD_STATUS] = STATUS_NAMES.get(connection.status, connection.status)
    if "kind_in_file" in extra:
        kind = extra["kind_in_file"]
    elif connection.kind == ConnectionKind.CUSTOM:
        kind = connection.custom_kind
    else:
        kind = CONNECTION_NAMES[connection.kind]
    strength = extra.get("strength", connection.strength)
    return ix.Connection(
        id=connection_id,
        source=ids[connection.source_id],
        target=ids[connection.target_id],
        kind=kind,
        direction=connection.direction,
        strength=strength,
        label=extra.get("label", ""),
        description=connection.note,
        tags=list(connection.tags or []),
        fields=fields,
        extra=dict(extra.get("extra", {})),
    )


def to_network(trajectory, map: NetworkMap | None = None) -> ix.Network:  # noqa: A002
    """The trajectory's whole network. With ``map``: only that map's positions; without: every
    map of the trajectory, the default map first."""
    from weefwerk.networkmap.services import default_map

    elements = list(
        Element.objects.filter(trajectory=trajectory).prefetch_related("domains").order_by("pk")
    )
    connections = list(Connection.objects.filter(trajectory=trajectory).order_by("pk"))
    ids = _unique_ids(elements, ID_PREFIX)
    connection_ids = _unique_ids(connections, f"{ID_PREFIX}c")
    first = default_map(trajectory)
    maps = [map] if map is not None else [first, *trajectory.network_maps.exclude(pk=first.pk)]
    file_maps = []
    for network_map in maps:
        settings = (network_map.settings or {}).get("file", {})
        positions = {
            ids[p.element_id]: ix.Position(p.x, p.y)
            for p in Position.objects.filter(map=network_map).order_by("element_id")
            if p.element_id in ids
        }
        file_maps.append(
            ix.NetworkMap(
                id=settings.get("id") or f"{ID_PREFIX}map-{network_map.pk}",
                name=network_map.name,
                description=settings.get("description", ""),
                positions=positions,
                extra=dict(settings.get("extra", {})),
            )
        )
    network_settings = (first.settings or {}).get("file", {})
    return ix.Network(
        elements=[
            element_to_file(e, ids[e.pk], [d.name for d in e.domains.all()]) for e in elements
        ],
        connections=[connection_to_file(c, connection_ids[c.pk], ids) for c in connections],
        maps=file_maps,
        name=trajectory.name,
        description=network_settings.get("network_description", ""),
        field_definitions=[
            ix.FieldDefinition(**definition)
            for definition in network_settings.get("field_definitions", [])
        ],
        extra=dict(network_settings.get("network_extra", {})),
    )


# --------------------------------------------------------------------------------------------
# Network <-> JSON (an import waiting for its confirmation)


def network_to_json(network: ix.Network) -> dict:
    return dataclasses.asdict(network)


def network_from_json(data: dict) -> ix.Network:
    def position(value):
        return ix.Position(float(value["x"]), float(value["y"]))

    return ix.Network(
        elements=[ix.Element(**e) for e in data.get("elements", [])],
        connections=[ix.Connection(**c) for c in data.get("connections", [])],
        maps=[
            ix.NetworkMap(
                **{
                    **m,
                    "positions": {k: position(v) for k, v in m.get("positions", {}).items()},
                }
            )
            for m in data.get("maps", [])
        ],
        name=data.get("name", ""),
        description=data.get("description", ""),
        field_definitions=[ix.FieldDefinition(**d) for d in data.get("field_definitions", [])],
        extra=data.get("extra", {}),
    )


# --------------------------------------------------------------------------------------------
# Network -> models: the plan


@dataclass
class ElementPlan:
    file_id: str
    values: dict  # model field values
    domains: list[str]  # domain names
    existing: Element | None = None
    changes: list[str] = field(default_factory=list)  # Dutch names of changed fields

    @property
    def label(self) -> str:
        return self.values["label"]


@dataclass
class ConnectionPlan:
    file_id: str
    source: str  # file ids
    target: str
    values: dict
    existing: Connection | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class NetworkPlan:
    elements: list[ElementPlan] = field(default_factory=list)
    connections: list[ConnectionPlan] = field(default_factory=list)
    new_domains: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # Dutch notes
    errors: list[str] = field(default_factory=list)  # Dutch; the import cannot go on
    positions: int = 0
    maps: list[str] = field(default_factory=list)

    @property
    def new_elements(self):
        return [p for p in self.elements if p.existing is None]

    @property
    def changed_elements(self):
        return [p for p in self.elements if p.existing is not None and p.changes]

    @property
    def new_connections(self):
        return [p for p in self.connections if p.existing is None]

    @property
    def changed_connections(self):
        return [p for p in self.connections if p.existing is not None and p.changes]


ELEMENT_FIELD_NAMES = {
    "label": "naam",
    "kind": "soort",
    "description": "omschrijving",
    "tags": "labels",
    "custom_fields": "eigen velden",
    "status": "status",
    "rhythm": "ritme",
    "missing_note": "wat ontbreekt",
    "domains": "domeinen",
}
CONNECTION_FIELD_NAMES = {
    "kind": "soort",
    "custom_kind": "soort",
    "direction": "richting",
    "strength": "sterkte",
    "role": "rol",
    "note": "toelichting",
    "tags": "labels",
    "custom_fields": "eigen velden",
    "status": "status",
}


def element_values(item: ix.Element) -> tuple[dict, list[str]]:
    fields = dict(item.fields)
    domains = _split(fields.pop(FIELD_DOMAINS, None))
    status = Status.ACTIVE
    if FIELD_STATUS in fields:
        found = STATUS_LOOKUP.get(str(fields[FIELD_STATUS]).strip().lower())
        if found is not None:
            status = found
            del fields[FIELD_STATUS]
    rhythm = fields.pop(FIELD_RHYTHM, "") if isinstance(fields.get(FIELD_RHYTHM), str) else ""
    missing = fields.pop(FIELD_MISSING, "") if isinstance(fields.get(FIELD_MISSING), str) else ""
    kind, kind_in_file = element_kind_from_file(item.kind or "")
    extra = {key: getattr(item, key) for key in ("image", "email", "url") if getattr(item, key)}
    if item.extra:
        extra["extra"] = item.extra
    label = item.label
    if not label.strip():
        label = item.id
        extra["label_from_id"] = True
    values = {
        "label": label,
        "kind": kind,
        "kind_in_file": kind_in_file,
        "description": item.description or "",
        "tags": list(item.tags),
        "custom_fields": fields,
        "status": status,
        "rhythm": rhythm,
        "missing_note": missing,
        "extra": extra,
    }
    return values, domains


def connection_values(item: ix.Connection) -> dict:
    fields = dict(item.fields)
    status = Status.ACTIVE
    if FIELD_STATUS in fields:
        found = STATUS_LOOKUP.get(str(fields[FIELD_STATUS]).strip().lower())
        if found is not None:
            status = found
            del fields[FIELD_STATUS]
    role = ""
    if FIELD_ROLE in fields:
        found = ROLE_LOOKUP.get(str(fields[FIELD_ROLE]).strip().lower())
        if found is not None:
            role = found
            del fields[FIELD_ROLE]
    kind, custom_kind, kind_in_file = connection_kind_from_file(item.kind or "")
    extra: dict = {}
    if kind_in_file is not None:
        extra["kind_in_file"] = kind_in_file
    strength = item.strength
    if isinstance(strength, int) and not isinstance(strength, bool) and 1 <= strength <= 3:
        model_strength = strength
    else:
        model_strength = 2
        extra["strength"] = strength
    if item.label:
        extra["label"] = item.label
    if item.extra:
        extra["extra"] = item.extra
    return {
        "kind": kind,
        "custom_kind": custom_kind,
        "direction": item.direction,
        "strength": model_strength,
        "role": role,
        "note": item.description or "",
        "tags": list(item.tags),
        "custom_fields": fields,
        "status": status,
        "extra": extra,
    }


def _element_changes(existing: Element, values: dict, domains: list[str]) -> list[str]:
    changes = []
    merged = merged_element_values(existing, values)
    for name, value in merged.items():
        if name in ELEMENT_FIELD_NAMES and getattr(existing, name) != value:
            changes.append(ELEMENT_FIELD_NAMES[name])
    have = {d.name.lower() for d in existing.domains.all()}
    if any(name.lower() not in have for name in domains):
        changes.append(ELEMENT_FIELD_NAMES["domains"])
    return changes


def merged_element_values(existing: Element, values: dict) -> dict:
    """What an existing element becomes: empty texts and an empty tag list keep what it has;
    custom fields are added to; the status changes only when the file names one."""
    merged = dict(values)
    for name in ("description", "rhythm", "missing_note"):
        if not values[name]:
            merged[name] = getattr(existing, name)
    if not values["tags"]:
        merged["tags"] = existing.tags
    merged["custom_fields"] = {**(existing.custom_fields or {}), **values["custom_fields"]}
    merged["extra"] = {**(existing.extra or {}), **values["extra"]}
    if values["status"] == Status.ACTIVE:
        merged["status"] = existing.status
    return merged


def merged_connection_values(existing: Connection, values: dict) -> dict:
    merged = dict(values)
    for name in ("note", "role"):
        if not values[name]:
            merged[name] = getattr(existing, name)
    if not values["tags"]:
        merged["tags"] = existing.tags
    merged["custom_fields"] = {**(existing.custom_fields or {}), **values["custom_fields"]}
    merged["extra"] = {**(existing.extra or {}), **values["extra"]}
    if values["status"] == Status.ACTIVE:
        merged["status"] = existing.status
    return merged


def plan_network(trajectory, network: ix.Network) -> NetworkPlan:
    """What importing ``network`` into the trajectory would add and change. Reads only."""
    plan = NetworkPlan()
    existing = list(
        Element.objects.filter(trajectory=trajectory).prefetch_related("domains").order_by("pk")
    )
    by_external: dict[str, Element] = {}
    by_pk = {e.pk: e for e in existing}
    by_label: dict[tuple[str, str], Element] = {}
    for element in existing:
        if element.external_id:
            by_external.setdefault(element.external_id, element)
        by_label.setdefault((element.label.strip().lower(), element.kind), element)
    used: set[int] = set()
    domain_names = {d.name.lower() for d in trajectory.domains.all()}
    new_domains: dict[str, str] = {}
    file_to_element: dict[str, Element | None] = {}

    for item in network.elements:
        values, domains = element_values(item)
        if len(values["label"]) > LABEL_MAX:
            plan.errors.append(f"Element '{item.id}': de naam is langer dan {LABEL_MAX} tekens.")
        if len(item.id) > EXTERNAL_ID_MAX:
            plan.errors.append(f"Element '{item.id[:40]}…': de id is te lang.")
        match = by_external.get(item.id)
        if match is None and item.id.startswith(ID_PREFIX) and item.id[len(ID_PREFIX) :].isdigit():
            match = by_pk.get(int(item.id[len(ID_PREFIX) :]))
        if match is None:
            match = by_label.get((values["label"].strip().lower(), values["kind"]))
        if match is not None and match.pk in used:
            match = None
        element_plan = ElementPlan(item.id, values, domains, match)
        if match is not None:
            used.add(match.pk)
            element_plan.changes = _element_changes(match, values, domains)
        plan.elements.append(element_plan)
        file_to_element[item.id] = match
        for name in domains:
            if name.lower() not in domain_names:
                new_domains.setdefault(name.lower(), name)
    plan.new_domains = list(new_domains.values())

    connections = Connection.objects.filter(trajectory=trajectory).order_by("pk")
    by_external_connection: dict[str, Connection] = {}
    by_ends: dict[tuple, Connection] = {}
    for connection in connections:
        if connection.external_id:
            by_external_connection.setdefault(connection.external_id, connection)
        key = (connection.source_id, connection.target_id, connection.kind, connection.custom_kind)
        by_ends.setdefault(key, connection)
    used_connections: set[int] = set()
    labels = {p.file_id: p.label for p in plan.elements}
    for item in network.connections:
        if item.source == item.target:
            plan.skipped.append(
                f"Verbinding '{item.id}' van '{labels.get(item.source, item.source)}' naar "
                "zichzelf is overgeslagen: een element kan niet met zichzelf verbonden zijn."
            )
            continue
        values = connection_values(item)
        if len(values["custom_kind"]) > CUSTOM_KIND_MAX:
            plan.errors.append(
                f"Verbinding '{item.id}': de soort is langer dan {CUSTOM_KIND_MAX} tekens."
            )
        source, target = file_to_element.get(item.source), file_to_element.get(item.target)
        match = by_external_connection.get(item.id)
        if match is not None and (
            source is None
            or target is None
            or (match.source_id, match.target_id) != (source.pk, target.pk)
        ):
            match = None  # the same id on other ends: another connection
        if match is None and source is not None and target is not None:
            key = (source.pk, target.pk, values["kind"], values["custom_kind"])
            match = by_ends.get(key)
        if match is not None and match.pk in used_connections:
            match = None
        connection_plan = ConnectionPlan(item.id, item.source, item.target, values, match)
        if match is not None:
            used_connections.add(match.pk)
            merged = merged_connection_values(match, values)
            connection_plan.changes = sorted(
                {
                    CONNECTION_FIELD_NAMES[name]
                    for name, value in merged.items()
                    if name in CONNECTION_FIELD_NAMES and getattr(match, name) != value
                }
            )
        plan.connections.append(connection_plan)
    plan.positions = network.position_count()
    plan.maps = [m.name or m.id for m in network.maps]
    return plan
