"""Each report renders as HTML, PDF and Word with the expected sections, also when parts are
empty; the PDF is tagged with embedded fonts; Word has real headings and alt text."""

import importlib.util
import io
import types

import pytest
from PIL import Image

from weefwerk.reports import content, render, selectors
from weefwerk.reports.tests.helpers import (
    assert_tagged_with_embedded_fonts,
    pdf_text,
    word,
    word_headings,
    word_images_alt,
    word_text,
)
from weefwerk.trajectories.tests.factories import MeetingFactory

SESSION_HEADINGS = [
    "Wie waren er?",
    "De agenda",
    "De groepen",
    "Wat er is opgehaald",
    "Foto's van de flip-overs",
    "De netwerkkaart",
    "Besproken casussen",
    "Veranderwensen en afspraken",
    "Huiswerk",
    "Wat vonden de deelnemers?",
    "De volgende bijeenkomst",
]
SUMMARY_HEADINGS = [
    "De bijeenkomsten",
    "Het netwerk bij de start",
    "Het netwerk nu",
    "Wat is er veranderd?",
    "Wie kent wie?",
    "Afspraken en hoe het ermee staat",
]
MANAGER_HEADINGS = ["Hoe staat het traject ervoor?", "Wat is er nodig?"]


def three_formats(doc):
    html = render.document_html(doc)
    pdf = pdf_text(render.document_pdf(doc))
    docx = word(render.document_docx(doc))
    return html, pdf, docx


def assert_headings(doc, html, pdf, docx, expected):
    assert doc.headings[: len(expected)] == expected or set(expected) <= set(doc.headings)
    headings = [text for _style, text in word_headings(docx)]
    for heading in expected:
        assert heading.replace("'", "&#x27;") in html, heading
        assert heading in pdf, heading
        assert heading in headings, heading


def test_session_report_in_three_formats(rich):
    report = selectors.report_for(rich["meeting"])
    assert report is None
    doc = selectors.session_document(rich["meeting"])
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, SESSION_HEADINGS)
    text = word_text(docx)
    for expected in (
        "Voedselbank Testdorp",
        "Sanne de Vries",
        "Lotte Smit",  # absent
        "Welkom en koffie",
        "Groep 1",
        "Korte lijntjes met de school",
        "Samenwerking",  # the cluster
        "Wachtlijst bij de schuldhulp",
        "Moeder met drie banen",
        "Als we nu eens één loket hadden",
        "Eén loket bij het buurthuis",
        "Neem een casus mee",
        "Fijne sfeer",
        "Stap 4: wat motiveert?",
    ):
        assert expected in pdf, expected
        assert expected in text, expected
    # Case titles only, never the discussion or the description.
    assert "Een fictieve casus" not in pdf and "Stichting Thuisbasis" not in text
    assert "Concept" in pdf  # not published yet


def test_word_has_real_headings_properties_header_rows_and_alt_text(rich):
    doc = selectors.session_document(rich["meeting"])
    docx = word(render.document_docx(doc))
    styles = {text: style for style, text in word_headings(docx)}
    assert styles[doc.title] == "Heading 1"
    assert styles["De agenda"] == "Heading 2"
    assert styles["Casusbespreking in groepjes"] == "Heading 3"
    assert docx.core_properties.title == doc.title
    assert docx.core_properties.language == "nl-NL"
    for table in docx.tables:
        header = table.rows[0]._tr
        assert (
            header.trPr is not None
            and header.trPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
            )
            is not None
        )
    alts = word_images_alt(docx)
    assert alts and all(alts)
    assert any("Flip-over van groep 1" in alt for alt in alts)


def test_pdf_is_tagged_with_title_language_and_embedded_fonts(rich):
    doc = selectors.session_document(rich["meeting"])
    content = render.document_pdf(doc)
    assert_tagged_with_embedded_fonts(content)
    from weefwerk.reports.tests.helpers import poppler

    info = poppler("pdfinfo", content=content)
    assert "Verslag: Stap 3: casuïstiek" in info
    assert 'lang="nl"' in render.document_html(doc)


def test_an_empty_session_renders_with_short_sentences(trajectory):
    meeting = MeetingFactory(trajectory=trajectory, number=1, title="Stap 1: kennismaken")
    doc = selectors.session_document(meeting)
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, SESSION_HEADINGS)
    text = word_text(docx)
    for sentence in (
        "geen aanwezigheid bijgehouden",
        "geen agenda",
        "geen notities geschreven",
        "geen foto's",
        "nog niets op de netwerkkaart",
        "geen casussen besproken",
        "geen huiswerk",
        "geen feedback",
        "nog geen volgende bijeenkomst",
    ):
        assert sentence in pdf, sentence
        assert sentence in text, sentence
    assert word_images_alt(docx) == []


def test_introduction_and_conclusions_are_plain_text_with_paragraphs(rich):
    from weefwerk.reports import services

    report = services.session_report(rich["meeting"])
    services.report_save(
        report,
        introduction="Eerste alinea <script>alert(1)</script>\n\nTweede alinea",
        conclusions="We gaan door.",
    )
    doc = selectors.session_document(rich["meeting"])
    assert doc.headings[0] == "Inleiding" and "Conclusies" in doc.headings
    html = render.document_html(doc)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert html.count("Eerste alinea") == 1 and '<p class="utrecht-paragraph">Tweede alinea' in html
    docx = word(render.document_docx(doc))
    paragraphs = [p.text for p in docx.paragraphs]
    assert "Tweede alinea" in paragraphs and "We gaan door." in paragraphs


def test_summary_in_three_formats(rich):
    doc = selectors.summary_document(rich["trajectory"])
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, SUMMARY_HEADINGS)
    text = word_text(docx)
    # The change from the first snapshot to now: one element and one tie were added.
    assert "Nieuwe elementen: 1" in text and "Armoedeoverleg – Voedselbank" in text
    assert "Dichtheid" in pdf
    assert "Eén loket bij het buurthuis" in pdf


def test_summary_of_an_empty_trajectory(trajectory):
    doc = selectors.summary_document(trajectory)
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, SUMMARY_HEADINGS)
    assert "Er is nog geen momentopname" in pdf
    assert "nog geen afspraken" in word_text(docx)


def test_manager_update_in_three_formats(rich):
    doc = selectors.manager_document(rich["manager"])
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, MANAGER_HEADINGS)
    assert "Afspraken van Schuldhulp Testdorp" in pdf
    assert "Eén loket bij het buurthuis" in word_text(docx)
    # Parties the case discussions asked for and that are not in the network.
    assert "Huisartsenpraktijk Bosrand" in pdf and "Stichting Thuisbasis" in pdf


def test_manager_update_shows_what_the_owners_need(rich):
    from weefwerk.actions.models import ActionUpdate

    ActionUpdate.objects.create(
        agreement=rich["agreement"],
        person=rich["people"][1],
        status="under_way",
        what_i_need="Een uur per week van mijn teamleider",
    )
    doc = selectors.manager_document(rich["manager"])
    assert "Een uur per week van mijn teamleider" in pdf_text(render.document_pdf(doc))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 80, 160)).save(out, "PNG")
    return out.getvalue()


def test_the_map_appears_when_it_can_be_drawn(rich, monkeypatch):
    """With a drawing module (here a stand-in) the map is inline SVG in HTML and PDF and a PNG
    with alt text in Word; the session report uses the session's snapshot."""
    calls = []

    def map_svg(trajectory, *, snapshot=None, title=""):
        calls.append(snapshot)
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30">'
            '<rect width="40" height="30" fill="#0b3a68"/></svg>'
        )

    def map_png(trajectory, *, snapshot=None, title=""):
        return _png()

    fake = types.SimpleNamespace(map_svg=map_svg, map_png=map_png)
    monkeypatch.setattr(content, "_map_module", lambda: fake)
    doc = selectors.session_document(rich["meeting"])
    assert calls == [rich["snapshot"]]
    (figure,) = [b.figure for s in doc.sections if s.key == "map" for b in s.blocks if b.figure]
    assert "2 elementen" in figure.alt  # as it stood: the snapshot, before the third element
    html = render.document_html(doc)
    assert "data:image/svg+xml;base64," in html
    pdf = render.document_pdf(doc)
    assert_tagged_with_embedded_fonts(pdf)
    docx = word(render.document_docx(doc))
    alts = word_images_alt(docx)
    assert any(alt.startswith("Netwerkkaart") for alt in alts)


@pytest.mark.skipif(
    importlib.util.find_spec("weefwerk.networkmap.image") is None,
    reason="weefwerk.networkmap.image is not there yet",
)
def test_the_real_map_image_appears(rich):
    doc = selectors.session_document(rich["meeting"])
    figures = [b.figure for s in doc.sections if s.key == "map" for b in s.blocks if b.figure]
    assert figures and figures[0].svg.lstrip().startswith(("<svg", "<?xml"))
    docx = word(render.document_docx(doc))
    assert any(alt.startswith("Netwerkkaart") for alt in word_images_alt(docx))


def test_demo_trajectory_reports_render(db):
    from weefwerk.demo.build import build_demo

    trajectory = build_demo()
    meeting = (
        trajectory.meetings.filter(status="held").order_by("-starts_at").first()
        or trajectory.meetings.order_by("number").first()
    )
    for doc, expected in (
        (selectors.session_document(meeting), SESSION_HEADINGS),
        (selectors.summary_document(trajectory), SUMMARY_HEADINGS),
    ):
        html, pdf, docx = three_formats(doc)
        assert_headings(doc, html, pdf, docx, expected)
    manager = trajectory.people.filter(is_manager=True).first()
    doc = selectors.manager_document(manager)
    html, pdf, docx = three_formats(doc)
    assert_headings(doc, html, pdf, docx, MANAGER_HEADINGS)
