"""Find personal data in free text (case descriptions, notes) before it is saved.

``scan(text, names=())`` returns :class:`Finding` objects sorted by position. Positions are
indices into the Python string (``text[start:end] == finding.text``). Findings never overlap:
when two candidates overlap, the longer one wins, and between equally long ones the more
specific kind (in the order of :data:`KINDS`).

What is found, and what is deliberately not:

``bsn``
    Nine digits that pass the elfproef (``stdnum.nl.bsn``), written as ``123456782``,
    ``1234.56.782``, ``123.456.782``, ``123 456 782`` or ``123-456-782``. Nine digits that fail
    the elfproef are not flagged. Numbers right after a euro sign or before "euro" are amounts.
``iban``
    A valid IBAN (``stdnum.iban``: country format and check digits), compact or in groups.
``possible_iban``
    Lower confidence: the text has exactly the structure of an IBAN for its country, but the
    check digits do not match (a typing error in a real account number is still an account
    number). Reported under its own kind so callers can treat it differently; without it, the
    digit groups of such an IBAN would show up as a phone number.
``phone``
    Dutch numbers of ten digits starting with 0 (``06-12345678``, ``020 123 4567``,
    ``(020) 1234567``), the same with ``+31``/``0031`` (``+31 6 1234 5678``, ``+31 (0)20 ...``)
    and other international numbers with ``+`` or ``00`` and 8 to 15 digits. Short service
    numbers (0800, 0900) and anything that is not one of these shapes (years, amounts, times,
    dates) are not flagged.
``email``
    E-mail addresses.
``birth_date``
    A full date that lies in the past (at most 120 years ago): ``12-03-2015``, ``3/4/15``,
    ``12.03.2015``, ``2015-03-12``, ``12 maart 2015``, ``1 jan. 2010``. The label says whether
    the text itself calls it a date of birth ("geboren", "geb.", "geboortedatum" shortly before)
    or whether it is only shaped like one. After such a word a day and month without a year
    ("geboren op 12 maart") count too. Years on their own ("in 2023") and future dates are not
    flagged.
``postcode``
    A Dutch postcode with a house number (``1234 AB 12``, ``1234AB, 5a``), or a street and house
    number followed by a postcode (``Dorpsstraat 12, 1234 AB``). A postcode on its own and a
    PO box (``Postbus 1234, 1000 AB``) are not flagged.
``address``
    A street name with a common street suffix and a house number (``Dorpsstraat 12``,
    ``Van Goghlaan 3a``) without a postcode.
``name``
    Names from the given people list, whole words, case-insensitive (``Fatima el Amrani``).
    Also the surname (last word at least 4 letters) after a title (``mevrouw El Amrani``,
    ``dhr. De Vries``), after initials (``J. de Vries``) or after the person's first name. A
    one-word entry in the list is only matched where it is written with a capital letter.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from stdnum import iban as stdnum_iban
from stdnum import numdb
from stdnum.nl import bsn as stdnum_bsn

__all__ = ["KINDS", "Finding", "scan"]

# Order matters: on equally long overlapping candidates, the earlier kind wins.
KINDS = (
    "iban",
    "bsn",
    "email",
    "possible_iban",
    "phone",
    "postcode",
    "address",
    "birth_date",
    "name",
)
_PRIORITY = {kind: number for number, kind in enumerate(KINDS)}

LABELS = {
    "bsn": "BSN (burgerservicenummer)",
    "iban": "Bankrekeningnummer (IBAN)",
    "possible_iban": "Lijkt op een bankrekeningnummer (IBAN), maar het controlegetal klopt niet",
    "phone": "Telefoonnummer",
    "email": "E-mailadres",
    "postcode": "Postcode met huisnummer",
    "address": "Adres (straat en huisnummer)",
    "name": "Naam van een persoon",
}
BIRTH_DATE_EXPLICIT = "Geboortedatum (de tekst noemt het zo)"
BIRTH_DATE_SHAPE = "Datum die een geboortedatum kan zijn"
POSTCODE_AFTER_STREET = "Adres met postcode"
SURNAME_LABEL = "Achternaam van een persoon"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of possible personal data: ``text[start:end]`` of a given ``kind``.

    ``label`` is a short Dutch description for the person who wrote the text.
    """

    kind: str
    start: int
    end: int
    text: str
    label: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def scan(text: str, names: Iterable[str] = ()) -> list[Finding]:
    """Return the personal data found in ``text``, sorted by position, without overlaps.

    ``names`` are full names of the people in the trajectory (one name per string).
    """
    if isinstance(names, str):
        names = [names]
    candidates: list[Finding] = []
    for finder in (_ibans, _bsns, _emails, _phones, _postcodes, _addresses, _dates):
        candidates.extend(finder(text))
    candidates.extend(_names(text, names))
    return _without_overlaps(candidates)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep the longest (then most specific) candidates that do not overlap a kept one."""
    starts: list[int] = []  # kept findings never overlap, so sorted by start is sorted by end
    kept: list[Finding] = []
    ranked = sorted(
        candidates, key=lambda f: (-(f.end - f.start), _PRIORITY[f.kind], f.start, f.end)
    )
    for candidate in ranked:
        place = bisect.bisect_right(starts, candidate.start)
        if place > 0 and kept[place - 1].end > candidate.start:
            continue
        if place < len(kept) and kept[place].start < candidate.end:
            continue
        starts.insert(place, candidate.start)
        kept.insert(place, candidate)
    return kept


def _finding(kind: str, text: str, start: int, end: int, label: str | None = None) -> Finding:
    return Finding(kind, start, end, text[start:end], label or LABELS[kind])


def _is_amount(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 3) : start]
    after = text[end : end + 8].lower()
    return "€" in before or "eur" in before.lower() or bool(re.match(r"\s*(euro|eur\b|,-)", after))


# --- IBAN ----------------------------------------------------------------------------------

# Two letters, two digits, then up to 30 letters/digits in groups separated by single spaces.
_IBAN_CANDIDATE = re.compile(r"(?<![^\W_])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){10,30}")


def _ibans(text: str) -> Iterable[Finding]:
    position = 0
    while match := _IBAN_CANDIDATE.search(text, position):
        position = match.start() + 1
        # Try the longest run of whole tokens first, then drop trailing tokens.
        tokens = list(re.finditer(r"\S+", match.group()))
        for count in range(len(tokens), 0, -1):
            end = match.start() + tokens[count - 1].end()
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue  # the candidate stopped in the middle of a word
            compact = text[match.start() : end].replace(" ", "").upper()
            if not 15 <= len(compact) <= 34:
                continue
            kind = _iban_kind(compact)
            if kind:
                yield _finding(kind, text, match.start(), end)
                position = end
                break


@functools.lru_cache(maxsize=256)
def _iban_length(country: str) -> int | None:
    """The length of an IBAN for a country code, from stdnum's IBAN registry data."""
    info = numdb.get("iban").info(country + "00")
    structure = info[0][1].get("bban") if info and info[0][0] == country else None
    if not structure:
        return None
    return 4 + sum(int(count) for count in re.findall(r"(\d+)!?[nac]", structure))


@functools.lru_cache(maxsize=1024)
def _iban_kind(compact: str) -> str | None:
    if _iban_length(compact[:2]) != len(compact):
        return None
    if stdnum_iban.is_valid(compact):
        return "iban"
    try:
        repaired = compact[:2] + stdnum_iban.calc_check_digits(compact) + compact[4:]
    except Exception:  # stdnum raises various errors on odd input
        return None
    return "possible_iban" if stdnum_iban.is_valid(repaired) else None


# --- BSN -----------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,/+-])"
    r"(?:\d{9}|\d{4}([. ])\d{2}\1\d{3}|\d{3}([. -])\d{3}\2\d{3})"
    r"(?![\w@]|[.,/-]\d)"
)


def _bsns(text: str) -> Iterable[Finding]:
    for match in _BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if stdnum_bsn.is_valid(digits) and not _is_amount(text, match.start(), match.end()):
            yield _finding("bsn", text, match.start(), match.end())


# --- e-mail --------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,}\b"
)


def _emails(text: str) -> Iterable[Finding]:
    for match in _EMAIL.finditer(text):
        yield _finding("email", text, match.start(), match.end())


# --- phone numbers -------------------------------------------------------------------------

# Runs of digit groups joined by one space, hyphen or dot (or " - "), optionally starting with
# "+" and with bracketed groups like "(020)" or "(0)". Which runs of groups form a phone number
# is decided afterwards, so a year or date next to a number does not hide it.
_BRACKETS = r"(?:\(\d{1,4}\)\s?)"
_PHONE_CANDIDATE = re.compile(
    rf"(?<![\w+.,/-])(?:\+\s?)?{_BRACKETS}?\d+(?:(?:[ .-]|\s-\s){_BRACKETS}?\d+)*"
)
_GROUP = re.compile(r"\+|\(\d{1,4}\)|\d+")
_SERVICE_NUMBERS = ("0800", "0900", "0906", "0909")
_MAX_GROUPS = 8


def _phones(text: str) -> Iterable[Finding]:
    for match in _PHONE_CANDIDATE.finditer(text):
        groups = [
            (match.start() + g.start(), match.start() + g.end(), g.group())
            for g in _GROUP.finditer(match.group())
        ]
        yield from _phones_in_groups(text, groups)


def _phones_in_groups(text: str, groups: list[tuple[int, int, str]]) -> Iterable[Finding]:
    """Pick the longest valid runs of consecutive groups, from left to right."""
    index = 0
    while index < len(groups):
        # Only "+", "0..." or "(0..." can start a phone number; skip the rest quickly.
        if not groups[index][2].startswith(("+", "0", "(0")):
            index += 1
            continue
        # A phone number has at most eight groups ("+", country code and six more).
        for last in range(min(len(groups), index + _MAX_GROUPS) - 1, index - 1, -1):
            start, end = groups[index][0], groups[last][1]
            if _is_phone(text, [g[2] for g in groups[index : last + 1]], start, end):
                yield _finding("phone", text, start, end)
                index = last + 1
                break
        else:
            index += 1


def _is_phone(text: str, parts: list[str], start: int, end: int) -> bool:
    if not 8 <= sum(len(p) for p in parts) <= 22:
        return False
    before, after = text[max(0, start - 2) : start], text[end : end + 2]
    if before[-1:].isalnum() or before[-1:] in ("+", "(", "@"):
        return False
    if after[:1].isalnum() or after[:1] == "@":
        return False
    # Split a run of groups only at spaces: "12-03-2015" holds no number starting at "03".
    if re.fullmatch(r"\d[.-]", before) or re.fullmatch(r"[.-]\d", after):
        return False
    if _is_amount(text, start, end) or re.match(r"\s?%", text[end : end + 2]):
        return False
    if parts[0] == "+":
        return _is_international(parts[1:])
    if parts[0].startswith("00") and not parts[0].startswith("000"):
        return _is_international([parts[0][2:], *parts[1:]] if len(parts[0]) > 2 else parts[1:])
    # Dutch national number: ten digits, "0" and then not "0"; "(020)" only at the start.
    if any(p.startswith("(") for p in parts[1:]) or len(parts) > 5:
        return False
    digits = "".join(re.sub(r"\D", "", p) for p in parts)
    return (
        len(digits) == 10
        and digits[0] == "0"
        and digits[1] != "0"
        and not digits.startswith(_SERVICE_NUMBERS)
    )


def _is_international(parts: list[str]) -> bool:
    """Country code and number after "+" or "00"; "(0)" may follow the country code."""
    if not parts or not parts[0].isdigit() or parts[0].startswith("0"):
        return False
    if any(p.startswith("(") and p != "(0)" for p in parts) or len(parts) > 7:
        return False
    digits = "".join(p for p in parts if p != "(0)")
    if digits.startswith("31"):
        national = digits[2:]
        return len(national) == 9 and national[0] != "0"
    return 8 <= len(digits) <= 15


# --- postcodes and addresses ---------------------------------------------------------------

# Uppercase letters, or lowercase letters written against the digits ("1234ab").
_POSTCODE = r"[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?![\w-])"
_HOUSE_NUMBER = r"[1-9]\d{0,3}(?:\s?[a-zA-Z](?!\w)|-\d{1,4}(?!\w))?"
_NOT_A_NUMBER = r"(?![.,]\d|\s?(?:uur|euro|%|jaar|minuten|keer|kinderen)(?!\w))"
_POSTCODE_WITH_NUMBER = re.compile(
    rf"(?<![\w-]){_POSTCODE},?\s{{0,2}}(?:(?:nr\.?|nummer)\s?)?{_HOUSE_NUMBER}(?!\w){_NOT_A_NUMBER}"
)
_PARTICLE_WORDS = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Hh]et|[Tt]er|[Tt]en|'t|[Ii]n|[Oo]p)"
_SENTENCE_WORDS = (
    r"(?:Hij|Zij|Ze|Het|De|Op|In|Aan|Naar|Wij|We|Ik|Een|Dit|Dat|Deze|Die|Er|Bij|Met|Voor)"
)
# Up to three capitalised words (with particles in between) before the house number.
_STREET_WORDS = (
    rf"(?:(?!{_SENTENCE_WORDS}\s)[A-Z][\w'.-]*\s(?:{_PARTICLE_WORDS}\s)*){{0,2}}"
    rf"(?!{_SENTENCE_WORDS}\s)[A-Z][\w'-]*\s"
)
_STREET_NUMBER_POSTCODE = re.compile(
    rf"(?<![\w-])(?:{_STREET_WORDS})?{_HOUSE_NUMBER},?\s{{1,2}}{_POSTCODE}"
)
_STREET_SUFFIX = (
    r"(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|pad|dreef|steeg|park|ring|markt|"
    r"plantsoen|boulevard|allee|baan)"
)
_STREET_AND_NUMBER = re.compile(
    rf"(?<![\w-])(?:(?:Van|De|Der|Den|Het|Ter|Ten|'t)\s)*(?:[A-Z][\w'-]*\s)?"
    rf"[A-Z][\w'-]*?{_STREET_SUFFIX}"
    rf"\s{_HOUSE_NUMBER}(?!\w){_NOT_A_NUMBER}"
)


def _postcodes(text: str) -> Iterable[Finding]:
    for match in _POSTCODE_WITH_NUMBER.finditer(text):
        yield _finding("postcode", text, match.start(), match.end())
    for match in _STREET_NUMBER_POSTCODE.finditer(text):
        if match.group().startswith(("Postbus", "Antwoordnummer")):
            continue  # a PO box belongs to an organisation, not to a home
        yield _finding("postcode", text, match.start(), match.end(), POSTCODE_AFTER_STREET)


def _addresses(text: str) -> Iterable[Finding]:
    for match in _STREET_AND_NUMBER.finditer(text):
        number = re.search(r"\d+", match.group())
        if number and len(number.group()) == 4 and number.group().startswith(("19", "20")):
            continue  # "Amsterdam 2023" is a year, not a house number
        yield _finding("address", text, match.start(), match.end())


# --- dates ---------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/:-])(?P<day>\d{1,2})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4}|\d{2})(?![\w]|[.,/:-]\d)"
)
_ISO_DATE = re.compile(
    r"(?<![\w.,/:-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\w]|[.,/:-]\d)"
)
_WRITTEN_DATE = re.compile(
    rf"(?<![\w.,])(?P<day>\d{{1,2}})\s(?P<month>{_MONTH_NAMES})(?P<dot>\.)?"
    r"(?:\s(?P<year>\d{4}|'\d{2}))?(?!\w)",
    re.IGNORECASE,
)
_BIRTH_WORDS = re.compile(
    r"(?:geboren|geb\.|geboortedatum|geboortedag|geb\.datum|geboortejaar)", re.IGNORECASE
)
_OLDEST_YEARS = 120


def _dates(text: str) -> Iterable[Finding]:
    today = date.today()
    for pattern in (_NUMERIC_DATE, _ISO_DATE, _WRITTEN_DATE):
        for match in pattern.finditer(text):
            end = match.end()
            month_text = match.group("month")
            month = _MONTHS.get(month_text.lower()) if pattern is _WRITTEN_DATE else None
            if month is None:
                month = int(month_text)
            year_text = match.group("year")
            explicit = _after_birth_word(text, match.start())
            if year_text is None:
                if not explicit:
                    continue
                year = None
            else:
                year = _full_year(year_text.lstrip("'"), today)
            if pattern is _WRITTEN_DATE and match.group("dot") and year_text is None:
                end -= 1  # "geboren op 12 mrt." - the dot ends the sentence
            if not _plausible(int(match.group("day")), month, year, today):
                continue
            label = BIRTH_DATE_EXPLICIT if explicit else BIRTH_DATE_SHAPE
            yield _finding("birth_date", text, match.start(), end, label)


def _full_year(year_text: str, today: date) -> int:
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _plausible(day: int, month: int, year: int | None, today: date) -> bool:
    try:
        day_date = date(year or 2000, month, day)  # 2000 is a leap year: 29 februari is fine
    except ValueError:
        return False
    if year is None:
        return True
    return today.year - _OLDEST_YEARS <= year and day_date <= today


def _after_birth_word(text: str, start: int) -> bool:
    """Is the date within the same sentence, shortly after a word like "geboren"?"""
    window = text[max(0, start - 40) : start]
    words = list(_BIRTH_WORDS.finditer(window))
    if not words:
        return False
    between = window[words[-1].end() :]
    return not re.search(r"[!?\n\d]|\.\s+[A-Z]", between)


# --- names ---------------------------------------------------------------------------------

_PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "het",
    "'t",
    "ter",
    "ten",
    "te",
    "in",
    "op",
    "el",
    "al",
    "la",
    "le",
    "du",
    "da",
    "di",
    "dos",
    "del",
    "von",
    "zu",
    "ben",
    "bin",
    "abu",
}
_TITLES = (
    r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mr\.?|dhr\.?|de\s+heer|heer|juf|juffrouw|meester|"
    r"dokter|dr\.?|ds\.?|familie|fam\.?|gezin|moeder|vader|oma|opa|tante|oom)"
)
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"


def _names(text: str, names: Iterable[str]) -> Iterable[Finding]:
    full: set[str] = set()
    single: set[str] = set()
    surnames: list[tuple[str, str]] = []  # (first name, surname phrase)
    for name in names:
        tokens = name.split()
        if not tokens:
            continue
        if len(tokens) == 1:
            if len(tokens[0]) >= 2:
                single.add(tokens[0])
            continue
        full.add(r"\s+".join(re.escape(t) for t in tokens))
        rest = tokens[1:]
        core = rest[-1]
        if len(core) >= 4 and core.lower() not in _PARTICLES:
            # Particles may be left out or written differently: "mevrouw Vries", "De Vries".
            surname = "".join(
                rf"(?:{re.escape(t)}\s+)?" if t.lower() in _PARTICLES else rf"{re.escape(t)}\s+"
                for t in rest[:-1]
            ) + re.escape(core)
            surnames.append((re.escape(tokens[0]), surname))
    if full:
        pattern = re.compile(
            rf"(?<!\w)(?:{'|'.join(sorted(full, key=len, reverse=True))})(?!\w)", re.IGNORECASE
        )
        for match in pattern.finditer(text):
            yield _finding("name", text, match.start(), match.end())
    if surnames:
        phrases = "|".join(sorted({s for _, s in surnames}, key=len, reverse=True))
        firsts = "|".join(sorted({f for f, _ in surnames}, key=len, reverse=True))
        surname_pattern = re.compile(rf"(?<!\w)(?:{phrases})(?!\w)", re.IGNORECASE)
        # What must come right before the surname: a title, initials or a first name.
        prefix_pattern = re.compile(
            rf"(?<!\w)(?:(?i:{_TITLES})\s+|{_INITIALS}|(?i:{firsts})\s+(?:[A-Z]\.\s?)*)\Z"
        )
        for match in surname_pattern.finditer(text):
            window_start = max(0, match.start() - 60)
            prefix = prefix_pattern.search(text, window_start, match.start())
            if prefix:
                yield _finding("name", text, prefix.start(), match.end(), SURNAME_LABEL)
    if single:
        words = "|".join(re.escape(w) for w in sorted(single, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?i:{words})(?!\w)")
        for match in pattern.finditer(text):
            if match.group()[0].isupper():
                yield _finding("name", text, match.start(), match.end())
