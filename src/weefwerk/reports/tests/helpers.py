"""Reading the generated files back: PDF text and facts with poppler, Word with python-docx."""

import io
import re
import shutil
import subprocess

import pytest


def poppler(tool: str, *args: str, content: bytes) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (poppler-utils)")
    result = subprocess.run(
        [tool, *args, "-"], input=content, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8", "replace")


def pdf_text(content: bytes) -> str:
    """The PDF's text with all white space as single spaces."""
    assert content.startswith(b"%PDF-")
    return " ".join(_pdftotext(content).split())


def _pdftotext(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils)")
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return result.stdout.decode("utf-8")


def assert_tagged_with_embedded_fonts(content: bytes) -> None:
    info = poppler("pdfinfo", content=content)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert 'pdfuaid:part="1"' in poppler("pdfinfo", "-meta", content=content)
    structure = poppler("pdfinfo", "-struct", content=content)
    assert "H1" in structure and "H2" in structure
    fonts = poppler("pdffonts", content=content).splitlines()[2:]
    assert fonts
    assert all(" yes yes yes " in line for line in fonts), fonts


def word(content: bytes):
    import docx

    assert content.startswith(b"PK")
    return docx.Document(io.BytesIO(content))


def word_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def word_headings(document) -> list[tuple[str, str]]:
    """(style name, text) of every heading paragraph."""
    return [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]


def word_images_alt(document) -> list[str]:
    """The alt text (docPr descr) of every picture in the document."""
    from docx.oxml.ns import qn

    body = document.element.body
    return [element.get("descr", "") for element in body.iter(qn("wp:docPr"))]
