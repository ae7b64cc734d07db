"""Command line: ``weefwerk network convert IN OUT [--from FMT] [--to FMT]``.

Converts a network file between the formats in :mod:`weefwerk.engine.interchange.formats`,
chosen by file extension or with ``--from`` / ``--to``. ``main`` takes the arguments after
``convert`` (a leading ``convert`` is accepted too). Exit status 0 on success, 2 on bad input or
a usage error, with a Dutch message on standard error.

Also runs as ``python -m weefwerk.engine.interchange.cli IN OUT``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from weefwerk.engine.interchange.errors import InterchangeError
from weefwerk.engine.interchange.formats import FORMATS, read, write
from weefwerk.engine.interchange.safety import DEFAULT_MAX_BYTES


class DutchParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English; keep ours Dutch
        sys.stderr.write(
            "weefwerk network convert: fout in de opdracht. Gebruik: weefwerk network convert "
            "INVOER UITVOER [--from FORMAAT] [--to FORMAAT]\n"
        )
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    names = ", ".join(FORMATS)
    parser = DutchParser(
        prog="weefwerk network convert",
        description=(
            "Zet een netwerkbestand om naar een ander formaat (KUMU, Onodo, Gephi, GraphML, "
            f"CSV, Excel). Formaten: {names}."
        ),
    )
    parser.add_argument("source", metavar="INVOER", help="het bestand om in te lezen")
    parser.add_argument("target", metavar="UITVOER", help="het bestand om te schrijven")
    parser.add_argument(
        "--from",
        dest="source_format",
        metavar="FORMAAT",
        help="formaat van de invoer (anders afgeleid van het bestand)",
    )
    parser.add_argument(
        "--to",
        dest="target_format",
        metavar="FORMAAT",
        help="formaat van de uitvoer (anders afgeleid van de extensie)",
    )
    parser.add_argument(
        "--max-mb",
        type=float,
        default=DEFAULT_MAX_BYTES / (1024 * 1024),
        metavar="MB",
        help="grootste invoerbestand in MB (standaard 20)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) >= 3 and arguments[0] == "convert":
        arguments = arguments[1:]
    try:
        args = _parser().parse_args(arguments)
    except SystemExit as stop:  # --help (0) or a usage error (2)
        return int(stop.code or 0)
    try:
        network = read(args.source, args.source_format, max_bytes=int(args.max_mb * 1024 * 1024))
        written = write(network, args.target, args.target_format)
    except InterchangeError as error:
        sys.stderr.write(f"Omzetten mislukt; er is niets geschreven.\n{error}\n")
        return 2
    summary = network.summary()
    sys.stdout.write(
        f"{summary['elements']} elementen, {summary['connections']} verbindingen, "
        f"{summary['positions']} posities omgezet naar {', '.join(str(p) for p in written)}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
