"""The step 0 checklist: items that tick themselves from the data, and items ticked by hand."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from weefwerk.people.models import InformChannel, InformFrequency
from weefwerk.people.tests.factories import OrganisationFactory, PersonFactory
from weefwerk.planning.checklist import (
    DEFINITIONS,
    UnknownItemError,
    build_checklist,
    checklist_mark,
    expected_groups,
)
from weefwerk.planning.models import ChecklistMark
from weefwerk.trajectories.domains import PLAYBOOK_DOMAINS
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.tests.factories import MeetingFactory, make_trajectory

pytestmark = pytest.mark.django_db


def item(trajectory, key):
    return next(i for i in build_checklist(trajectory).items if i.key == key)


def url(trajectory):
    return reverse("planning:checklist", args=[trajectory.pk])


def test_a_new_trajectory_has_nothing_ticked(trajectory):
    checklist = build_checklist(trajectory)
    assert checklist.total == len(DEFINITIONS) == 11
    assert checklist.done_count == 0
    assert [i.key for i in checklist.items if i.auto] == [
        "invited",
        "programmes",
        "mandate",
        "project_team",
        "sessions_planned",
        "fixed_participants",
        "experts",
        "case",
    ]


def test_invited_needs_every_playbook_domain_and_enough_organisations(trajectory):
    domains = {d.name: d for d in trajectory.domains.all()}
    first = item(trajectory, "invited")
    assert not first.done
    assert first.reason.startswith("Schuldhulpverlening, Budgetcoaching, Kerkelijke")

    for name in map(str, PLAYBOOK_DOMAINS):
        if name not in ("Budgetcoaching", "Kerkelijke organisaties"):
            OrganisationFactory(trajectory=trajectory, domains=[domains[name]])
    assert item(trajectory, "invited").reason == (
        "Budgetcoaching en Kerkelijke organisaties ontbreken nog."
    )
    # A person with their own domain counts too.
    person = PersonFactory(trajectory=trajectory)
    person.domains.set([domains["Budgetcoaching"]])
    OrganisationFactory(trajectory=trajectory, domains=[domains["Kerkelijke organisaties"]])
    # Seven domains, but only six organisations.
    invited = item(trajectory, "invited")
    assert not invited.done
    assert invited.reason == "Pas 6 organisaties; nodig er minstens 7 uit."

    OrganisationFactory(trajectory=trajectory, domains=[domains["Voedselbank"], domains["GGD"]])
    invited = item(trajectory, "invited")
    assert invited.done
    assert invited.reason == "7 organisaties uit 9 domeinen."


def test_mandate_needs_managers_with_both_wishes(trajectory):
    assert item(trajectory, "mandate").reason == "Er zijn nog geen leidinggevenden vastgelegd."
    boss = PersonFactory(trajectory=trajectory, name="Bea Baas", is_manager=True)
    PersonFactory(
        trajectory=trajectory,
        is_manager=True,
        inform_channel=InformChannel.EMAIL,
        inform_frequency=InformFrequency.MONTHLY,
    )
    mandate = item(trajectory, "mandate")
    assert not mandate.done
    assert mandate.reason.startswith("Van Bea Baas weten we nog niet")
    boss.inform_frequency = InformFrequency.QUARTERLY
    boss.save()
    assert not item(trajectory, "mandate").done  # how is still unknown
    boss.inform_channel = InformChannel.MEETING
    boss.save()
    mandate = item(trajectory, "mandate")
    assert mandate.done
    assert mandate.reason.startswith("2 leidinggevenden")


def test_project_team_needs_two_people_or_memberships(trajectory, project_member):
    team = item(trajectory, "project_team")
    assert not team.done
    assert "Pas één persoon" in team.reason
    # A person linked to the same account does not count twice.
    PersonFactory(trajectory=trajectory, is_project_team=True, user=project_member)
    assert not item(trajectory, "project_team").done
    PersonFactory(trajectory=trajectory, is_project_team=True)
    team = item(trajectory, "project_team")
    assert team.done
    assert team.reason == "2 mensen in het projectteam."


def test_sessions_planned_when_every_session_has_a_date(trajectory):
    assert item(trajectory, "sessions_planned").reason == "Er zijn nog geen bijeenkomsten."
    start = timezone.make_aware(datetime(2027, 1, 12, 13, 30))
    MeetingFactory(trajectory=trajectory, number=0, starts_at=start)
    undated = MeetingFactory(trajectory=trajectory, number=1)
    assert item(trajectory, "sessions_planned").reason == (
        "1 van de 2 bijeenkomsten heeft nog geen datum."
    )
    undated.status = Meeting.Status.CANCELLED  # a cancelled session needs no date
    undated.save()
    assert item(trajectory, "sessions_planned").done
    MeetingFactory(trajectory=trajectory, number=2, starts_at=start)
    assert item(trajectory, "sessions_planned").reason == "Alle 2 bijeenkomsten hebben een datum."


def test_every_organisation_needs_a_fixed_participant(trajectory):
    assert item(trajectory, "fixed_participants").reason == "Er zijn nog geen organisaties."
    school = OrganisationFactory(trajectory=trajectory, name="Basisschool De Linde")
    bank = OrganisationFactory(trajectory=trajectory, name="Voedselbank")
    PersonFactory(trajectory=trajectory, organisation=school, is_fixed_participant=False)
    assert item(trajectory, "fixed_participants").reason == (
        "Basisschool De Linde en Voedselbank hebben nog geen vaste deelnemer."
    )
    PersonFactory(trajectory=trajectory, organisation=school, is_fixed_participant=True)
    assert item(trajectory, "fixed_participants").reason == (
        "Voedselbank heeft nog geen vaste deelnemer."
    )
    PersonFactory(trajectory=trajectory, organisation=bank, is_fixed_participant=True)
    fixed = item(trajectory, "fixed_participants")
    assert fixed.done
    assert fixed.reason == "Alle 2 organisaties hebben een vaste deelnemer."


def test_an_expert_by_experience_for_every_expected_group(trajectory):
    assert [expected_groups(n) for n in (0, 1, 6, 7, 12, 13)] == [1, 1, 1, 2, 2, 3]
    experts = item(trajectory, "experts")
    assert not experts.done
    assert experts.reason.startswith("Er doet nog geen ervaringsdeskundige mee.")
    for _ in range(6):
        PersonFactory(trajectory=trajectory)
    PersonFactory(trajectory=trajectory, is_manager=True)  # managers do not sit in groups
    PersonFactory(trajectory=trajectory, is_expert=True, expert_trained=True)
    # 7 participants: 2 groups of at most six, but one expert.
    experts = item(trajectory, "experts")
    assert not experts.done
    assert experts.reason == (
        "1 ervaringsdeskundige (1 opgeleid). Er is er nog 1 nodig. We rekenen met groepjes "
        "van 6: 7 deelnemers geeft 2 groepjes."
    )
    PersonFactory(trajectory=trajectory, is_expert=True)
    experts = item(trajectory, "experts")
    assert experts.done
    assert experts.reason.startswith("2 ervaringsdeskundigen (1 opgeleid).")


def test_programmes_tick_themselves_from_the_network_map(trajectory):
    from weefwerk.networkmap.models import Element, ElementKind, Status

    def element(kind, label, status=Status.ACTIVE):
        return Element.objects.create(trajectory=trajectory, kind=kind, label=label, status=status)

    element(ElementKind.ORGANISATION, "Voedselbank")  # an organisation is no programme
    element(ElementKind.PROGRAMME, "Schoolmaaltijden", status=Status.WANTED)  # not there yet
    programmes = item(trajectory, "programmes")
    assert not programmes.done
    assert programmes.reason == "Er staan nog geen overleggen of programma's op de netwerkkaart."

    element(ElementKind.TABLE, "Wijkteamoverleg")
    element(ElementKind.TABLE, "Armoedetafel")
    element(ElementKind.PROGRAMME, "Kansrijke Start")
    element(ElementKind.PROGRAMME, "Buurtgezinnen", status=Status.PROPOSED)
    programmes = item(trajectory, "programmes")
    assert programmes.done
    assert programmes.reason == (
        "2 overleggen en 1 programma of project op de netwerkkaart: Armoedetafel, "
        "Kansrijke Start en Wijkteamoverleg. 1 voorstel van een deelnemer is nog niet beoordeeld."
    )
    with pytest.raises(UnknownItemError):  # no longer ticked by hand
        checklist_mark(trajectory=trajectory, key="programmes", done=True, user=None)


def test_a_case_on_hand_ticks_itself_and_copied_examples_count(trajectory, facilitator):
    from weefwerk.cases.models import Case
    from weefwerk.cases.services import example_case_copy, example_cases

    other = make_trajectory(user=facilitator)
    Case.objects.create(trajectory=other, title="Elders", description="Een ander traject.")
    case = item(trajectory, "case")
    assert not case.done
    assert case.reason.startswith("Er staat nog geen casus in Weefwerk.")

    key = next(iter(example_cases()))
    copied = example_case_copy(trajectory=trajectory, key=key, user=facilitator)
    case = item(trajectory, "case")
    assert case.done
    assert case.reason == f"1 voorbeeldcasus achter de hand: {copied.title}."

    Case.objects.create(trajectory=trajectory, title="Moeder met drie banen", description="...")
    assert item(trajectory, "case").reason == (
        f"1 eigen casus en 1 voorbeeldcasus achter de hand: Moeder met drie banen en "
        f"{copied.title}."
    )


def test_a_manual_item_is_ticked_with_who_and_when(trajectory, facilitator, project_member):
    checklist_mark(trajectory=trajectory, key="materials", done=True, user=facilitator)
    materials = item(trajectory, "materials")
    assert materials.done
    assert materials.mark.marked_by == facilitator
    assert materials.mark.marked_at is not None
    checklist_mark(trajectory=trajectory, key="materials", done=False, user=project_member)
    materials = item(trajectory, "materials")
    assert not materials.done
    assert materials.mark.marked_by == project_member
    assert ChecklistMark.objects.filter(trajectory=trajectory).count() == 1
    with pytest.raises(UnknownItemError):
        checklist_mark(trajectory=trajectory, key="experts", done=True, user=facilitator)


def test_the_page_shows_progress_and_toggles_without_javascript(facilitator_client, trajectory):
    response = facilitator_client.get(url(trajectory))
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "0 van de 11 punten klaar" in html
    assert "Er doet nog geen ervaringsdeskundige mee." in html
    assert "Er staan nog geen overleggen of programma&#x27;s op de netwerkkaart." in html
    assert "Er staat nog geen casus in Weefwerk." in html
    assert "vanzelf aan" not in html  # no promises about features that exist already

    response = facilitator_client.post(url(trajectory), {"item": "report_writer", "klaar": "ja"})
    assert response.status_code == 302
    assert response["Location"].endswith("#punt-report_writer")
    html = facilitator_client.get(url(trajectory)).content.decode()
    assert "1 van de 11 punten klaar" in html
    assert "Afgevinkt door Fenna Gespreksleider op" in html
    assert "Weer openzetten" in html

    facilitator_client.post(url(trajectory), {"item": "report_writer", "klaar": "nee"})
    assert not item(trajectory, "report_writer").done
    assert facilitator_client.post(url(trajectory), {"item": "experts"}).status_code == 400


def test_htmx_toggle_returns_the_item_and_the_progress(facilitator_client, trajectory):
    response = facilitator_client.post(
        url(trajectory), {"item": "report_writer", "klaar": "ja"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<li class="ww-card" id="punt-report_writer">')
    assert 'id="voortgang" class="ww-section" hx-swap-oob="true"' in html
    assert "1 van de 11 punten klaar" in html


def test_the_overview_links_the_checklist_and_loads_its_progress(facilitator_client, trajectory):
    overview = reverse("trajectories:overview", args=[trajectory.pk])
    html = facilitator_client.get(overview).content.decode()
    assert url(trajectory) in html
    summary = facilitator_client.get(url(trajectory), {"samenvatting": "1"}).content.decode()
    assert "<h1" not in summary
    assert "0 van de 11 punten klaar" in summary


def test_a_manager_reads_but_cannot_tick(client, trajectory, manager):
    client.force_login(manager)
    html = client.get(url(trajectory)).content.decode()
    assert "Afvinken" not in html
    assert client.post(url(trajectory), {"item": "report_writer", "klaar": "ja"}).status_code == 403
    assert not ChecklistMark.objects.exists()
    # The planning link is for editors only.
    assert reverse("planning:schedule", args=[trajectory.pk]) not in html


def test_a_non_member_gets_404(client, trajectory, outsider):
    client.force_login(outsider)
    assert client.get(url(trajectory)).status_code == 404
    assert client.post(url(trajectory), {"item": "report_writer", "klaar": "ja"}).status_code == 404
    assert not ChecklistMark.objects.exists()
