"""The privacy check: what it finds, and what it must leave alone."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from weefwerk.engine.privacy import KINDS, Finding, scan

PEOPLE = ["Fatima el Amrani", "Jan de Vries", "Anna Maria Jansen-de Boer", "Piet"]


def kinds(text, names=()):
    return [(f.kind, f.text) for f in scan(text, names)]


def only(text, names=()):
    """The single finding in ``text``."""
    findings = scan(text, names)
    assert len(findings) == 1, findings
    return findings[0]


# --- BSN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bsn", ["123456782", "1234.56.782", "123.456.782", "123 456 782", "123-456-782", "111222333"]
)
def test_valid_bsn_in_all_formats(bsn):
    finding = only(f"Het BSN van moeder is {bsn}, zegt ze.")
    assert finding.kind == "bsn"
    assert finding.text == bsn
    assert finding.label.startswith("BSN")


@pytest.mark.parametrize("number", ["123456789", "1234.56.789", "123 456 789", "111222334"])
def test_nine_digits_failing_the_elfproef_are_not_a_bsn(number):
    assert [f for f in scan(f"Nummer {number} staat op de brief.") if f.kind == "bsn"] == []


def test_bsn_positions_match_the_text():
    text = "BSN: 123456782."
    finding = only(text)
    assert text[finding.start : finding.end] == "123456782"
    assert (finding.start, finding.end) == (5, 14)


def test_amounts_and_longer_numbers_are_not_a_bsn():
    assert kinds("De schuld is € 123.456.782 en dossier 1234567820.") == []
    assert kinds("Een bedrag van 123456782 euro.") == []


# --- IBAN ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164300",
        "NL91 ABNA 0417 1643 00",
        "nl91abna0417164300",
        "GB82 WEST 1234 5698 7654 32",
        "DE89370400440532013000",
    ],
)
def test_valid_iban(iban):
    finding = only(f"Rekening {iban} staat op naam van vader.")
    assert finding.kind == "iban"
    assert finding.text == iban


@pytest.mark.parametrize("iban", ["NL92ABNA0417164300", "NL92 ABNA 0417 1643 00"])
def test_iban_with_a_wrong_check_digit_is_not_an_iban_but_a_possible_one(iban):
    finding = only(f"Rekening {iban} is geblokkeerd.")
    assert finding.kind == "possible_iban"
    assert "controlegetal" in finding.label


def test_iban_followed_by_words_and_another_iban():
    text = "IBAN NL91 ABNA 0417 1643 00 en NL91ABNA0417164300 en verder."
    assert kinds(text) == [("iban", "NL91 ABNA 0417 1643 00"), ("iban", "NL91ABNA0417164300")]


def test_text_that_is_not_an_iban():
    assert kinds("Het project NL20 loopt tot 2025 en code AB12 CDEF is intern.") == []


# --- phone numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "0612345678",
        "06 12345678",
        "06 1234 5678",
        "06 - 12 34 56 78",
        "020-1234567",
        "020 123 4567",
        "0299-123456",
        "(020) 1234567",
        "(020) 123 45 67",
        "+31 6 1234 5678",
        "+31612345678",
        "+31 (0)6 12345678",
        "+31 (0)20 123 4567",
        "0031 6 12345678",
        "0031612345678",
        "+44 20 7946 0958",
        "+32 470 12 34 56",
        "0049 30 1234567",
        "+1 212-555-0123",
    ],
)
def test_phone_numbers(phone):
    finding = only(f"Je kunt haar bellen op {phone} na school.")
    assert finding.kind == "phone"
    assert finding.text == phone


def test_phone_number_next_to_a_date_and_a_year():
    text = "Sinds 2023 0612345678 en op 12-03-2015 0201234567 gebeld."
    phones = [f.text for f in scan(text) if f.kind == "phone"]
    assert phones == ["0612345678", "0201234567"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 en 2024 ging het beter.",
        "De huur is €1.250 per maand, de schuld € 12.500,-.",
        "Om 14.00 uur en van 09:30 tot 11:15.",
        "Zij kreeg 1.250.000 stemmen.",
        "Bel de Belastingtelefoon op 0800-0543.",
        "Het dossier 2023-0412 is gesloten.",
        "Het kost 0,50 per stuk; 30 procent, 75% of 1/3.",
        "Er zijn 12 345 678 inwoners.",
        "+5 punten erbij.",
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert [f for f in scan(text) if f.kind == "phone"] == []


# --- e-mail -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["jan.devries@example.nl", "f.el-amrani+school@mail.example.com", "a_b@x.org"]
)
def test_email(email):
    finding = only(f"Mail naar {email}.")
    assert finding.kind == "email"
    assert finding.text == email


def test_at_sign_alone_is_not_an_email():
    assert kinds("We zien elkaar @ het wijkcentrum, of mail @team.") == []


# --- dates of birth -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "when", ["12-03-2015", "3/4/15", "12.03.2015", "2015-03-12", "12 maart 2015", "1 jan. 2010"]
)
def test_dates_shaped_like_a_date_of_birth(when):
    finding = only(f"Datum: {when}; verder niets.")
    assert finding.kind == "birth_date"
    assert finding.text == when
    assert finding.label == "Datum die een geboortedatum kan zijn"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Zoon Sem is geboren op 12 maart 2015 in Utrecht.", "12 maart 2015"),
        ("Dochter (geb. 03-04-2016) zit in groep 4.", "03-04-2016"),
        ("Geboortedatum: 1/2/12", "1/2/12"),
        ("De jongste is geboren op 5 mei en is nu drie.", "5 mei"),
        ("Geboren in het ziekenhuis op 29 februari 2016.", "29 februari 2016"),
    ],
)
def test_dates_that_the_text_calls_a_date_of_birth(text, when):
    finding = only(text)
    assert finding.kind == "birth_date"
    assert finding.text == when
    assert finding.label == "Geboortedatum (de tekst noemt het zo)"


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 verhuisde het gezin.",
        "Dat was in maart 2021.",
        "Op 5 mei is het Bevrijdingsdag.",  # day and month without a year, no birth word
        "Om 14.00 uur, en om 9.30.",
        "31-02-2015 bestaat niet.",
        "Stand 3-2-1 na de wedstrijd.",
        f"Het gesprek is op 15-09-{date.today().year + 1}.",  # future dates are no birth dates
        "Geboren in 2015, woont nu in Zwolle.",  # a year on its own is not flagged
    ],
)
def test_text_without_a_date_of_birth(text):
    assert [f for f in scan(text) if f.kind == "birth_date"] == []


def test_birth_word_in_an_earlier_sentence_does_not_count():
    finding = only("Zij is hier geboren. Op 12-03-2015 was er een gesprek.")
    assert finding.label == "Datum die een geboortedatum kan zijn"


# --- postcodes and addresses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Het gezin woont op 1234 AB 12 sinds kort.", "1234 AB 12"),
        ("Adres: 1234AB, 5a.", "1234AB, 5a"),
        ("Adres 1234ab 7 klopt.", "1234ab 7"),
        ("Postcode 3511 CX nr. 14-2 is het.", "3511 CX nr. 14-2"),
        ("Zij woont aan de Dorpsstraat 12, 1234 AB Ergens.", "Dorpsstraat 12, 1234 AB"),
        ("Adres: Burgemeester Visserstraat 3a, 3511CX Utrecht.", None),
    ],
)
def test_postcodes_with_house_numbers(text, found):
    finding = only(text)
    assert finding.kind == "postcode"
    if found:
        assert finding.text == found
    else:
        assert finding.text.endswith("3a, 3511CX")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ze wonen op de Kerkstraat 14 boven de bakker.", "Kerkstraat 14"),
        ("Hij slaapt bij zijn oom aan de Van Goghlaan 3a.", "Van Goghlaan 3a"),
    ],
)
def test_street_and_house_number(text, found):
    finding = only(text)
    assert finding.kind == "address"
    assert finding.text == found


@pytest.mark.parametrize(
    "text",
    [
        "De postcode 1234 AB alleen is niet genoeg.",
        "In 2023 EN daarna ging het mis.",
        "Het wijkteam in Rotterdam 2023 en Amsterdam 12 keer.",
        "De Marktplaats-advertentie.",
    ],
)
def test_no_postcode_or_address(text):
    assert [f for f in scan(text) if f.kind in {"postcode", "address"}] == []


# --- names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ik sprak Fatima el Amrani vorige week.", "Fatima el Amrani"),
        ("Ik sprak FATIMA EL AMRANI vorige week.", "FATIMA EL AMRANI"),
        ("Ik sprak fatima  el\namrani vorige week.", "fatima  el\namrani"),
        ("Gesprek met Anna Maria Jansen-de Boer.", "Anna Maria Jansen-de Boer"),
        ("Gesprek met mevrouw El Amrani.", "mevrouw El Amrani"),
        ("Gesprek met mw. Amrani.", "mw. Amrani"),
        ("Gesprek met de heer De Vries.", "de heer De Vries"),
        ("Gesprek met dhr. de Vries.", "dhr. de Vries"),
        ("Brief van J. de Vries.", "J. de Vries"),
        ("Brief van J.P. Vries.", "J.P. Vries"),
        ("Brief van Jan Vries.", "Jan Vries"),
        ("Het gezin De Vries heeft schulden.", "gezin De Vries"),
        ("Piet komt ook.", "Piet"),
    ],
)
def test_names_from_the_people_list(text, found):
    finding = only(text, PEOPLE)
    assert finding.kind == "name"
    assert finding.text == found


@pytest.mark.parametrize(
    "text",
    [
        "Vrieskou in de winter; de vries-droger.",  # part of a word
        "Er staat een piet op de foto.",  # a one-word name only with a capital letter
        "Vries is een plaats; ik ga naar Vries.",  # a surname alone is not enough
        "Mevrouw Jansen komt ook.",  # not in the list
        "Mevrouw El komt ook.",  # particles alone are no surname
        "Jan kwam te laat.",  # a first name alone is not flagged
    ],
)
def test_no_names(text):
    assert scan(text, PEOPLE) == []


def test_no_names_without_a_list():
    assert scan("Fatima el Amrani en Jan de Vries.") == []


def test_blank_names_are_ignored():
    assert scan("Een tekst.", ["", "   "]) == []


def test_names_with_regex_characters():
    assert kinds("Met Jan (J.) de Vries-Smit.", ["Jan (J.) de Vries-Smit"]) == [
        ("name", "Jan (J.) de Vries-Smit")
    ]


# --- combined ------------------------------------------------------------------------------


def test_findings_are_sorted_and_do_not_overlap():
    text = (
        "Fatima el Amrani (geboren op 12-03-1988, BSN 1234.56.782) woont op Dorpsstraat 12, "
        "1234 AB Ergens. Bel 06-12345678 of mail fatima@example.nl. "
        "Rekening NL91 ABNA 0417 1643 00."
    )
    findings = scan(text, PEOPLE)
    assert [f.kind for f in findings] == [
        "name",
        "birth_date",
        "bsn",
        "postcode",
        "phone",
        "email",
        "iban",
    ]
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end <= second.start
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.kind in KINDS
        assert finding.label


def test_longest_candidate_wins():
    # The digit groups of an IBAN also look like a phone number; the IBAN wins.
    assert kinds("NL91 ABNA 0417 1643 00") == [("iban", "NL91 ABNA 0417 1643 00")]
    # An e-mail address containing a listed name is one e-mail finding.
    assert kinds("piet@example.nl", PEOPLE) == [("email", "piet@example.nl")]


def test_finding_is_plain_data():
    finding = Finding("bsn", 0, 9, "123456782", "BSN (burgerservicenummer)")
    assert finding.as_dict() == {
        "kind": "bsn",
        "start": 0,
        "end": 9,
        "text": "123456782",
        "label": "BSN (burgerservicenummer)",
    }


def test_empty_text():
    assert scan("") == []


CASE_TEXT = """\
Casus: een gezin met geldzorgen in de wijk

Moeder werkt 24 uur per week in de thuiszorg en vader is sinds 2023 zonder werk. Samen hebben
ze drie kinderen: de oudste zit in groep 7, de middelste in groep 4 en de jongste gaat twee
ochtenden per week naar de peuteropvang. Het gezin heeft een inkomen van ongeveer €1.850 netto
per maand en een schuld van € 12.500,- bij verschillende schuldeisers, waaronder de
zorgverzekeraar en de woningcorporatie. De huur is €1.250 per maand; de huurtoeslag is in 2024
met 30% verlaagd na een wijziging in het inkomen.

De oudste haalt goede cijfers (een 7,5 voor rekenen en een 8 voor taal), maar de juf ziet dat
hij vaak moe is en zonder ontbijt op school komt. De school heeft het schoolmaatschappelijk werk
ingeschakeld. Op dinsdag om 14.00 uur is er een gesprek met de intern begeleider; om 15.30 uur
volgt een afspraak bij het wijkteam. In maart 2024 is een aanvraag bij het Jeugdfonds Sport &
Cultuur gedaan, zodat de kinderen op voetbal kunnen (contributie € 225 per jaar).

Vader schaamt zich voor de schulden en vermijdt de post. De schuldhulpverlener heeft in 3
gesprekken van 45 minuten een overzicht gemaakt: 14 schuldeisers, waarvan 2 met een
betalingsregeling. Bij 1 op de 8 gezinnen in deze wijk speelt iets vergelijkbaars, zegt het
CBS. De kosten voor de eigen bijdrage (ca. 385 euro) zijn een knelpunt. Het wijkteam wil
binnen 6 weken samen met de kredietbank, de GGD en de school om tafel; stap 1 is een
gezamenlijk plan, stap 2 de verdeling van de taken. Wie mist er nog? Mogelijk de
woningcorporatie en een ervaringsdeskundige. Zie ook de Wet schuldsanering (artikel 48)
en het Nationaal Armoedeplan 2020-2030. De bijeenkomst is van 09:30 tot 12:00 in zaal 2.03.
"""


def test_realistic_case_text_without_personal_data_has_no_findings():
    assert scan(CASE_TEXT, PEOPLE) == []


def test_po_box_of_an_organisation_is_not_a_home_address():
    assert scan("Stuur het naar Postbus 1234, 1000 AB Amsterdam.") == []


def test_full_dates_in_case_text_are_flagged_for_the_author_to_check():
    # A full date may be a date of birth; the author confirms or removes it.
    findings = scan("Van 1-1-2024 tot 31-12-2024 kreeg het gezin bijstand.")
    assert [f.text for f in findings] == ["1-1-2024", "31-12-2024"]


# --- properties ---------------------------------------------------------------------------


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("0123456789 .-+()/@AaBbNLx\n"), max_size=80))
def test_findings_are_consistent_on_any_text(text):
    findings = scan(text, ["Ab Nl"])
    for first, second in zip(findings, findings[1:], strict=False):
        assert first.end <= second.start
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.kind in KINDS


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_nine_digits_are_a_bsn_exactly_when_they_pass_the_elfproef(number):
    findings = scan(f"Nummer {number} graag.")
    assert (findings == []) != stdnum_bsn.is_valid(str(number))
    assert all(f.kind == "bsn" for f in findings)
