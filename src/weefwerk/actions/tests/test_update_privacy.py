"""Progress reports go through the cases app's privacy check, on the owner's link and for the
project team: nothing is saved until the spots are removed or confirmed one by one."""

import re

from django.urls import reverse

from weefwerk.actions import links
from weefwerk.actions.models import ActionStatus, ActionUpdate
from weefwerk.actions.tests.factories import make_agreement
from weefwerk.cases import privacy

VALID_BSN = "111222333"  # passes the elfproef


def tokens(response) -> list[str]:
    html = response.content.decode()
    return re.findall(rf'name="{privacy.CONFIRM_FIELD}" value="([0-9a-f]+)"', html)


def test_a_report_through_the_link_with_a_bsn_is_not_saved(client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    url = reverse("actions_public:report", args=[links.person_token(sanne), agreement.pk])
    data = {
        "status": ActionStatus.UNDER_WAY,
        "what_i_did": f"Het gezin ({VALID_BSN}) doorverwezen.",
        "what_i_need": "Sanne de Vries en Ahmed Bakker moeten meedenken.",  # names are fine
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert not ActionUpdate.objects.exists()
    html = response.content.decode()
    assert "Staan hier persoonsgegevens in?" in html
    assert "In je voortgang mag niemand een inwoner of gezin kunnen herkennen." in html
    assert "{#" not in html and "PrivacyCheckMixin" not in html  # no template comments shown
    assert re.search(rf"<mark[^>]*>{VALID_BSN}<", html)
    assert f"Het gezin ({VALID_BSN}) doorverwezen.</textarea>" in html  # the text is kept
    found = tokens(response)
    assert len(found) == 1  # only the BSN: the names of the trajectory's people are normal

    response = client.post(url, {**data, "what_i_did": "Het gezin doorverwezen."})
    assert response.status_code == 302
    assert ActionUpdate.objects.get().what_i_did == "Het gezin doorverwezen."


def test_the_team_confirms_a_finding_and_the_report_is_saved(facilitator_client, trajectory, sanne):
    agreement = make_agreement(trajectory, owners=[sanne])
    url = reverse("actions:update_create", args=[trajectory.pk, agreement.pk])
    data = {
        "person": sanne.pk,
        "status": ActionStatus.STUCK,
        "what_not_yet_and_why": "De balie van het fonds belt 030 123 4567 niet terug.",
    }
    response = facilitator_client.post(url, data)
    assert response.status_code == 200  # the form again
    assert not ActionUpdate.objects.exists()
    found = tokens(response)
    assert len(found) == 1
    response = facilitator_client.post(url, {**data, privacy.CONFIRM_FIELD: found})
    assert response.status_code == 302
    assert ActionUpdate.objects.get().status == ActionStatus.STUCK
