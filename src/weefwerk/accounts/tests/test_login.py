import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from weefwerk.accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db


def logged_in_user(client):
    return client.get(reverse("trajectories:list")).wsgi_request.user


def test_user_logs_in_with_email_and_password(client, facilitator):
    response = log_in(client, facilitator.email)
    assert response.status_code == 302
    assert response.url == reverse("trajectories:list")
    assert logged_in_user(client) == facilitator


def test_email_address_is_not_case_sensitive(client, facilitator):
    response = log_in(client, f"  {facilitator.email.upper()}")
    assert response.status_code == 302
    assert logged_in_user(client) == facilitator


def test_wrong_password_shows_a_dutch_error_and_keeps_the_address(client, facilitator):
    response = log_in(client, facilitator.email, "verkeerd-wachtwoord")
    assert response.status_code == 200
    assert "Het e-mailadres of wachtwoord klopt niet" in response.content.decode()
    assert facilitator.email in response.content.decode()
    assert not logged_in_user(client).is_authenticated


def test_unknown_address_gets_the_same_error(client, db):
    response = log_in(client, "niemand@voorbeeld.example")
    assert "Het e-mailadres of wachtwoord klopt niet" in response.content.decode()


def test_inactive_user_cannot_log_in(client, facilitator):
    facilitator.is_active = False
    facilitator.save()
    response = log_in(client, facilitator.email)
    assert response.status_code == 200
    assert not logged_in_user(client).is_authenticated


def test_invited_user_without_password_cannot_log_in(client, db):
    user = get_user_model().objects.create_user("uitgenodigd@voorbeeld.example")
    assert not user.has_usable_password()
    response = log_in(client, user.email, "")
    assert response.status_code == 200
    assert not logged_in_user(client).is_authenticated


def test_login_follows_a_safe_next_link_only(client, facilitator, trajectory):
    overview = reverse("trajectories:overview", args=[trajectory.pk])
    response = client.post(
        f"{reverse('accounts:login')}?next={overview}",
        {"username": facilitator.email, "password": "geheim-wachtwoord-123", "next": overview},
    )
    assert response.url == overview
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"),
        {
            "username": facilitator.email,
            "password": "geheim-wachtwoord-123",
            "next": "https://kwaadwillend.example/",
        },
    )
    assert response.url == reverse("trajectories:list")


def test_pages_need_a_login(client, trajectory):
    response = client.get(reverse("trajectories:overview", args=[trajectory.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_login_page_is_dutch_and_sends_logged_in_users_on(client, facilitator):
    response = client.get(reverse("accounts:login"))
    assert 'lang="nl"' in response.content.decode()
    assert "Inloggen bij Weefwerk" in response.content.decode()
    client.force_login(facilitator)
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 302


def test_logout_is_a_post(client, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.url == reverse("accounts:login")
    assert not logged_in_user(client).is_authenticated


def test_user_model_uses_email_as_login_name(db):
    User = get_user_model()
    user = User.objects.create_user("Fenna@Voorbeeld.Example", "geheim-wachtwoord-123")
    assert user.email == "fenna@voorbeeld.example"
    assert str(user) == "fenna@voorbeeld.example"
    user.full_name = "Fenna de Vries"
    assert str(user) == user.get_full_name() == "Fenna de Vries"
    assert User.objects.get_by_natural_key("FENNA@voorbeeld.example") == user
    admin = User.objects.create_superuser("beheer@voorbeeld.example", "geheim-wachtwoord-123")
    assert admin.is_staff and admin.is_superuser
    with pytest.raises(ValueError):
        User.objects.create_user("")
