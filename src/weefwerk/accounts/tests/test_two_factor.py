"""Two-step verification with an authenticator app (TOTP through django-otp)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from weefwerk.accounts.tests.helpers import code_for, confirmed_device, log_in, wrong_code
from weefwerk.trajectories.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TWO_FACTOR = reverse("accounts:two_factor")
HOME = reverse("trajectories:list")


@pytest.fixture
def required(settings):
    settings.REQUIRE_2FA = True


def test_without_the_setting_and_without_an_app_no_code_is_asked(client, facilitator, settings):
    settings.REQUIRE_2FA = False
    assert log_in(client, facilitator.email).url == HOME
    assert client.get(HOME).status_code == 200


def test_required_facilitator_links_an_app_and_goes_on(client, facilitator, trajectory, required):
    overview = reverse("trajectories:overview", args=[trajectory.pk])
    log_in(client, facilitator.email)
    response = client.get(overview)
    assert response.status_code == 302
    assert response.url.startswith(TWO_FACTOR)
    assert "next=" in response.url

    page = client.get(response.url)
    html = page.content.decode()
    assert "<svg" in html  # the QR code
    assert "Geheime sleutel" in html
    device = TOTPDevice.objects.get(user=facilitator, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")

    response = client.post(response.url, {"token": code_for(device), "next": overview})
    assert response.status_code == 302
    assert response.url == overview
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(overview).status_code == 200


def test_setup_page_keeps_the_same_secret_between_visits(client, facilitator, required):
    client.force_login(facilitator)
    first = client.get(TWO_FACTOR).context["secret"]
    assert client.get(TWO_FACTOR).context["secret"] == first
    assert TOTPDevice.objects.filter(user=facilitator).count() == 1


def test_administrators_must_link_an_app_too(client, required):
    admin = UserFactory(is_staff=True)
    client.force_login(admin)
    assert client.get(HOME).url.startswith(TWO_FACTOR)


def test_readers_are_not_asked_even_when_required(client, manager, required):
    client.force_login(manager)
    assert client.get(HOME).status_code == 200


def test_a_linked_app_asks_for_a_code_after_each_login(client, manager, settings):
    settings.REQUIRE_2FA = False  # anyone who linked an app uses it
    device = confirmed_device(manager)
    for _ in range(2):
        response = log_in(client, manager.email)
        assert client.get(HOME).url.startswith(TWO_FACTOR)
        page = client.get(TWO_FACTOR)
        assert page.context["mode"] == "verify"
        assert "<svg" not in page.content.decode()
        response = client.post(TWO_FACTOR, {"token": code_for(device)})
        assert response.url == HOME
        assert client.get(HOME).status_code == 200
        client.post(reverse("accounts:logout"))


def test_a_wrong_code_shows_a_dutch_error_and_keeps_the_user_out(client, manager):
    device = confirmed_device(manager)
    log_in(client, manager.email)
    response = client.post(TWO_FACTOR, {"token": wrong_code(device)})
    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get(HOME).url.startswith(TWO_FACTOR)


def test_letters_are_no_code(client, manager):
    confirmed_device(manager)
    client.force_login(manager)
    response = client.post(TWO_FACTOR, {"token": "abcdef"})
    assert "Deze code klopt niet" in response.content.decode()


def test_many_wrong_codes_are_slowed_down(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)
    client.post(TWO_FACTOR, {"token": wrong_code(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Within the waiting time even the right code is refused, with its own message.
    totp_code = code_for(device)
    device.throttling_failure_count = 3
    from django.utils import timezone

    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = client.post(TWO_FACTOR, {"token": totp_code})
    assert "te vaak een verkeerde code" in response.content.decode()
    assert client.get(HOME).url.startswith(TWO_FACTOR)


def test_the_code_page_does_not_send_users_elsewhere(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)
    response = client.post(
        f"{TWO_FACTOR}?next=https://kwaadwillend.example/",
        {"token": code_for(device), "next": "https://kwaadwillend.example/"},
    )
    assert response.url == HOME


def test_logout_and_account_pages_stay_open_before_the_code(client, manager):
    confirmed_device(manager)
    client.force_login(manager)
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.post(reverse("accounts:logout")).url == reverse("accounts:login")


def test_admin_is_closed_without_the_second_factor(client, required):
    admin = UserFactory(is_staff=True, is_superuser=True)
    log_in(client, admin.email)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response.url.startswith(TWO_FACTOR)
    assert client.get("/beheer/accounts/user/").url.startswith(TWO_FACTOR)

    client.get(TWO_FACTOR)  # makes the pending device
    device = TOTPDevice.objects.get(user=admin)
    client.post(TWO_FACTOR, {"token": code_for(device), "next": "/beheer/"})
    assert client.get("/beheer/").status_code == 200


def test_admin_with_a_linked_app_needs_the_code_even_when_not_required(client, settings):
    settings.REQUIRE_2FA = False
    admin = UserFactory(is_staff=True, is_superuser=True)
    device = confirmed_device(admin)
    log_in(client, admin.email)
    assert client.get("/beheer/").url.startswith(TWO_FACTOR)
    client.post(TWO_FACTOR, {"token": code_for(device)})
    assert client.get("/beheer/").status_code == 200


def test_unlinking_needs_a_valid_code(client, manager):
    device = confirmed_device(manager)
    log_in(client, manager.email)
    client.post(TWO_FACTOR, {"token": code_for(device)})

    page = client.get(TWO_FACTOR)
    assert page.context["mode"] == "linked"
    assert "Ontkoppelen" in page.content.decode()

    response = client.post(TWO_FACTOR, {"token": wrong_code(device)})
    assert "Deze code klopt niet" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    response = client.post(TWO_FACTOR, {"token": code_for(device)}, follow=True)
    assert "De authenticator-app is ontkoppeld." in response.content.decode()
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    # Without an app and without the setting, nothing is asked any more.
    assert client.get(HOME).status_code == 200


def test_after_unlinking_a_required_user_links_a_new_app(client, facilitator, trajectory, required):
    device = confirmed_device(facilitator)
    log_in(client, facilitator.email)
    client.post(TWO_FACTOR, {"token": code_for(device)})
    client.post(TWO_FACTOR, {"token": code_for(device)})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client.get(HOME).url.startswith(TWO_FACTOR)
    assert client.get(TWO_FACTOR).context["mode"] == "setup"


def test_the_two_factor_page_needs_a_login(client, db):
    response = client.get(TWO_FACTOR)
    assert response.url.startswith(reverse("accounts:login"))
