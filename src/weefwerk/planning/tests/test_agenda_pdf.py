"""The printable agenda: both versions render, and the text is in the PDF (read with pdftotext)."""

import re
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from weefwerk.planning.models import Homework
from weefwerk.planning.services import trajectory_start
from weefwerk.planning.templates_data import library
from weefwerk.trajectories.models import Membership, Role
from weefwerk.trajectories.tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(content: bytes) -> str:
    """The PDF's text with all white space (line breaks in table cells) as single spaces."""
    assert content.startswith(b"%PDF-")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return " ".join(result.stdout.decode("utf-8").split())


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def started(facilitator):
    """A trajectory made from the templates; step 3 has a date, a place and homework."""
    trajectory = trajectory_start(
        user=facilitator, name="Samen tegen kinderarmoede in Lindeveen", municipality="Lindeveen"
    )
    meeting = trajectory.meetings.get(template_key=library().series["network"][3])
    meeting.starts_at = datetime(2027, 3, 9, 13, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    meeting.location = "Buurthuis De Linde"
    # What to bring comes from the template (step 3: a case from your own work).
    meeting.save()
    Homework.objects.create(
        meeting=meeting,
        title="Wie mist er nog?",
        text="Noem twee organisaties die nog niet aan tafel zitten.",
        due_date=date(2027, 3, 23),
    )
    return meeting


def url(name, meeting):
    return reverse(f"planning:{name}", args=[meeting.trajectory_id, meeting.pk])


@pytest.fixture
def texts(facilitator_client, started):
    found = {}
    for name in ("agenda_pdf_participants", "agenda_pdf_team"):
        response = facilitator_client.get(url(name, started))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline; filename=")
        found[name] = (response.content, pdf_text(response.content))
    return found


def test_both_versions_list_every_item_with_its_clock_time(texts, started):
    items = list(started.agenda_items.all())
    assert len(items) > 5
    for _content, text in texts.values():
        assert started.title in text
        assert "dinsdag 9 maart 2027" in text
        assert "Buurthuis De Linde" in text
        assert squash(started.goal) in text
        assert "13:30" in text
        for item in items:
            assert squash(item.title) in text, item.title


def test_participant_version_has_texts_what_to_bring_homework_and_credits(texts, started):
    _content, text = texts["agenda_pdf_participants"]
    assert "Agenda voor deelnemers" in text
    for item in started.agenda_items.exclude(participant_text=""):
        assert squash(item.participant_text) in text
    assert "Wat neem je mee?" in text
    assert squash(library().templates["network-3"].what_to_bring) in text
    assert "Een casus uit je eigen werk" in text
    assert "Wie mist er nog?" in text
    assert "Noem twee organisaties die nog niet aan tafel zitten." in text
    assert "dinsdag 23 maart 2027" in text
    assert squash(library().credits[0]) in text
    assert "Pagina 1 van" in text


def test_only_the_team_version_has_team_notes_and_group_settings(texts, started):
    noted = started.agenda_items.exclude(team_notes="").first()
    grouped = started.agenda_items.filter(group_max_size__isnull=False).first()
    note = squash(noted.team_notes)
    _content, team = texts["agenda_pdf_team"]
    _content, participants = texts["agenda_pdf_participants"]

    assert "Agenda voor het projectteam" in team
    assert note in team
    assert f"groepjes van hoogstens {grouped.group_max_size}" in team
    assert "vaste tijd" in team  # the break
    assert "Voor het projectteam" in team

    assert note not in participants
    assert "Voor het projectteam" not in participants
    assert "Werkvorm" not in participants


def poppler(tool: str, *args: str, content: bytes) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    result = subprocess.run(
        [tool, *args, "-"], input=content, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8", "replace")


def test_the_pdf_is_tagged_pdf_ua_on_a4_with_embedded_fonts(texts):
    for content, _text in texts.values():
        info = poppler("pdfinfo", content=content)
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE)
        assert "(A4)" in info
        assert 'pdfuaid:part="1"' in poppler("pdfinfo", "-meta", content=content)
        structure = poppler("pdfinfo", "-struct", content=content)
        assert "H1" in structure
        assert "Table" in structure
        fonts = poppler("pdffonts", content=content).splitlines()[2:]
        assert fonts
        assert all("DejaVu" in line and " yes yes yes " in line for line in fonts), fonts


def test_a_session_without_a_date_prints_times_from_the_start(facilitator_client, started):
    started.starts_at = None
    started.save()
    response = facilitator_client.get(url("agenda_pdf_participants", started))
    text = pdf_text(response.content)
    assert "Nog niet bekend" in text
    assert "0:00" in text


def test_readers_get_the_participant_version_only(client, started):
    reader = UserFactory()
    Membership.objects.create(trajectory=started.trajectory, user=reader, role=Role.MANAGER)
    client.force_login(reader)
    assert client.get(url("agenda_pdf_participants", started)).status_code == 200
    assert client.get(url("agenda_pdf_team", started)).status_code == 403


def test_non_members_get_404(client, outsider, started):
    client.force_login(outsider)
    for name in ("agenda_pdf_participants", "agenda_pdf_team"):
        assert client.get(url(name, started)).status_code == 404
