"""Reading, checking and applying import files (no views)."""

import io
import zipfile

import openpyxl
import pytest

from weefwerk.people import imports, services
from weefwerk.people.models import ImportBatch, Organisation, Person
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory

PEOPLE_HEADER = (
    "naam;organisatie;functie;e-mail;telefoon;domeinen;vaste deelnemer;projectteam;"
    "ervaringsdeskundige;getraind;leidinggevende;contact delen"
)


def csv_bytes(*lines, delimiter=";", encoding="utf-8-sig"):
    text = "\r\n".join(line.replace(";", delimiter) for line in lines) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes(sheets):
    """``sheets``: {title: [rows]}; the first sheet replaces the default one."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(trajectory, data, filename="lijst.csv", kind=imports.AUTO):
    return imports.parse_upload(data, filename, trajectory=trajectory, kind=kind)


def apply(trajectory, user, plan, filename="lijst.csv"):
    assert not plan.errors, plan.errors
    batch = services.import_batch_create(
        trajectory=trajectory, user=user, filename=filename, plan=plan
    )
    return services.import_apply(batch, user=user)


def messages(plan):
    return " ".join(error.message for error in plan.errors)


GOOD_PEOPLE = (
    PEOPLE_HEADER,
    "Anna de Vries;Stichting Schuldhulp;Schuldhulpverlener;anna@voorbeeld.example;"
    "06 12345678;Schuldhulpverlening;ja;nee;nee;nee;nee;ja",
    "Mehmet Yilmaz;Buurtkamer De Linde;vrijwilliger;;;Welzijnswerk, Onderwijs;nee;x;1;1;0;",
    "Sanne Bakker;;wethouder;sanne@voorbeeld.example;;;;;;;ja;nee",
)


# Good files -------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_people_csv_with_either_delimiter(trajectory, facilitator, delimiter):
    data = csv_bytes(*GOOD_PEOPLE, delimiter=delimiter)
    if delimiter == ",":  # a list of domains in one cell must be quoted then
        data = data.replace(b"Welzijnswerk, Onderwijs", b'"Welzijnswerk, Onderwijs"')
    plan = parse(trajectory, data)
    assert plan.errors == []
    assert plan.kind == imports.PEOPLE
    assert [row["row"] for row in plan.people] == [2, 3, 4]
    assert plan.new_organisations == ["Stichting Schuldhulp", "Buurtkamer De Linde"]

    result = apply(trajectory, facilitator, plan)

    assert (result.people_created, result.organisations_created) == (3, 2)
    anna = Person.objects.get(email="anna@voorbeeld.example")
    assert anna.organisation.name == "Stichting Schuldhulp"
    assert anna.is_fixed_participant and anna.shares_contact and not anna.is_project_team
    assert [d.name for d in anna.domains.all()] == ["Schuldhulpverlening"]
    mehmet = Person.objects.get(name="Mehmet Yilmaz")
    assert mehmet.is_project_team and mehmet.is_expert and mehmet.expert_trained
    assert sorted(d.name for d in mehmet.domains.all()) == ["Onderwijs", "Welzijnswerk"]
    sanne = Person.objects.get(name="Sanne Bakker")
    assert sanne.organisation is None and sanne.is_manager


def test_csv_in_windows_encoding_without_bom(trajectory, facilitator):
    data = csv_bytes("naam;functie", "Zoë Çelik;coördinator", encoding="cp1252")
    plan = parse(trajectory, data)
    apply(trajectory, facilitator, plan)
    assert Person.objects.get().function == "coördinator"
    assert Person.objects.get().name == "Zoë Çelik"


def test_headers_are_case_and_space_insensitive_and_english_works(trajectory, facilitator):
    data = csv_bytes("  NAAM ;E-MAIL;Vaste Deelnemer", "Jan;jan@voorbeeld.example;JA")
    plan = parse(trajectory, data)
    apply(trajectory, facilitator, plan)
    assert Person.objects.get().is_fixed_participant
    data = csv_bytes("Name,Email,Organisation", "Piet,piet@voorbeeld.example,Food Bank")
    apply(trajectory, facilitator, parse(trajectory, data))
    assert Person.objects.get(name="Piet").organisation.name == "Food Bank"


def test_organisations_csv(trajectory, facilitator):
    data = csv_bytes(
        "naam;domeinen;soort;omschrijving;website",
        "Voedselbank Testdorp;voedselbank;formeel;Pakketten voor gezinnen;voedselbank.example",
        "Buurtkamer;Welzijnswerk;informeel;;",
        "Kerk aan de Brink;Kerkelijke organisaties;;;https://kerk.example/",
    )
    plan = parse(trajectory, data)
    assert plan.kind == imports.ORGANISATIONS
    result = apply(trajectory, facilitator, plan)
    assert result.organisations_created == 3
    bank = Organisation.objects.get(name="Voedselbank Testdorp")
    assert bank.website == "https://voedselbank.example"
    assert [d.name for d in bank.domains.all()] == ["Voedselbank"]
    assert not Organisation.objects.get(name="Buurtkamer").is_formal
    assert Organisation.objects.get(name="Kerk aan de Brink").is_formal


def test_people_xlsx(trajectory, facilitator):
    data = xlsx_bytes(
        {
            "Blad1": [
                ["Naam", "Organisatie", "Telefoon", "Ervaringsdeskundige", "Getraind"],
                ["Lotte Jansen", "GGD Testregio", 612345678, True, False],
                [None, None, None, None, None],
                ["Kees Smit", None, "010-1234567", "nee", None],
            ]
        }
    )
    plan = parse(trajectory, data, "lijst.xlsx")
    assert plan.errors == []
    assert [row["row"] for row in plan.people] == [2, 4]
    apply(trajectory, facilitator, plan, "lijst.xlsx")
    lotte = Person.objects.get(name="Lotte Jansen")
    assert lotte.phone == "612345678" and lotte.is_expert and not lotte.expert_trained
    assert Person.objects.get(name="Kees Smit").phone == "010-1234567"


def test_xlsx_with_two_sheets_imports_both(trajectory, facilitator):
    data = xlsx_bytes(
        {
            "Personen": [
                ["naam", "organisatie", "e-mail"],
                ["Anna", "voedselbank testdorp", "anna@voorbeeld.example"],
                ["Bram", "Nieuwe Club", "bram@voorbeeld.example"],
            ],
            "Organisaties": [["naam", "soort"], ["Voedselbank Testdorp", "informeel"]],
        }
    )
    plan = parse(trajectory, data, "netwerk.xlsx")
    assert plan.errors == []
    assert plan.kind == imports.BOTH
    assert plan.new_organisations == ["Nieuwe Club"]
    result = apply(trajectory, facilitator, plan)
    assert (result.people_created, result.organisations_created) == (2, 2)
    anna = Person.objects.get(name="Anna")
    assert anna.organisation.name == "Voedselbank Testdorp"
    assert not anna.organisation.is_formal


def test_explicit_kind_when_the_header_does_not_tell(trajectory, facilitator):
    data = csv_bytes("naam;domeinen", "Wijkteam Noord;Wijkteam")
    plan = parse(trajectory, data)
    assert "personen of organisaties" in messages(plan)
    plan = parse(trajectory, data, kind=imports.ORGANISATIONS)
    apply(trajectory, facilitator, plan)
    assert Organisation.objects.get().name == "Wijkteam Noord"


# Updates ----------------------------------------------------------------------------------


def test_existing_people_and_organisations_are_updated(trajectory, facilitator):
    organisation = OrganisationFactory(trajectory=trajectory, name="Voedselbank", is_formal=True)
    anna = PersonFactory(
        trajectory=trajectory, name="Anna", email="Anna@Voorbeeld.example", function="oud"
    )
    kees = PersonFactory(
        trajectory=trajectory, name="Kees Smit", email="", phone="111", organisation=organisation
    )
    kees.domains.set(trajectory.domains.filter(name="Wijkteam"))
    data = csv_bytes(
        "naam;e-mail;functie;organisatie;domeinen",
        "Anna de Vries;anna@voorbeeld.example;coördinator;VOEDSELBANK;",
        "kees smit;;vrijwilliger;;",
        "Nieuw Iemand;nieuw@voorbeeld.example;;;",
    )
    plan = parse(trajectory, data)
    assert [row["existing_id"] for row in plan.people] == [anna.pk, kees.pk, None]
    assert plan.new_organisations == []

    result = apply(trajectory, facilitator, plan)

    assert (result.people_created, result.people_updated) == (1, 2)
    anna.refresh_from_db()
    kees.refresh_from_db()
    assert (anna.name, anna.function, anna.organisation) == (
        "Anna de Vries",
        "coördinator",
        organisation,
    )
    assert kees.function == "vrijwilliger" and kees.phone == "111"  # no phone column: kept
    # Empty cells leave what was there.
    assert kees.organisation == organisation
    assert [d.name for d in kees.domains.all()] == ["Wijkteam"]
    assert Person.objects.count() == 3 and Organisation.objects.count() == 1


def test_existing_organisation_is_updated_by_name(trajectory, facilitator):
    OrganisationFactory(trajectory=trajectory, name="De Brug", description="oud")
    plan = parse(trajectory, csv_bytes("naam;omschrijving", "de brug;nieuw"))
    assert plan.organisations[0]["existing_id"] is not None
    result = apply(trajectory, facilitator, plan)
    assert result.organisations_updated == 1
    assert Organisation.objects.get().description == "nieuw"


def test_other_trajectories_are_not_touched(trajectory, facilitator):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_trajectory()
    PersonFactory(trajectory=other, name="Anna", email="anna@voorbeeld.example")
    plan = parse(trajectory, csv_bytes("naam;e-mail", "Anna;anna@voorbeeld.example"))
    assert plan.people[0]["existing_id"] is None
    apply(trajectory, facilitator, plan)
    assert Person.objects.count() == 2


# Broken files -----------------------------------------------------------------------------


def assert_nothing_imported():
    assert Person.objects.count() == 0
    assert Organisation.objects.count() == 0


def test_unknown_and_missing_columns(trajectory):
    plan = parse(trajectory, csv_bytes("voornaam;e-mail;schoenmaat", "Anna;a@b.example;42"))
    errors = {(e.row, e.column): e.message for e in plan.errors}
    assert "Deze kolom kennen we niet" in errors[(1, "schoenmaat")]
    assert "naam*" in errors[(1, "schoenmaat")]  # the expected columns are listed
    assert "verplichte kolom „naam” ontbreekt" in errors[(1, "naam")]
    assert plan.people == []


def test_file_without_known_columns(trajectory):
    plan = parse(trajectory, csv_bytes("a;b;c", "1;2;3"))
    assert len(plan.errors) == 1
    assert "Kolommen voor personen" in plan.errors[0].message


def test_bad_email(trajectory):
    plan = parse(trajectory, csv_bytes("naam;e-mail", "Anna;anna@", "Bram;bram@voorbeeld.example"))
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [("lijst.csv", 2, "e-mail")]
    assert "„anna@” is geen goed e-mailadres" in plan.errors[0].message


def test_duplicate_rows(trajectory):
    plan = parse(
        trajectory,
        csv_bytes(
            "naam;e-mail",
            "Anna;anna@voorbeeld.example",
            "Bram;",
            "Anna;ANNA@voorbeeld.example",
            "bram;",
        ),
    )
    assert [(e.row, e.column) for e in plan.errors] == [(4, "e-mail"), (5, "naam")]
    assert "ook in rij 2" in plan.errors[0].message
    assert "ook in rij 3" in plan.errors[1].message


def test_duplicate_organisations(trajectory):
    plan = parse(trajectory, csv_bytes("naam;soort", "De Brug;formeel", "de brug ;informeel"))
    assert [(e.row, e.column) for e in plan.errors] == [(3, "naam")]


def test_unknown_domain_names_the_known_ones(trajectory):
    plan = parse(
        trajectory, csv_bytes("naam;domeinen;soort", 'De Brug;"Welzijnswerk; Ruimtevaart";')
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, "domeinen")]
    assert "„Ruimtevaart”" in plan.errors[0].message
    assert "Schuldhulpverlening" in plan.errors[0].message


def test_invalid_yes_no_and_kind_values(trajectory):
    plan = parse(trajectory, csv_bytes("naam;projectteam", "Anna;misschien"))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "projectteam")]
    assert "geen ja of nee" in plan.errors[0].message
    plan = parse(trajectory, csv_bytes("naam;soort", "De Brug;groot"))
    assert "formeel" in plan.errors[0].message


def test_trained_without_being_an_expert(trajectory):
    plan = parse(trajectory, csv_bytes("naam;ervaringsdeskundige;getraind", "Anna;nee;ja"))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "getraind")]


def test_values_too_long(trajectory):
    plan = parse(trajectory, csv_bytes("naam;telefoon", "A" * 201 + ";" + "1" * 41))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "naam"), (2, "telefoon")]
    assert "201 tekens" in plan.errors[0].message


def test_empty_name(trajectory):
    plan = parse(trajectory, csv_bytes("naam;functie", ";medewerker"))
    assert [(e.row, e.column, e.message) for e in plan.errors] == [(2, "naam", "Vul een naam in.")]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "leeg"),
        (b"\xef\xbb\xbf\r\n \r\n", "leeg"),
        (b"naam;e-mail\r\n", "alleen een kopregel"),
    ],
)
def test_empty_files(trajectory, data, expected):
    plan = parse(trajectory, data)
    assert len(plan.errors) == 1 and expected in plan.errors[0].message


def test_xlsx_with_only_a_header(trajectory):
    plan = parse(trajectory, xlsx_bytes({"Blad1": [["naam", "e-mail"]]}), "lijst.xlsx")
    assert "alleen een kopregel" in messages(plan)


def test_large_file_is_refused_before_parsing(trajectory, monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parsed a file that was too large")

    monkeypatch.setattr(imports, "read_csv", fail)
    data = csv_bytes("naam;functie") + b"Anna;medewerker\r\n" * (10 * 1024 * 1024 // 17)
    assert len(data) > 10 * 1024 * 1024 - 100
    plan = parse(trajectory, data)
    assert len(plan.errors) == 1
    assert "te groot" in plan.errors[0].message and "5 MB" in plan.errors[0].message


def test_formula_cell_is_refused(trajectory):
    data = xlsx_bytes(
        {
            "Blad1": [
                ["naam", "functie", "telefoon"],
                ["Anna", "medewerker", "0612345678"],
                ["Bram", '=HYPERLINK("http://kwaad.example","klik")', "=1+1"],
            ]
        }
    )
    plan = parse(trajectory, data, "lijst.xlsx")
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [
        ("Blad1", 3, "functie"),
        ("Blad1", 3, "telefoon"),
    ]
    assert "formule" in plan.errors[0].message


def test_formula_in_csv_is_refused(trajectory):
    plan = parse(trajectory, csv_bytes("naam;functie", "Anna;=cmd|' /C calc'!A0"))
    assert [(e.row, e.column) for e in plan.errors] == [(2, "functie")]


def test_corrupt_xlsx(trajectory):
    plan = parse(trajectory, b"PK\x03\x04 dit is geen echte werkmap", "lijst.xlsx")
    assert "beschadigd" in messages(plan)
    # A real zip file that is not a workbook.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "hallo")
    plan = parse(trajectory, buffer.getvalue(), "lijst.xlsx")
    assert "beschadigd" in messages(plan)
    # A truncated workbook.
    data = xlsx_bytes({"Blad1": [["naam"], ["Anna"]]})
    plan = parse(trajectory, data[: len(data) // 2], "lijst.xlsx")
    assert "beschadigd" in messages(plan)


@pytest.mark.parametrize("filename", ["lijst.pdf", "lijst.xls", "lijst"])
def test_wrong_file_type(trajectory, filename):
    plan = parse(trajectory, b"%PDF-1.4 ...", filename)
    assert len(plan.errors) == 1
    assert ".xlsx" in plan.errors[0].message


def test_binary_file_named_csv(trajectory):
    plan = parse(trajectory, b"\x00\x01\x02naam", "lijst.csv")
    assert "geen tekstbestand" in messages(plan)


def test_errors_are_named_by_sheet_in_a_workbook(trajectory):
    data = xlsx_bytes(
        {
            "Organisaties": [["naam", "soort"], ["De Brug", "raar"]],
            "Personen": [["naam", "e-mail"], ["Anna", "fout"]],
        }
    )
    plan = parse(trajectory, data, "netwerk.xlsx")
    assert [(e.sheet, e.row, e.column) for e in plan.errors] == [
        ("Organisaties", 2, "soort"),
        ("Personen", 2, "e-mail"),
    ]


# All or nothing ---------------------------------------------------------------------------


def test_an_error_in_the_last_row_imports_nothing(trajectory):
    rows = [f"Persoon {n};persoon{n}@voorbeeld.example" for n in range(50)]
    plan = parse(trajectory, csv_bytes("naam;e-mail", *rows, "Laatste;kapot@"))
    assert [(e.row, e.column) for e in plan.errors] == [(52, "e-mail")]
    assert_nothing_imported()


def test_a_failure_while_writing_rolls_everything_back(trajectory, facilitator):
    existing = OrganisationFactory(trajectory=trajectory, name="De Brug", description="oud")
    plan = parse(
        trajectory,
        csv_bytes("naam;organisatie;functie", "Anna;De Brug;a", "Bram;Nieuwe Club;b"),
    )
    plan.organisations.append(
        {
            "sheet": "x",
            "row": 9,
            "name": "De Brug",
            "existing_id": existing.pk,
            "fields": {"description": "nieuw"},
            "domains": None,
        }
    )
    plan.people[-1]["fields"]["phone"] = "1" * 100  # fails the model's own check
    batch = services.import_batch_create(
        trajectory=trajectory, user=facilitator, filename="x.csv", plan=plan
    )
    with pytest.raises(services.ImportApplyError, match="Rij 3"):
        services.import_apply(batch, user=facilitator)
    assert Person.objects.count() == 0
    assert list(Organisation.objects.values_list("name", "description")) == [("De Brug", "oud")]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING


def test_a_batch_is_applied_once(trajectory, facilitator):
    plan = parse(trajectory, csv_bytes("naam", "Anna"), kind=imports.PEOPLE)
    assert plan.errors == []
    batch = services.import_batch_create(
        trajectory=trajectory, user=facilitator, filename="x.csv", plan=plan
    )
    services.import_apply(batch, user=facilitator)
    with pytest.raises(services.ImportApplyError):
        services.import_apply(batch, user=facilitator)
    assert Person.objects.count() == 1


def test_old_batches_are_removed_when_a_new_one_is_made(trajectory, facilitator):
    from datetime import timedelta

    from django.utils import timezone

    plan = parse(trajectory, csv_bytes("naam", "Anna"), kind=imports.PEOPLE)
    assert plan.errors == []
    old = services.import_batch_create(
        trajectory=trajectory, user=facilitator, filename="oud.csv", plan=plan
    )
    ImportBatch.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    recent = services.import_batch_create(
        trajectory=trajectory, user=facilitator, filename="recent.csv", plan=plan
    )
    services.import_batch_create(
        trajectory=trajectory, user=facilitator, filename="nieuw.csv", plan=plan
    )
    assert not ImportBatch.objects.filter(pk=old.pk).exists()
    assert ImportBatch.objects.filter(pk=recent.pk).exists()
