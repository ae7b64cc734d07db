"""Shared paths and small builders for the interchange tests."""

from __future__ import annotations

import io
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with the given sheets; text starting with '=' becomes a formula."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
