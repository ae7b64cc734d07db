"""Reading and checking an import file of people or organisations. Nothing here writes.

``parse_upload`` turns the bytes of a CSV or Excel (.xlsx) file into an ``ImportPlan``: the rows
that would be created or updated, and every problem found, each named by file or sheet, row
number as the user sees it in Excel (the header is row 1) and column header. The plan is
stored as JSON between the preview and the confirmation; ``services.import_apply`` writes it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import asdict, dataclass, field

import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

PEOPLE = "people"
ORGANISATIONS = "organisations"
BOTH = "both"
AUTO = "auto"

MAX_ROWS = 5000  # data rows per sheet
MAX_COLUMNS = 60
# An .xlsx is a zip file; refuse one that unpacks to far more than its size (a "zip bomb").
MAX_UNPACKED_FACTOR = 40

TRUE_VALUES = {"ja", "j", "yes", "y", "1", "x", "true", "waar", "wel"}
FALSE_VALUES = {"nee", "n", "no", "0", "false", "onwaar", "niet", ""}
FORMAL_VALUES = {"formeel", "formele organisatie", "formal"}
INFORMAL_VALUES = {"informeel", "informele organisatie", "informeel netwerk", "informal"}

CSV_EXTENSIONS = (".csv", ".txt")
XLSX_EXTENSIONS = (".xlsx",)


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Dutch header, as in the example files
    aliases: tuple[str, ...]
    kind: str = "text"  # text, email, phone, bool, domains, formal, url, organisation
    max_length: int | None = None
    required: bool = False
    help: str = ""


PEOPLE_COLUMNS = (
    Column(
        "name",
        "naam",
        ("naam", "name", "volledige naam", "full name"),
        max_length=200,
        required=True,
        help=gettext_lazy("Voornaam en achternaam. Verplicht."),
    ),
    Column(
        "organisation",
        "organisatie",
        ("organisatie", "organisation", "organization"),
        kind="organisation",
        max_length=200,
        help=gettext_lazy("Naam van de organisatie. Is die nieuw, dan maken we hem aan."),
    ),
    Column(
        "function",
        "functie",
        ("functie", "function", "job title"),
        max_length=200,
        help=gettext_lazy("Bijvoorbeeld schuldhulpverlener."),
    ),
    Column(
        "email",
        "e-mail",
        ("e-mail", "email", "e-mailadres", "emailadres", "mail"),
        kind="email",
        max_length=254,
        help=gettext_lazy("Met het e-mailadres vinden we iemand terug die er al is."),
    ),
    Column(
        "phone",
        "telefoon",
        ("telefoon", "telefoonnummer", "tel", "mobiel", "phone", "telephone"),
        max_length=40,
    ),
    Column(
        "domains",
        "domeinen",
        ("domeinen", "domein", "domains", "domain"),
        kind="domains",
        help=gettext_lazy("Alleen als ze anders zijn dan die van de organisatie."),
    ),
    Column(
        "is_fixed_participant",
        "vaste deelnemer",
        ("vaste deelnemer", "fixed participant"),
        kind="bool",
    ),
    Column("is_project_team", "projectteam", ("projectteam", "project team"), kind="bool"),
    Column(
        "is_expert",
        "ervaringsdeskundige",
        ("ervaringsdeskundige", "expert by experience", "expert"),
        kind="bool",
    ),
    Column(
        "expert_trained",
        "getraind",
        ("getraind", "opgeleid", "trained"),
        kind="bool",
        help=gettext_lazy("Alleen bij een ervaringsdeskundige."),
    ),
    Column("is_manager", "leidinggevende", ("leidinggevende", "manager"), kind="bool"),
    Column(
        "shares_contact",
        "contact delen",
        ("contact delen", "contactgegevens delen", "share contact", "shares contact"),
        kind="bool",
        help=gettext_lazy("Alleen ja als deze persoon daar toestemming voor gaf."),
    ),
)

ORGANISATION_COLUMNS = (
    Column(
        "name",
        "naam",
        ("naam", "name", "organisatienaam", "organisation name", "organization name"),
        max_length=200,
        required=True,
        help=gettext_lazy("Verplicht."),
    ),
    Column("domains", "domeinen", ("domeinen", "domein", "domains", "domain"), kind="domains"),
    Column(
        "is_formal",
        "soort",
        ("soort", "type", "kind", "formeel of informeel"),
        kind="formal",
        help=gettext_lazy("Formeel of informeel. Leeg is formeel."),
    ),
    Column("description", "omschrijving", ("omschrijving", "beschrijving", "description")),
    Column(
        "website",
        "website",
        ("website", "webadres", "url", "site"),
        kind="url",
        max_length=200,
    ),
)

COLUMNS = {PEOPLE: PEOPLE_COLUMNS, ORGANISATIONS: ORGANISATION_COLUMNS}
SHEET_NAMES = {
    "organisaties": ORGANISATIONS,
    "organisations": ORGANISATIONS,
    "organizations": ORGANISATIONS,
    "personen": PEOPLE,
    "people": PEOPLE,
    "deelnemers": PEOPLE,
}


def normalise(text: str) -> str:
    """``"E-mail *"`` and ``"email"`` are the same header: lower case, letters and digits only."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^0-9a-z]", "", text.lower())


ALIASES = {
    kind: {normalise(alias): column for column in columns for alias in column.aliases}
    for kind, columns in COLUMNS.items()
}
# Headers that only one kind of file has: they tell people and organisations apart.
ONLY_IN = {
    PEOPLE: set(ALIASES[PEOPLE]) - set(ALIASES[ORGANISATIONS]),
    ORGANISATIONS: set(ALIASES[ORGANISATIONS]) - set(ALIASES[PEOPLE]),
}


class FormulaCell(str):
    """A cell that holds a formula. It is never imported: formulas can be an injection risk."""


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int | None
    column: str
    message: str


@dataclass
class Table:
    """One sheet (or one CSV file): numbered rows of stripped text cells."""

    name: str
    kind: str  # PEOPLE, ORGANISATIONS or AUTO
    rows: list[tuple[int, list[str]]]


@dataclass
class ImportPlan:
    """What an import would do. ``rows()`` is the JSON stored in an ``ImportBatch``."""

    kind: str = ""
    organisations: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    new_organisations: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def error(self, sheet, row, column, message):
        self.errors.append(RowError(sheet, row, column, message))

    def rows(self) -> dict:
        return {
            "organisations": self.organisations,
            "people": self.people,
            "new_organisations": self.new_organisations,
        }

    def errors_as_dicts(self) -> list[dict]:
        return [asdict(error) for error in self.errors]


@dataclass
class Known:
    """What the trajectory already has, looked up once, by lower-case key."""

    domains: dict[str, str]  # lower name -> name
    organisations: dict[str, tuple[int, str]]  # lower name -> (id, name)
    people_by_email: dict[str, tuple[int, str]]  # lower e-mail -> (id, name)
    people_by_name: dict[str, list[int]]  # lower name -> ids

    @classmethod
    def for_trajectory(cls, trajectory) -> Known:
        people_by_email, people_by_name = {}, {}
        for pk, name, email in trajectory.people.values_list("pk", "name", "email"):
            if email:
                people_by_email.setdefault(email.lower(), (pk, name))
            people_by_name.setdefault(name.strip().lower(), []).append(pk)
        return cls(
            domains={
                name.lower(): name for name in trajectory.domains.values_list("name", flat=True)
            },
            organisations={
                name.lower(): (pk, name)
                for pk, name in trajectory.organisations.values_list("pk", "name")
            },
            people_by_email=people_by_email,
            people_by_name=people_by_name,
        )


# Reading ---------------------------------------------------------------------------------------


class FileRefused(Exception):
    """The file as a whole cannot be read; the message says why."""


def parse_upload(data: bytes, filename: str, *, trajectory, kind: str = AUTO) -> ImportPlan:
    """Read and check a whole upload against ``trajectory``; see the module docstring."""
    plan = ImportPlan()
    try:
        tables = read_tables(data, filename, kind=kind)
    except FileRefused as refused:
        plan.error(filename, None, "", str(refused))
        return plan
    if not any(len(table.rows) > 1 for table in tables):
        if any(table.rows for table in tables):
            message = _(
                "Het bestand heeft alleen een kopregel. Zet de gegevens in de rijen eronder."
            )
        else:
            message = _("Het bestand is leeg.")
        plan.error(filename, None, "", message)
        return plan
    validate_tables(tables, plan, Known.for_trajectory(trajectory))
    return plan


def read_tables(data: bytes, filename: str, *, kind: str = AUTO) -> list[Table]:
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise FileRefused(too_large_message(len(data)))
    lower = filename.lower()
    if lower.endswith(XLSX_EXTENSIONS):
        return read_xlsx(data, filename, kind=kind)
    if lower.endswith(CSV_EXTENSIONS):
        return [Table(filename, kind, read_csv(data))]
    if lower.endswith((".xls", ".ods", ".numbers")):
        raise FileRefused(
            _("Dit soort bestand kunnen we niet lezen. Sla het op als Excel (.xlsx) of als CSV.")
        )
    raise FileRefused(_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."))


def too_large_message(size: int) -> str:
    limit = settings.IMPORT_MAX_BYTES
    return _(
        "Het bestand is te groot (%(size)s MB). Het mag hoogstens %(limit)s MB zijn. "
        "Verdeel de gegevens over meer bestanden."
    ) % {"size": f"{size / 1024 / 1024:.1f}".replace(".", ","), "limit": limit // (1024 * 1024)}


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise FileRefused(_("Dit is geen tekstbestand. Kies een CSV- of Excel-bestand."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileRefused(_("We kunnen de tekens in dit bestand niet lezen. Sla het op als CSV UTF-8."))


def read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    text = decode_text(data)
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if "\t" in first_line and not (";" in first_line or "," in first_line):
        delimiter = "\t"
    rows = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                raise FileRefused(too_many_rows_message())
            rows.append((number, [text_cell(cell) for cell in cells[:MAX_COLUMNS]]))
    except csv.Error as error:
        raise FileRefused(
            _("Het CSV-bestand klopt niet (%(error)s). Sla het opnieuw op als CSV.")
            % {"error": error}
        ) from error
    return [(number, cells) for number, cells in rows if any(cells)]


def too_many_rows_message() -> str:
    return _("Het bestand heeft meer dan %(max)d rijen. Verdeel het over meer bestanden.") % {
        "max": MAX_ROWS
    }


def text_cell(value: str) -> str:
    value = value.strip()
    return FormulaCell(value) if value.startswith("=") else value


def xlsx_cell(cell) -> str:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or isinstance(
        value, ArrayFormula | DataTableFormula
    ):
        return FormulaCell(str(getattr(value, "text", value)))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return text_cell(value)
    return str(value).strip()


def read_xlsx(data: bytes, filename: str, *, kind: str = AUTO) -> list[Table]:
    corrupt = _(
        "We kunnen dit Excel-bestand niet openen. Het is beschadigd of het is geen .xlsx-bestand. "
        "Sla het opnieuw op als Excel-werkmap (.xlsx) of als CSV."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileRefused(corrupt) from error
    if unpacked > MAX_UNPACKED_FACTOR * settings.IMPORT_MAX_BYTES:
        raise FileRefused(too_large_message(unpacked))

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception as error:  # openpyxl raises many kinds of errors for a broken file
        raise FileRefused(corrupt) from error
    try:
        sheets = [sheet for sheet in workbook.worksheets if hasattr(sheet, "iter_rows")]
        if not sheets:
            raise FileRefused(_("Het Excel-bestand heeft geen werkblad met gegevens."))
        named = {}
        for sheet in sheets:
            sheet_kind = SHEET_NAMES.get(normalise(sheet.title))
            if sheet_kind and sheet_kind not in named:
                named[sheet_kind] = sheet
        if kind == AUTO and named:
            chosen = [(sheet, sheet_kind) for sheet_kind, sheet in named.items()]
            chosen.sort(key=lambda pair: pair[1] != ORGANISATIONS)  # organisations first
        else:
            chosen = [(named.get(kind, sheets[0]), kind)]
        return [Table(sheet.title, sheet_kind, read_sheet(sheet)) for sheet, sheet_kind in chosen]
    except FileRefused:
        raise
    except Exception as error:  # a broken sheet inside an otherwise valid zip
        raise FileRefused(corrupt) from error
    finally:
        workbook.close()


def read_sheet(sheet) -> list[tuple[int, list[str]]]:
    rows = []
    for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        number = next((c.row for c in row if getattr(c, "row", None)), number)
        cells = [xlsx_cell(cell) for cell in row]
        if any(cells):
            if len(rows) > MAX_ROWS:
                raise FileRefused(too_many_rows_message())
            rows.append((number, cells))
    return rows


# Checking --------------------------------------------------------------------------------------


def validate_tables(tables: list[Table], plan: ImportPlan, known: Known) -> None:
    kinds = []
    checked = []
    for table in tables:
        if len(table.rows) < 1:
            continue
        header_number, header = table.rows[0]
        table_kind = table.kind if table.kind in COLUMNS else detect_kind(header)
        if table_kind is None:
            plan.error(
                table.name,
                header_number,
                "",
                _(
                    "We zien niet of dit bestand personen of organisaties bevat. Kies dit bij "
                    "„Wat staat er in het bestand?”. Kolommen voor personen: %(people)s. "
                    "Kolommen voor organisaties: %(organisations)s."
                )
                % {
                    "people": expected_columns(PEOPLE),
                    "organisations": expected_columns(ORGANISATIONS),
                },
            )
            continue
        columns = read_header(table, table_kind, plan)
        if columns is not None:
            kinds.append(table_kind)
            checked.append((table, table_kind, columns))
    if plan.errors:
        return
    plan.kind = BOTH if len(set(kinds)) > 1 else kinds[0] if kinds else ""
    # Organisations first, so that people can refer to organisations in the same file.
    file_organisations: dict[str, str] = {}
    for table, table_kind, columns in sorted(checked, key=lambda c: c[1] != ORGANISATIONS):
        if table_kind == ORGANISATIONS:
            check_organisations(table, columns, plan, known, file_organisations)
        else:
            check_people(table, columns, plan, known, file_organisations)


def detect_kind(header: list[str]) -> str | None:
    keys = {normalise(cell) for cell in header if cell}
    if keys & ONLY_IN[PEOPLE]:
        return PEOPLE
    if keys & ONLY_IN[ORGANISATIONS]:
        return ORGANISATIONS
    return None


def expected_columns(kind: str) -> str:
    return ", ".join(column.header + ("*" if column.required else "") for column in COLUMNS[kind])


def read_header(table: Table, kind: str, plan: ImportPlan) -> dict[int, tuple[Column, str]] | None:
    """Column index -> (column, header as written). None when the header has errors."""
    number, header = table.rows[0]
    aliases = ALIASES[kind]
    columns: dict[int, tuple[Column, str]] = {}
    seen: dict[str, str] = {}
    errors_before = len(plan.errors)
    for index, text in enumerate(header):
        if not text:
            if any(index < len(cells) and cells[index] for _n, cells in table.rows[1:]):
                plan.error(
                    table.name,
                    number,
                    column_letter(index),
                    _("Deze kolom heeft geen kop, maar er staan wel gegevens in."),
                )
            continue
        if isinstance(text, FormulaCell):
            plan.error(table.name, number, column_letter(index), formula_message())
            continue
        column = aliases.get(normalise(text))
        if column is None:
            plan.error(
                table.name,
                number,
                text,
                _("Deze kolom kennen we niet. Mogelijke kolommen: %(columns)s.")
                % {"columns": expected_columns(kind)},
            )
        elif column.key in seen:
            plan.error(
                table.name,
                number,
                text,
                _("Deze kolom staat twee keer in het bestand (ook als „%(other)s”).")
                % {"other": seen[column.key]},
            )
        else:
            seen[column.key] = text
            columns[index] = (column, text)
    for column in COLUMNS[kind]:
        if column.required and column.key not in seen:
            plan.error(
                table.name,
                number,
                column.header,
                _("De verplichte kolom „%(column)s” ontbreekt. Mogelijke kolommen: %(columns)s.")
                % {"column": column.header, "columns": expected_columns(kind)},
            )
    return columns if len(plan.errors) == errors_before else None


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return _("kolom %(letter)s") % {"letter": letters}


def formula_message() -> str:
    return _(
        "In deze cel staat een formule. Formules nemen we niet over, omdat ze onveilig kunnen "
        "zijn. Zet de waarde zelf in de cel (in Excel: kopiëren en plakken als waarden)."
    )


class CellError(Exception):
    pass


def clean_value(column: Column, raw: str, known: Known):
    """The value to store, or CellError with a Dutch message."""
    if isinstance(raw, FormulaCell):
        raise CellError(formula_message())
    if column.max_length and len(raw) > column.max_length:
        raise CellError(
            _("Deze waarde is te lang: %(length)d tekens. Er passen hoogstens %(max)d tekens in.")
            % {"length": len(raw), "max": column.max_length}
        )
    if column.kind == "bool":
        value = raw.lower()
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
        raise CellError(
            _("„%(value)s” is geen ja of nee. Vul ja of nee in (of 1 of 0, of x of leeg).")
            % {"value": raw}
        )
    if column.kind == "formal":
        value = raw.lower()
        if value in FORMAL_VALUES:
            return True
        if value in INFORMAL_VALUES:
            return False
        if not value:
            return None
        raise CellError(_("Vul „formeel” of „informeel” in, of laat de cel leeg."))
    if column.kind == "email" and raw:
        try:
            validate_email(raw)
        except ValidationError as error:
            raise CellError(_("„%(value)s” is geen goed e-mailadres.") % {"value": raw}) from error
    if column.kind == "url" and raw:
        url = raw if "://" in raw else f"https://{raw}"
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise CellError(_("„%(value)s” is geen goed webadres.") % {"value": raw}) from error
        if len(url) > (column.max_length or 200):
            raise CellError(_("Dit webadres is te lang."))
        return url
    if column.kind == "domains":
        names = []
        for part in re.split(r"[;,]", raw):
            part = part.strip()
            if not part:
                continue
            name = known.domains.get(part.lower())
            if name is None:
                raise CellError(
                    _(
                        "Het domein „%(value)s” staat niet in de lijst van dit traject. "
                        "Bekende domeinen: %(known)s. Pas de naam aan, of voeg het domein "
                        "eerst toe bij Domeinen."
                    )
                    % {"value": part, "known": ", ".join(known.domains.values()) or "–"}
                )
            if name not in names:
                names.append(name)
        return names
    return raw


def clean_row(table, number, cells, columns, plan, known) -> dict | None:
    values = {}
    ok = True
    for index, (column, header) in columns.items():
        raw = cells[index] if index < len(cells) else ""
        try:
            values[column.key] = clean_value(column, raw, known)
        except CellError as error:
            plan.error(table.name, number, header, str(error))
            ok = False
    for index, raw in enumerate(cells):
        if index not in columns and isinstance(raw, FormulaCell):
            plan.error(table.name, number, column_letter(index), formula_message())
            ok = False
    if "name" in values and not values["name"]:
        plan.error(table.name, number, columns_header(columns, "name"), _("Vul een naam in."))
        ok = False
    return values if ok else None


def columns_header(columns, key) -> str:
    return next(header for column, header in columns.values() if column.key == key)


def check_organisations(table, columns, plan, known, file_organisations) -> None:
    first_row: dict[str, int] = {}
    for number, cells in table.rows[1:]:
        values = clean_row(table, number, cells, columns, plan, known)
        if values is None:
            continue
        name = values.pop("name")
        key = name.lower()
        if key in first_row:
            plan.error(
                table.name,
                number,
                columns_header(columns, "name"),
                _("Deze organisatie staat twee keer in het bestand (ook in rij %(row)d).")
                % {"row": first_row[key]},
            )
            continue
        first_row[key] = number
        existing = known.organisations.get(key)
        domains = values.pop("domains", None)
        formal = values.pop("is_formal", "absent")
        if formal is None and existing is None:
            formal = True
        if formal not in ("absent", None):
            values["is_formal"] = formal
        file_organisations[key] = name
        plan.organisations.append(
            {
                "sheet": table.name,
                "row": number,
                "name": name,
                "existing_id": existing[0] if existing else None,
                "fields": values,
                "domains": domains,
            }
        )


def check_people(table, columns, plan, known, file_organisations) -> None:
    first_row: dict[tuple, int] = {}
    matched: dict[int, int] = {}
    new_organisations = {name.lower(): name for name in plan.new_organisations}
    for number, cells in table.rows[1:]:
        values = clean_row(table, number, cells, columns, plan, known)
        if values is None:
            continue
        name = values.pop("name")
        email = values.get("email", "")
        key = ("email", email.lower()) if email else ("name", name.lower())
        if key in first_row:
            header = columns_header(columns, "email" if email else "name")
            message = (
                _("Dit e-mailadres staat twee keer in het bestand (ook in rij %(row)d).")
                if email
                else _(
                    "Deze persoon staat twee keer in het bestand (ook in rij %(row)d). "
                    "Vul een e-mailadres in als het twee mensen met dezelfde naam zijn."
                )
            )
            plan.error(table.name, number, header, message % {"row": first_row[key]})
            continue
        first_row[key] = number
        if values.get("expert_trained") and values.get("is_expert") is False:
            plan.error(
                table.name,
                number,
                columns_header(columns, "expert_trained"),
                _(
                    "Alleen een ervaringsdeskundige kan getraind zijn. "
                    "Zet ervaringsdeskundige op ja."
                ),
            )
            continue

        existing_id = None
        if email and email.lower() in known.people_by_email:
            existing_id = known.people_by_email[email.lower()][0]
        elif not email:
            ids = known.people_by_name.get(name.lower(), [])
            if len(ids) > 1:
                plan.error(
                    table.name,
                    number,
                    columns_header(columns, "name"),
                    _(
                        "Er zijn al meer personen met deze naam. Vul een e-mailadres in, "
                        "dan weten we wie u bedoelt."
                    ),
                )
                continue
            existing_id = ids[0] if ids else None
        if existing_id is not None:
            if existing_id in matched:
                plan.error(
                    table.name,
                    number,
                    columns_header(columns, "name"),
                    _("Deze rij gaat over dezelfde persoon als rij %(row)d.")
                    % {"row": matched[existing_id]},
                )
                continue
            matched[existing_id] = number

        organisation = values.pop("organisation", None)
        organisation_new = False
        if organisation:
            org_key = organisation.lower()
            if org_key in known.organisations:
                organisation = known.organisations[org_key][1]
            elif org_key in file_organisations:
                organisation = file_organisations[org_key]
            else:
                organisation = new_organisations.setdefault(org_key, organisation)
                organisation_new = True
        domains = values.pop("domains", None)
        plan.people.append(
            {
                "sheet": table.name,
                "row": number,
                "name": name,
                "existing_id": existing_id,
                "fields": values,
                "organisation": organisation,  # None: column absent; "": no organisation
                "organisation_new": organisation_new,
                "domains": domains,
            }
        )
    plan.new_organisations = list(new_organisations.values())
