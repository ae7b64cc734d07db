import json
from pathlib import Path

import pytest

from weefwerk.engine.network.cli import main
from weefwerk.engine.network.loading import NetworkInputError, load_network


@pytest.fixture
def network_file(tmp_path, small_network):
    path = tmp_path / "netwerk.json"
    path.write_text(json.dumps(small_network.to_dict()), encoding="utf-8")
    return path


def test_analyse_json(network_file, capsys):
    assert main(["analyse", str(network_file), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["elements"]) == 10
    assert result["webbers"]["ranking"]
    assert result["weak_spots"]["departures"]
    assert "density" in result["network"]


def test_analyse_text(network_file, capsys):
    assert main(["analyse", str(network_file)]) == 0
    out = capsys.readouterr().out
    assert "Webbers" in out
    assert "Als Anna vertrekt" in out


def test_round_trip_of_the_json_format(network_file, small_network):
    assert load_network(network_file) == small_network


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "geen geldige JSON"),
        ("[]", "verwacht een object"),
        ('{"elements": [{"label": "x"}]}', "element 1: 'id' ontbreekt"),
        ('{"elements": [{"id": "a"}, {"id": "a"}]}', "komt twee keer voor"),
        ('{"elements": [{"id": "a", "kind": "planet"}]}', "onbekende soort"),
        (
            '{"elements": [{"id": "a"}], "connections": [{"from": "a", "to": "b"}]}',
            "'b' bestaat niet",
        ),
        (
            '{"elements": [{"id": "a"}, {"id": "b"}], '
            '"connections": [{"from": "a", "to": "b", "strength": 7}]}',
            "sterkte moet 1, 2 of 3 zijn",
        ),
        (
            '{"elements": [{"id": "a"}, {"id": "b"}], '
            '"connections": [{"from": "a", "to": "b", "direction": "sideways"}]}',
            "onbekende richting",
        ),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "kapot.json"
    path.write_text(content, encoding="utf-8")
    assert main(["analyse", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_and_unknown_extension(tmp_path, capsys):
    assert main(["analyse", str(tmp_path / "weg.json")]) == 2
    other = tmp_path / "netwerk.xyz"
    other.write_text("x")
    assert main(["analyse", str(other)]) == 2
    assert "niet herkend" in capsys.readouterr().err
    with pytest.raises(NetworkInputError):
        load_network(other)


def test_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["analyse", "x.json", "--format", "xml"]) == 2


def test_dutch_aliases(tmp_path):
    path = tmp_path / "n.json"
    path.write_text(
        json.dumps(
            {
                "elements": [{"id": "a", "kind": "Overleg"}, {"id": "b", "kind": "persoon"}],
                "connections": [{"from": "b", "to": "a", "direction": "gericht"}],
            }
        )
    )
    network = load_network(path)
    assert [n.kind for n in network.nodes] == ["table", "person"]
    assert network.edges[0].direction == "directed"


SAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "samples"


@pytest.mark.parametrize(
    "name",
    ["kumu/snap-to-tutorial-project.json", "kumu/paypal-mafia.xlsx", "onodo/onodo_template.xlsx"],
)
def test_analyse_reads_what_the_import_reads(name, capsys):
    assert main(["analyse", str(SAMPLES / name), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["network"]["elements"] > 0


def test_convert_goes_to_the_interchange_tool(tmp_path):
    target = tmp_path / "kaart.graphml"
    assert main(["convert", str(SAMPLES / "kumu/paypal-mafia.xlsx"), str(target)]) == 0
    assert target.read_bytes().startswith(b"<?xml")
