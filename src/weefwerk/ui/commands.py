"""What the daily management commands share: the ``--date`` option that pretends today is
another day (for catching up after a missed run, and for tests)."""

import argparse
from datetime import date


def iso_date(value: str) -> date:
    """An argparse type: YYYY-MM-DD, or a clear error that names the option's format."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD: {error}") from error


def add_date_option(parser) -> None:
    parser.add_argument("--date", type=iso_date, help="Pretend today is this date (YYYY-MM-DD).")
