"""``weefwerk agenda shave --target N``."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from weefwerk.engine.agenda import cli

AGENDA = [
    {"title": "Welkom", "minutes": 5, "fixed": True},
    {"title": "Kennismaking", "minutes": 15, "fixed": False},
    {"title": "Opdracht", "minutes": 60, "fixed": False, "kind": "assignment"},
    {"title": "Pauze", "minutes": 10, "fixed": True},
    {"title": "Afsluiting", "minutes": 10},
]


def run(monkeypatch, capsys, argv, stdin):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_shave_writes_the_same_shape(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["shave", "--target", "70"], json.dumps(AGENDA))
    assert code == 0, err
    result = json.loads(out)
    assert [entry["title"] for entry in result] == [entry["title"] for entry in AGENDA]
    assert sum(entry["minutes"] for entry in result) == 70
    assert result[0]["minutes"] == 5 and result[3]["minutes"] == 10
    assert result[2]["kind"] == "assignment"  # other keys are kept
    assert result[4]["fixed"] is False  # a missing "fixed" is written as false


def test_lengthening(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["shave", "--target", "130"], json.dumps(AGENDA))
    assert code == 0
    assert sum(entry["minutes"] for entry in json.loads(out)) == 130


def test_impossible_target_exits_2_with_dutch_message(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["shave", "--target", "20"], json.dumps(AGENDA))
    assert code == 2
    assert out == ""
    assert "minstens 30 minuten" in err


@pytest.mark.parametrize(
    ("stdin", "fragment"),
    [
        ("niet json", "geen geldige JSON"),
        ('{"title": "x"}', "JSON-lijst"),
        ("[1]", "JSON-object"),
        ('[{"title": "x", "minutes": -5}]', "heel getal"),
        ('[{"title": "x", "minutes": "tien"}]', "heel getal"),
        ('[{"title": "x"}]', "heel getal"),
        ('[{"title": "x", "minutes": 10, "fixed": "ja"}]', "true of false"),
        ('[{"title": 3, "minutes": 10}]', "titel"),
    ],
)
def test_bad_input_exits_2(monkeypatch, capsys, stdin, fragment):
    code, out, err = run(monkeypatch, capsys, ["shave", "--target", "10"], stdin)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_whole_number_floats_are_accepted(monkeypatch, capsys):
    code, out, _ = run(
        monkeypatch, capsys, ["shave", "--target", "10"], '[{"title": "x", "minutes": 20.0}]'
    )
    assert code == 0
    assert json.loads(out)[0]["minutes"] == 10


@pytest.mark.parametrize("argv", [[], ["shave"], ["shave", "--target", "tien"], ["other"]])
def test_usage_errors_exit_2(monkeypatch, capsys, argv):
    code, _, _ = run(monkeypatch, capsys, argv, "[]")
    assert code == 2


def test_negative_target_exits_2(monkeypatch, capsys):
    code, _, err = run(monkeypatch, capsys, ["shave", "--target=-5"], "[]")
    assert code == 2
    assert "--target" in err


def test_help_exits_0(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["shave", "--help"], "")
    assert code == 0
    assert "--target" in out


def test_runs_as_a_module():
    src = Path(cli.__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(src)}
    completed = subprocess.run(
        [sys.executable, "-m", "weefwerk.engine.agenda.cli", "shave", "--target", "70"],
        input=json.dumps(AGENDA),
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert sum(entry["minutes"] for entry in json.loads(completed.stdout)) == 70
    assert "django" not in completed.stderr.lower()


def test_engine_imports_without_django():
    src = Path(cli.__file__).resolve().parents[3]
    code = (
        "import sys; sys.modules['django'] = None\n"
        "import weefwerk.engine.agenda, weefwerk.engine.agenda.cli\n"
        "print('ok')"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(src)},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
