"""The printable agenda of a session as PDF (WeasyPrint), for participants or the project team.

The PDF is tagged (PDF/UA-1: headings, tables and reading order for screen readers), in Dutch,
with its fonts embedded; the HTML and print stylesheet are in templates/planning/pdf/.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from weefwerk.planning.selectors import timed_agenda
from weefwerk.planning.templates_data import library

# PDF/UA-1: a tagged PDF with a title and language, accessible to screen readers.
PDF_VARIANT = "pdf/ua-1"


def agenda_context(meeting, *, team: bool) -> dict:
    template = library().templates.get(meeting.template_key)
    timed = timed_agenda(meeting)
    return {
        "meeting": meeting,
        "trajectory": meeting.trajectory,
        "timed": timed,
        "total": sum(row.item.minutes for row in timed),
        "homework_list": list(meeting.homework.all()),
        "credits": library().credits if template else (),
        "team": team,
        "made_at": timezone.localtime(),
        "language": (get_language() or "nl").split("-")[0],
    }


def agenda_html(meeting, *, team: bool) -> str:
    return render_to_string("planning/pdf/agenda.html", agenda_context(meeting, team=team))


def agenda_pdf(meeting, *, team: bool = False, base_url: str | None = None) -> bytes:
    """The agenda as PDF bytes; ``team`` adds the project team's notes and group settings."""
    import weasyprint  # heavy, and only needed here

    document = weasyprint.HTML(string=agenda_html(meeting, team=team), base_url=base_url)
    return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
