"""KUMU JSON: the import blueprint and the full project backup ("Export JSON").

Blueprint (https://docs.kumu.io/guides/import/blueprints)::

    {"elements": [{"id": "e1", "label": "A", "type": "Letter", "tags": ["one"], "x": 1}],
     "connections": [{"from": "e1", "to": "e2", "type": "likes", "direction": "mutual"}]}

Reserved element keys: id, label, type, description, tags, image, email, url; reserved
connection keys: id, from, to, type, direction, strength, label, description, tags; every other
key is a custom field. ``from``/``to`` name an element by id or by unique label. A blueprint has
no maps, positions, field definitions or network name: those are lost when writing one.

Project backup: ``attributes`` (field definitions), ``elements`` and ``connections`` with an
``_id`` and their values under ``attributes`` (keys in lower case; the type is ``element type``
or ``connection type``), ``maps`` with a position per element, ``perspectives`` and ``loops``.
Everything is kept: what Weefwerk has no place for (perspectives, loops, a map's scale and
centre, an edge's curvature) travels in the ``extra`` dictionaries and is written back.
"""

from __future__ import annotations

import json
import math

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import (
    CONNECTION_RESERVED,
    DIRECTED,
    ELEMENT_RESERVED,
    Connection,
    Element,
    FieldDefinition,
    Network,
    NetworkMap,
    Position,
)
from weefwerk.engine.interchange.tabular import (
    ElementIndex,
    number_connections,
    parse_direction,
    parse_number,
    split_multi,
)

BACKUP_ELEMENT_KEYS = {
    "label": "label",
    "element type": "kind",
    "description": "description",
    "tags": "tags",
    "image": "image",
    "email": "email",
    "url": "url",
}
BACKUP_CONNECTION_KEYS = {
    "label": "label",
    "connection type": "kind",
    "description": "description",
    "tags": "tags",
    "strength": "strength",
}
RESERVED_DEFINITIONS = {
    "label",
    "element type",
    "connection type",
    "loop type",
    "description",
    "tags",
}


def load(text: str, name: str):
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            Issue(
                f"Het bestand is geen geldige JSON (regel {error.lineno}, teken {error.colno}).",
                file=name,
            )
        ) from None
    except (RecursionError, ValueError):
        raise InterchangeError(
            Issue("Het bestand is geen geldige JSON (te diep genest of ongeldig getal).", file=name)
        ) from None


def _no_constant(value):
    raise ValueError(value)


def is_backup(document) -> bool:
    if not isinstance(document, dict):
        return False
    if "maps" in document or "perspectives" in document or "attributes" in document:
        return True
    elements = document.get("elements")
    return bool(
        isinstance(elements, list)
        and elements
        and isinstance(elements[0], dict)
        and "_id" in elements[0]
        and isinstance(elements[0].get("attributes"), dict)
    )


# --- values --------------------------------------------------------------------------------


def json_value(value, issues: IssueCollector, item: str, key: str):
    """A custom field value from JSON: text, number, yes/no, list of those, or None."""
    if value is None or isinstance(value, bool | int | str):
        return value.strip() or None if isinstance(value, str) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list) and all(
        v is None or isinstance(v, bool | int | float | str) for v in value
    ):
        return [v for v in value if v is not None]
    issues.add(f"Het veld '{key}' heeft een waarde die geen tekst, getal of lijst is.", item=item)
    return None


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(text(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def tags_of(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [t for t in (text(v) for v in value) if t]
    return split_multi(text(value))


def _list(document, key: str, issues: IssueCollector) -> list:
    value = document.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        issues.add(f"'{key}' moet een lijst zijn.")
        return []
    return value


# --- blueprint -----------------------------------------------------------------------------


def read_blueprint(document, name: str) -> Network:
    issues = IssueCollector(name)
    if not isinstance(document, dict) or not ("elements" in document or "connections" in document):
        raise InterchangeError(
            Issue(
                "Dit is geen KUMU-bestand: verwacht een object met 'elements' en 'connections'.",
                file=name,
            )
        )
    elements: list[Element] = []
    seen: set[str] = set()
    for number, raw in enumerate(_list(document, "elements", issues), start=1):
        item = f"element {number}"
        if not isinstance(raw, dict):
            issues.add("Een element moet een object zijn.", item=item)
            continue
        lowered = {str(k).strip().lower(): v for k, v in raw.items()}
        label = text(lowered.get("label"))
        if not label:
            issues.add("Het element heeft geen label.", item=item)
            continue
        element_id = text(lowered.get("id")) or label
        if element_id in seen:
            issues.add(f"Dubbele id '{element_id}'.", item=f"{item} ({element_id})")
            continue
        seen.add(element_id)
        fields = {}
        for key, value in raw.items():
            if str(key).strip().lower() not in ELEMENT_RESERVED:
                value = json_value(value, issues, item, key)
                if value is not None and value != []:
                    fields[str(key).strip()] = value
        elements.append(
            Element(
                id=element_id,
                label=label,
                kind=text(lowered.get("type")),
                description=text(lowered.get("description")),
                tags=tags_of(lowered.get("tags")),
                image=text(lowered.get("image")),
                email=text(lowered.get("email")),
                url=text(lowered.get("url")),
                fields=fields,
            )
        )
    index = ElementIndex(elements, implied=not elements)
    connections: list[Connection] = []
    connection_ids: set[str] = set()
    for number, raw in enumerate(_list(document, "connections", issues), start=1):
        item = f"verbinding {number}"
        if not isinstance(raw, dict):
            issues.add("Een verbinding moet een object zijn.", item=item)
            continue
        lowered = {str(k).strip().lower(): v for k, v in raw.items()}
        ends = []
        for end in ("from", "to"):
            reference = text(lowered.get(end))
            if not reference:
                issues.add(f"De verbinding heeft geen '{end}'.", item=item)
                continue
            element_id, problem = index.resolve(reference)
            if problem:
                issues.add(problem, item=f"{item}, '{end}'")
            else:
                ends.append(element_id)
        direction = parse_direction(text(lowered.get("direction")))
        if direction is None:
            issues.add(
                f"Onbekende richting '{text(lowered.get('direction'))}'; kies directed, "
                "undirected of mutual.",
                item=item,
            )
        connection_id = text(lowered.get("id"))
        if connection_id and connection_id in connection_ids:
            issues.add(f"Dubbele id '{connection_id}'.", item=item)
            continue
        connection_ids.add(connection_id)
        if len(ends) < 2 or direction is None:
            continue
        fields = {}
        for key, value in raw.items():
            if str(key).strip().lower() not in CONNECTION_RESERVED:
                value = json_value(value, issues, item, key)
                if value is not None and value != []:
                    fields[str(key).strip()] = value
        connections.append(
            Connection(
                id=connection_id,
                source=ends[0],
                target=ends[1],
                kind=text(lowered.get("type")),
                direction=direction,
                strength=parse_number(lowered.get("strength")),
                label=text(lowered.get("label")),
                description=text(lowered.get("description")),
                tags=tags_of(lowered.get("tags")),
                fields=fields,
            )
        )
    issues.raise_if_any()
    if not index.elements:
        raise InterchangeError(Issue("Het bestand bevat geen elementen.", file=name))
    number_connections(connections)
    return Network(elements=index.elements, connections=connections)


def _put(target: dict, key: str, value) -> None:
    if value not in (None, "", []):
        target[key] = value


def write_blueprint(network: Network) -> bytes:
    elements = []
    for e in network.elements:
        item = {"id": e.id, "label": e.label}
        for key, value in (
            ("type", e.kind),
            ("description", e.description),
            ("tags", list(e.tags)),
            ("image", e.image),
            ("email", e.email),
            ("url", e.url),
        ):
            _put(item, key, value)
        item.update(e.fields)
        elements.append(item)
    connections = []
    for c in network.connections:
        item = {"id": c.id, "from": c.source, "to": c.target, "direction": c.direction}
        for key, value in (
            ("type", c.kind),
            ("strength", c.strength),
            ("label", c.label),
            ("description", c.description),
            ("tags", list(c.tags)),
        ):
            _put(item, key, value)
        item.update(c.fields)
        connections.append(item)
    document = {"elements": elements, "connections": connections}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- project backup -----------------------------------------------------------------------


def read_backup(document, name: str) -> Network:
    issues = IssueCollector(name)
    definitions = []
    by_lower: dict[str, str] = {}
    for number, raw in enumerate(_list(document, "attributes", issues), start=1):
        if not isinstance(raw, dict) or not text(raw.get("name")):
            issues.add("Een veld (attribute) heeft geen naam.", item=f"attribute {number}")
            continue
        values = raw.get("values") or []
        definition = FieldDefinition(
            name=text(raw["name"]),
            format=text(raw.get("format")) or "string",
            values=[text(v) for v in values] if isinstance(values, list) else [],
            extra={k: v for k, v in raw.items() if k not in ("name", "format", "values")},
        )
        definitions.append(definition)
        by_lower[definition.name.lower()] = definition.name

    def field_name(key: str) -> str:
        return by_lower.get(key.lower(), key)

    elements: list[Element] = []
    ids: set[str] = set()
    for number, raw in enumerate(_list(document, "elements", issues), start=1):
        item = f"element {number}"
        if not isinstance(raw, dict) or not isinstance(raw.get("attributes", {}), dict):
            issues.add("Een element moet een object met 'attributes' zijn.", item=item)
            continue
        element_id = text(raw.get("_id"))
        attributes = raw.get("attributes") or {}
        item = f"element {number} ({element_id or 'zonder id'})"
        if not element_id:
            issues.add("Het element heeft geen _id.", item=item)
            continue
        if element_id in ids:
            issues.add(f"Dubbele id '{element_id}'.", item=item)
            continue
        ids.add(element_id)
        element = Element(id=element_id, label=text(attributes.get("label")))
        for key, value in attributes.items():
            attribute = BACKUP_ELEMENT_KEYS.get(str(key).lower())
            if attribute == "tags":
                element.tags = tags_of(value)
            elif attribute:
                setattr(element, attribute, text(value))
            else:
                value = json_value(value, issues, item, key)
                if value is not None:
                    element.fields[field_name(str(key))] = value
        element.extra = {k: v for k, v in raw.items() if k not in ("_id", "attributes")}
        elements.append(element)

    connections: list[Connection] = []
    connection_ids: set[str] = set()
    for number, raw in enumerate(_list(document, "connections", issues), start=1):
        if not isinstance(raw, dict) or not isinstance(raw.get("attributes", {}), dict):
            issues.add(
                "Een verbinding moet een object met 'attributes' zijn.", item=f"verbinding {number}"
            )
            continue
        connection_id = text(raw.get("_id"))
        item = f"verbinding {number} ({connection_id or 'zonder id'})"
        if not connection_id:
            issues.add("De verbinding heeft geen _id.", item=item)
            continue
        if connection_id in connection_ids:
            issues.add(f"Dubbele id '{connection_id}'.", item=item)
            continue
        connection_ids.add(connection_id)
        source, target = text(raw.get("from")), text(raw.get("to"))
        bad = False
        for end, reference in (("from", source), ("to", target)):
            if reference not in ids:
                issues.add(f"'{end}' verwijst naar een onbekend element '{reference}'.", item=item)
                bad = True
        direction = parse_direction(text(raw.get("direction")))
        if direction is None:
            issues.add(f"Onbekende richting '{text(raw.get('direction'))}'.", item=item)
            bad = True
        if bad:
            continue
        connection = Connection(
            id=connection_id, source=source, target=target, direction=direction or DIRECTED
        )
        for key, value in (raw.get("attributes") or {}).items():
            attribute = BACKUP_CONNECTION_KEYS.get(str(key).lower())
            if attribute == "tags":
                connection.tags = tags_of(value)
            elif attribute == "strength":
                connection.strength = parse_number(value)
            elif attribute:
                setattr(connection, attribute, text(value))
            else:
                value = json_value(value, issues, item, key)
                if value is not None:
                    connection.fields[field_name(str(key))] = value
        connection.extra = {
            k: v
            for k, v in raw.items()
            if k not in ("_id", "attributes", "from", "to", "direction")
        }
        connections.append(connection)

    maps: list[NetworkMap] = []
    for number, raw in enumerate(_list(document, "maps", issues), start=1):
        item = f"kaart {number}"
        if not isinstance(raw, dict):
            issues.add("Een kaart moet een object zijn.", item=item)
            continue
        network_map = NetworkMap(
            id=text(raw.get("_id")) or f"map-{number}",
            name=text(raw.get("name")),
            description=text(raw.get("description")),
        )
        nodes = {}
        for node_number, node in enumerate(raw.get("elements") or [], start=1):
            element_id = text(node.get("element")) if isinstance(node, dict) else ""
            if element_id not in ids:
                issues.add(
                    f"De kaart verwijst naar een onbekend element '{element_id}'.",
                    item=f"{item} ({network_map.name}), element {node_number}",
                )
                continue
            position = node.get("position")
            if isinstance(position, dict):
                x, y = position.get("x"), position.get("y")
                if not isinstance(x, int | float) or not isinstance(y, int | float):
                    issues.add(
                        "De positie heeft geen getallen voor x en y.",
                        item=f"{item}, element {node_number}",
                    )
                    continue
                network_map.positions[element_id] = Position(float(x), float(y))
            nodes[element_id] = {k: v for k, v in node.items() if k not in ("element", "position")}
        network_map.extra = {
            k: v for k, v in raw.items() if k not in ("_id", "name", "description", "elements")
        }
        network_map.extra["nodes"] = nodes
        maps.append(network_map)

    issues.raise_if_any()
    if not elements:
        raise InterchangeError(Issue("Het bestand bevat geen elementen.", file=name))
    extra = {
        k: v
        for k, v in document.items()
        if k not in ("name", "description", "attributes", "elements", "connections", "maps")
    }
    return Network(
        elements=elements,
        connections=connections,
        maps=maps,
        name=text(document.get("name")),
        description=text(document.get("description")),
        field_definitions=definitions,
        extra={"kumu": extra},
    )


def _format_for(values: list) -> str:
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "number"
    return "string"


def _definitions(network: Network) -> list[dict]:
    result = []
    known = set()
    for number, definition in enumerate(network.field_definitions, start=1):
        raw = {"_id": f"attr-{number}", **definition.extra}
        raw.update(
            {
                "name": definition.name,
                "format": definition.format,
                "values": list(definition.values),
            }
        )
        result.append(raw)
        known.add(definition.name.lower())
    values: dict[str, list] = {}
    for item in [*network.elements, *network.connections]:
        for key, value in item.fields.items():
            values.setdefault(key, []).append(value)
    for key, seen in values.items():
        if key.lower() not in known:
            known.add(key.lower())
            result.append(
                {
                    "_id": f"attr-{len(result) + 1}",
                    "name": key,
                    "format": _format_for(seen),
                    "private": False,
                    "limit": 1,
                    "category": "General",
                    "prompt": "autocomplete",
                    "locked": False,
                    "values": [],
                }
            )
    return result


def _circle(count: int, index: int) -> dict:
    radius = max(200.0, 40.0 * count / math.pi)
    angle = 2 * math.pi * index / max(count, 1)
    return {"x": round(radius * math.cos(angle), 3), "y": round(radius * math.sin(angle), 3)}


def write_backup(network: Network) -> bytes:
    elements = []
    for e in network.elements:
        attributes = {"label": e.label}
        _put(attributes, "element type", e.kind)
        _put(attributes, "description", e.description)
        _put(attributes, "tags", list(e.tags))
        _put(attributes, "image", e.image)
        _put(attributes, "email", e.email)
        _put(attributes, "url", e.url)
        for key, value in e.fields.items():
            attributes[key.lower()] = value
        elements.append({"_id": e.id, **e.extra, "attributes": attributes})
    connections = []
    for c in network.connections:
        attributes = {}
        _put(attributes, "connection type", c.kind)
        _put(attributes, "label", c.label)
        _put(attributes, "description", c.description)
        _put(attributes, "tags", list(c.tags))
        _put(attributes, "strength", c.strength)
        for key, value in c.fields.items():
            attributes[key.lower()] = value
        extra = {"delayed": False, "reversed": False, **c.extra}
        connections.append(
            {
                "_id": c.id,
                "direction": c.direction,
                **extra,
                "attributes": attributes,
                "from": c.source,
                "to": c.target,
            }
        )
    maps = []
    connection_ids = {c.id for c in network.connections}
    source_maps = network.maps or [NetworkMap(id="map-1", name=network.name or "Kaart")]
    for number, network_map in enumerate(source_maps, start=1):
        extra = dict(network_map.extra)
        node_info = extra.pop("nodes", {}) or {}
        nodes = []
        # KUMU needs a map: without one, every element goes on a circle.
        on_map = list(network_map.positions) if network.maps else [e.id for e in network.elements]
        for index, element_id in enumerate(on_map):
            info = node_info.get(element_id, {})
            node = {"_id": info.get("_id", f"node-{number}-{index + 1}"), **info}
            position = network_map.positions.get(element_id)
            node["position"] = (
                {"x": position.x, "y": position.y} if position else _circle(len(on_map), index)
            )
            node.setdefault("pinned", True)
            node["element"] = element_id
            nodes.append(node)
        placed = set(on_map)
        edges = extra.pop("connections", None)
        if isinstance(edges, list):
            edges = [
                e for e in edges if isinstance(e, dict) and e.get("connection") in connection_ids
            ]
        else:
            edges = [
                {"_id": f"edge-{number}-{i + 1}", "connection": c.id}
                for i, c in enumerate(network.connections)
                if c.source in placed and c.target in placed
            ]
        raw = {
            "_id": network_map.id,
            "name": network_map.name,
            "description": network_map.description,
            "scale": 1,
            "center": {"x": 0, "y": 0},
            "defaultPerspective": None,
        }
        raw.update(extra)
        raw.update({"elements": nodes, "connections": edges})
        raw.setdefault("loops", [])
        maps.append(raw)
    kumu = dict(network.extra.get("kumu", {}))
    document = {
        "name": network.name,
        "description": network.description,
        "proxyImages": kumu.pop("proxyImages", True),
        "defaultMap": kumu.pop("defaultMap", maps[0]["_id"]),
        "defaultPerspective": kumu.pop("defaultPerspective", None),
        "attributeRelevance": kumu.pop("attributeRelevance", {}),
        "attributes": _definitions(network),
        "elements": elements,
        "connections": connections,
        "loops": kumu.pop("loops", []),
        "maps": maps,
        "perspectives": kumu.pop("perspectives", []),
    }
    document.update(kumu)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
