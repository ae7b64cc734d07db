"""``weefwerk network convert IN OUT``: exit 0 on success, 2 with a Dutch message otherwise."""

from __future__ import annotations

import json
import subprocess
import sys

from interchange_helpers import REPO_ROOT, SAMPLES, xlsx_bytes

from weefwerk.engine.interchange import read
from weefwerk.engine.interchange.cli import main


def test_convert_kumu_backup_to_gexf_and_back(tmp_path, capsys):
    target = tmp_path / "kaart.gexf"
    assert main([str(SAMPLES / "kumu" / "snap-to-tutorial-project.json"), str(target)]) == 0
    assert "51 elementen, 113 verbindingen, 51 posities" in capsys.readouterr().out
    network = read(target)
    assert len(network.elements) == 51 and network.position_count() == 51
    back = tmp_path / "terug.json"
    assert main(["convert", str(target), str(back), "--to", "kumu-json"]) == 0
    assert len(json.loads(back.read_text(encoding="utf-8"))["connections"]) == 113


def test_convert_to_csv_pair_and_read_it_by_either_file(tmp_path):
    assert main([str(SAMPLES / "kumu" / "paypal-mafia.xlsx"), str(tmp_path / "pp.csv")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pp.connections.csv", "pp.elements.csv"]
    for name in ("pp.connections.csv", "pp.elements.csv"):
        network = read(tmp_path / name)
        assert (len(network.elements), len(network.connections)) == (34, 49)
    pair = read((tmp_path / "pp.elements.csv", tmp_path / "pp.connections.csv"))
    assert len(pair.connections) == 49


def test_convert_with_explicit_formats(tmp_path):
    target = tmp_path / "uit.data"
    assert (
        main(
            [
                str(SAMPLES / "onodo" / "onodo_template.xlsx"),
                str(target),
                "--from",
                "onodo",
                "--to",
                "graphml",
            ]
        )
        == 0
    )
    assert read(target, "graphml").connections[0].kind == "father of"


def test_bad_input_exits_2_with_dutch_message(tmp_path, capsys):
    source = tmp_path / "kapot.xlsx"
    source.write_bytes(
        xlsx_bytes(
            {"Elements": [["Label"], ["A"]], "Connections": [["From", "To"], ["A", "Onbekend"]]}
        )
    )
    target = tmp_path / "uit.json"
    assert main([str(source), str(target)]) == 2
    error = capsys.readouterr().err
    assert "Omzetten mislukt; er is niets geschreven" in error
    assert "blad Connections, rij 2, kolom B (To)" in error
    assert not target.exists()


def test_missing_file_unknown_format_and_usage(tmp_path, capsys):
    assert main([str(tmp_path / "nergens.xlsx"), str(tmp_path / "x.json")]) == 2
    assert "bestaat niet" in capsys.readouterr().err
    source = SAMPLES / "onodo" / "onodo_template.xlsx"
    assert main([str(source), str(tmp_path / "x.pdf")]) == 2
    assert "Kan het formaat niet afleiden" in capsys.readouterr().err
    assert main([str(source), str(tmp_path / "x.json"), "--to", "visio"]) == 2
    assert "Onbekend formaat 'visio'" in capsys.readouterr().err
    assert main(["alleen-een-bestand"]) == 2
    assert "Gebruik: weefwerk network convert" in capsys.readouterr().err


def test_runs_as_a_module(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "weefwerk.engine.interchange.cli",
            str(SAMPLES / "kumu" / "kumu-changelabs-template.json"),
            str(tmp_path / "c.xlsx"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    network = read(tmp_path / "c.xlsx")
    assert [m.name for m in network.maps] == ["Driving Dynamics Map", "Stakeholder Ecosystem Map"]
