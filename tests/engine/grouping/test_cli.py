import io
import json
import subprocess
import sys

import pytest

from weefwerk.engine.grouping.cli import main

PEOPLE = [
    {"id": f"p{i}", "organisation": f"o{i % 3}", "domains": ["onderwijs"], "expert": i == 0}
    for i in range(10)
]


def run(monkeypatch, capsys, payload):
    text = payload if isinstance(payload, str) else json.dumps(payload)
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    code = main([])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_on_stdout(monkeypatch, capsys):
    code, out, err = run(
        monkeypatch,
        capsys,
        {
            "people": PEOPLE,
            "rounds": 2,
            "max_size": 5,
            "min_size": 3,
            "met": [["p1", "p2"]],
            "apart": [["p1", "p3"]],
            "together": [],
            "locked": {"p4": 0},
            "seed": 1,
            "time_limit": 1,
        },
    )
    assert code == 0, err
    result = json.loads(out)
    assert len(result["rounds"]) == 2
    assert all(len(g) == 5 for rnd in result["rounds"] for g in rnd)
    assert "p4" in result["rounds"][0][0]
    for key in ("repeat_pairs", "new_pairs", "hard_violations", "colleague_pairs"):
        assert key in result["score"]
    assert result["score"]["groups_without_expert"] == 2


def test_round_specs(monkeypatch, capsys):
    code, out, _ = run(
        monkeypatch,
        capsys,
        {
            "people": PEOPLE,
            "rounds": [{"present": ["p1", "p2", "p3", "p4"], "max_size": 2}, {"groups": 3}],
            "time_limit": 0.5,
        },
    )
    assert code == 0
    rounds = json.loads(out)["rounds"]
    assert sorted(p for g in rounds[0] for p in g) == ["p1", "p2", "p3", "p4"]
    assert len(rounds[1]) == 3


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("{not json", "geen geldige JSON"),
        ([1, 2], "JSON-object"),
        ({"rounds": 1, "max_size": 3}, "'people'"),
        ({"people": PEOPLE, "max_size": 3, "apart": [["p1", "nobody"]]}, "nobody"),
        ({"people": PEOPLE, "rounds": [{"present": ["p1", "x"]}], "max_size": 3}, "'x'"),
        ({"people": PEOPLE, "max_size": 5, "min_size": 5, "groups": 3}, "kleiner"),
        ({"people": PEOPLE, "max_size": 2, "locked": {"p1": 0, "p2": 0, "p3": 0}}, "hoogstens"),
        (
            {"people": PEOPLE, "max_size": 3, "apart": [["p1", "p2"]], "together": [["p1", "p2"]]},
            "spreekt",
        ),
        ({"people": PEOPLE, "max_size": 3, "rounds": 0}, "rounds"),
        ({"people": PEOPLE, "max_size": 3, "colour": "red"}, "colour"),
        ({"people": PEOPLE, "max_size": 3, "time_limit": -1}, "time_limit"),
        ({"people": [{"id": "a"}, {"id": "a"}], "max_size": 3}, "twee keer"),
    ],
)
def test_bad_input_exit_2_without_plan(monkeypatch, capsys, payload, fragment):
    code, out, err = run(monkeypatch, capsys, payload)
    assert code == 2
    assert out == ""
    assert fragment in err


def test_module_runs_as_a_program():
    payload = {"people": PEOPLE, "rounds": 1, "max_size": 4, "time_limit": 0.5}
    done = subprocess.run(
        [sys.executable, "-m", "weefwerk.engine.grouping.cli"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["rounds"][0]) == 3
    bad = subprocess.run(
        [sys.executable, "-m", "weefwerk.engine.grouping.cli"],
        input=json.dumps({**payload, "locked": {"ghost": 0}}),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == "" and "ghost" in bad.stderr


def test_engine_imports_without_django():
    code = (
        "import sys; sys.modules['django'] = None; "
        "import weefwerk.engine.grouping.cli, weefwerk.engine.grouping; print('ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "ok", done.stderr
