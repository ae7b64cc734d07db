"""Command line: ``weefwerk privacy scan [--names FILE]``.

Reads text on standard input and prints the findings as a JSON list of
``{"kind", "start", "end", "text", "label"}``. Positions count characters (Unicode code points)
of the input as read. Exit status: 1 when anything was found, 0 when nothing was found, 2 on a
usage error (with a Dutch message on standard error). ``--names`` is a UTF-8 file with one
name per line; empty lines and lines starting with ``#`` are skipped.

Also runs as ``python -m weefwerk.engine.privacy.cli scan``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from weefwerk.engine.privacy.scanner import scan


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="weefwerk privacy",
        description="Zoek persoonsgegevens in tekst.",
    )
    commands = parser.add_subparsers(dest="command", metavar="opdracht")
    commands.required = True
    scan_parser = commands.add_parser(
        "scan",
        help="Zoek persoonsgegevens in tekst op standaardinvoer.",
        description=(
            "Leest tekst van standaardinvoer en schrijft de gevonden persoonsgegevens als JSON. "
            "Afsluitcode 1 als er iets is gevonden, 0 als er niets is gevonden."
        ),
    )
    scan_parser.add_argument(
        "--names", metavar="BESTAND", help="bestand met namen van personen, één naam per regel"
    )
    return parser


def read_names(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        lines = (line.strip() for line in handle)
        return [line for line in lines if line and not line.startswith("#")]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the privacy tool; ``argv`` are the arguments after ``privacy``."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        return int(stop.code or 0)

    names: list[str] = []
    if args.names:
        try:
            names = read_names(args.names)
        except (OSError, UnicodeDecodeError) as error:
            if isinstance(error, FileNotFoundError):
                reason = "het bestand bestaat niet"
            elif isinstance(error, PermissionError):
                reason = "geen toegang"
            elif isinstance(error, UnicodeDecodeError):
                reason = "het is geen UTF-8-tekst"
            else:
                reason = "leesfout"
            message = f"kan het namenbestand {args.names!r} niet lezen: {reason}."
            print(f"weefwerk privacy scan: {message}", file=sys.stderr)
            return 2

    findings = scan(sys.stdin.read(), names)
    json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
