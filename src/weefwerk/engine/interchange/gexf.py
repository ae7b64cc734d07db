"""GEXF 1.3, Gephi's format (https://gexf.net), with attributes and ``viz:position``.

Written as GEXF 1.3; read are 1.1, 1.2 and 1.3 (namespaces are not checked, element names are).

- nodes: ``id`` and ``label``; kind, description, tags, image, email and URL are node
  attributes titled ``type``, ``description``, ``tags``, ``image``, ``email``, ``url``; every
  custom field is an attribute titled with its name, typed ``boolean``, ``long``, ``double`` or
  ``string`` from its values;
- edges: ``id``, ``source``, ``target``, ``type`` (directed, undirected, mutual), ``label`` and
  ``weight`` (the strength when it is a number); kind, description, tags (and a strength that is
  text) are edge attributes titled ``type``, ``description``, ``tags``, ``strength``;
- positions: ``viz:position x y`` of the first map.

What GEXF cannot carry: more than one map (only the first map's positions, and not its name or
id), field definitions, the network's name (its description goes into ``meta``), list values
(joined with ``|``), a custom field whose values mix text and numbers (written as text), and
tags containing ``|``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.model import (
    DIRECTED,
    DIRECTIONS,
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
    number_text,
    parse_number_text,
    to_text,
    value_type,
    xml_safe,
)

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
NODE_BUILTIN = {
    "type": "kind",
    "kind": "kind",
    "description": "description",
    "tags": "tags",
    "image": "image",
    "email": "email",
    "url": "url",
}
EDGE_BUILTIN = {
    "type": "kind",
    "kind": "kind",
    "description": "description",
    "tags": "tags",
    "strength": "strength",
}


def read(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Network:
    root = parse_xml(data, name)
    if local(root.tag) != "gexf":
        raise InterchangeError(
            Issue("Dit is geen GEXF-bestand (het begint niet met <gexf>).", file=name)
        )
    issues = IssueCollector(name)
    graph = child(root, "graph")
    if graph is None:
        raise InterchangeError(Issue("Het GEXF-bestand heeft geen <graph>.", file=name))
    default_direction = graph.get("defaultedgetype", DIRECTED)
    definitions = {"node": {}, "edge": {}}
    for attributes in children(graph, "attributes"):
        target = "edge" if attributes.get("class", "node") == "edge" else "node"
        for attribute in children(attributes, "attribute"):
            default = child(attribute, "default")
            definitions[target][attribute.get("id")] = (
                (attribute.get("title") or attribute.get("id") or "").strip(),
                attribute.get("type", "string"),
                default.text if default is not None else None,
            )
    network = Network()
    meta = child(root, "meta")
    if meta is not None and child(meta, "description") is not None:
        network.description = (child(meta, "description").text or "").strip()
    positions: dict[str, Position] = {}
    nodes_parent = child(graph, "nodes")
    seen: set[str] = set()
    for number, node in enumerate(
        children(nodes_parent, "node") if nodes_parent is not None else [], start=1
    ):
        node_id = (node.get("id") or "").strip()
        item = f"node {number}" + (f" ({node_id})" if node_id else "")
        if not node_id:
            issues.add("De node heeft geen id.", item=item)
            continue
        if node_id in seen:
            issues.add(f"Dubbele id '{node_id}'.", item=item)
            continue
        seen.add(node_id)
        element = Element(id=node_id, label=(node.get("label") or "").strip() or node_id)
        for title, value in _values(node, definitions["node"]):
            builtin = NODE_BUILTIN.get(title.lower())
            if builtin == "tags":
                element.tags = split_multi(str(value))
            elif builtin:
                setattr(element, builtin, str(value))
            else:
                element.fields[title] = value
        position = child(node, "position")
        if position is not None:
            x, y = parse_number_text(position.get("x")), parse_number_text(position.get("y"))
            if x is None or y is None:
                issues.add("viz:position heeft geen geldige x en y.", item=item)
            else:
                positions[node_id] = Position(float(x), float(y))
        network.elements.append(element)
    edges_parent = child(graph, "edges")
    edge_ids: set[str] = set()
    for number, edge in enumerate(
        children(edges_parent, "edge") if edges_parent is not None else [], start=1
    ):
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
        direction = (edge.get("type") or default_direction).strip().lower()
        if direction not in DIRECTIONS:
            issues.add(f"Onbekend edge-type '{direction}'.", item=item)
            problem = True
        if problem:
            continue
        connection = Connection(
            id=edge_id,
            source=source,
            target=target,
            direction=direction,
            strength=parse_number_text(edge.get("weight")),
            label=(edge.get("label") or "").strip(),
        )
        for title, value in _values(edge, definitions["edge"]):
            builtin = EDGE_BUILTIN.get(title.lower())
            if builtin == "tags":
                connection.tags = split_multi(str(value))
            elif builtin == "strength":
                connection.strength = value
            elif builtin:
                setattr(connection, builtin, str(value))
            else:
                connection.fields[title] = value
        network.connections.append(connection)
    issues.raise_if_any()
    if not network.elements:
        raise InterchangeError(Issue("Het bestand bevat geen nodes.", file=name))
    number_connections(network.connections)
    if positions:
        network.maps.append(NetworkMap(id="map-1", name="Kaart", positions=positions))
    return network


def _values(item: ET.Element, definitions: dict) -> list[tuple[str, object]]:
    given = {}
    attvalues = child(item, "attvalues")
    for attvalue in children(attvalues, "attvalue") if attvalues is not None else []:
        given[attvalue.get("for") or attvalue.get("id")] = attvalue.get("value")
    result = []
    for attribute_id, (title, kind, default) in definitions.items():
        text = given.get(attribute_id, default)
        value = from_text(text, kind)
        if value is not None and title:
            result.append((title, value))
    return result


def _declare(parent: ET.Element, klass: str, columns: list[tuple[str, str, str]]) -> None:
    attributes = ET.SubElement(parent, f"{{{NS}}}attributes", {"class": klass})
    for attribute_id, title, kind in columns:
        ET.SubElement(
            attributes, f"{{{NS}}}attribute", {"id": attribute_id, "title": title, "type": kind}
        )


def _columns(items, builtins: list[tuple[str, str]]) -> list[tuple[str, str, str, object]]:
    """(id, title, type, getter) for built-in text attributes and every custom field."""
    columns = []
    for attribute, title in builtins:
        columns.append((title, title, "string", attribute))
    names: dict[str, list] = {}
    for item in items:
        for key, value in item.fields.items():
            names.setdefault(key, []).append(value)
    for number, (key, values) in enumerate(names.items()):
        columns.append((f"f{number}", key, value_type(values), ("field", key)))
    return columns


def _get(item, getter):
    if isinstance(getter, tuple):
        return item.fields.get(getter[1])
    value = getattr(item, getter)
    if getter == "tags":
        return "|".join(value) if value else None
    if getter == "strength":
        return value if isinstance(value, str) and value else None
    return value or None


def _attvalues(parent: ET.Element, item, columns) -> None:
    values = []
    for attribute_id, _, kind, getter in columns:
        value = _get(item, getter)
        if value is not None and value != "":
            values.append((attribute_id, xml_safe(to_text(value, kind))))
    if values:
        holder = ET.SubElement(parent, f"{{{NS}}}attvalues")
        for attribute_id, text in values:
            ET.SubElement(holder, f"{{{NS}}}attvalue", {"for": attribute_id, "value": text})


def write(network: Network) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("viz", VIZ)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3", f"{{{XSI}}}schemaLocation": SCHEMA})
    meta = ET.SubElement(root, f"{{{NS}}}meta", {"lastmodifieddate": dt.date.today().isoformat()})
    ET.SubElement(meta, f"{{{NS}}}creator").text = "Weefwerk"
    if network.description:
        ET.SubElement(meta, f"{{{NS}}}description").text = xml_safe(network.description)
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": DIRECTED, "mode": "static"})
    node_columns = _columns(
        network.elements,
        [
            ("kind", "type"),
            ("description", "description"),
            ("tags", "tags"),
            ("image", "image"),
            ("email", "email"),
            ("url", "url"),
        ],
    )
    edge_columns = _columns(
        network.connections,
        [
            ("kind", "type"),
            ("description", "description"),
            ("tags", "tags"),
            ("strength", "strength"),
        ],
    )
    _declare(graph, "node", [c[:3] for c in node_columns])
    _declare(graph, "edge", [c[:3] for c in edge_columns])
    positions = network.maps[0].positions if network.maps else {}
    nodes = ET.SubElement(graph, f"{{{NS}}}nodes")
    for element in network.elements:
        node = ET.SubElement(
            nodes, f"{{{NS}}}node", {"id": xml_safe(element.id), "label": xml_safe(element.label)}
        )
        _attvalues(node, element, node_columns)
        position = positions.get(element.id)
        if position is not None:
            ET.SubElement(
                node,
                f"{{{VIZ}}}position",
                {"x": repr(position.x), "y": repr(position.y), "z": "0.0"},
            )
    edges = ET.SubElement(graph, f"{{{NS}}}edges")
    for connection in network.connections:
        attributes = {
            "id": xml_safe(connection.id),
            "source": xml_safe(connection.source),
            "target": xml_safe(connection.target),
            "type": connection.direction,
        }
        if isinstance(connection.strength, int | float) and not isinstance(
            connection.strength, bool
        ):
            attributes["weight"] = number_text(connection.strength)
        if connection.label:
            attributes["label"] = xml_safe(connection.label)
        edge = ET.SubElement(edges, f"{{{NS}}}edge", attributes)
        _attvalues(edge, connection, edge_columns)
    return indent_bytes(root)
