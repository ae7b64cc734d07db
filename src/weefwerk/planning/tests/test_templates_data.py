"""The built-in templates: steps 3 and 4 exactly as the playbook, the rest complete."""

import pytest

from weefwerk.planning.templates_data import library

# From the playbook (stap-3-wie-is-er-nodig.txt): welcome and closing have no minutes; the
# assignment of 100 minutes is 2 x 45 with a 10-minute break at the swap of groups.
STEP_3 = [
    ("welcome", 0),
    ("acquaintance", 15),
    ("look_back", 15),
    ("today", 20),
    ("assignment", 45),
    ("break", 10),
    ("assignment", 45),
    ("reflection", 20),
    ("look_ahead", 10),
    ("closing", 0),
]
# stap-4-motivatie-en-randvoorwaarden.txt: assignment 4 of 100 minutes is 4A (30), a break (10)
# and 4B in groups of at most eight (60); then the plenary on motivators and webbers (30).
STEP_4 = [
    ("welcome", 0),
    ("acquaintance", 10),
    ("look_back", 10),
    ("today", 10),
    ("assignment", 30),
    ("break", 10),
    ("assignment", 60),
    ("plenary", 30),
    ("reflection", 10),
    ("look_ahead", 10),
    ("closing", 0),
]


def shape(key):
    return [(item.kind, item.minutes) for item in library().templates[key].items]


def test_step_3_follows_the_playbook_items_and_minutes():
    assert shape("network-3") == STEP_3
    items = library().templates["network-3"].items
    assert items[4].minutes + items[5].minutes + items[6].minutes == 100
    assert items[5].fixed
    assert items[1].groups == {"max_size": 5, "purpose": "acquaintance"}
    assert items[4].groups["max_size"] == 6
    assert "Wie heb je daarbij nog meer nodig?" in items[4].assignment["questions"]


def test_step_4_follows_the_playbook_items_and_minutes():
    assert shape("network-4") == STEP_4
    items = library().templates["network-4"].items
    assert sum(i.minutes for i in items[4:7]) == 100
    assert items[6].groups["max_size"] == 8
    assert items[6].assignment["categories"] == [
        "Motivatoren",
        "Demotivatoren",
        "Randvoorwaarden",
        "Belemmeringen",
    ]
    assert "dan bel ik" in items[7].participant_text


@pytest.mark.parametrize(("approach", "count"), [("network", 6), ("encounters", 13)])
def test_each_approach_has_its_whole_series(approach, count):
    templates = library().for_approach(approach)
    assert len(templates) == count
    for template in templates:
        assert template.items, template.key
        assert template.planned_minutes == sum(i.minutes for i in template.items)


def test_sessions_last_one_and_a_half_to_three_hours_except_follow_ups():
    for template in library().templates.values():
        if template.key.startswith("followup"):
            assert template.planned_minutes == 90
        else:
            assert 90 <= template.planned_minutes <= 180, template.key


def test_every_item_kind_is_known():
    from weefwerk.planning.models import ItemKind

    kinds = {item.kind for t in library().templates.values() for item in t.items}
    assert kinds <= set(ItemKind.values)


def test_the_playbook_is_credited():
    assert any("Lokaal samenwerken in de aanpak van kinderarmoede" in c for c in library().credits)


def test_what_to_bring_where_the_playbook_asks_for_it():
    templates = library().templates
    # Step 3 discusses cases from the participants' own work (the homework), step 4 asks for
    # an example from the last weeks, the follow-up meetings ask the four questions.
    assert "casus uit je eigen werk" in templates["network-3"].what_to_bring
    assert "namen" in templates["network-3"].what_to_bring  # without personal data
    assert "voorbeeld uit je werk" in templates["network-4"].what_to_bring
    for number in range(1, 9):
        assert "vier vragen" in templates[f"followup-{number}"].what_to_bring
    # Where the playbook says nothing, the template does not invent anything.
    assert templates["network-1"].what_to_bring == ""
    assert templates["encounters-1"].what_to_bring == ""
