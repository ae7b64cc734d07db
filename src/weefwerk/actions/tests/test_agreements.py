from datetime import date

import pytest
from django.urls import reverse

from weefwerk.actions import links, selectors, services
from weefwerk.actions.models import ActionStatus, ActionUpdate, Agreement, Commitment
from weefwerk.actions.tests.factories import make_agreement, make_person, make_wish


def test_facilitator_creates_an_agreement(facilitator_client, trajectory, sanne, organisation):
    response = facilitator_client.post(
        reverse("actions:agreement_create", args=[trajectory.pk]),
        {
            "what": "Brieven op dinsdag",
            "owners": [sanne.pk],
            "organisations": [organisation.pk],
            "due_date": "2030-03-01",
            "success_criterion": "Geen brieven meer op vrijdag.",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.due_date == date(2030, 3, 1)
    assert list(agreement.owners.all()) == [sanne]


def test_agreement_needs_an_owner(facilitator_client, trajectory):
    response = facilitator_client.post(
        reverse("actions:agreement_create", args=[trajectory.pk]), {"what": "Iets"}
    )
    assert response.status_code == 200
    assert "Kies minstens één trekker." in response.content.decode()
    assert not Agreement.objects.exists()


def test_commitment_through_the_link_is_recorded_with_date(client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    token = links.person_token(sanne)
    response = client.post(reverse("actions_public:commit", args=[token, agreement.pk]))
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert commitment.person == sanne and commitment.via == Commitment.Via.LINK
    assert commitment.committed_at is not None
    # Again: nothing new, the first moment stays.
    client.post(reverse("actions_public:commit", args=[token, agreement.pk]))
    assert Commitment.objects.get().committed_at == commitment.committed_at


def test_facilitator_records_commitments_on_a_date(facilitator_client, trajectory, sanne, ahmed):
    agreement = make_agreement(trajectory, owners=[sanne])
    response = facilitator_client.post(
        reverse("actions:commit", args=[trajectory.pk, agreement.pk]),
        {"people": [sanne.pk, ahmed.pk], "committed_on": "2030-02-14"},
    )
    assert response.status_code == 302
    rows = Commitment.objects.order_by("person__name")
    assert [(c.person, c.via) for c in rows] == [
        (ahmed, Commitment.Via.FACILITATOR),
        (sanne, Commitment.Via.FACILITATOR),
    ]
    assert all(c.committed_at.date() == date(2030, 2, 14) for c in rows)
    page = facilitator_client.get(reverse("actions:agreement", args=[trajectory.pk, agreement.pk]))
    assert "14 februari 2030" in page.content.decode()


def test_person_page_lists_my_agreements_and_others(client, trajectory, sanne, ahmed):
    mine = make_agreement(trajectory, owners=[sanne], what="Mijn afspraak")
    joined = make_agreement(trajectory, owners=[ahmed], what="Meegedaan")
    other = make_agreement(trajectory, owners=[ahmed], what="Van een ander")
    services.commit(agreement=joined, person=sanne)
    found_mine, found_others = selectors.agreements_for_person(sanne)
    assert [a.pk for a in found_mine] == [mine.pk, joined.pk]
    assert [a.pk for a in found_others] == [other.pk]
    page = client.get(reverse("actions_public:person", args=[links.person_token(sanne)]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mijn afspraak" in html and "Van een ander" in html
    assert page["Cache-Control"].startswith("max-age=0")


def test_progress_through_the_owners_link(client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    url = reverse("actions_public:report", args=[links.person_token(sanne), agreement.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "status": ActionStatus.UNDER_WAY,
            "what_i_did": "Gebeld met de afdeling post.",
            "what_goes_well": "Ze willen meedenken.",
            "what_not_yet_and_why": "Het systeem verstuurt automatisch.",
            "what_i_need": "Een gesprek met de teamleider.",
        },
    )
    assert response.status_code == 302
    update = ActionUpdate.objects.get()
    assert update.person == sanne and update.status == ActionStatus.UNDER_WAY
    agreement.refresh_from_db()
    assert agreement.status == ActionStatus.UNDER_WAY


def test_progress_form_errors_keep_the_text(client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    url = reverse("actions_public:report", args=[links.person_token(sanne), agreement.pk])
    response = client.post(url, {"what_i_did": "Bewaard"})
    assert response.status_code == 400
    assert "Bewaard" in response.content.decode()
    assert not ActionUpdate.objects.exists()


@pytest.mark.parametrize("how", ["changed", "garbage", "other_salt"])
def test_a_tampered_link_shows_not_found(client, trajectory, sanne, how):
    agreement = make_agreement(trajectory, owners=[sanne])
    token = links.person_token(sanne)
    if how == "changed":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif how == "garbage":
        token = "niet-geldig"
    else:
        from django.core import signing

        token = signing.dumps({"p": sanne.pk, "t": trajectory.pk}, salt="iets anders")
    for url in (
        reverse("actions_public:person", args=[token]),
        reverse("actions_public:report", args=[token, agreement.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
    response = client.post(reverse("actions_public:report", args=[token, agreement.pk]), {})
    assert response.status_code == 404
    assert not ActionUpdate.objects.exists()


def test_link_cannot_report_on_someone_elses_agreement(client, trajectory, sanne, ahmed):
    agreement = make_agreement(trajectory, owners=[ahmed])
    url = reverse("actions_public:report", args=[links.person_token(sanne), agreement.pk])
    assert client.get(url).status_code == 404


def test_person_of_a_deleted_trajectory_link(client, trajectory, sanne):
    token = links.person_token(sanne)
    sanne.delete()
    assert client.get(reverse("actions_public:person", args=[token])).status_code == 404


def test_votes_through_the_link(client, trajectory, sanne):
    services.voting_save(trajectory=trajectory, dots_per_person=1, is_open=True)
    wish = make_wish(trajectory)
    token = links.person_token(sanne)
    url = reverse("actions_public:vote", args=[token])
    client.post(url, {"wens": wish.pk, "actie": "erbij"})
    response = client.post(url, {"wens": wish.pk, "actie": "erbij"}, follow=True)
    assert "al je 1 stippen gebruikt" in response.content.decode()
    assert wish.person_votes.count() == 1


def test_organisation_page_lists_its_agreements(facilitator_client, trajectory, sanne, ahmed):
    own = make_agreement(trajectory, owners=[ahmed], what="Via de organisatie")
    own.organisations.add(sanne.organisation)
    via_person = make_agreement(trajectory, owners=[sanne], what="Via een medewerker")
    make_agreement(trajectory, owners=[ahmed], what="Niet van hen")
    found = selectors.organisation_agreements(sanne.organisation)
    assert {a.pk for a in found} == {own.pk, via_person.pk}
    page = facilitator_client.get(
        reverse("actions:organisation", args=[trajectory.pk, sanne.organisation.pk])
    )
    html = page.content.decode()
    assert "Via de organisatie" in html and "Niet van hen" not in html


def test_deleting_an_agreement_reopens_its_wish(trajectory, sanne):
    wish = make_wish(trajectory)
    agreement = services.wish_choose(wish=wish, owners=[sanne])
    services.agreement_delete(agreement)
    wish.refresh_from_db()
    assert wish.status == wish.Status.OPEN


def test_person_of_another_trajectory_cannot_commit(trajectory, facilitator):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_person(make_trajectory(user=facilitator, name="Ander"), "Otto Anders")
    with pytest.raises(ValueError):
        services.commit(agreement=make_agreement(trajectory), person=other)
