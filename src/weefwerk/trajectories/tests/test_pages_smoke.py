import pytest
from django.urls import reverse

from weefwerk.demo.build import build_demo


@pytest.mark.django_db
def test_demo_pages_render_for_the_facilitator(client):
    trajectory = build_demo()
    client.force_login(trajectory.memberships.get(role="facilitator").user)
    for name in ["overview", "edit", "meetings", "meeting_create", "domains", "members"]:
        response = client.get(reverse(f"trajectories:{name}", args=[trajectory.pk]))
        assert response.status_code == 200, name
    for name in ["organisations", "organisation_create", "people", "person_create"]:
        response = client.get(reverse(f"people:{name}", args=[trajectory.pk]))
        assert response.status_code == 200, name
    assert client.get(reverse("trajectories:list")).status_code == 200
