import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from weefwerk.planning import followup_services as services
from weefwerk.planning.followup_selectors import feedback_summary
from weefwerk.planning.models import FeedbackResponse
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.tests.factories import MeetingFactory

GOOD = {"useful": "4", "met_new_people": "5", "pace": "3", "atmosphere": "5", "comment": ""}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def meeting(trajectory):
    return MeetingFactory(trajectory=trajectory, number=3, title="Stap 3: het netwerk in kaart")


def form_url(meeting):
    return reverse("planning_public:feedback", args=[meeting.feedback_token])


def results_url(meeting):
    return reverse("planning:feedback_results", args=[meeting.trajectory_id, meeting.pk])


def test_the_form_has_a_labelled_radio_group_per_scale(client, meeting):
    page = client.get(form_url(meeting))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert html.count("<fieldset") == 4
    assert html.count("<legend") == 4
    assert "Hoe nuttig was deze bijeenkomst?" in html
    assert "1 – helemaal niet" in html and "5 – heel erg" in html
    for name in FeedbackResponse.SCALES:
        for value in range(1, 6):
            assert f'--checkbox" for="id_{name}_{value - 1}">' in html
    assert '<label class="utrecht-form-label" for="id_comment">' in html


def test_anonymous_feedback_is_saved_and_thanked(client, meeting):
    response = client.post(form_url(meeting), {**GOOD, "comment": "Fijne middag!"})
    thanks = reverse("planning_public:feedback_thanks", args=[meeting.feedback_token])
    assert response.status_code == 302
    assert response["Location"] == thanks
    saved = FeedbackResponse.objects.get(meeting=meeting)
    assert (saved.useful, saved.met_new_people, saved.pace, saved.atmosphere) == (4, 5, 3, 5)
    assert saved.comment == "Fijne middag!"
    assert "Dank je wel!" in client.get(thanks).content.decode()


@pytest.mark.parametrize("bad", ["0", "6", "-1", "drie", ""])
def test_values_outside_one_to_five_are_refused_and_the_form_keeps_the_input(client, meeting, bad):
    data = {**GOOD, "pace": bad, "comment": "Te snel gegaan"}
    response = client.post(form_url(meeting), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een getal van 1 tot en met 5." in html
    assert "Niet alles is goed ingevuld" in html
    assert 'id="id_pace_error"' in html and 'aria-describedby=" id_pace_error"' in html
    # What was typed and chosen is still there.
    assert "Te snel gegaan" in html
    assert 'name="useful" value="4" id="id_useful_3" class="utrecht-radio-button' in html
    assert (
        'id="id_useful_3" class="utrecht-radio-button utrecht-radio-button--html-input" checked'
        in html
    )
    assert not FeedbackResponse.objects.exists()


def test_one_response_per_browser(client, meeting):
    client.post(form_url(meeting), GOOD)
    again = client.get(form_url(meeting))
    assert again.status_code == 200
    assert "Dank je, je hebt je feedback al gegeven" in again.content.decode()
    second = client.post(form_url(meeting), GOOD)
    assert second.status_code == 409
    assert FeedbackResponse.objects.count() == 1
    # Another browser (a phone of someone else) can still answer.
    other = Client()
    assert other.post(form_url(meeting), GOOD).status_code == 302
    assert FeedbackResponse.objects.count() == 2


def test_a_forged_cookie_does_not_block(client, meeting):
    client.cookies[f"weefwerk_feedback_{meeting.pk}"] = str(meeting.pk)
    assert "Hoe was de bijeenkomst?" in client.get(form_url(meeting)).content.decode()


def test_cancelled_session_refuses_feedback(client, meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    page = client.get(form_url(meeting))
    assert page.status_code == 200
    assert "Deze bijeenkomst is afgelast" in page.content.decode()
    assert 'name="useful"' not in page.content.decode()
    response = client.post(form_url(meeting), GOOD)
    assert response.status_code == 409
    assert not FeedbackResponse.objects.exists()
    with pytest.raises(services.FeedbackRefused):
        services.feedback_submit(meeting=meeting, useful=3, met_new_people=3, pace=3, atmosphere=3)


def test_unknown_token_gives_a_friendly_404(client, meeting):
    for token in ["onzin", meeting.feedback_token + "x"]:
        url = reverse("planning_public:feedback", args=[token])
        response = client.get(url)
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()
        assert client.post(url, GOOD).status_code == 404
    assert not FeedbackResponse.objects.exists()


def test_rate_limit_per_session(meeting, trajectory, monkeypatch):
    monkeypatch.setattr(services, "FEEDBACK_PER_MINUTE", 3)
    for _ in range(3):
        assert Client().post(form_url(meeting), GOOD).status_code == 302
    refused = Client().post(form_url(meeting), {**GOOD, "comment": "Nog een"})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Probeer het over een minuut opnieuw" in html
    assert "Nog een" in html
    assert FeedbackResponse.objects.count() == 3
    # Another session is not affected.
    other = MeetingFactory(trajectory=trajectory, number=4, title="Stap 4")
    assert Client().post(form_url(other), GOOD).status_code == 302


def test_default_limit_is_thirty_a_minute(meeting):
    answers = {"useful": 3, "met_new_people": 3, "pace": 3, "atmosphere": 3}
    for _ in range(30):
        services.feedback_submit(meeting=meeting, **answers)
    with pytest.raises(services.FeedbackRefused) as refused:
        services.feedback_submit(meeting=meeting, **answers)
    assert refused.value.status == 429
    assert FeedbackResponse.objects.count() == 30


def _respond(meeting, useful, met, pace, atmosphere, comment=""):
    FeedbackResponse.objects.create(
        meeting=meeting,
        useful=useful,
        met_new_people=met,
        pace=pace,
        atmosphere=atmosphere,
        comment=comment,
    )


def test_summary_averages_and_distribution(meeting):
    _respond(meeting, 5, 4, 3, 5, "Goed georganiseerd")
    _respond(meeting, 4, 4, 2, 5)
    _respond(meeting, 3, 1, 3, 4, "Meer pauze graag")
    summary = feedback_summary(meeting)
    assert summary.count == 3
    by_name = {scale.name: scale for scale in summary.scales}
    assert by_name["useful"].average == pytest.approx(4.0)
    assert by_name["met_new_people"].average == pytest.approx(3.0)
    assert by_name["pace"].average == pytest.approx(8 / 3)
    assert by_name["atmosphere"].distribution == [
        (1, 0, 0),
        (2, 0, 0),
        (3, 0, 0),
        (4, 1, 33),
        (5, 2, 67),
    ]
    assert sorted(summary.comments) == ["Goed georganiseerd", "Meer pauze graag"]


def test_summary_without_responses(meeting):
    summary = feedback_summary(meeting)
    assert summary.count == 0
    assert all(scale.average is None for scale in summary.scales)


def test_editor_sees_results_with_link_and_qr(facilitator_client, meeting):
    _respond(meeting, 5, 4, 3, 5, "Goed georganiseerd")
    _respond(meeting, 4, 4, 2, 4)
    page = facilitator_client.get(results_url(meeting))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    assert "2 reacties" in html
    assert "Gemiddeld 4,5" in html  # useful: (5 + 4) / 2, written the Dutch way
    assert "Goed georganiseerd" in html
    assert f"http://testserver{form_url(meeting)}" in html
    assert "<svg" in html
    screen = facilitator_client.get(
        reverse("planning:feedback_screen", args=[meeting.trajectory_id, meeting.pk])
    )
    assert screen.status_code == 200
    assert "<svg" in screen.content.decode()


def test_results_are_for_editors_only(client, manager, project_member, outsider, meeting):
    client.force_login(project_member)
    assert client.get(results_url(meeting)).status_code == 200
    client.force_login(manager)
    assert client.get(results_url(meeting)).status_code == 403
    screen = reverse("planning:feedback_screen", args=[meeting.trajectory_id, meeting.pk])
    assert client.get(screen).status_code == 403
    client.force_login(outsider)
    assert client.get(results_url(meeting)).status_code == 404
    assert client.get(screen).status_code == 404
    client.logout()
    assert client.get(results_url(meeting)).status_code == 302
