import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from weefwerk.actions import dedupe, selectors, services
from weefwerk.actions.models import Agreement, ChangeWish, WishVote
from weefwerk.actions.tests.factories import make_person, make_wish
from weefwerk.trajectories.tests.factories import MeetingFactory


def test_normalise_drops_the_opening_and_punctuation():
    assert dedupe.normalise("Als we nu eens, de Brieven op dinsdag stúren!") == (
        "de brieven op dinsdag sturen"
    )


def test_similar_wishes_are_suggested_and_different_ones_not(trajectory):
    wish = make_wish(trajectory, "Als we nu eens brieven niet meer op vrijdag versturen")
    same = make_wish(trajectory, "Als we eens de brieven niet meer op vrijdag versturen!")
    other = make_wish(trajectory, "Een vast spreekuur op school voor ouders met geldzorgen")
    found = [w for w, _score in selectors.duplicate_suggestions(wish)]
    assert same in found
    assert other not in found


def test_merge_keeps_all_raisers_and_dots(trajectory, sanne, ahmed):
    wish = make_wish(trajectory, "Als we nu eens brieven op dinsdag sturen", raised_by=[sanne])
    into = make_wish(trajectory, "Brieven op dinsdag sturen", raised_by=[ahmed], votes=2)
    services.wish_update(wish, votes=3)
    merged_earlier = make_wish(trajectory, "Geen brieven op vrijdag")
    services.wish_merge(wish=merged_earlier, into=wish)

    result = services.wish_merge(wish=wish, into=into)

    wish.refresh_from_db()
    merged_earlier.refresh_from_db()
    assert wish.status == ChangeWish.Status.MERGED and wish.merged_into == into
    assert merged_earlier.merged_into == into
    assert set(result.raised_by.all()) == {sanne, ahmed}
    assert result.votes == 5


def test_wish_from_note_is_once_per_note(trajectory, sanne, ahmed):
    meeting = MeetingFactory(trajectory=trajectory, number=2)
    first = services.wish_from_note(trajectory, "Als we nu eens ...", sanne, meeting, 41)
    again = services.wish_from_note(trajectory, "Als we nu eens ...", ahmed, meeting, 41)
    assert first.pk == again.pk
    assert first.source == ChangeWish.Source.LIVE_NOTE and first.note_id == 41
    assert set(again.raised_by.all()) == {sanne, ahmed}
    assert ChangeWish.objects.count() == 1


def test_ranking_counts_wall_dots_and_link_dots(trajectory, sanne):
    services.voting_save(trajectory=trajectory, dots_per_person=3, is_open=True)
    low = make_wish(trajectory, "Een", votes=1)
    high = make_wish(trajectory, "Twee", votes=1)
    services.vote_add(person=sanne, wish=high)
    ranked = selectors.wishes_ranked(trajectory)
    assert [w.pk for w in ranked] == [high.pk, low.pk]
    assert (ranked[0].total_votes, ranked[0].rank, ranked[1].rank) == (2, 1, 2)


def test_a_person_cannot_place_more_dots_than_allowed(trajectory, sanne):
    services.voting_save(trajectory=trajectory, dots_per_person=2, is_open=True)
    wish = make_wish(trajectory)
    services.vote_add(person=sanne, wish=wish)
    services.vote_add(person=sanne, wish=wish)
    with pytest.raises(services.VoteRefused):
        services.vote_add(person=sanne, wish=wish)
    assert WishVote.objects.count() == 2
    services.vote_remove(person=sanne, wish=wish)
    services.vote_add(person=sanne, wish=wish)
    assert WishVote.objects.count() == 2


def test_voting_closed_refuses(trajectory, sanne):
    wish = make_wish(trajectory)
    with pytest.raises(services.VoteRefused):
        services.vote_add(person=sanne, wish=wish)


def test_vote_locks_the_person_row(trajectory, sanne):
    """The limit check runs after ``SELECT ... FOR UPDATE`` on the person (where supported)."""
    services.voting_save(trajectory=trajectory, dots_per_person=2, is_open=True)
    wish = make_wish(trajectory)
    with CaptureQueriesContext(connection) as queries:
        services.vote_add(person=sanne, wish=wish)
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, q in enumerate(sql) if 'FROM "people_person"' in q)
    count = next(i for i, q in enumerate(sql) if 'FROM "actions_wishvote"' in q)
    assert lock < count
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[lock]


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_votes_cannot_exceed_the_limit(trajectory, sanne):
    services.voting_save(trajectory=trajectory, dots_per_person=1, is_open=True)
    wishes = [make_wish(trajectory, "Een"), make_wish(trajectory, "Twee")]
    barrier = threading.Barrier(2)
    outcomes = []

    def vote(wish):
        try:
            barrier.wait(timeout=5)
            services.vote_add(person=sanne, wish=wish)
            outcomes.append("ok")
        except services.VoteRefused:
            outcomes.append("refused")
        except Exception as error:  # SQLite: "database is locked" for the loser
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(wish,)) for wish in wishes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert WishVote.objects.filter(person=sanne).count() == 1
    assert outcomes.count("ok") == 1


def test_choose_assigns_owners_and_makes_an_agreement(trajectory, sanne, ahmed):
    wish = make_wish(trajectory, raised_by=[sanne])
    agreement = services.wish_choose(wish=wish, owners=[sanne, ahmed])
    wish.refresh_from_db()
    assert wish.status == ChangeWish.Status.CHOSEN
    assert set(wish.owners.all()) == {sanne, ahmed}
    assert agreement.from_wish == wish and agreement.what == wish.text
    assert set(agreement.owners.all()) == {sanne, ahmed}
    assert set(agreement.organisations.all()) == {sanne.organisation, ahmed.organisation}
    # Choosing again changes the owners of the same agreement.
    services.wish_choose(wish=wish, owners=[ahmed])
    assert Agreement.objects.count() == 1
    assert list(agreement.owners.all()) == [ahmed]


def test_choose_refuses_owners_of_another_trajectory(trajectory, facilitator):
    from weefwerk.trajectories.tests.factories import make_trajectory

    other = make_person(make_trajectory(user=facilitator, name="Ander"), "Otto Anders")
    with pytest.raises(ValueError):
        services.wish_choose(wish=make_wish(trajectory), owners=[other])


def test_pages_type_merge_vote_and_choose(facilitator_client, trajectory, sanne, ahmed):
    t = trajectory.pk
    response = facilitator_client.post(
        reverse("actions:wish_create", args=[t]),
        {"text": "Als we nu eens brieven niet op vrijdag sturen", "raised_by": [sanne.pk]},
    )
    assert response.status_code == 302
    first = ChangeWish.objects.get()
    facilitator_client.post(
        reverse("actions:wish_create", args=[t]),
        {"text": "Als we eens geen brieven op vrijdag sturen", "raised_by": [ahmed.pk]},
    )
    second = ChangeWish.objects.exclude(pk=first.pk).get()
    page = facilitator_client.get(reverse("actions:wish", args=[t, second.pk]))
    assert "Lijkt op" in page.content.decode()
    response = facilitator_client.post(
        reverse("actions:wish_merge", args=[t, second.pk]), {"into": first.pk}
    )
    assert response.status_code == 302
    assert set(first.raised_by.all()) == {sanne, ahmed}

    response = facilitator_client.post(
        reverse("actions:voting", args=[t]),
        {"dots_per_person": "4", "is_open": "on", f"wish_{first.pk}": "6"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.votes == 6 and trajectory.wish_voting.dots_per_person == 4

    response = facilitator_client.post(
        reverse("actions:wish_choose", args=[t, first.pk]), {"owners": [sanne.pk]}
    )
    agreement = Agreement.objects.get()
    assert response["Location"] == reverse("actions:agreement_edit", args=[t, agreement.pk])
