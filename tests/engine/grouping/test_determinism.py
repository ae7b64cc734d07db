"""Reproducible plans: the search stops on a work budget, not on the clock (issue 4, "same seed,
same plan"). The wall-clock time limit is a safety net that says so when it ends a run."""

import random

from weefwerk.engine.grouping import plan_groups
from weefwerk.engine.grouping.optimiser import WORK_PER_SECOND

# The web app's default time limit on a click (WEEFWERK_GROUPS_SECONDS and
# WEEFWERK_FORECAST_SECONDS); plan_groups turns it into this many work units.
WEB_SECONDS = 2.0
WEB_BUDGET = WEB_SECONDS * WORK_PER_SECOND

DOMAINS = ["onderwijs", "zorg", "schuldhulp", "jeugd", "welzijn", "kerk", "werk", "sport"]


def realistic(n, seed):
    """n people of 12 organisations with 8 domains and 4 experts by experience (2 trained)."""
    rng = random.Random(seed)
    return [
        {
            "id": f"p{i}",
            "organisation": None if i < 4 else f"o{rng.randrange(12)}",
            "domains": rng.sample(DOMAINS, 2 if rng.random() < 0.25 else 1),
            "expert": i < 4,
            "trained": i < 2,
        }
        for i in range(n)
    ]


def sessions(people, sizes, seed):
    rng = random.Random(seed)
    return [
        {"present": [p["id"] for p in people if rng.random() < 0.85], "max_size": size}
        for size in sizes
    ]


def test_same_input_same_plan_with_the_web_apps_limits():
    """24 people over five sessions (5-6-8-6-5): repeats cannot all be avoided, so the search
    runs until its budget is spent, which is where the clock used to make runs differ. The
    budget is exactly the one a 2-second click gets; the safety net is set far away so that a
    busy test machine cannot end the run early."""
    people = realistic(24, seed=5)
    rounds = sessions(people, [5, 6, 8, 6, 5], seed=3)
    one = plan_groups(people, rounds, seed=1, time_limit=60, work_budget=WEB_BUDGET)
    two = plan_groups(people, rounds, seed=1, time_limit=60, work_budget=WEB_BUDGET)
    assert not one.stats["time_limit_hit"] and not two.stats["time_limit_hit"]
    assert one.stats["work"] >= WEB_BUDGET * 0.6, "the budget, not an early stop, ended the run"
    assert one.rounds == two.rounds
    assert one.score == two.score
    assert one.iterations == two.iterations


def test_same_plan_on_a_click_when_the_bound_is_reached():
    """One round for 30 people, as "maak groepen" asks it with the web app's time limit."""
    people = realistic(30, seed=9)
    met = [["p4", "p5"], ["p6", "p7"], ["p8", "p9"]]
    plans = [
        plan_groups(people, 1, max_size=5, met=met, seed=2, time_limit=WEB_SECONDS)
        for _ in range(2)
    ]
    assert plans[0].rounds == plans[1].rounds


def test_the_budget_is_what_time_limit_gives_by_default():
    people = realistic(24, seed=5)
    rounds = sessions(people, [5, 6, 8, 6, 5], seed=3)
    small = plan_groups(people, rounds, seed=1, time_limit=60, work_budget=50_000)
    assert small.stats["work"] < 50_000 + 10_000  # stops within one iteration of the budget
    default = plan_groups(people, rounds, seed=1, time_limit=0.1)
    if not default.stats["time_limit_hit"]:
        assert default.stats["work"] >= 0.6 * 0.1 * WORK_PER_SECOND


def test_the_safety_net_is_reported():
    """A budget far beyond the time limit: the clock ends the run, and the result says so."""
    people = realistic(24, seed=5)
    rounds = sessions(people, [5, 6, 8, 6, 5], seed=3)
    plan = plan_groups(people, rounds, seed=1, time_limit=0.3, work_budget=10**12)
    assert plan.stats["time_limit_hit"] is True
    assert plan.as_dict()["stats"]["time_limit_hit"] is True
    assert plan.seconds < 2


def test_command_line_takes_a_work_budget_and_reports_the_safety_net(monkeypatch, capsys):
    import io
    import json
    import sys

    from weefwerk.engine.grouping.cli import main

    people = realistic(24, seed=5)
    request = {"people": people, "rounds": 3, "max_size": 5, "seed": 4, "work_budget": 100_000}
    outputs = []
    for _ in range(2):
        monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(request)))
        assert main([]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    assert outputs[0]["rounds"] == outputs[1]["rounds"]
    assert outputs[0]["stats"]["time_limit_hit"] is False

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({**request, "work_budget": -1})))
    assert main([]) == 2
    assert "work_budget" in capsys.readouterr().err
