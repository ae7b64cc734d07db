"""The download: everything about a person, documented keys, no secrets."""

import json

from weefwerk.people.models import Person
from weefwerk.personaldata import relations, selectors
from weefwerk.personaldata.tests.conftest import EMAIL, NAME
from weefwerk.trajectories.tests.factories import make_trajectory


def test_person_data_has_every_relation_and_the_rows(world):
    data = selectors.person_data(world["marit"])
    assert data["format"] == selectors.FORMAT and data["version"] == 1
    assert data["subject"] == "person"
    part = data["people"][0]
    assert part["person"]["name"] == NAME and part["person"]["email"] == EMAIL
    assert part["person"]["organisation"]["name"] == "Voedselbank Testdorp"
    assert part["person"]["role_labels"]
    keys = {s["key"] for s in part["sections"]}
    assert {r.key for r in relations.person_relations()} == keys
    rows = {s["key"]: s["rows"] for s in part["sections"]}
    assert len(rows["grouping.Attendance.person"]) == 1
    assert len(rows["grouping.Encounter.person_a"]) + len(rows["grouping.Encounter.person_b"]) == 1
    assert rows["planning.HomeworkAnswer.person"][0]["text"].startswith("Ik,")
    assert {n["text"] for n in rows["workshop.Note.participant__person"]} == {
        "Meer samenwerken",
        f"Vraag het {NAME}",
    }
    assert rows["actions.ChangeWish.raised_by"][0]["text"].startswith("Als we nu eens")
    assert rows["actions.ActionUpdate.person"][0]["status_label"]
    assert len(rows["workshop.Vote.participant__person"]) == 1
    account = {s["key"]: s["rows"] for s in data["account_sections"]}
    assert account["cases.Case.created_by"][0]["title"] == "Gezin met schulden"


def test_every_section_documents_its_fields(world):
    data = selectors.person_data(world["marit"])
    for section in data["people"][0]["sections"]:
        assert section["title"] and section["model"] and section["relation"]
        for row in section["rows"]:
            for key in row:
                base = key.removesuffix("_label")
                assert base in section["fields"], (section["key"], key)
    for key in ("format", "version", "people", "sections", "rows"):
        assert key in data["documentation"]


def test_no_secrets_in_the_download(world, trajectory):
    text = json.dumps(selectors.account_data(world["account"]), ensure_ascii=False)
    assert trajectory.calendar_token not in text
    assert world["meeting"].join_code not in text
    assert world["meeting"].feedback_token not in text
    participant = world["marit"].attendances.first()  # any row: keys never appear
    assert participant is not None
    from weefwerk.workshop.models import Participant

    assert Participant.objects.get(person=world["marit"]).key not in text
    assert world["account"].password not in text
    assert '"password"' not in text


def test_account_data_covers_every_trajectory(world, facilitator):
    second = make_trajectory(user=facilitator, name="Tweede traject")
    Person.objects.create(trajectory=second, name=NAME, email=EMAIL.upper())  # found by e-mail
    Person.objects.create(trajectory=second, name="Iemand anders", email="anders@x.example")
    data = selectors.account_data(world["account"])
    assert data["subject"] == "account"
    assert data["account"]["email"] == EMAIL
    assert {p["trajectory"]["name"] for p in data["people"]} == {
        world["marit"].trajectory.name,
        "Tweede traject",
    }
    assert [m["role"] for m in data["memberships"]] == ["participant"]
    json.dumps(data)  # plain data only
