"""``weefwerk privacy scan``."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from weefwerk.engine.privacy import cli

SRC = Path(cli.__file__).resolve().parents[3]


def run(monkeypatch, capsys, argv, stdin):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_findings_exit_1(monkeypatch, capsys):
    text = "BSN 123456782, bel 06-12345678."
    code, out, _ = run(monkeypatch, capsys, ["scan"], text)
    assert code == 1
    findings = json.loads(out)
    assert [f["kind"] for f in findings] == ["bsn", "phone"]
    assert set(findings[0]) == {"kind", "start", "end", "text", "label"}
    assert text[findings[1]["start"] : findings[1]["end"]] == "06-12345678"


def test_no_findings_exit_0(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["scan"], "In 2023 kreeg het gezin €1.250.")
    assert code == 0
    assert json.loads(out) == []


def test_invalid_bsn_exit_0(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["scan"], "Nummer 123456789.")
    assert code == 0
    assert json.loads(out) == []


def test_names_file(monkeypatch, capsys, tmp_path):
    names = tmp_path / "namen.txt"
    names.write_text("# deelnemers\nFatima el Amrani\n\nJan de Vries\n", encoding="utf-8")
    code, out, _ = run(
        monkeypatch, capsys, ["scan", "--names", str(names)], "Fatima el Amrani belde."
    )
    assert code == 1
    assert json.loads(out) == [
        {
            "kind": "name",
            "start": 0,
            "end": 16,
            "text": "Fatima el Amrani",
            "label": "Naam van een persoon",
        }
    ]


def test_missing_names_file_exit_2(monkeypatch, capsys, tmp_path):
    code, out, err = run(
        monkeypatch, capsys, ["scan", "--names", str(tmp_path / "weg.txt")], "tekst"
    )
    assert code == 2
    assert out == ""
    assert "namenbestand" in err


def test_names_file_not_utf8_exit_2(monkeypatch, capsys, tmp_path):
    names = tmp_path / "namen.txt"
    names.write_bytes(b"\xff\xfe\x00J")
    code, _, err = run(monkeypatch, capsys, ["scan", "--names", str(names)], "tekst")
    assert code == 2
    assert "UTF-8" in err


@pytest.mark.parametrize("argv", [[], ["scannen"], ["scan", "--onbekend"], ["scan", "--names"]])
def test_usage_errors_exit_2(monkeypatch, capsys, argv):
    code, _, _ = run(monkeypatch, capsys, argv, "")
    assert code == 2


def test_help_exit_0(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["scan", "--help"], "")
    assert code == 0
    assert "--names" in out


def test_runs_as_a_module_with_utf8():
    completed = subprocess.run(
        [sys.executable, "-m", "weefwerk.engine.privacy.cli", "scan"],
        input="Café: bel 06-12345678.".encode(),
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    [finding] = json.loads(completed.stdout.decode("utf-8"))
    assert (finding["start"], finding["end"]) == (10, 21)


def test_engine_imports_without_django():
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import weefwerk.engine.privacy, weefwerk.engine.privacy.cli\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
