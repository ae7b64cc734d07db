"""Every file in shared/samples imports with all elements, connections, types, tags, custom
fields and positions; the expected counts are taken from the raw files here, independently of
the readers."""

from __future__ import annotations

import json
import warnings

import openpyxl
import pytest
from interchange_helpers import SAMPLES

from weefwerk.engine.interchange import dumps, read
from weefwerk.engine.interchange.model import Position

KUMU_ELEMENT_RESERVED = {"id", "label", "type", "description", "tags", "image", "email", "url"}
KUMU_CONNECTION_RESERVED = {
    "id",
    "from",
    "to",
    "type",
    "label",
    "description",
    "tags",
    "direction",
    "strength",
}

ALL_SAMPLES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README.md")


def test_samples_are_there():
    assert SAMPLES.is_dir(), f"samples not found at {SAMPLES}"
    assert {p.suffix for p in ALL_SAMPLES} == {".xlsx", ".json"}
    assert len(ALL_SAMPLES) == 5


def raw_sheets(path) -> dict[str, list[tuple]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(path)
        return {
            ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)]
            for ws in workbook.worksheets
        }


def filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def split(value) -> list[str]:
    return [p.strip() for p in str(value or "").split("|") if p.strip()]


def kumu_xlsx_expectations(path) -> dict:
    sheets = raw_sheets(path)
    elements_header, *element_rows = sheets["Elements"]
    connections_header, *connection_rows = sheets["Connections"]
    element_rows = [r for r in element_rows if any(filled(v) for v in r)]
    connection_rows = [r for r in connection_rows if any(filled(v) for v in r)]
    e = {h.lower(): i for i, h in enumerate(elements_header)}
    c = {h.lower(): i for i, h in enumerate(connections_header)}
    connections = sum(len(split(r[c["from"]])) * len(split(r[c["to"]])) for r in connection_rows)
    element_custom = [h for h in elements_header if h.lower() not in KUMU_ELEMENT_RESERVED]
    connection_custom = [h for h in connections_header if h.lower() not in KUMU_CONNECTION_RESERVED]
    custom_values = sum(
        filled(r[elements_header.index(h)]) for r in element_rows for h in element_custom
    ) + sum(
        filled(r[connections_header.index(h)]) for r in connection_rows for h in connection_custom
    )
    used_custom = {
        h for h in element_custom if any(filled(r[elements_header.index(h)]) for r in element_rows)
    }
    used_custom |= {
        h
        for h in connection_custom
        if any(filled(r[connections_header.index(h)]) for r in connection_rows)
    }
    tags = set()
    for rows, index in ((element_rows, e), (connection_rows, c)):
        if "tags" in index:
            for r in rows:
                tags.update(split(r[index["tags"]]))
    return {
        "elements": len(element_rows),
        "connections": connections,
        "element_kinds": {
            str(r[e["type"]]).strip() for r in element_rows if "type" in e and filled(r[e["type"]])
        },
        "connection_kinds": {
            str(r[c["type"]]).strip()
            for r in connection_rows
            if "type" in c and filled(r[c["type"]])
        },
        "tags": tags,
        "custom_fields": used_custom,
        "custom_values": custom_values,
        "labels": {str(r[e["label"]]).strip() for r in element_rows},
    }


def custom_value_count(network) -> int:
    return sum(len(i.fields) for i in [*network.elements, *network.connections])


@pytest.mark.parametrize("name", ["paypal-mafia.xlsx", "snap-to-tutorial-data.xlsx"])
def test_kumu_spreadsheets(name):
    path = SAMPLES / "kumu" / name
    expected = kumu_xlsx_expectations(path)
    network = read(path)
    assert len(network.elements) == expected["elements"]
    assert len(network.connections) == expected["connections"]
    assert network.element_kinds() == expected["element_kinds"]
    assert network.connection_kinds() == expected["connection_kinds"]
    assert network.tags() == expected["tags"]
    assert network.custom_field_names() == expected["custom_fields"]
    assert custom_value_count(network) == expected["custom_values"]
    assert {e.label for e in network.elements} == expected["labels"]
    assert network.maps == []


def test_paypal_details():
    network = read(SAMPLES / "kumu" / "paypal-mafia.xlsx")
    assert len(network.elements) == 34 and len(network.connections) == 49
    roelof = next(e for e in network.elements if e.label == "Roelof Botha")
    assert roelof.kind == "Person"
    assert roelof.tags == ["PayPal-Mafia"]
    assert roelof.image.startswith("http://s3.amazonaws.com/")
    assert roelof.description.startswith("Roelof Botha is a partner at Sequoia Capital")
    assert roelof.fields["Attribution"].startswith("Image via [CrunchBase]")
    first = network.connections[0]
    assert (first.source, first.target, first.kind) == ("PayPal", "Ken Howery", "Employee/Founder")
    assert first.direction == "directed"


def test_snap_spreadsheet_keeps_text_values():
    network = read(SAMPLES / "kumu" / "snap-to-tutorial-data.xlsx")
    michigan = network.element("Michigan")
    assert michigan.fields["2010 Population"] == "9876498"  # stored as text in the file
    assert michigan.fields["Region"] == "Midwest"


def kumu_backup_expectations(path) -> dict:
    document = json.loads(path.read_text(encoding="utf-8"))
    element_reserved = {"label", "element type", "description", "tags", "image", "email", "url"}
    connection_reserved = {"label", "connection type", "description", "tags", "strength"}
    custom = set()
    custom_values = 0
    tags = set()
    for items, reserved in (
        (document["elements"], element_reserved),
        (document["connections"], connection_reserved),
    ):
        for item in items:
            for key, value in item["attributes"].items():
                if key == "tags":
                    tags.update(value)
                elif key not in reserved and value not in (None, ""):
                    custom.add(key)
                    custom_values += 1
    positions = {
        m["_id"]: {
            n["element"]: (n["position"]["x"], n["position"]["y"])
            for n in m["elements"]
            if "position" in n
        }
        for m in document["maps"]
    }
    return {
        "document": document,
        "elements": len(document["elements"]),
        "connections": len(document["connections"]),
        "element_kinds": {
            e["attributes"]["element type"]
            for e in document["elements"]
            if e["attributes"].get("element type")
        },
        "connection_kinds": {
            c["attributes"]["connection type"]
            for c in document["connections"]
            if c["attributes"].get("connection type")
        },
        "tags": tags,
        "custom_fields": custom,
        "custom_values": custom_values,
        "positions": positions,
        "definitions": [a["name"] for a in document["attributes"]],
        "directions": [c["direction"] for c in document["connections"]],
    }


@pytest.mark.parametrize("name", ["snap-to-tutorial-project.json", "kumu-changelabs-template.json"])
def test_kumu_project_backups(name):
    path = SAMPLES / "kumu" / name
    expected = kumu_backup_expectations(path)
    network = read(path)
    assert len(network.elements) == expected["elements"]
    assert len(network.connections) == expected["connections"]
    assert network.element_kinds() == expected["element_kinds"]
    assert network.connection_kinds() == expected["connection_kinds"]
    assert network.tags() == expected["tags"]
    # field names come back in the spelling of their definition ("2010 Population")
    assert {n.lower() for n in network.custom_field_names()} == expected["custom_fields"]
    assert custom_value_count(network) == expected["custom_values"]
    assert [d.name for d in network.field_definitions] == expected["definitions"]
    assert [c.direction for c in network.connections] == expected["directions"]
    assert {m.id: {k: (p.x, p.y) for k, p in m.positions.items()} for m in network.maps} == (
        expected["positions"]
    )
    assert network.name == expected["document"]["name"]


def test_snap_backup_details():
    network = read(SAMPLES / "kumu" / "snap-to-tutorial-project.json")
    assert network.summary()["positions"] == 51
    new_york = next(e for e in network.elements if e.label == "New York")
    assert new_york.kind == "State"
    assert new_york.fields["2010 Population"] == 19400867
    assert new_york.fields["Relative Growth"] == pytest.approx(0.01899695852565953)
    assert network.maps[0].name == "The States"
    assert network.position(network.elements[0].id) is not None


def test_changelabs_backup_details():
    network = read(SAMPLES / "kumu" / "kumu-changelabs-template.json")
    assert [m.name for m in network.maps] == ["Driving Dynamics Map", "Stakeholder Ecosystem Map"]
    assert sum(len(m.positions) for m in network.maps) == 11
    assert len(network.field_definitions) == 25
    power = next(d for d in network.field_definitions if d.name == "Power Score")
    assert power.format == "number" and power.values[:2] == ["1", "2"]
    funding = next(c for c in network.connections if c.fields.get("Value Flows") == "Funding")
    assert funding.fields["Power Score"] == "8"
    assert network.extra["kumu"]["perspectives"][0]["name"] == "Dynamics Analysis"


@pytest.mark.parametrize("name", ["snap-to-tutorial-project.json", "kumu-changelabs-template.json"])
def test_kumu_backup_round_trips_exactly(name):
    path = SAMPLES / "kumu" / name
    network = read(path)
    again = read(dumps(network, "kumu-backup"), name="again.json")
    assert again == network
    # and the written file has the same shape as KUMU's own
    original = json.loads(path.read_text(encoding="utf-8"))
    written = json.loads(dumps(network, "kumu-backup"))
    assert set(written) == set(original)
    assert len(written["maps"]) == len(original["maps"])
    for ours, theirs in zip(written["maps"], original["maps"], strict=True):
        assert len(ours["elements"]) == len(theirs["elements"])
        assert len(ours["connections"]) == len(theirs["connections"])
    assert written["perspectives"] == original["perspectives"]


def test_onodo_template():
    path = SAMPLES / "onodo" / "onodo_template.xlsx"
    sheets = raw_sheets(path)
    nodes_header, *node_rows = sheets["Nodes"]
    relations_header, *relation_rows = sheets["Relations"]
    node_rows = [r for r in node_rows if any(filled(v) for v in r)]
    relation_rows = [r for r in relation_rows if any(filled(v) for v in r)]
    network = read(path)
    assert len(network.elements) == len(node_rows) == 2
    assert len(network.connections) == len(relation_rows) == 1
    type_column = nodes_header.index("Type")
    assert network.element_kinds() == {r[type_column] for r in node_rows}
    assert network.connection_kinds() == {r[relations_header.index("Type")] for r in relation_rows}
    anakin = network.element("Anakin Skywalker")
    assert anakin.kind == "sith" and "<strong>Anakin Skywalker</strong>" in anakin.description
    relation = network.connections[0]
    assert (relation.source, relation.kind, relation.target, relation.direction) == (
        "Anakin Skywalker",
        "father of",
        "Luke Skywalker",
        "directed",
    )


@pytest.mark.parametrize("path", ALL_SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "format_name",
    ["weefwerk-xlsx", "kumu-xlsx", "kumu-backup", "kumu-json", "csv", "gexf", "graphml", "onodo"],
)
def test_every_sample_converts_to_every_format(path, format_name):
    network = read(path)
    again = read(dumps(network, format_name), format_name, name=f"again.{format_name}")
    assert len(again.elements) == len(network.elements)
    assert len(again.connections) == len(network.connections)
    assert again.element_kinds() == network.element_kinds()
    assert again.connection_kinds() == network.connection_kinds()
    assert again.tags() == network.tags()
    assert again.custom_field_names() == network.custom_field_names()
    if format_name == "kumu-backup":
        assert [m.positions for m in again.maps] == [m.positions for m in network.maps] or (
            not network.maps
        )
    if format_name == "weefwerk-xlsx":  # Excel keeps 16 significant digits
        assert [sixteen_digits(m.positions) for m in again.maps] == [
            sixteen_digits(m.positions) for m in network.maps
        ]
    if format_name in ("gexf", "graphml") and network.maps:
        assert again.maps[0].positions == network.maps[0].positions


def sixteen_digits(positions):
    return {k: (float(f"{p.x:.16g}"), float(f"{p.y:.16g}")) for k, p in positions.items()}


def test_positions_are_numbers():
    network = read(SAMPLES / "kumu" / "kumu-changelabs-template.json")
    assert all(isinstance(p, Position) for m in network.maps for p in m.positions.values())
