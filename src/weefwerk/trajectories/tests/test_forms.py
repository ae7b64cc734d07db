import pytest

from weefwerk.trajectories.forms import (
    DomainForm,
    MeetingForm,
    MemberAddForm,
    TrajectoryCreateForm,
    TrajectoryForm,
)
from weefwerk.trajectories.models import Role, Trajectory

pytestmark = pytest.mark.django_db


def test_trajectory_form_needs_a_name_and_municipality():
    form = TrajectoryForm(data={"approach": "network", "status": "preparing"})
    assert not form.is_valid()
    assert set(form.errors) == {"name", "municipality"}
    assert form.errors["name"] == ["Dit veld is verplicht."]


def test_trajectory_form_accepts_a_full_trajectory():
    form = TrajectoryForm(
        data={
            "name": "Samen tegen kinderarmoede",
            "municipality": "Lindeveen",
            "district": "Noord",
            "approach": Trajectory.Approach.ENCOUNTERS,
            "status": Trajectory.Status.RUNNING,
            "ambition": "Elk kind doet mee.",
        }
    )
    assert form.is_valid(), form.errors


def test_trajectory_form_rejects_an_unknown_approach():
    form = TrajectoryForm(
        data={"name": "X", "municipality": "Y", "approach": "anders", "status": "preparing"}
    )
    assert "approach" in form.errors


def test_a_new_trajectory_has_no_status_field():
    assert "status" not in TrajectoryCreateForm().fields


def test_meeting_form_allows_an_open_date(trajectory):
    form = MeetingForm(
        data={"number": 0, "title": "Voorbereiding", "planned_minutes": 120, "status": "planned"},
        trajectory=trajectory,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] is None


def test_meeting_form_reads_the_browser_date_format(trajectory):
    form = MeetingForm(
        data={
            "number": 1,
            "title": "Stap 1",
            "starts_at": "2030-03-05T13:30",
            "planned_minutes": 150,
            "status": "planned",
        },
        trajectory=trajectory,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"].hour == 13


def test_meeting_form_rejects_nonsense(trajectory):
    form = MeetingForm(
        data={
            "number": -1,
            "title": "",
            "starts_at": "volgende week",
            "planned_minutes": "lang",
            "status": "planned",
        },
        trajectory=trajectory,
    )
    assert not form.is_valid()
    assert set(form.errors) == {"number", "title", "starts_at", "planned_minutes"}


def test_domain_form_refuses_a_duplicate_name_whatever_the_case(trajectory):
    form = DomainForm(data={"name": "  onderWIJS ", "position": 0}, trajectory=trajectory)
    assert not form.is_valid()
    assert form.errors["name"] == ["Dit domein staat al in de lijst."]


def test_domain_form_accepts_a_new_name_and_strips_it(trajectory):
    form = DomainForm(data={"name": "  Bibliotheek ", "position": 0}, trajectory=trajectory)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Bibliotheek"


def test_domain_form_lets_a_domain_keep_or_recase_its_own_name(trajectory):
    domain = trajectory.domains.get(name="GGD")
    form = DomainForm(
        data={"name": "ggd", "position": domain.position}, instance=domain, trajectory=trajectory
    )
    assert form.is_valid(), form.errors


def test_domain_form_refuses_renaming_onto_another_domain(trajectory):
    domain = trajectory.domains.get(name="GGD")
    form = DomainForm(
        data={"name": "Wijkteam", "position": 1}, instance=domain, trajectory=trajectory
    )
    assert not form.is_valid()


def test_the_same_domain_name_is_fine_in_another_trajectory(trajectory, outsider):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_trajectory(user=outsider, name="Ander traject")
    other.domains.filter(name="GGD").delete()
    form = DomainForm(data={"name": "GGD", "position": 0}, trajectory=other)
    assert form.is_valid()


def test_member_add_form_checks_email_and_role(trajectory):
    form = MemberAddForm(data={"email": "geen-adres", "role": "koning"}, trajectory=trajectory)
    assert not form.is_valid()
    assert set(form.errors) == {"email", "role"}
    form = MemberAddForm(data={"email": "a@b.example", "role": Role.MANAGER}, trajectory=trajectory)
    assert form.is_valid()
