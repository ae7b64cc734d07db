"""Every page of the actions app: managers read but never write, non-members get 404."""

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.actions import services
from weefwerk.actions.models import ActionUpdate, Agreement, ChangeWish, Commitment, WishVoting
from weefwerk.actions.tests.factories import make_agreement, make_person, make_wish
from weefwerk.trajectories.tests.factories import make_trajectory

READ, FORM, ACTION = "read", "form", "action"

PAGES = {
    "actions:board": (READ, lambda w: {}),
    "actions:agreement": (READ, lambda w: {"pk": w["agreement"].pk}),
    "actions:organisation": (READ, lambda w: {"pk": w["person"].organisation.pk}),
    "actions:needs": (READ, lambda w: {}),
    "actions:wishes": (READ, lambda w: {}),
    "actions:wish": (READ, lambda w: {"pk": w["wish"].pk}),
    "actions:followup": (READ, lambda w: {}),
    "actions:followup_meeting": (READ, lambda w: {"meeting_id": w["meeting"].pk}),
    "actions:agreement_create": (FORM, lambda w: {}),
    "actions:agreement_edit": (FORM, lambda w: {"pk": w["agreement"].pk}),
    "actions:agreement_delete": (FORM, lambda w: {"pk": w["agreement"].pk}),
    "actions:commit": (FORM, lambda w: {"pk": w["agreement"].pk}),
    "actions:update_create": (FORM, lambda w: {"pk": w["agreement"].pk}),
    "actions:wish_create": (FORM, lambda w: {}),
    "actions:wish_edit": (FORM, lambda w: {"pk": w["wish"].pk}),
    "actions:wish_choose": (FORM, lambda w: {"pk": w["wish"].pk}),
    "actions:voting": (FORM, lambda w: {}),
    "actions:followup_plan": (FORM, lambda w: {}),
    "actions:links": (FORM, lambda w: {}),
    "actions:wish_merge": (ACTION, lambda w: {"pk": w["wish"].pk}),
}


def post_data(world):
    p = world["person"].pk
    return {
        "text": "Als we nu eens",
        "what": "Iets anders",
        "owners": [p],
        "people": [p],
        "person": p,
        "raised_by": [p],
        "committed_on": "2030-01-01",
        "status": "under_way",
        "votes": "2",
        "into": world["wish2"].pk,
        "dots_per_person": "5",
        "is_open": "on",
        "first_date": "2030-01-08",
        "start_time": "13:30",
        "interval_weeks": "6",
    }


@pytest.fixture
def world(trajectory, manager, outsider):
    from weefwerk.actions.tests.factories import make_organisation

    person = make_person(trajectory, "Sanne de Vries", make_organisation(trajectory))
    meeting = services.followup_meetings_ensure(trajectory)[0]
    return {
        "trajectory": trajectory,
        "manager": manager,
        "outsider": outsider,
        "outsider_trajectory": make_trajectory(user=outsider, name="Van een ander"),
        "person": person,
        "meeting": meeting,
        "wish": make_wish(trajectory),
        "wish2": make_wish(trajectory, "Een spreekuur op school"),
        "agreement": make_agreement(trajectory, owners=[person]),
    }


def snapshot():
    models = (ChangeWish, Agreement, Commitment, ActionUpdate, WishVoting)
    return {m: list(m.objects.order_by("pk").values_list()) for m in models}


def url(name, world, trajectory_id=None):
    kwargs = {"trajectory_id": trajectory_id or world["trajectory"].pk}
    kwargs.update(PAGES[name][1](world))
    return reverse(name, kwargs=kwargs)


def test_every_actions_url_is_listed():
    from weefwerk.actions import urls

    names = {f"actions:{p.name}" for p in urls.urlpatterns}
    assert names == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_manager_reads_but_never_writes(world, name):
    kind = PAGES[name][0]
    client = Client()
    client.force_login(world["manager"])
    target = url(name, world)
    assert client.get(target).status_code == {READ: 200, FORM: 403, ACTION: 405}[kind]
    before = snapshot()
    assert client.post(target, post_data(world)).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(PAGES))
def test_non_member_gets_404(world, name):
    client = Client()
    client.force_login(world["outsider"])
    before = snapshot()
    targets = [(url(name, world), {404})]
    if PAGES[name][1](world):
        # Their own trajectory's id with this trajectory's objects: not found (or 405 for a
        # method the page does not have, before it looks anything up).
        targets.append((url(name, world, world["outsider_trajectory"].pk), {404, 405}))
    for target, allowed in targets:
        assert client.get(target).status_code in allowed, target
        assert client.post(target, post_data(world)).status_code in allowed, target
    assert snapshot() == before


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_goes_to_login(world, name):
    response = Client().get(url(name, world))
    assert response.status_code == 302 and "/account/" in response["Location"]


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in PAGES.items() if kind != ACTION))
def test_facilitator_opens_every_page(world, facilitator_client, name):
    assert facilitator_client.get(url(name, world)).status_code == 200


@pytest.mark.parametrize(
    "name", sorted(n for n, (kind, _) in PAGES.items() if kind != READ and n != "actions:links")
)
def test_facilitator_post_writes(world, facilitator_client, name):
    before = snapshot()
    data = post_data(world)
    if name == "actions:wish_edit":
        data["status"] = "dropped"
    response = facilitator_client.post(url(name, world), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert snapshot() != before or name == "actions:followup_plan"
