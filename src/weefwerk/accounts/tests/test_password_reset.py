"""Forgotten password (and first password for invited users) by e-mail."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from weefwerk.accounts.tests.helpers import log_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nieuw-lang-wachtwoord-42"


def request_link(client, email):
    return client.post(reverse("accounts:password_reset"), {"email": email})


def link_in(message) -> str:
    match = re.search(r"https?://[^\s]+/account/wachtwoord-instellen/[^\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def choose_password(client, link, password=NEW_PASSWORD):
    """Open the link (Django then swaps the token for a session) and save a password."""
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"], "the link should work"
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
    )


def test_full_flow_from_request_to_login(client, facilitator):
    response = request_link(client, facilitator.email)
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [facilitator.email]
    assert message.subject == "Kies een wachtwoord voor Weefwerk"
    assert "Open dan deze link" in message.body

    response = choose_password(client, link_in(message))
    assert response.url == reverse("accounts:password_reset_complete")
    assert "Uw wachtwoord is opgeslagen" in client.get(response.url).content.decode()

    assert log_in(client, facilitator.email, NEW_PASSWORD).status_code == 302
    assert client.get(reverse("trajectories:list")).wsgi_request.user == facilitator


def test_the_old_password_no_longer_works(client, facilitator):
    request_link(client, facilitator.email)
    choose_password(client, link_in(mail.outbox[0]))
    response = log_in(client, facilitator.email)
    assert response.status_code == 200


def test_a_link_works_once(client, facilitator):
    request_link(client, facilitator.email)
    link = link_in(mail.outbox[0])
    choose_password(client, link)
    page = client.get(link, follow=True)
    assert not page.context["validlink"]
    assert "Deze link werkt niet meer" in page.content.decode()


def test_a_made_up_link_does_not_work(client, facilitator):
    url = reverse("accounts:password_reset_confirm", args=["MQ", "verzonnen-token"])
    page = client.get(url, follow=True)
    assert "Deze link werkt niet meer" in page.content.decode()


def test_unknown_address_gets_the_same_page_and_no_mail(client, db):
    response = request_link(client, "onbekend@voorbeeld.example")
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_the_address_is_not_case_sensitive(client, facilitator):
    request_link(client, facilitator.email.upper())
    assert mail.outbox[0].to == [facilitator.email]


def test_invited_user_without_a_password_gets_a_link_too(client, db):
    user = get_user_model().objects.create_user("nieuw@voorbeeld.example")
    assert not user.has_usable_password()
    request_link(client, user.email)
    assert len(mail.outbox) == 1
    choose_password(client, link_in(mail.outbox[0]))
    assert log_in(client, user.email, NEW_PASSWORD).status_code == 302


def test_inactive_users_get_no_mail(client, facilitator):
    facilitator.is_active = False
    facilitator.save()
    request_link(client, facilitator.email)
    assert mail.outbox == []


def test_a_weak_password_is_refused_in_dutch(client, facilitator):
    request_link(client, facilitator.email)
    response = choose_password(client, link_in(mail.outbox[0]), password="kort")
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort" in response.content.decode()
