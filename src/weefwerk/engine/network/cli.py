"""``weefwerk network analyse FILE [--format json|text]``."""

from __future__ import annotations

import argparse
import json
import sys

from .analysis import analyse
from .loading import NetworkInputError, load_network


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="weefwerk network", description="Netwerkanalyse.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("analyse", help="analyseer een netwerkbestand")
    run.add_argument("file", help="netwerkbestand (.json)")
    run.add_argument("--format", choices=["json", "text"], default="text")
    run.add_argument("--seed", type=int, default=0)
    return parser


def _fmt(value, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def render_text(result: dict) -> str:
    figures = result["network"]
    lines = [
        "Netwerk",
        f"  elementen: {figures['elements']}, verbindingen: {figures['connections']}",
        f"  dichtheid: {_fmt(figures['density'])}",
        f"  gemiddelde padlengte (grootste deel, {figures['largest_component_size']} elementen): "
        f"{_fmt(figures['average_path_length'], 2)}",
        f"  losse delen: {figures['components']}, groepen: {figures['communities']}",
        f"  wederkerigheid: {_fmt(figures['reciprocity'])}",
    ]
    paths = figures["shortest_paths"]
    if paths["method"] == "sampled":
        lines.append(
            f"  tussenpositie geschat met {paths['sources_per_component']} startpunten; "
            f"fout hooguit {_fmt(paths['betweenness_error_bound'])} "
            f"(genormaliseerd, {round(100 * paths['confidence'])}% zeker)"
        )
    lines += ["", "Webbers", "  " + result["webbers"]["how"]]
    for webber in result["webbers"]["ranking"]:
        lines.append(f"  {webber['rank']}. {webber['label']} ({webber['score']})")
        lines.append(f"     {webber['explanation']}")
    spots = result["weak_spots"]
    lines += ["", "Kwetsbare plekken"]
    for item in spots["departures"]:
        lines.append(f"  - {item['text']}")
    for key in ("organisations_through_one_person", "tables_missing_domains"):
        for item in spots[key]:
            lines.append(f"  - {item['text']}")
    lines.append(f"  Verbindingen die maar één kant op gaan: {spots['one_way_tie_count']}")
    lines += ["", "Wat ontbreekt"]
    for key in ("absent", "thin", "isolated"):
        for item in result["missing"][key]:
            lines.append(f"  - {item['text']}")
    lines += ["", "Best vertegenwoordigd"]
    for item in result["best_represented"]:
        lines.append(f"  - {item['text']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["convert"]:
        from weefwerk.engine.interchange.cli import main as convert

        return convert(argv[1:])
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        network = load_network(args.file)
    except NetworkInputError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 2
    result = analyse(network, seed=args.seed)
    if args.format == "json":
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(result))
    return 0
