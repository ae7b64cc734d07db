"""``weefwerk groups``: JSON plan request on standard input, JSON plan on standard output.

Input:  {"people": [{"id", "organisation", "domains", "expert", "trained"}, ...],
         "rounds": 4 or [{"present": [...], "max_size", "min_size"} or {"groups": n}, ...],
         "max_size": 5, "min_size": 3 (or "groups": 8), "met": [[a, b], ...],
         "apart": [[a, b], ...], "together": [[a, b], ...], "locked": {"id": group},
         "seed": 1, "time_limit": 10, "work_budget": (optional), "max_iterations": (optional)}
Output: {"rounds": [[[ids of group 0], ...], ...], "score": {...}, "stats": {...}}
Bad input: a message on standard error, exit code 2, nothing on standard output.

The same input and seed give the same plan: the search stops on a work budget (by default
time_limit * WORK_PER_SECOND units, about half the time limit on the reference machine), not on
the clock. The time limit is a safety net; "stats": {"time_limit_hit": true} says it ended the run,
and then the plan may differ from run to run.
"""

from __future__ import annotations

import argparse
import json
import sys

from .model import GroupingError
from .optimiser import WORK_PER_SECOND, plan_groups

KEYS = {
    "people",
    "rounds",
    "max_size",
    "min_size",
    "groups",
    "met",
    "apart",
    "together",
    "locked",
    "seed",
    "time_limit",
    "max_iterations",
    "work_budget",
}


def _fail(message: str) -> int:
    print(f"weefwerk groups: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="weefwerk groups",
        description="Maak groepsindelingen: JSON op standaardinvoer, JSON op standaarduitvoer.",
        epilog=(
            "Dezelfde invoer met dezelfde 'seed' geeft altijd dezelfde indeling: het zoeken stopt "
            "na een vaste hoeveelheid werk ('work_budget', standaard time_limit x "
            f"{WORK_PER_SECOND} eenheden; op de referentiemachine ongeveer de helft van "
            "'time_limit'), niet op de klok. 'time_limit' (seconden, standaard 10) is een "
            "vangnet voor een trage of drukke machine: staat in de uitvoer "
            '"time_limit_hit": true, dan stopte de klok het zoeken en kan een volgende keer '
            "een andere indeling geven."
        ),
    )
    parser.add_argument("--indent", type=int, default=None, help="inspringing van de JSON-uitvoer")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])

    try:
        request = json.loads(sys.stdin.read())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail(f"de invoer is geen geldige JSON ({exc.msg if hasattr(exc, 'msg') else exc}).")
    if not isinstance(request, dict):
        return _fail("de invoer moet een JSON-object zijn.")
    unknown = sorted(set(request) - KEYS)
    if unknown:
        return _fail(f"onbekend veld {unknown[0]!r} in de invoer.")
    if "people" not in request:
        return _fail("de invoer mist 'people'.")
    try:
        plan = plan_groups(
            request["people"],
            request.get("rounds", 1),
            max_size=request.get("max_size"),
            min_size=request.get("min_size"),
            groups=request.get("groups"),
            met=request.get("met") or (),
            apart=request.get("apart") or (),
            together=request.get("together") or (),
            locked=request.get("locked"),
            seed=request.get("seed", 0),
            time_limit=request.get("time_limit", 10.0),
            max_iterations=request.get("max_iterations"),
            work_budget=request.get("work_budget"),
        )
    except GroupingError as exc:
        return _fail(str(exc))
    json.dump(plan.as_dict(), sys.stdout, indent=args.indent, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
