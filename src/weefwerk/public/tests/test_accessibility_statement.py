from datetime import date

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_statement_names_the_configured_contact_and_review_date(client, settings):
    settings.ACCESSIBILITY_CONTACT = "toegankelijkheid@lindeveen.example"
    settings.ACCESSIBILITY_REVIEWED = "2026-11-30"

    page = client.get(reverse("public:accessibility")).content.decode()

    assert 'href="mailto:toegankelijkheid@lindeveen.example"' in page
    assert "voldoet gedeeltelijk" in page
    assert "30 november 2026" in page


@pytest.mark.django_db
def test_statement_without_contact_points_to_the_administrator(client, settings):
    settings.ACCESSIBILITY_CONTACT = ""
    settings.ACCESSIBILITY_REVIEWED = date(2026, 12, 3).isoformat()

    page = client.get(reverse("public:accessibility")).content.decode()

    assert "beheerder van deze Weefwerk-omgeving" in page
    assert "mailto:" not in page.split("security.txt")[0]
