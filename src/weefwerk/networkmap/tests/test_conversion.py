"""Models <-> the engine's Network, and importing real files from other tools."""

from pathlib import Path

import pytest

from weefwerk.engine import interchange
from weefwerk.networkmap import conversion, services
from weefwerk.networkmap.models import Connection, Element, Position
from weefwerk.trajectories.tests.factories import make_trajectory

SAMPLES = Path(__file__).resolve().parents[5] / "shared" / "samples"
SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix != ".md")


def element_rows(trajectory):
    return sorted(
        (
            e.label,
            e.kind,
            e.kind_in_file,
            e.description,
            tuple(e.tags),
            tuple(sorted(d.name for d in e.domains.all())),
            e.status,
            e.rhythm,
            e.missing_note,
            tuple(sorted(e.custom_fields.items())),
        )
        for e in Element.objects.filter(trajectory=trajectory)
    )


def connection_rows(trajectory):
    return sorted(
        (
            c.source.label,
            c.target.label,
            c.kind,
            c.custom_kind,
            c.direction,
            c.strength,
            c.role,
            c.note,
            c.status,
        )
        for c in Connection.objects.filter(trajectory=trajectory)
    )


def position_rows(trajectory):
    return sorted(
        (p.element.label, p.x, p.y)
        for p in Position.objects.filter(map=services.default_map(trajectory))
    )


def test_round_trip_models_network_models(trajectory, network):
    other = make_trajectory(name="Kopie")
    result = services.network_import(trajectory=other, network=conversion.to_network(trajectory))
    assert result.elements_created == 4
    assert result.connections_created == 3
    assert element_rows(other) == element_rows(trajectory)
    assert connection_rows(other) == connection_rows(trajectory)
    assert position_rows(other) == position_rows(trajectory)
    # Importing the same file again changes nothing and adds nothing.
    again = services.network_import(trajectory=other, network=conversion.to_network(trajectory))
    assert again.elements_created == again.connections_created == 0
    assert element_rows(other) == element_rows(trajectory)


@pytest.mark.parametrize("name", interchange.format_names())
def test_every_export_format_reads_back(trajectory, network, name):
    data = interchange.dumps(conversion.to_network(trajectory), name)
    suffix = {"onodo": ".xlsx", "kumu-json": ".json", "kumu-backup": ".json"}.get(
        name, interchange.FORMATS[name].extension
    )
    back = interchange.read(data, name=f"export{suffix}")
    assert len(back.elements) == 4
    assert len(back.connections) == 3


def test_samples_are_there():
    assert len(SAMPLE_FILES) >= 5, SAMPLES


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_every_sample_imports_with_the_engines_counts(trajectory, path):
    expected = interchange.read(path)
    result = services.network_import(trajectory=trajectory, network=expected)
    assert result.elements_created == len(expected.elements)
    assert result.connections_created == len(expected.connections)
    assert result.positions == expected.position_count()
    assert Element.objects.filter(trajectory=trajectory).count() == len(expected.elements)
    assert Connection.objects.filter(trajectory=trajectory).count() == len(expected.connections)
    assert Position.objects.filter(map__trajectory=trajectory).count() == expected.position_count()
    # Types, tags and custom fields survive the trip through the database.
    exported = conversion.to_network(trajectory)
    assert exported.element_kinds() == expected.element_kinds()
    assert exported.connection_kinds() == expected.connection_kinds()
    assert exported.tags() == expected.tags()
    assert exported.custom_field_names() == expected.custom_field_names()
    assert exported.position_count() == expected.position_count()
    by_id = {e.id: e for e in exported.elements}
    for element in expected.elements:
        assert by_id[element.id].fields == element.fields
        assert by_id[element.id].kind == element.kind
    # And the export is a file the engine reads again.
    for name in ("kumu-xlsx", "kumu-backup", "gexf"):
        interchange.read(interchange.dumps(exported, name), name=f"x.{name}.bin", format=name)


def test_known_kinds_map_onto_ours(trajectory):
    network = interchange.Network(
        elements=[
            interchange.Element(id="a", label="Armoedeoverleg", kind="Overleg"),
            interchange.Element(id="b", label="Ans", kind="Person"),
            interchange.Element(id="c", label="Bedrijf", kind="Company"),
        ],
        connections=[
            interchange.Connection(id="1", source="b", target="a", kind="neemt deel aan"),
            interchange.Connection(id="2", source="b", target="c", kind="Investor", strength=7),
        ],
    )
    services.network_import(trajectory=trajectory, network=network)
    table = Element.objects.get(label="Armoedeoverleg")
    assert (table.kind, table.kind_in_file) == ("table", None)
    assert Element.objects.get(label="Ans").kind == "person"
    company = Element.objects.get(label="Bedrijf")
    assert (company.kind, company.kind_in_file) == ("organisation", "Company")
    custom = Connection.objects.get(external_id="2")
    assert (custom.kind, custom.custom_kind, custom.strength) == ("custom", "Investor", 2)
    back = {c.id: c for c in conversion.to_network(trajectory).connections}
    assert back["2"].strength == 7
    assert back["1"].kind == "neemt deel aan"
    # Changing the kind forgets the file's type.
    services.element_update(company, kind="informal")
    company.refresh_from_db()
    assert company.kind_in_file is None


def test_merge_matches_id_then_label_and_kind(trajectory, network):
    file = interchange.Network(
        elements=[
            interchange.Element(
                id="x1", label="voedselbank", kind="Organisatie", description="Nieuw"
            ),
            interchange.Element(id="x2", label="Wijkteamoverleg", kind="Programma of project"),
        ]
    )
    plan = conversion.plan_network(trajectory, file)
    assert plan.elements[0].existing == network["org_a"]
    assert "omschrijving" in plan.elements[0].changes
    assert plan.elements[1].existing is None  # same label, other kind
    services.network_import(trajectory=trajectory, network=file)
    network["org_a"].refresh_from_db()
    assert network["org_a"].external_id == "x1"
    assert network["org_a"].description == "Nieuw"
    assert network["org_a"].tags == ["voedsel"]  # an empty tag list keeps the old tags
    # Next time the id matches, even with another label.
    renamed = interchange.Network(
        elements=[interchange.Element(id="x1", label="Voedselbank Testdorp", kind="Organisatie")]
    )
    assert conversion.plan_network(trajectory, renamed).elements[0].existing == network["org_a"]


def test_a_failing_import_leaves_nothing(trajectory, network):
    before = Element.objects.count(), Connection.objects.count()
    file = interchange.Network(
        elements=[
            interchange.Element(id="ok", label="Goed"),
            interchange.Element(id="long", label="x" * 300),
        ]
    )
    with pytest.raises(services.ImportApplyError, match="langer dan 200"):
        services.network_import(trajectory=trajectory, network=file)
    assert (Element.objects.count(), Connection.objects.count()) == before


def test_json_of_a_network_round_trips():
    network = interchange.read(SAMPLES / "kumu" / "snap-to-tutorial-project.json")
    again = conversion.network_from_json(conversion.network_to_json(network))
    assert again == network
