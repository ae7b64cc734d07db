"""Command line: ``weefwerk agenda shave --target N``.

Reads a JSON list of ``{"title", "minutes", "fixed"}`` objects on standard input and writes the
same list with new minutes to standard output. Other keys in the objects are kept as they are;
``fixed`` may be left out (then it is ``false``). Exit status 0 on success, 2 with a Dutch
message on standard error for bad input or a target that cannot be reached.

Also runs as ``python -m weefwerk.engine.agenda.cli shave --target 120``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from weefwerk.engine.agenda.scaling import ShaveError, shave


class InputError(ValueError):
    """The JSON on standard input is not an agenda; the message is Dutch."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="weefwerk agenda",
        description="Agenda-hulpmiddelen zonder database.",
    )
    commands = parser.add_subparsers(dest="command", metavar="opdracht")
    commands.required = True
    shave_parser = commands.add_parser(
        "shave",
        help="Maak de agenda passend in een aantal minuten (kaasschaafmethode).",
        description=(
            "Leest een JSON-lijst van agendapunten ({title, minutes, fixed}) van standaardinvoer "
            "en schrijft dezelfde lijst met nieuwe minuten naar standaarduitvoer."
        ),
    )
    shave_parser.add_argument(
        "--target", type=int, required=True, metavar="N", help="beschikbare tijd in minuten"
    )
    shave_parser.add_argument(
        "--minimum",
        type=int,
        default=5,
        metavar="N",
        help="geen ingekort punt wordt korter dan dit (standaard 5 minuten)",
    )
    return parser


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def read_agenda(raw: str) -> list[dict[str, Any]]:
    """Parse and check the JSON agenda; raise :class:`InputError` with a Dutch message."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise InputError(
            f"De invoer is geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
        ) from None
    if not isinstance(data, list):
        raise InputError("De invoer moet een JSON-lijst van agendapunten zijn.")
    agenda: list[dict[str, Any]] = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise InputError(f"Agendapunt {number} moet een JSON-object zijn.")
        if not isinstance(entry.get("title", ""), str):
            raise InputError(f"Agendapunt {number}: de titel moet tekst zijn.")
        minutes = _whole_number(entry.get("minutes"))
        if minutes is None or minutes < 0:
            raise InputError(
                f"Agendapunt {number}: 'minutes' moet een heel getal van 0 of meer zijn."
            )
        fixed = entry.get("fixed", False)
        if not isinstance(fixed, bool):
            raise InputError(f"Agendapunt {number}: 'fixed' moet true of false zijn.")
        agenda.append({**entry, "minutes": minutes, "fixed": fixed})
    return agenda


def main(argv: Sequence[str] | None = None) -> int:
    """Run the agenda tool; ``argv`` are the arguments after ``agenda``."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        return int(stop.code or 0)

    try:
        if args.target < 0:
            raise InputError("--target moet 0 of meer minuten zijn.")
        if args.minimum < 0:
            raise InputError("--minimum moet 0 of meer minuten zijn.")
        agenda = read_agenda(sys.stdin.read())
        minutes = shave(
            [(entry["minutes"], entry["fixed"]) for entry in agenda], args.target, args.minimum
        )
    except (InputError, ShaveError) as error:
        print(f"weefwerk agenda shave: {error}", file=sys.stderr)
        return 2

    result = [{**entry, "minutes": new} for entry, new in zip(agenda, minutes, strict=True)]
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
