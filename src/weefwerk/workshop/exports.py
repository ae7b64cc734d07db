"""CSV and Excel export of every note of a session. Cells that a spreadsheet would read as a
formula (starting with = + - @, or a tab or carriage return) get a leading apostrophe."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from weefwerk.workshop.selectors import export_header, export_rows

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows(meeting):
    yield export_header()
    for row in export_rows(meeting):
        yield [neutralise(v) for v in row]


def _filename(meeting, ext: str) -> str:
    return f"notities-{slugify(meeting.title) or meeting.pk}.{ext}"


def csv_text(meeting) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerows(rows(meeting))
    return out.getvalue()


def csv_response(meeting) -> HttpResponse:
    # With a byte order mark, so that Excel reads the accents right.
    body = "\ufeff" + csv_text(meeting)
    response = HttpResponse(body.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "csv")}"'
    return response


def xlsx_bytes(meeting) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Notities"
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for row in rows(meeting):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    for column, width in zip("ABCDEFGHI", (30, 20, 8, 20, 60, 24, 8, 30, 18), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(meeting) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(meeting),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, "xlsx")}"'
    return response
