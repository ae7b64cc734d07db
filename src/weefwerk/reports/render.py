"""One report, three formats: the HTML of the PDF, the PDF itself (WeasyPrint, tagged PDF/UA-1
like the agenda PDF of planning) and a Word file (python-docx) with real headings, table
header rows and alt text on every image."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.template.loader import render_to_string

from weefwerk.reports.document import Document

# PDF/UA-1: a tagged PDF with a title and language, accessible to screen readers.
PDF_VARIANT = "pdf/ua-1"
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORD_LANGUAGE = "nl-NL"


def document_html(doc: Document) -> str:
    """The stand-alone HTML the PDF is made from (images inline, print stylesheet)."""
    return render_to_string("reports/pdf/report.html", {"doc": doc})


def document_pdf(doc: Document) -> bytes:
    import weasyprint  # heavy, and only needed here

    html = weasyprint.HTML(string=document_html(doc), base_url=None)
    return html.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


# --------------------------------------------------------------------------------------------
# Word


def _set_language(word) -> None:
    """The document's default language, so Word's spelling check and screen readers use it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = word.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), WORD_LANGUAGE)
    lang.set(qn("w:eastAsia"), WORD_LANGUAGE)


def _repeat_header(row) -> None:
    """Marks a table row as its header row (repeated on each page, read as a header)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _table(word, header: list[str], rows: list[list[str]]) -> None:
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def _picture(word, figure) -> bool:
    from docx.shared import Cm

    stream = figure.word_image()
    if stream is None:
        return False
    width = Cm(16)
    if not figure.svg and figure.width and figure.height:
        # A photo: at most 16 cm wide and 12 cm high.
        width = Cm(min(16, 12 * figure.width / figure.height))
    shape = word.add_picture(stream, width=width)
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", figure.alt)
    doc_pr.set("title", figure.caption or figure.alt)
    return True


def document_docx(doc: Document) -> bytes:
    from docx import Document as WordDocument
    from docx.shared import Cm, Pt

    word = WordDocument()
    _set_language(word)
    props = word.core_properties
    props.title = doc.title
    props.subject = doc.kicker
    props.author = doc.trajectory_name
    props.comments = doc.description
    props.language = WORD_LANGUAGE
    props.keywords = "Weefwerk"
    for section in word.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    word.styles["Normal"].font.name = "Calibri"
    word.styles["Normal"].font.size = Pt(11)

    kicker = word.add_paragraph(f"{doc.trajectory_name} · {doc.kicker}", style="Subtitle")
    kicker.paragraph_format.space_after = Pt(2)
    word.add_heading(doc.title, level=1)
    if doc.draft:
        from django.utils.translation import gettext as _

        word.add_paragraph().add_run(
            _("Concept: dit verslag is nog niet gepubliceerd.")
        ).bold = True
    for label, value in doc.facts:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in doc.sections:
        word.add_heading(section.title, level=2)
        for block in section.blocks:
            _block(word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _block(word, block) -> None:
    if block.kind == "text":
        for paragraph in block.paragraphs:
            word.add_paragraph(paragraph)
    elif block.kind == "empty":
        word.add_paragraph().add_run(block.text).italic = True
    elif block.kind == "heading":
        word.add_heading(block.text, level=3)
    elif block.kind == "list":
        for item in block.items:
            word.add_paragraph(item, style="List Bullet")
    elif block.kind == "facts":
        for label, value in block.pairs:
            paragraph = word.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    elif block.kind == "table":
        if block.caption:
            word.add_paragraph(block.caption, style="Caption")
        _table(word, block.header, block.rows)
        word.add_paragraph()
    elif (
        block.kind == "figure"
        and block.figure is not None
        and _picture(word, block.figure)
        and block.figure.caption
    ):
        word.add_paragraph(block.figure.caption, style="Caption")


# --------------------------------------------------------------------------------------------
# Responses


def _download(content: bytes, content_type: str, filename: str, *, inline: bool):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def pdf_response(doc: Document) -> HttpResponse:
    return _download(document_pdf(doc), PDF_TYPE, f"{doc.filename}.pdf", inline=False)


def docx_response(doc: Document) -> HttpResponse:
    return _download(document_docx(doc), DOCX_TYPE, f"{doc.filename}.docx", inline=False)
