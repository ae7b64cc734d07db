import re

import pytest
from django.core import mail
from django.urls import reverse

from weefwerk.accounts.tests.helpers import log_in
from weefwerk.trajectories.models import Meeting, Membership, Role, Trajectory
from weefwerk.trajectories.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(name, trajectory, *args):
    return reverse(f"trajectories:{name}", args=[trajectory.pk, *args])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# Trajectories


def test_create_a_trajectory_through_the_page(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("trajectories:create")).status_code == 200
    response = client.post(
        reverse("trajectories:create"),
        {
            "name": "Samen sterk in Lindeveen",
            "municipality": "Lindeveen",
            "district": "",
            "approach": "network",
            "ambition": "",
        },
        follow=True,
    )
    trajectory = Trajectory.objects.get(name="Samen sterk in Lindeveen")
    assert response.redirect_chain[-1][0] == trajectory.get_absolute_url()
    assert "U bent de gespreksleider" in response.content.decode()
    assert trajectory.memberships.get().user == outsider
    assert trajectory.domains.count() == 15
    assert "Samen sterk in Lindeveen" in client.get(reverse("trajectories:list")).content.decode()


def test_a_failed_create_keeps_what_was_typed(facilitator_client):
    response = facilitator_client.post(
        reverse("trajectories:create"),
        {"name": "Half ingevuld traject", "municipality": "", "approach": "network"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Half ingevuld traject"' in html
    assert "Dit veld is verplicht." in html
    assert not Trajectory.objects.filter(name="Half ingevuld traject").exists()


def test_the_list_shows_only_my_trajectories_with_my_role(client, trajectory, manager, outsider):
    from weefwerk.trajectories.tests.factories import make_trajectory

    make_trajectory(user=outsider, name="Geheim traject")
    client.force_login(manager)
    html = client.get(reverse("trajectories:list")).content.decode()
    assert trajectory.name in html
    assert "Leidinggevende (alleen lezen)" in html
    assert "Geheim traject" not in html


def test_overview_shows_meetings_counts_and_gaps(facilitator_client, trajectory):
    MeetingFactory(trajectory=trajectory, number=0, title="Voorbereiden met het projectteam")
    html = facilitator_client.get(url("overview", trajectory)).content.decode()
    assert "Voorbereiden met het projectteam" in html
    assert "Er doet nog geen ervaringsdeskundige mee." in html
    assert "Schuldhulpverlening" in html


def test_edit_a_trajectory(facilitator_client, trajectory):
    data = {
        "name": "Nieuwe naam",
        "municipality": "Testdorp",
        "district": "Zuid",
        "approach": "encounters",
        "status": "running",
        "ambition": "Samen meer bereiken.",
    }
    response = facilitator_client.post(url("edit", trajectory), data)
    assert response.url == trajectory.get_absolute_url()
    trajectory.refresh_from_db()
    assert (trajectory.name, trajectory.district, trajectory.status) == (
        "Nieuwe naam",
        "Zuid",
        "running",
    )


def test_a_failed_edit_keeps_the_input_but_not_the_page_title(facilitator_client, trajectory):
    data = {"name": "", "municipality": "Andere gemeente", "approach": "network"}
    response = facilitator_client.post(url("edit", trajectory), data)
    assert response.status_code == 200
    assert response.context["trajectory"].name == "Samen tegen kinderarmoede in Testdorp"
    assert 'value="Andere gemeente"' in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.municipality == "Testdorp"


def test_only_the_facilitator_may_delete_a_trajectory(client, trajectory, project_member, manager):
    for user in (project_member, manager):
        client.force_login(user)
        assert client.get(url("delete", trajectory)).status_code == 403
        assert client.post(url("delete", trajectory)).status_code == 403
    assert Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_the_facilitator_deletes_after_confirmation(facilitator_client, trajectory):
    page = facilitator_client.get(url("delete", trajectory))
    assert "Dit kunt u niet ongedaan maken." in page.content.decode()
    assert Trajectory.objects.filter(pk=trajectory.pk).exists()
    response = facilitator_client.post(url("delete", trajectory))
    assert response.url == reverse("trajectories:list")
    assert not Trajectory.objects.filter(pk=trajectory.pk).exists()


def test_project_team_may_edit_but_a_manager_may_not(client, trajectory, project_member, manager):
    client.force_login(project_member)
    assert client.get(url("edit", trajectory)).status_code == 200
    client.force_login(manager)
    assert client.get(url("edit", trajectory)).status_code == 403
    assert client.get(url("overview", trajectory)).status_code == 200


def test_outsiders_get_404(client, trajectory, outsider):
    client.force_login(outsider)
    for name in ("overview", "edit", "delete", "meetings", "domains", "members"):
        assert client.get(url(name, trajectory)).status_code == 404, name


# Meetings


def meeting_data(**changes):
    data = {
        "number": 1,
        "title": "Stap 1: elkaar leren kennen",
        "starts_at": "2030-03-05T13:30",
        "planned_minutes": 150,
        "location": "Buurthuis De Linde",
        "status": "planned",
    }
    return {**data, **changes}


def test_meetings_create_list_edit_delete(facilitator_client, trajectory):
    page = facilitator_client.get(url("meeting_create", trajectory))
    assert page.context["form"].initial["number"] == 0
    response = facilitator_client.post(url("meeting_create", trajectory), meeting_data())
    assert response.url == url("meetings", trajectory)
    meeting = trajectory.meetings.get()
    assert meeting.location == "Buurthuis De Linde"
    assert "Stap 1: elkaar leren kennen" in facilitator_client.get(response.url).content.decode()
    next_page = facilitator_client.get(url("meeting_create", trajectory))
    assert next_page.context["form"].initial["number"] == 2

    response = facilitator_client.post(
        url("meeting_edit", trajectory, meeting.pk), meeting_data(title="Stap 1 (verzet)")
    )
    meeting.refresh_from_db()
    assert meeting.title == "Stap 1 (verzet)"

    assert facilitator_client.get(url("meeting_delete", trajectory, meeting.pk)).status_code == 200
    facilitator_client.post(url("meeting_delete", trajectory, meeting.pk))
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_failed_meeting_form_keeps_what_was_typed(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("meeting_create", trajectory), meeting_data(title="", location="Het Dorpshuis")
    )
    assert response.status_code == 200
    assert 'value="Het Dorpshuis"' in response.content.decode()
    assert not trajectory.meetings.exists()


def test_meetings_of_another_trajectory_are_not_found(facilitator_client, trajectory, outsider):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_trajectory(user=outsider, name="Ander")
    foreign = MeetingFactory(trajectory=other)
    for name in ("meeting_edit", "meeting_delete"):
        assert facilitator_client.get(url(name, trajectory, foreign.pk)).status_code == 404
    assert facilitator_client.post(url("meeting_delete", trajectory, foreign.pk)).status_code == 404
    assert Meeting.objects.filter(pk=foreign.pk).exists()


def test_a_manager_cannot_add_meetings(client, trajectory, manager):
    client.force_login(manager)
    assert client.get(url("meeting_create", trajectory)).status_code == 403
    assert client.post(url("meeting_create", trajectory), meeting_data()).status_code == 403
    assert not trajectory.meetings.exists()


# Domains


def test_domains_add_rename_delete(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("domains", trajectory), {"name": "Bibliotheek", "position": 0}
    )
    assert response.url == url("domains", trajectory)
    domain = trajectory.domains.get(name="Bibliotheek")
    assert domain.position == 15

    facilitator_client.post(
        url("domain_edit", trajectory, domain.pk),
        {"name": "Bibliotheek en leesbevordering", "position": 3},
    )
    domain.refresh_from_db()
    assert (domain.name, domain.position) == ("Bibliotheek en leesbevordering", 3)

    facilitator_client.post(url("domain_delete", trajectory, domain.pk))
    assert not trajectory.domains.filter(pk=domain.pk).exists()


def test_adding_a_duplicate_domain_shows_an_error(facilitator_client, trajectory):
    response = facilitator_client.post(
        url("domains", trajectory), {"name": "wijkteam", "position": 0}
    )
    assert response.status_code == 200
    assert "Dit domein staat al in de lijst." in response.content.decode()
    assert trajectory.domains.count() == 15


def test_deleting_a_domain_keeps_organisations(facilitator_client, trajectory):
    from weefwerk.people.tests.factories import OrganisationFactory

    domain = trajectory.domains.get(name="GGD")
    organisation = OrganisationFactory(trajectory=trajectory, domains=[domain])
    facilitator_client.post(url("domain_delete", trajectory, domain.pk))
    assert organisation.domains.count() == 0


# Members


def test_add_a_member_without_account_sends_an_invitation(client, facilitator, trajectory):
    client.force_login(facilitator)
    response = client.post(
        url("members", trajectory),
        {"email": "Nieuw.Lid@Voorbeeld.example", "full_name": "Nina Lid", "role": "project_team"},
        follow=True,
        HTTP_HOST="weefwerk.gemeente.example",
    )
    text = " ".join(messages_of(response))
    assert "Nina Lid is nu projectteam in dit traject." in text
    assert "krijgt een e-mail" in text
    membership = trajectory.memberships.get(user__email="nieuw.lid@voorbeeld.example")
    assert membership.role == Role.PROJECT_TEAM
    assert not membership.user.has_usable_password()

    [message] = mail.outbox
    assert message.to == ["nieuw.lid@voorbeeld.example"]
    assert trajectory.name in message.subject
    assert "Fenna Gespreksleider heeft u toegang gegeven" in message.body
    link = re.search(
        r"http://weefwerk\.gemeente\.example/account/wachtwoord-instellen/\S+/", message.body
    )
    assert link, message.body

    # The invited person follows the link, chooses a password and logs in.
    client.post(reverse("accounts:logout"))
    form_page = client.get(link.group(0), follow=True)
    assert form_page.context["validlink"]
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "mijn-eigen-wachtwoord-7", "new_password2": "mijn-eigen-wachtwoord-7"},
    )
    assert (
        log_in(client, "nieuw.lid@voorbeeld.example", "mijn-eigen-wachtwoord-7").status_code == 302
    )
    assert client.get(url("overview", trajectory)).status_code == 200


def test_add_an_existing_account_sends_no_invitation(facilitator_client, trajectory, outsider):
    facilitator_client.post(
        url("members", trajectory), {"email": outsider.email, "role": "manager"}
    )
    assert trajectory.memberships.get(user=outsider).role == Role.MANAGER
    assert mail.outbox == []


def test_change_a_members_role(facilitator_client, trajectory, manager):
    membership = trajectory.memberships.get(user=manager)
    page = facilitator_client.get(url("member_edit", trajectory, membership.pk))
    assert page.status_code == 200
    response = facilitator_client.post(
        url("member_edit", trajectory, membership.pk), {"role": "project_team"}
    )
    assert response.url == url("members", trajectory)
    membership.refresh_from_db()
    assert membership.role == Role.PROJECT_TEAM


def test_the_last_facilitator_cannot_be_downgraded_in_the_page(facilitator_client, trajectory):
    membership = trajectory.memberships.get(role=Role.FACILITATOR)
    response = facilitator_client.post(
        url("member_edit", trajectory, membership.pk), {"role": "manager"}
    )
    assert response.status_code == 200
    assert "Dit is de enige gespreksleider van het traject." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.FACILITATOR


def test_the_last_facilitator_cannot_be_removed_in_the_page(facilitator_client, trajectory):
    membership = trajectory.memberships.get(role=Role.FACILITATOR)
    response = facilitator_client.post(url("member_delete", trajectory, membership.pk), follow=True)
    assert "Dit is de enige gespreksleider van het traject." in " ".join(messages_of(response))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_last_facilitator_cannot_be_downgraded_through_the_add_form(
    client, trajectory, facilitator, project_member
):
    client.force_login(project_member)
    response = client.post(
        url("members", trajectory), {"email": facilitator.email, "role": "manager"}
    )
    assert response.status_code == 200
    assert "Dit is de enige gespreksleider van het traject." in response.content.decode()
    assert trajectory.memberships.get(user=facilitator).role == Role.FACILITATOR


def test_remove_a_member(facilitator_client, trajectory, manager):
    membership = trajectory.memberships.get(user=manager)
    response = facilitator_client.post(url("member_delete", trajectory, membership.pk), follow=True)
    assert "heeft geen toegang meer" in " ".join(messages_of(response))
    assert not trajectory.memberships.filter(user=manager).exists()


def test_a_second_facilitator_may_leave(client, trajectory, facilitator, manager):
    membership = trajectory.memberships.get(user=manager)
    membership.role = Role.FACILITATOR
    membership.save()
    client.force_login(manager)
    response = client.post(url("member_delete", trajectory, membership.pk))
    assert response.url == reverse("trajectories:list")
    assert client.get(url("overview", trajectory)).status_code == 404


def test_a_manager_cannot_change_members(client, trajectory, manager, facilitator):
    client.force_login(manager)
    membership = trajectory.memberships.get(user=facilitator)
    assert (
        client.post(
            url("members", trajectory), {"email": "x@y.example", "role": "facilitator"}
        ).status_code
        == 403
    )
    assert (
        client.post(url("member_edit", trajectory, membership.pk), {"role": "manager"}).status_code
        == 403
    )
    assert client.post(url("member_delete", trajectory, membership.pk)).status_code == 403
