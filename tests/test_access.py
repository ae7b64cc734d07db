"""Every URL under a trajectory, walked as each kind of user.

The URLs come from the resolver, not from a hand-written list: a new URL with
``<int:trajectory_id>`` in its route fails ``test_every_trajectory_url_is_covered`` until it has
an entry in ``URLS`` below, so no page can skip the membership check.

- anonymous: redirected to the login page, GET and POST, and nothing changes;
- a user who is not a member (a facilitator of another trajectory): 404 for GET and POST, for
  the real trajectory, for a trajectory id that does not exist, and for their own trajectory's id
  with the other trajectory's object ids;
- a manager (read-only): every POST is refused with 403 and the database does not change;
  read pages give 200, form pages 403 (POST-only URLs 405);
- a facilitator: every GET gives 200, and the same POST the manager sent does change the
  database (so the manager's refusal is not just a broken form).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from weefwerk.people.models import Organisation, Person
from weefwerk.planning.models import AgendaItem, Homework
from weefwerk.trajectories.models import Domain, Meeting, Membership, Role, Trajectory
from weefwerk.trajectories.tests.factories import MeetingFactory, UserFactory, make_trajectory

# --------------------------------------------------------------------------------------------
# The URLs under a trajectory, found by walking the resolver.


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, route, full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, route


def trajectory_urls() -> dict[str, str]:
    """URL name -> route, for every named pattern whose route contains ``<int:trajectory_id>``."""
    found = {}
    for name, route in _walk(get_resolver().url_patterns):
        if "<int:trajectory_id>" in route:
            found[name] = route
    return found


# --------------------------------------------------------------------------------------------
# The world every test runs in, and how to fill each URL's other arguments.


@dataclass
class World:
    trajectory: Trajectory
    facilitator: object
    manager: object
    outsider: object
    outsider_trajectory: Trajectory
    meeting: Meeting
    domain: Domain
    member: Membership
    organisation: Organisation
    person: Person
    item: AgendaItem
    item2: AgendaItem
    homework: Homework
    extra: dict = field(default_factory=dict)


def _pending_import(world: World) -> dict:
    """An uploaded, not yet confirmed import: made through the upload page as the facilitator."""
    client = _client(world.facilitator)
    url = reverse("people:import", args=[world.trajectory.pk])
    page = client.get(url)
    if page.status_code != 200:
        pytest.xfail("import page being built")
    data = response_form_data(page, url)
    response = client.post(url, data)
    if response.status_code != 302:
        pytest.xfail("import page being built: the upload did not lead to a preview")
    match = resolve(response["Location"].split("?")[0])
    assert match.view_name == "people:import_preview", response["Location"]
    return {"pk": match.kwargs["pk"]}


@dataclass(frozen=True)
class Page:
    """How a URL behaves.

    ``kind``: "read" (managers may look), "form" (editors only) or "action" (POST only: GET
    gives 405 to everybody). ``post_data`` makes the POST the test sends; by default it is the
    facilitator's form on the page with every value changed.
    """

    kind: str
    kwargs: Callable[[World], dict] = lambda world: {}
    facilitator_get: int = 200
    post_data: Callable[[World], dict] | None = None
    # Whether the facilitator's POST must be accepted and change the database.
    facilitator_post_writes: bool = True
    # What an accepted POST answers: a redirect for pages, 200/201 for JSON endpoints.
    accepted: tuple[int, ...] = (302,)


def _pk(attr):
    return lambda world: {"pk": getattr(world, attr).pk}


def _meeting(attr=None):
    def kwargs(world):
        found = {"meeting_id": world.meeting.pk}
        if attr:
            found["pk"] = getattr(world, attr).pk
        return found

    return kwargs


READ, FORM, ACTION = "read", "form", "action"

URLS: dict[str, Page] = {
    "trajectories:overview": Page(READ),
    "trajectories:edit": Page(FORM),
    "trajectories:delete": Page(FORM),
    "trajectories:meetings": Page(READ),
    "trajectories:meeting_create": Page(FORM),
    "trajectories:meeting_edit": Page(FORM, _pk("meeting")),
    "trajectories:meeting_delete": Page(FORM, _pk("meeting")),
    "trajectories:domains": Page(READ),
    "trajectories:domain_edit": Page(FORM, _pk("domain")),
    "trajectories:domain_delete": Page(FORM, _pk("domain")),
    "trajectories:members": Page(READ),
    "trajectories:member_edit": Page(FORM, _pk("member")),
    "trajectories:member_delete": Page(FORM, _pk("member")),
    "people:organisations": Page(READ),
    "people:organisation": Page(READ, _pk("organisation")),
    "people:organisation_create": Page(FORM),
    "people:organisation_edit": Page(FORM, _pk("organisation")),
    "people:organisation_delete": Page(FORM, _pk("organisation")),
    "people:people": Page(READ),
    "people:person_create": Page(FORM),
    "people:person_edit": Page(FORM, _pk("person")),
    "people:person_delete": Page(FORM, _pk("person")),
    "people:import": Page(FORM),
    "people:import_preview": Page(FORM, _pending_import),
    # A download (GET only), for editors.
    "people:import_example": Page(
        FORM, lambda world: {"kind": "personen"}, facilitator_post_writes=False
    ),
    # Sessions: agenda, run mode, homework, feedback.
    "planning:meeting": Page(READ, _meeting()),
    "planning:item_create": Page(FORM, _meeting()),
    "planning:item_edit": Page(FORM, _meeting("item")),
    "planning:item_delete": Page(FORM, _meeting("item")),
    "planning:item_move": Page(
        ACTION,
        _meeting("item"),
        facilitator_get=405,
        post_data=lambda world: {"richting": "omlaag"},
    ),
    "planning:reorder": Page(
        ACTION,
        _meeting(),
        facilitator_get=405,
        post_data=lambda world: {"item": [world.item2.pk, world.item.pk]},
    ),
    "planning:fit": Page(FORM, _meeting(), post_data=lambda world: {"target": "60"}),
    "planning:run": Page(FORM, _meeting(), post_data=lambda world: {"actie": "start"}),
    "planning:homework_create": Page(FORM, _meeting()),
    "planning:homework": Page(FORM, _meeting("homework"), facilitator_post_writes=False),
    "planning:homework_edit": Page(FORM, _meeting("homework")),
    "planning:homework_delete": Page(FORM, _meeting("homework")),
    "planning:feedback_results": Page(FORM, _meeting(), facilitator_post_writes=False),
    "planning:feedback_screen": Page(FORM, _meeting(), facilitator_post_writes=False),
    # Planning the series of sessions, and the step 0 checklist (everyone reads it).
    # Calendars and printable agendas; the team's agenda and the feed's settings for editors.
    "planning:meeting_ics": Page(READ, _meeting()),
    "planning:agenda_pdf_participants": Page(READ, _meeting()),
    "planning:agenda_pdf_team": Page(FORM, _meeting(), facilitator_post_writes=False),
    "planning:calendar": Page(FORM),
    "planning:schedule": Page(
        FORM,
        post_data=lambda world: {
            "first_date": "2030-01-08",
            "start_time": "13:30",
            "interval_weeks": "3",
            "meetings": [world.meeting.pk],
        },
    ),
    "planning:checklist": Page(READ),
}


# --- network map (tables, import/export, proposals, snapshots) ---
def _network(world):
    from weefwerk.networkmap import services as network_services
    from weefwerk.networkmap.models import ElementKind

    if "network" not in world.extra:
        t = world.trajectory
        org = network_services.element_create(
            trajectory=t, kind=ElementKind.ORGANISATION, label="Voedselbank"
        )
        other = network_services.element_create(
            trajectory=t, kind=ElementKind.ORGANISATION, label="School"
        )
        table = network_services.element_create(
            trajectory=t, kind=ElementKind.TABLE, label="Armoedeoverleg"
        )
        world.extra["network"] = {
            "org": org,
            "other": other,
            "table": table,
            "tie": network_services.member_add(group=table, member=org),
            "works": network_services.connection_create(trajectory=t, source=org, target=other),
            "snapshot": network_services.snapshot_take(trajectory=t, name="Start"),
            "first_map": network_services.default_map(t),
            "second_map": network_services.map_create(t, name="Tweede kaart"),
        }
    return world.extra["network"]


def _net(key):
    return lambda world: {"pk": _network(world)[key].pk}


def _compare_picture(world):
    _network(world)  # a snapshot to compare with now
    return {"fmt": "svg"}


def _connection_post(world):
    n = _network(world)
    return {
        "source": n["other"].pk,
        "target": n["table"].pk,
        "kind": "takes_part_in",
        "direction": "directed",
        "strength": "3",
        "role": "chair",
        "status": "active",
    }


def _pending_network_import(world):
    client = _client(world.facilitator)
    url = reverse("networkmap:import", args=[world.trajectory.pk])
    upload = SimpleUploadedFile("kaart.csv", b"Label,Type\nNieuw,Organisatie\n")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302, response.status_code
    return {"pk": resolve(response["Location"]).kwargs["pk"]}


NETWORK_URLS = {
    "networkmap:elements": Page(READ),
    "networkmap:element": Page(READ, _net("org")),
    "networkmap:element_create": Page(FORM),
    "networkmap:element_edit": Page(FORM, _net("org")),
    "networkmap:element_delete": Page(FORM, _net("other")),
    "networkmap:element_merge": Page(FORM, _net("other")),
    "networkmap:connections": Page(READ),
    "networkmap:connection_create": Page(FORM, post_data=_connection_post),
    "networkmap:connection_edit": Page(FORM, _net("works"), post_data=_connection_post),
    "networkmap:connection_delete": Page(FORM, _net("works")),
    "networkmap:groups": Page(READ),
    "networkmap:group": Page(READ, _net("table")),
    "networkmap:member_remove": Page(
        ACTION,
        lambda world: {"pk": _network(world)["table"].pk, "member_pk": _network(world)["tie"].pk},
        facilitator_get=405,
        post_data=lambda world: {},
    ),
    "networkmap:organisation_level": Page(READ),
    "networkmap:organisation_level_json": Page(READ),
    "networkmap:sync_records": Page(FORM),
    "networkmap:proposals": Page(READ),
    "networkmap:participant_links": Page(FORM, facilitator_post_writes=False),
    "networkmap:snapshots": Page(READ),
    "networkmap:snapshot": Page(READ, _net("snapshot")),
    "networkmap:snapshot_delete": Page(FORM, _net("snapshot")),
    "networkmap:snapshot_compare": Page(READ),
    "networkmap:snapshot_compare_json": Page(READ),
    "networkmap:snapshot_picture": Page(
        READ, lambda world: {**_net("snapshot")(world), "fmt": "svg"}
    ),
    "networkmap:snapshot_compare_picture": Page(READ, _compare_picture),
    "networkmap:import": Page(
        FORM,
        post_data=lambda world: {
            "file": SimpleUploadedFile("kaart.csv", b"Label,Type\nNieuw,Organisatie\n")
        },
    ),
    "networkmap:import_preview": Page(FORM, _pending_network_import),
    "networkmap:export": Page(READ),
}
URLS.update(NETWORK_URLS)


# --- the interactive map: the page, its data and its JSON write endpoints ---
def _map_action(kwargs, post):
    return Page(ACTION, kwargs, facilitator_get=405, post_data=post, accepted=(200, 201))


MAP_URLS = {
    "networkmap:map": Page(READ),
    "networkmap:map_data": Page(READ),
    "networkmap:map_element_create": _map_action(
        lambda world: {}, lambda world: {"label": "Nieuw element", "kind": "person"}
    ),
    "networkmap:map_element_update": _map_action(_net("org"), lambda world: {"label": "Anders"}),
    "networkmap:map_element_delete": _map_action(_net("other"), lambda world: {}),
    "networkmap:map_connection_create": _map_action(
        lambda world: {},
        lambda world: {"source": _network(world)["org"].pk, "target": _network(world)["table"].pk},
    ),
    "networkmap:map_connection_update": _map_action(_net("works"), lambda world: {"strength": "1"}),
    "networkmap:map_connection_delete": _map_action(_net("works"), lambda world: {}),
    "networkmap:map_positions": _map_action(
        lambda world: {},
        lambda world: {"positions": json.dumps({_network(world)["org"].pk: [1, 2]})},
    ),
}
URLS.update(MAP_URLS)
URLS.update(
    {
        "networkmap:maps": Page(READ),
        "networkmap:map_rename": Page(FORM, _net("first_map")),
        "networkmap:map_delete": Page(FORM, _net("second_map")),
    }
)

# --- network analysis: webbers, weak spots, what is missing, change over time ---
URLS.update(
    {
        "networkmap:analysis": Page(READ),
        "networkmap:analysis_json": Page(READ),
        "networkmap:analysis_csv": Page(READ),
        "networkmap:analysis_departure": Page(READ),
        "networkmap:analysis_change": Page(READ),
        "networkmap:analysis_webber": Page(
            ACTION, _net("org"), facilitator_get=405, post_data=lambda world: {"bevestigd": "1"}
        ),
    }
)


def _second_person(world):
    if "second_person" not in world.extra:
        world.extra["second_person"] = Person.objects.create(
            trajectory=world.trajectory, name="Tweede Persoon"
        )
    return world.extra["second_person"]


def _group_item(world):
    """item2 splits into groups and has a draft round of the two people."""
    from weefwerk.grouping.services import groups_make

    if "group_round" not in world.extra:
        world.item2.group_max_size = 4
        world.item2.save()
        _second_person(world)
        world.extra["group_round"] = groups_make(item=world.item2)
    return {"meeting_id": world.meeting.pk, "item_id": world.item2.pk}


def _round_post(**fields):
    return lambda world: {"round": world.extra["group_round"].pk, **fields}


GROUPING_URLS = {
    # Attendance, check-in code, who has met whom, group screens.
    "grouping:attendance": Page(READ, _meeting()),
    "grouping:attendance_set": Page(
        ACTION,
        lambda world: {"meeting_id": world.meeting.pk, "person_id": world.person.pk},
        facilitator_get=405,
        post_data=lambda world: {"status": "present"},
    ),
    "grouping:attendance_invite_all": Page(
        ACTION, _meeting(), facilitator_get=405, post_data=lambda world: {"x": "1"}
    ),
    "grouping:attendance_joining": Page(
        ACTION, _meeting(), facilitator_get=405, post_data=lambda world: {"open": "0"}
    ),
    "grouping:checkin_screen": Page(FORM, _meeting(), facilitator_post_writes=False),
    "grouping:acquaintance": Page(READ),
    "grouping:encounter_add": Page(
        FORM,
        post_data=lambda world: {
            "person_a": world.person.pk,
            "person_b": _second_person(world).pk,
        },
    ),
    "grouping:acquaintance_recompute": Page(
        ACTION, facilitator_get=405, facilitator_post_writes=False
    ),
    "grouping:plan_ahead": Page(ACTION, facilitator_get=405, facilitator_post_writes=False),
    "grouping:groups": Page(READ, _group_item),
    "grouping:groups_screen": Page(READ, _group_item),
    "grouping:groups_print": Page(READ, _group_item),
    "grouping:groups_make": Page(
        ACTION, _group_item, facilitator_get=405, post_data=lambda world: {"x": "1"}
    ),
    "grouping:groups_move": Page(
        ACTION,
        _group_item,
        facilitator_get=405,
        post_data=lambda world: _round_post(person=world.person.pk, group=2)(world),
    ),
    "grouping:groups_lock": Page(
        ACTION,
        _group_item,
        facilitator_get=405,
        post_data=lambda world: _round_post(person=world.person.pk, locked="1")(world),
    ),
    "grouping:groups_held": Page(ACTION, _group_item, facilitator_get=405, post_data=_round_post()),
}
URLS.update(GROUPING_URLS)


# --- cases (library, discussions, privacy check) ---


def _case(world):
    from weefwerk.cases.models import Case

    if "case" not in world.extra:
        world.extra["case"] = Case.objects.create(
            trajectory=world.trajectory, title="Gezin met schulden", description="Een casus."
        )
    return world.extra["case"]


def _discussion(world):
    from weefwerk.cases.models import CaseDiscussion

    case = _case(world)
    if "discussion" not in world.extra:
        world.extra["discussion"] = CaseDiscussion.objects.create(case=case, group_label="Groep 1")
    return {"case_pk": case.pk, "pk": world.extra["discussion"].pk}


CASES_URLS = {
    "cases:list": Page(READ),
    "cases:examples": Page(READ),
    "cases:create": Page(FORM),
    "cases:example_use": Page(
        ACTION,
        lambda world: {"key": "moeder-met-twee-banen"},
        facilitator_get=405,
        post_data=lambda world: {},
    ),
    "cases:detail": Page(READ, lambda world: {"pk": _case(world).pk}),
    "cases:edit": Page(FORM, lambda world: {"pk": _case(world).pk}),
    "cases:delete": Page(FORM, lambda world: {"pk": _case(world).pk}),
    "cases:discussion_create": Page(FORM, lambda world: {"case_pk": _case(world).pk}),
    "cases:discussion": Page(READ, _discussion),
    "cases:discussion_edit": Page(FORM, _discussion),
    "cases:discussion_delete": Page(FORM, _discussion),
}
URLS.update(CASES_URLS)


# --- change wishes, agreements, follow-up ---
def _wish(world):
    from weefwerk.actions.tests.factories import make_wish

    return {"pk": make_wish(world.trajectory).pk}


def _agreement(world):
    from weefwerk.actions.tests.factories import make_agreement

    return {"pk": make_agreement(world.trajectory, owners=[world.person]).pk}


def _followup_meeting(world):
    from weefwerk.actions.services import followup_meetings_ensure

    return {"meeting_id": followup_meetings_ensure(world.trajectory)[0].pk}


def _other_wish(world):
    from weefwerk.actions.tests.factories import make_wish

    return {"into": make_wish(world.trajectory, "Een spreekuur").pk}


ACTIONS_URLS = {
    "actions:board": Page(READ),
    "actions:needs": Page(READ),
    "actions:wishes": Page(READ),
    "actions:followup": Page(READ),
    "actions:agreement": Page(READ, _agreement),
    "actions:organisation": Page(READ, _pk("organisation")),
    "actions:wish": Page(READ, _wish),
    "actions:followup_meeting": Page(READ, _followup_meeting),
    "actions:agreement_create": Page(
        FORM, post_data=lambda world: {"what": "Toegangstest", "owners": [world.person.pk]}
    ),
    "actions:agreement_edit": Page(FORM, _agreement),
    "actions:agreement_delete": Page(FORM, _agreement),
    "actions:commit": Page(
        FORM,
        _agreement,
        post_data=lambda world: {"people": [world.person.pk], "committed_on": "2030-01-08"},
    ),
    "actions:update_create": Page(FORM, _agreement),
    "actions:wish_create": Page(FORM),
    "actions:wish_edit": Page(FORM, _wish),
    "actions:wish_choose": Page(FORM, _wish, post_data=lambda world: {"owners": [world.person.pk]}),
    "actions:wish_merge": Page(ACTION, _wish, facilitator_get=405, post_data=_other_wish),
    "actions:voting": Page(FORM),
    "actions:followup_plan": Page(
        FORM,
        post_data=lambda world: {
            "first_date": "2030-01-08",
            "start_time": "13:30",
            "interval_weeks": "6",
        },
    ),
    "actions:links": Page(FORM, facilitator_post_writes=False),
}
URLS.update(ACTIONS_URLS)


# --- reports, the trajectory's archive and personal data ---
def _report(world, *, meeting: bool):
    """A published report (readers only see published ones) of the session or the trajectory."""
    from weefwerk.reports.models import Report

    key = "session_report" if meeting else "summary_report"
    if key not in world.extra:
        world.extra[key] = Report.objects.create(
            trajectory=world.trajectory,
            meeting=world.meeting if meeting else None,
            kind=Report.Kind.SESSION if meeting else Report.Kind.SUMMARY,
            introduction="Een inleiding.",
            status=Report.Status.PUBLISHED,
        )
    return world.extra[key]


def _session_report(world):
    _report(world, meeting=True)
    return {"meeting_id": world.meeting.pk}


def _summary_report(world):
    _report(world, meeting=False)
    return {}


def _draft(world, *, meeting: bool):
    """The report as a draft, so that publishing it changes something."""
    from weefwerk.reports.models import Report

    report = _report(world, meeting=meeting)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DRAFT)
    return {"meeting_id": world.meeting.pk} if meeting else {}


def _report_photo(world):
    from weefwerk.workshop.tests import access

    _report(world, meeting=True)
    return access.photo(world)


def _manager(world):
    world.person.is_manager = True
    world.person.email = "leiding@toegang.example"
    world.person.inform_channel = "email"
    world.person.save()
    return {"pk": world.person.pk}


REPORT_URLS = {
    "reports:list": Page(READ),
    "reports:session": Page(READ, _session_report),
    "reports:session_pdf": Page(READ, _session_report),
    "reports:session_docx": Page(READ, _session_report),
    "reports:session_publish": Page(
        ACTION, lambda world: _draft(world, meeting=True), facilitator_get=405
    ),
    "reports:session_withdraw": Page(ACTION, _session_report, facilitator_get=405),
    "reports:photo": Page(READ, _report_photo),
    "reports:summary": Page(READ, _summary_report),
    "reports:summary_pdf": Page(READ, _summary_report),
    "reports:summary_docx": Page(READ, _summary_report),
    "reports:summary_publish": Page(
        ACTION, lambda world: _draft(world, meeting=False), facilitator_get=405
    ),
    "reports:summary_withdraw": Page(ACTION, _summary_report, facilitator_get=405),
    "reports:managers": Page(FORM, facilitator_post_writes=False),
    "reports:manager": Page(FORM, _manager, facilitator_post_writes=False),
    "reports:manager_pdf": Page(FORM, _manager, facilitator_post_writes=False),
    "reports:manager_docx": Page(FORM, _manager, facilitator_post_writes=False),
    "reports:manager_send": Page(ACTION, _manager, facilitator_get=405),
    # The archive: the facilitator's export, and the summary after an import.
    "archive:export": Page(FORM, facilitator_post_writes=False),
    "archive:export_download": Page(FORM, facilitator_post_writes=False),
    "archive:imported": Page(READ),
    # Personal data: a person's data, its download, erasure and the audit log.
    "personaldata:person": Page(FORM, _pk("person"), facilitator_post_writes=False),
    "personaldata:person_download": Page(
        FORM,
        lambda world: {"pk": world.person.pk, "fmt": "json"},
        facilitator_post_writes=False,
    ),
    "personaldata:person_erase": Page(
        FORM, _pk("person"), post_data=lambda world: {"notes": "keep"}
    ),
    "personaldata:audit_log": Page(FORM, facilitator_post_writes=False),
}
URLS.update(REPORT_URLS)


# --- live sessions: assignments, wall, notes, clusters, photos, results ---
def _ws(name):
    from weefwerk.workshop.tests import access

    return getattr(access, name)


def _ws_kwargs(name):
    return lambda world: _ws(name)(world)


def _ws_action(kwargs, post):
    return Page(ACTION, _ws_kwargs(kwargs), facilitator_get=405, post_data=post)


URLS.update(
    {
        "workshop:live": Page(READ, _ws_kwargs("meeting")),
        "workshop:joining": _ws_action("meeting", lambda world: {"open": "0"}),
        "workshop:assignment_create": _ws_action("item", lambda world: {}),
        "workshop:wall": Page(READ, _ws_kwargs("meeting")),
        "workshop:wall_json": Page(READ, _ws_kwargs("meeting")),
        "workshop:photo": Page(READ, _ws_kwargs("photo")),
        "workshop:photo_delete": _ws_action("photo", lambda world: {}),
        "workshop:assignment": Page(READ, _ws_kwargs("assignment")),
        "workshop:assignment_edit": Page(FORM, _ws_kwargs("assignment")),
        "workshop:assignment_delete": Page(FORM, _ws_kwargs("assignment")),
        "workshop:assignment_control": _ws_action("assignment", lambda world: {"actie": "close"}),
        "workshop:note_add": _ws_action(
            "assignment", lambda world: {"namens-text": "Toegangstest"}
        ),
        "workshop:note_cluster": _ws_action("note", lambda world: {"cluster": ""}),
        "workshop:note_merge": _ws_action("note", lambda world: {"into": ""}),
        "workshop:note_delete": _ws_action("note", lambda world: {}),
        "workshop:cluster_add": _ws_action("assignment", lambda world: {"cluster-name": "Toegang"}),
        "workshop:cluster_edit": _ws_action("cluster", lambda world: {"name": "Toegangstest"}),
        "workshop:photo_add": _ws_action("assignment", lambda world: _ws("photo_upload")(world)),
        "workshop:results": Page(READ, _ws_kwargs("meeting")),
        "workshop:export_csv": Page(READ, _ws_kwargs("meeting")),
        "workshop:export_xlsx": Page(READ, _ws_kwargs("meeting")),
    }
)


URL_NAMES = sorted(set(trajectory_urls()) | set(URLS))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db) -> World:
    facilitator = UserFactory(full_name="Fenna Gespreksleider")
    trajectory = make_trajectory(user=facilitator)
    manager = UserFactory(full_name="Mila Leidinggevende")
    Membership.objects.create(trajectory=trajectory, user=manager, role=Role.MANAGER)
    member = Membership.objects.create(
        trajectory=trajectory, user=UserFactory(full_name="Daan Deelnemer"), role=Role.PARTICIPANT
    )
    outsider = UserFactory(full_name="Otto Buitenstaander")
    outsider_trajectory = make_trajectory(user=outsider, name="Een ander traject")
    domain = trajectory.domains.first()
    organisation = Organisation.objects.create(trajectory=trajectory, name="Voedselbank Testdorp")
    organisation.domains.add(domain)
    person = Person.objects.create(
        trajectory=trajectory, name="Sanne de Vries", organisation=organisation, function="Coach"
    )
    meeting = MeetingFactory(trajectory=trajectory, number=0, title="Voorbereiding")
    item = AgendaItem.objects.create(meeting=meeting, position=0, title="Welkom", minutes=60)
    item2 = AgendaItem.objects.create(meeting=meeting, position=1, title="Kennismaken", minutes=45)
    homework = Homework.objects.create(meeting=meeting, title="Huiswerk", text="Bel iemand op.")
    return World(
        trajectory=trajectory,
        facilitator=facilitator,
        manager=manager,
        outsider=outsider,
        outsider_trajectory=outsider_trajectory,
        meeting=meeting,
        domain=domain,
        member=member,
        organisation=organisation,
        person=person,
        item=item,
        item2=item2,
        homework=homework,
    )


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _kwargs(name, world) -> dict:
    """The URL's arguments other than the trajectory, made once per test."""
    if name not in world.extra:
        world.extra[name] = URLS[name].kwargs(world)
    return world.extra[name]


def _url(name, world, trajectory_id=None):
    kwargs = {"trajectory_id": world.trajectory.pk if trajectory_id is None else trajectory_id}
    kwargs.update(_kwargs(name, world))
    return reverse(name, kwargs=kwargs)


# --------------------------------------------------------------------------------------------
# A snapshot of every table, to prove that a refused POST changed nothing.

SKIP_TABLES = {
    "sessions.session",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
    # The personal-data audit log writes a line for every look and every refusal, by design.
    "personaldata.auditentry",
}


def snapshot() -> dict:
    state = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in SKIP_TABLES:
            continue
        rows = model._default_manager.order_by("pk").values_list()
        state[label] = [tuple(map(repr, row)) for row in rows]
    return state


def assert_unchanged(before, after, what):
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"{what} changed {', '.join(changed)}"


# --------------------------------------------------------------------------------------------
# Form data: what the facilitator's page would submit, with every text changed.


class _FormParser(HTMLParser):
    """Collects the fields of the POST forms on a page (not the logout form in the header)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post" and "uitloggen" not in a.get("action", ""):
                self._form = {"action": a.get("action", ""), "fields": []}
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            self._form["fields"].append(("input", a))
        elif tag == "select" and a.get("name"):
            self._select = {"attrs": a, "options": []}
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a)
        elif tag == "textarea" and a.get("name"):
            self._textarea = {"attrs": a, "text": ""}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            if self._form is not None:
                self._form["fields"].append(("select", self._select))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if self._form is not None:
                self._form["fields"].append(("textarea", self._textarea))
            self._textarea = None


CSV_UPLOAD = (
    "naam,organisatie,functie,e-mailadres\n"
    "Toegang Test,Voedselbank Testdorp,Vrijwilliger,toegang.test@voorbeeld.example\n"
)


def response_form_data(response, url: str) -> dict:
    """``form_data`` of an HTML response; nothing for a download (calendar file, PDF)."""
    if "text/html" not in response.get("Content-Type", ""):
        return {}
    return form_data(response.content.decode(), url)


def form_data(html: str, url: str) -> dict:
    """The data the first POST form on the page sends, texts replaced so that saving changes."""
    parser = _FormParser()
    parser.feed(html)
    if not parser.forms:
        return {}
    data: dict = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for kind, item in parser.forms[0]["fields"]:
        if kind == "input":
            a = item
            name, value, type_ = a["name"], a.get("value", ""), a.get("type", "text").lower()
            if type_ in ("checkbox", "radio"):
                if "checked" in a:
                    add(name, value or "on")
            elif type_ == "file":
                data[name] = SimpleUploadedFile(
                    "personen.csv", CSV_UPLOAD.encode(), content_type="text/csv"
                )
            elif type_ in ("submit", "button", "reset", "image"):
                continue
            elif name == "csrfmiddlewaretoken" or type_ == "hidden":
                add(name, value)
            elif type_ == "email":
                add(name, "toegangstest@voorbeeld.example")
            elif type_ == "url":
                add(name, "https://toegangstest.example")
            elif type_ in ("number", "datetime-local", "date", "time", "tel"):
                add(name, value or {"number": "3", "tel": "0612345678"}.get(type_, ""))
            elif re.search(r"-\d+-name$", name):
                # Rows of a formset (custom fields) need names of their own.
                add(name, f"Toegangstest {name}")
            else:
                add(name, "Toegangstest")
        elif kind == "select":
            a, options = item["attrs"], item["options"]
            # A chosen value becomes another one, so that saving changes something; an empty
            # optional choice stays empty (other fields may depend on it).
            selected = next((o.get("value", "") for o in options if "selected" in o), "")
            others = [o["value"] for o in options if o.get("value") and "selected" not in o]
            if others and (selected or "required" in a):
                add(a["name"], others[-1])
            else:
                add(a["name"], selected)
        else:
            add(item["attrs"]["name"], "Toegangstest")
    return {k: (v if not isinstance(v, list) or len(v) != 1 else v[0]) for k, v in data.items()}


# --------------------------------------------------------------------------------------------
# The tests.


def test_every_trajectory_url_is_covered():
    found = trajectory_urls()
    missing = sorted(set(found) - set(URLS))
    stale = sorted(set(URLS) - set(found))
    assert not missing, (
        f"These URLs under a trajectory have no entry in URLS in {__file__}: {missing}. "
        "Add one (read page or form page, and how to fill its other arguments)."
    )
    assert not stale, f"URLS names URLs that no longer exist: {stale}"
    assert len(found) >= 20


def _page(name) -> Page:
    if name not in URLS:
        pytest.fail(f"{name} has no entry in URLS in {__file__}")
    return URLS[name]


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_login(world, name):
    _page(name)
    url = _url(name, world)
    login = reverse("accounts:login")
    before = snapshot()
    client = _client()
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method.__name__, url)
        assert response["Location"].startswith(login), (method.__name__, response["Location"])
    assert_unchanged(before, snapshot(), f"an anonymous POST to {url}")


@pytest.mark.parametrize("name", URL_NAMES)
def test_non_member_gets_404(world, name):
    _page(name)
    client = _client(world.outsider)
    missing_id = Trajectory.objects.order_by("-pk").first().pk + 1000
    urls = [
        _url(name, world),  # a real trajectory the user is not a member of
        _url(name, world, trajectory_id=missing_id),  # a trajectory that does not exist
    ]
    if any(isinstance(value, int) for value in _kwargs(name, world).values()):
        # Their own trajectory's id, with the other trajectory's objects.
        urls.append(_url(name, world, trajectory_id=world.outsider_trajectory.pk))
    page = URLS[name]
    data = page.post_data(world) if page.post_data else {"name": "Toegangstest"}
    before = snapshot()
    for index, url in enumerate(urls):
        allowed = {404}
        if index == 2:
            # In their own trajectory a URL may refuse the method (405) before it looks up the
            # object, whatever its id: that tells nothing about the other trajectory.
            allowed.add(405)
        response = client.get(url)
        assert response.status_code in allowed, f"GET {url}: {response.status_code}"
        response = client.post(url, data)
        assert response.status_code in allowed, f"POST {url}: {response.status_code}"
    assert_unchanged(before, snapshot(), f"a non-member's POST to {name}")


@pytest.mark.parametrize("name", URL_NAMES)
def test_manager_reads_but_never_writes(world, name):
    page = _page(name)
    url = _url(name, world)
    if page.post_data:
        data = page.post_data(world)
    else:
        data = response_form_data(_client(world.facilitator).get(url), url)

    client = _client(world.manager)
    response = client.get(url)
    expected = {READ: 200, FORM: 403, ACTION: 405}[page.kind]
    assert response.status_code == expected, f"GET {url} as manager"

    before = snapshot()
    for payload in (data, {}):
        response = client.post(url, payload)
        assert response.status_code == 403, f"POST {url} as manager with {payload!r}"
    assert_unchanged(before, snapshot(), f"a manager's POST to {url}")


@pytest.mark.parametrize("name", URL_NAMES)
def test_facilitator_opens_every_page(world, name):
    page = _page(name)
    url = _url(name, world)
    client = _client(world.facilitator)
    response = client.get(url)
    assert response.status_code == page.facilitator_get, f"GET {url} as facilitator"
    if page.kind == READ or not page.facilitator_post_writes:
        return
    # The positive control for the manager test: the same form data, sent by the facilitator,
    # is accepted and changes the database.
    data = page.post_data(world) if page.post_data else response_form_data(response, url)
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code in page.accepted, (
        f"POST {url} as facilitator was not accepted ({response.status_code}); data {data!r}"
    )
    after = snapshot()
    assert any(before[label] != after[label] for label in before), (
        f"POST {url} as facilitator changed nothing"
    )
