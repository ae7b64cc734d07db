"""How fast the demo's session report renders as PDF and as Word (issue 9).

Run: ``.venv/bin/python benchmarks/reports.py [--runs N]``. It loads the demo trajectory into
a temporary SQLite database, picks its latest held session (or else its first session) and
prints, for the PDF (WeasyPrint, tagged PDF/UA-1 with the network map) and the .docx
(python-docx with the map as PNG):

- the first render in this process (fonts and templates still cold), and
- the median and the slowest of the next N renders,

each time from the database to the bytes (gathering the content included). It also prints
what the session held (notes, photos, elements on the map) and the sizes of the files.
Target: under 3 s each. It prints figures and asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def setup_django(directory: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weefwerk.conf.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'reports-benchmark.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(directory / "media")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(make) -> tuple[float, bytes]:
    start = time.perf_counter()
    content = make()
    return time.perf_counter() - start, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory))
        from django.utils import translation

        from weefwerk.demo.build import build_demo
        from weefwerk.networkmap.models import Element
        from weefwerk.reports import render, selectors
        from weefwerk.workshop.models import Note, Photo

        translation.activate("nl")
        trajectory = build_demo()
        meeting = (
            trajectory.meetings.filter(status="held").order_by("-starts_at", "-pk").first()
            or trajectory.meetings.order_by("number", "pk").first()
        )
        print(f"session: {meeting.title} ({meeting.get_status_display()})")
        print(
            f"  notes {Note.objects.filter(assignment__meeting=meeting).count()}, "
            f"photos {Photo.objects.filter(assignment__meeting=meeting).count()}, "
            f"elements on the map {Element.objects.filter(trajectory=trajectory).count()}"
        )
        formats = {
            "PDF": lambda: render.document_pdf(selectors.session_document(meeting)),
            "docx": lambda: render.document_docx(selectors.session_document(meeting)),
        }
        print(f"{'format':<6} {'first s':>8} {'median s':>9} {'max s':>7} {'size kB':>8}")
        for name, make in formats.items():
            first, content = timed(make)
            times = [timed(make)[0] for _run in range(args.runs)]
            print(
                f"{name:<6} {first:8.2f} {statistics.median(times):9.2f} {max(times):7.2f} "
                f"{len(content) / 1024:8.0f}"
            )
        print("target: under 3 s each")


if __name__ == "__main__":
    main()
