"""Login throttling with django-axes: five wrong passwords lock the address for an hour."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from weefwerk.accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db


def fail(client, email, times):
    return [log_in(client, email, "verkeerd-wachtwoord") for _ in range(times)]


def is_logged_in(client):
    return client.get(reverse("trajectories:list")).wsgi_request.user.is_authenticated


def test_five_wrong_passwords_lock_the_account(client, facilitator):
    assert settings.AXES_FAILURE_LIMIT == 5
    responses = fail(client, facilitator.email, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    locked = responses[4]
    assert locked.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in locked.templates]
    assert "Te vaak geprobeerd" in locked.content.decode()
    assert AccessAttempt.objects.filter(username=facilitator.email).exists()


def test_the_right_password_does_not_help_while_locked(client, facilitator):
    fail(client, facilitator.email, 5)
    response = log_in(client, facilitator.email)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_changing_the_case_of_the_address_does_not_give_extra_tries(client, facilitator):
    fail(client, facilitator.email, 3)
    responses = fail(client, facilitator.email.upper(), 2)
    assert responses[-1].status_code == 429


def test_a_lock_is_per_address_and_client(client, facilitator, manager):
    fail(client, facilitator.email, 5)
    assert log_in(client, manager.email).status_code == 302
    other_client_response = log_in(client.__class__(REMOTE_ADDR="10.0.0.7"), facilitator.email)
    assert other_client_response.status_code == 302


def test_success_resets_the_count(client, facilitator):
    fail(client, facilitator.email, 4)
    assert log_in(client, facilitator.email).status_code == 302
    client.post(reverse("accounts:logout"))
    responses = fail(client, facilitator.email, 4)
    assert responses[-1].status_code == 200
    assert log_in(client, facilitator.email).status_code == 302


def test_the_admin_login_is_throttled_too(client, db):
    from weefwerk.trajectories.tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(5):
        response = client.post(url, {"username": admin.email, "password": "fout"})
    assert response.status_code == 429
