"""Excel workbooks (.xlsx): safe reading into tables, and writing tables.

Used by the KUMU workbook, Weefwerk's own workbook and the Onodo template. Reading refuses
formulas (spreadsheet injection) and reports the cell; writing puts a ``'`` before text that a
spreadsheet program would take for a formula (``=``, ``+``, ``-``, ``@``).
"""

from __future__ import annotations

import io
import warnings
import zipfile

from weefwerk.engine.interchange.errors import InterchangeError, Issue, IssueCollector
from weefwerk.engine.interchange.safety import check_zip_xml, neutralise, open_zip
from weefwerk.engine.interchange.tabular import Table, column_letter, is_blank

IGNORE_MARK = "(ignore)"


def load_workbook(data: bytes, name: str, max_bytes: int):
    """Open an .xlsx after the zip and XML guards; Dutch error when it is not a workbook."""
    archive = open_zip(data, name, max_bytes, what="Excel-bestand (.xlsx)")
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names and not any(n.endswith("workbook.xml") for n in names):
        raise InterchangeError(
            Issue(
                "Dit is geen Excel-werkmap (.xlsx). Oude .xls-bestanden worden niet gelezen: "
                "sla het bestand op als .xlsx.",
                file=name,
            )
        )
    check_zip_xml(archive, name)
    import openpyxl  # imported here: only readers of workbooks need it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (
        KeyError,
        ValueError,
        TypeError,
        IndexError,
        AttributeError,
        zipfile.BadZipFile,
        OSError,
        SyntaxError,
    ) as error:
        raise InterchangeError(
            Issue(
                "Het Excel-bestand is beschadigd en kan niet worden gelezen "
                f"({type(error).__name__}).",
                file=name,
            )
        ) from None
    except Exception as error:  # openpyxl raises many kinds on malformed parts
        raise InterchangeError(
            Issue(f"Het Excel-bestand kan niet worden gelezen ({type(error).__name__}).", file=name)
        ) from None


def sheet_tables(workbook, name: str, issues: IssueCollector) -> list[Table]:
    """Every worksheet as a table (header in row 1), skipping sheets named ``... (ignore)``.

    A formula anywhere is reported with its cell and the sheet is still scanned, so the user
    sees all formulas at once.
    """
    tables = []
    for sheet in workbook.worksheets:
        title = sheet.title
        if IGNORE_MARK in title.lower():
            continue
        rows: list[tuple[int, list]] = []
        header: list = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                all_rows = list(sheet.iter_rows())
            for row_number, cells in enumerate(all_rows, start=1):
                values = []
                for column, cell in enumerate(cells):
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in (
                        "ArrayFormula",
                        "DataTableFormula",
                    ):
                        issues.add(
                            "Deze cel bevat een formule. Formules worden om veiligheidsredenen "
                            "niet ingelezen; vervang ze door de waarden (kopiëren, plakken als "
                            "waarden).",
                            sheet=title,
                            row=row_number,
                            column=column_letter(column),
                        )
                        value = None
                    values.append(value)
                if row_number == 1:
                    header = values
                else:
                    rows.append((row_number, values))
        except InterchangeError:
            raise
        except Exception as error:
            raise issues.fail(
                f"Het blad kan niet worden gelezen ({type(error).__name__}).", sheet=title
            ) from None
        while header and is_blank([header[-1]]):
            header.pop()
        while rows and is_blank(rows[-1][1]):
            rows.pop()
        tables.append(Table(file=name, sheet=title, header=list(header), rows=rows))
    return tables


def ignored_sheet(workbook, title: str):
    for sheet in workbook.worksheets:
        if sheet.title.lower() == title.lower():
            return sheet
    return None


def sheet_rows(sheet) -> list[tuple[int, list]]:
    """All rows of a (helper) sheet with formulas dropped; used for our own ``(ignore)`` sheets."""
    rows = []
    for row_number, cells in enumerate(sheet.iter_rows(), start=1):
        values = []
        for cell in cells:
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                raise InterchangeError(
                    Issue(
                        "Deze cel bevat een formule; die wordt niet ingelezen.",
                        sheet=sheet.title,
                        row=row_number,
                    )
                )
            values.append(value)
        rows.append((row_number, values))
    return rows


def clean_cell(value):
    """A value openpyxl may write: formula-looking text neutralised, illegal characters gone."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, list):
        value = "|".join(str(v) for v in value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        return neutralise(value)
    return value


def build_workbook(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """An .xlsx with the given sheets (title, header, rows); header bold and frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append([clean_cell(h) for h in header])
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([clean_cell(v) for v in row])
        # Make sure no cell became a formula (openpyxl treats text starting with "=" as one).
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.value = neutralise(str(cell.value))
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
