"""GraphML (http://graphml.graphdrawing.org) with typed ``<key>`` attributes and positions.

- nodes: ``id``; label, kind, description, tags, image, email, URL and the position are keys
  named ``label``, ``type``, ``description``, ``tags``, ``image``, ``email``, ``url``, ``x`` and
  ``y`` (doubles); every custom field is a key named after it, typed ``boolean``, ``long``,
  ``double`` or ``string`` from its values;
- edges: ``id``, ``source``, ``target`` and ``directed``; kind, direction, strength, label,
  description and tags are keys named ``type``, ``direction``, ``weight`` (a number) or
  ``strength`` (text), ``label``, ``description``, ``tags``.

When reading, ``name`` is accepted for the label, ``weight`` or ``strength`` for the strength,
and the direction comes from a ``direction`` key, else the edge's ``directed`` attribute, else
the graph's ``edgedefault``. Only the first ``<graph>`` is read; nested graphs, hyperedges and
ports are not supported.

What GraphML cannot carry: more than one map (only the first map's positions), field
definitions, the network's name and description, list values (joined with ``|``), a custom
field whose values mix text and numbers (written as text), a strength that is a number on some
connections and text on others (all written as text), and tags containing ``|``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import (
    DIRECTED,
    DIRECTIONS,
    UNDIRECTED,
    Connection,
    Element,
    Network,
    NetworkMap,
    Position,
)
from weefwerk.engine.interchange.safety import DEFAULT_MAX_BYTES, parse_xml
from weefwerk.engine.interchange.tabular import number_connections, split_multi
from weefwerk.engine.interchange.xmlcommon import (
    child,
    children,
    from_text,
    indent_bytes,
    local,
    to_text,
    value_type,
    xml_safe,
)

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = NS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
NODE_BUILTIN = {
    "label": "label",
    "name": "label",
    "type": "kind",
    "kind": "kind",
    "description": "description",
    "tags": "tags",
    "image": "image",
    "email": "email",
    "url": "url",
    "x": "x",
    "y": "y",
}
EDGE_BUILTIN = {
    "label": "label",
    "type": "kind",
    "kind": "kind",
    "description": "description",
    "tags": "tags",
    "weight": "strength",
    "strength": "strength",
    "direction": "direction",
}


def read(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Network:
    root = parse_xml(data, name)
    if local(root.tag) != "graphml":
        raise InterchangeError(
            Issue("Dit is geen GraphML-bestand (het begint niet met <graphml>).", file=name)
        )
    issues = IssueCollector(name)
    keys = {"node": {}, "edge": {}}
    for key in children(root, "key"):
        if key.get("yfiles.type"):
            continue  # yEd's drawing data, not a value
        default = child(key, "default")
        entry = (
            (key.get("attr.name") or key.get("id") or "").strip(),
            key.get("attr.type", "string"),
            default.text if default is not None else None,
        )
        domain = key.get("for", "all")
        for target in ("node", "edge"):
            if domain in (target, "all"):
                keys[target][key.get("id")] = entry
    graph = child(root, "graph")
    if graph is None:
        raise InterchangeError(Issue("Het GraphML-bestand heeft geen <graph>.", file=name))
    if children(graph, "hyperedge"):
        issues.add("Hyperedges worden niet ondersteund.")
    default_directed = graph.get("edgedefault", "directed") == "directed"
    network = Network()
    positions: dict[str, Position] = {}
    seen: set[str] = set()
    for number, node in enumerate(children(graph, "node"), start=1):
        node_id = (node.get("id") or "").strip()
        item = f"node {number}" + (f" ({node_id})" if node_id else "")
        if not node_id:
            issues.add("De node heeft geen id.", item=item)
            continue
        if node_id in seen:
            issues.add(f"Dubbele id '{node_id}'.", item=item)
            continue
        if child(node, "graph") is not None:
            issues.add("Geneste grafen worden niet ondersteund.", item=item)
            continue
        seen.add(node_id)
        element = Element(id=node_id, label="")
        x = y = None
        for title, value in _values(node, keys["node"]):
            builtin = NODE_BUILTIN.get(title.lower())
            if builtin == "tags":
                element.tags = split_multi(str(value))
            elif builtin == "x":
                x = value
            elif builtin == "y":
                y = value
            elif builtin:
                setattr(element, builtin, str(value))
            else:
                element.fields[title] = value
        element.label = element.label or node_id
        if x is not None or y is not None:
            if (
                not isinstance(x, int | float)
                or not isinstance(y, int | float)
                or isinstance(x, bool)
            ):
                issues.add("x en y moeten allebei getallen zijn.", item=item)
            else:
                positions[node_id] = Position(float(x), float(y))
        network.elements.append(element)
    edge_ids: set[str] = set()
    for number, edge in enumerate(children(graph, "edge"), start=1):
        edge_id = (edge.get("id") or "").strip()
        item = f"edge {number}" + (f" ({edge_id})" if edge_id else "")
        if edge_id and edge_id in edge_ids:
            issues.add(f"Dubbele id '{edge_id}'.", item=item)
            continue
        edge_ids.add(edge_id)
        source, target = (edge.get("source") or "").strip(), (edge.get("target") or "").strip()
        problem = False
        for end, reference in (("source", source), ("target", target)):
            if reference not in seen:
                issues.add(f"{end} verwijst naar een onbekende node '{reference}'.", item=item)
                problem = True
        directed_attribute = edge.get("directed")
        directed = (
            default_directed
            if directed_attribute is None
            else (directed_attribute.strip().lower() in ("true", "1"))
        )
        connection = Connection(
            id=edge_id, source=source, target=target, direction=DIRECTED if directed else UNDIRECTED
        )
        for title, value in _values(edge, keys["edge"]):
            builtin = EDGE_BUILTIN.get(title.lower())
            if builtin == "tags":
                connection.tags = split_multi(str(value))
            elif builtin == "strength":
                connection.strength = value
            elif builtin == "direction":
                if str(value).lower() not in DIRECTIONS:
                    issues.add(f"Onbekende richting '{value}'.", item=item)
                    problem = True
                else:
                    connection.direction = str(value).lower()
            elif builtin:
                setattr(connection, builtin, str(value))
            else:
                connection.fields[title] = value
        if not problem:
            network.connections.append(connection)
    issues.raise_if_any()
    if not network.elements:
        raise InterchangeError(Issue("Het bestand bevat geen nodes.", file=name))
    number_connections(network.connections)
    if positions:
        network.maps.append(NetworkMap(id="map-1", name="Kaart", positions=positions))
    return network


def _values(item: ET.Element, keys: dict) -> list[tuple[str, object]]:
    given = {}
    for data in children(item, "data"):
        if len(data):  # structured content (yEd graphics): not a value
            continue
        given[data.get("key")] = data.text
    result = []
    for key_id, (title, kind, default) in keys.items():
        value = from_text(given.get(key_id, default), kind)
        if value is not None and title:
            result.append((title, value))
    return result


def _key_columns(items, builtins: list[tuple[str, str, str]], prefix: str):
    """(key id, attr.name, attr.type, getter) for built-ins and every custom field."""
    columns = [(f"{prefix}_{title}", title, kind, attribute) for attribute, title, kind in builtins]
    names: dict[str, list] = {}
    for item in items:
        for key, value in item.fields.items():
            names.setdefault(key, []).append(value)
    for number, (key, values) in enumerate(names.items()):
        columns.append((f"{prefix}{number}", key, value_type(values), ("field", key)))
    return columns


def _get(item, getter, positions):
    if isinstance(getter, tuple):
        return item.fields.get(getter[1])
    if getter in ("x", "y"):
        position = positions.get(item.id)
        return getattr(position, getter) if position else None
    value = getattr(item, getter)
    if getter == "tags":
        return "|".join(value) if value else None
    return value if value not in ("", None) else None


def write(network: Network) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}graphml", {f"{{{XSI}}}schemaLocation": SCHEMA})
    strengths = [c.strength for c in network.connections if c.strength is not None]
    numeric = all(isinstance(s, int | float) and not isinstance(s, bool) for s in strengths)
    node_columns = _key_columns(
        network.elements,
        [
            ("label", "label", "string"),
            ("kind", "type", "string"),
            ("description", "description", "string"),
            ("tags", "tags", "string"),
            ("image", "image", "string"),
            ("email", "email", "string"),
            ("url", "url", "string"),
            ("x", "x", "double"),
            ("y", "y", "double"),
        ],
        "n",
    )
    edge_builtins = [
        ("kind", "type", "string"),
        ("direction", "direction", "string"),
        ("label", "label", "string"),
        ("description", "description", "string"),
        ("tags", "tags", "string"),
    ]
    if numeric:
        edge_builtins.append(("strength", "weight", value_type(strengths)))
    else:
        edge_builtins.append(("strength", "strength", "string"))
    edge_columns = _key_columns(network.connections, edge_builtins, "e")
    for domain, columns in (("node", node_columns), ("edge", edge_columns)):
        for key_id, title, kind, _ in columns:
            ET.SubElement(
                root,
                f"{{{NS}}}key",
                {"id": key_id, "for": domain, "attr.name": title, "attr.type": kind},
            )
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "G", "edgedefault": "directed"})
    positions = network.maps[0].positions if network.maps else {}
    for element in network.elements:
        node = ET.SubElement(graph, f"{{{NS}}}node", {"id": xml_safe(element.id)})
        _data(node, element, node_columns, positions)
    for connection in network.connections:
        edge = ET.SubElement(
            graph,
            f"{{{NS}}}edge",
            {
                "id": xml_safe(connection.id),
                "source": xml_safe(connection.source),
                "target": xml_safe(connection.target),
                "directed": "false" if connection.direction == UNDIRECTED else "true",
            },
        )
        _data(edge, connection, edge_columns, positions)
    return indent_bytes(root)


def _data(parent, item, columns, positions) -> None:
    for key_id, _, kind, getter in columns:
        value = _get(item, getter, positions)
        if value is None or value == "":
            continue
        ET.SubElement(parent, f"{{{NS}}}data", {"key": key_id}).text = xml_safe(
            to_text(value, kind)
        )
