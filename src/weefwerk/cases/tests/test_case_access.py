"""Who may see and change cases: members read, editors write, others get 404."""

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.cases import services
from weefwerk.cases.models import Case, CaseDiscussion
from weefwerk.trajectories.tests.factories import make_trajectory

pytestmark = pytest.mark.django_db

KEY = "moeder-met-twee-banen"


@pytest.fixture
def case(trajectory):
    return Case.objects.create(trajectory=trajectory, title="Casus", description="Tekst")


@pytest.fixture
def discussion(case):
    return CaseDiscussion.objects.create(case=case, group_label="Groep 1", needed="Huisarts")


def urls(trajectory, case, discussion):
    t, c, d = trajectory.pk, case.pk, discussion.pk
    read = [
        reverse("cases:list", args=[t]),
        reverse("cases:examples", args=[t]),
        reverse("cases:detail", args=[t, c]),
        reverse("cases:discussion", args=[t, c, d]),
    ]
    forms = [
        reverse("cases:create", args=[t]),
        reverse("cases:edit", args=[t, c]),
        reverse("cases:delete", args=[t, c]),
        reverse("cases:discussion_create", args=[t, c]),
        reverse("cases:discussion_edit", args=[t, c, d]),
        reverse("cases:discussion_delete", args=[t, c, d]),
    ]
    return read, forms, reverse("cases:example_use", args=[t, KEY])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def state():
    return (
        list(Case.objects.values_list()),
        list(CaseDiscussion.objects.values_list()),
    )


def test_manager_reads_but_never_writes(manager, trajectory, case, discussion):
    read, forms, use = urls(trajectory, case, discussion)
    client = client_for(manager)
    before = state()
    for url in read:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Voorbeeldcasus gebruiken" not in html and "Nieuwe casus" not in html
        assert client.post(url, {"actie": "toevoegen", "regel": "0"}).status_code == 403, url
    for url in forms:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"title": "X", "description": "Y"}).status_code == 403, url
    assert client.get(use).status_code == 405
    assert client.post(use).status_code == 403
    assert state() == before


def test_project_team_writes(project_member, trajectory, case):
    client = client_for(project_member)
    response = client.post(reverse("cases:example_use", args=[trajectory.pk, KEY]))
    assert response.status_code == 302
    assert Case.objects.filter(is_example=True).count() == 1


def test_non_member_gets_404(outsider, trajectory, case, discussion):
    read, forms, use = urls(trajectory, case, discussion)
    client = client_for(outsider)
    before = state()
    for url in [*read, *forms, use]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "X", "description": "Y"}).status_code == 404, url
    assert state() == before


def test_own_trajectory_with_another_trajectorys_ids_gives_404(outsider, case, discussion):
    own = make_trajectory(user=outsider, name="Eigen traject")
    client = client_for(outsider)
    for name, args in [
        ("cases:detail", [case.pk]),
        ("cases:edit", [case.pk]),
        ("cases:delete", [case.pk]),
        ("cases:discussion_create", [case.pk]),
        ("cases:discussion", [case.pk, discussion.pk]),
        ("cases:discussion_edit", [case.pk, discussion.pk]),
        ("cases:discussion_delete", [case.pk, discussion.pk]),
    ]:
        url = reverse(name, args=[own.pk, *args])
        assert client.get(url).status_code == 404, url
        # A read-only page may refuse the method before looking up the object (405).
        assert client.post(url, {"title": "X"}).status_code in {404, 405}, url


def test_anonymous_goes_to_login(client, trajectory, case, discussion):
    read, forms, use = urls(trajectory, case, discussion)
    for url in [*read, *forms, use]:
        response = client.post(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]


def test_example_copy_service_is_scoped(trajectory):
    case = services.example_case_copy(trajectory=trajectory, key=KEY)
    assert case.trajectory == trajectory
