"""The managers' update: the daily command follows each manager's rhythm and never sends twice;
the project team's page and Verstuur; the personal link without an account."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from weefwerk.reports import links, updates
from weefwerk.reports.models import ManagerUpdate
from weefwerk.reports.render import DOCX_TYPE, PDF_TYPE
from weefwerk.reports.tests.conftest import aware
from weefwerk.reports.tests.helpers import pdf_text, word, word_text
from weefwerk.trajectories.models import Meeting, Trajectory


def run(day: str, base_url="https://ww.example"):
    call_command("send_manager_updates", "--date", day, "--base-url", base_url)


@pytest.fixture
def boss(rich):
    return rich["manager"]


def test_every_session_sends_once_per_newly_held_session(rich, boss):
    run("2030-03-13")
    assert [m.to for m in mail.outbox] == [["ria@v.example"]]
    message = mail.outbox[0]
    assert rich["trajectory"].name in message.subject
    assert "https://ww.example/voor-leidinggevenden/" in message.body
    run("2030-03-13")
    run("2030-03-20")
    assert len(mail.outbox) == 1
    assert ManagerUpdate.objects.get().key == f"session-{rich['meeting'].pk}"

    upcoming = rich["next"]
    upcoming.status = Meeting.Status.HELD
    upcoming.save()
    run("2030-04-03")
    run("2030-04-03")
    assert len(mail.outbox) == 2
    assert ManagerUpdate.objects.filter(key=f"session-{upcoming.pk}").count() == 1


def test_nothing_before_the_first_held_session(trajectory):
    from weefwerk.actions.tests.factories import make_person

    make_person(
        trajectory,
        "Ria Baas",
        is_manager=True,
        inform_channel="email",
        inform_frequency="every_session",
    )
    Meeting.objects.create(
        trajectory=trajectory, number=1, title="Stap 1", starts_at=aware(date(2030, 3, 1))
    )
    run("2030-03-13")
    assert mail.outbox == []


def test_monthly_and_quarterly(rich, boss):
    trajectory = rich["trajectory"]
    trajectory.status = Trajectory.Status.RUNNING
    trajectory.save()
    boss.inform_frequency = "monthly"
    boss.save()
    run("2030-03-13")
    run("2030-03-28")
    assert len(mail.outbox) == 1
    run("2030-04-01")
    assert len(mail.outbox) == 2

    boss.inform_frequency = "quarterly"
    boss.save()
    run("2030-04-02")
    run("2030-06-30")
    assert len(mail.outbox) == 3  # one for the second quarter
    run("2030-07-01")
    assert len(mail.outbox) == 4
    assert set(ManagerUpdate.objects.values_list("key", flat=True)) == {
        "month-2030-03",
        "month-2030-04",
        "quarter-2030-2",
        "quarter-2030-3",
    }


def test_monthly_waits_while_preparing_and_stops_when_closed(rich, boss):
    trajectory = rich["trajectory"]
    boss.inform_frequency = "monthly"
    boss.save()
    assert trajectory.status == Trajectory.Status.PREPARING
    run("2030-03-13")
    assert mail.outbox == []
    trajectory.status = Trajectory.Status.CLOSED
    trajectory.save()
    run("2030-03-13")
    assert mail.outbox == []


def test_at_end_only_when_closed_and_once(rich, boss):
    trajectory = rich["trajectory"]
    boss.inform_frequency = "at_end"
    boss.save()
    run("2030-03-13")
    assert mail.outbox == []
    trajectory.status = Trajectory.Status.CLOSED
    trajectory.save()
    run("2030-12-01")
    run("2030-12-02")
    assert len(mail.outbox) == 1 and ManagerUpdate.objects.get().key == "end"


def test_no_mail_for_a_conversation_or_without_an_address(rich, boss):
    boss.inform_channel = "meeting"
    boss.save()
    run("2030-03-13")
    assert mail.outbox == []
    boss.inform_channel = "email"
    boss.email = ""
    boss.save()
    run("2030-03-13")
    assert mail.outbox == [] and not ManagerUpdate.objects.exists()


def test_a_failed_mail_is_tried_again(rich, boss, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(updates, "send_mail", refuse)
    result = updates.send_manager_updates(today=date(2030, 3, 13))
    assert result.failed == 1 and not ManagerUpdate.objects.exists()
    monkeypatch.undo()
    result = updates.send_manager_updates(today=date(2030, 3, 13))
    assert len(result.sent) == 1 and len(mail.outbox) == 1


def test_the_team_page_lists_managers_and_sends(facilitator_client, rich, boss):
    t = rich["trajectory"].pk
    html = facilitator_client.get(reverse("reports:managers", args=[t])).content.decode()
    assert "Ria Baas" in html and "Na elke bijeenkomst" in html and "nog nooit" in html
    preview = facilitator_client.get(reverse("reports:manager", args=[t, boss.pk]))
    assert preview.status_code == 200 and "Wat is er nodig?" in preview.content.decode()
    for name, kind in (("reports:manager_pdf", PDF_TYPE), ("reports:manager_docx", DOCX_TYPE)):
        response = facilitator_client.get(reverse(name, args=[t, boss.pk]))
        assert response.status_code == 200 and response["Content-Type"] == kind

    response = facilitator_client.post(reverse("reports:manager_send", args=[t, boss.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/voor-leidinggevenden/" in mail.outbox[0].body
    update = ManagerUpdate.objects.get()
    assert update.reason == "manual"
    html = facilitator_client.get(reverse("reports:managers", args=[t])).content.decode()
    assert "nog nooit" not in html
    # A manual update does not stop the rhythm's own update.
    run("2030-03-13")
    assert len(mail.outbox) == 2


def test_team_pages_are_for_the_project_team(client, manager, rich, boss):
    client.force_login(manager)
    t = rich["trajectory"].pk
    assert client.get(reverse("reports:managers", args=[t])).status_code == 403
    assert client.get(reverse("reports:manager", args=[t, boss.pk])).status_code == 403
    assert client.post(reverse("reports:manager_send", args=[t, boss.pk])).status_code == 403
    assert mail.outbox == []


def test_the_personal_link_works_without_an_account(rich, boss):
    client = Client()
    path = links.manager_path(boss)
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ria Baas" in html and "Eén loket bij het buurthuis" in html
    pdf = client.get(path + "bericht.pdf")
    assert pdf["Content-Type"] == PDF_TYPE and "Wat is er nodig?" in pdf_text(pdf.content)
    docx = client.get(path + "bericht.docx")
    assert docx["Content-Type"] == DOCX_TYPE and "Hoe staat het traject ervoor?" in word_text(
        word(docx.content)
    )


def test_broken_or_foreign_links_do_not_work(rich, boss):
    from weefwerk.trajectories.tests.factories import make_trajectory

    client = Client()
    token = links.manager_token(boss)
    assert client.get(links.manager_path(boss)[:-5] + "xxxx/").status_code == 404
    # A token signed for another trajectory's person does not open this one.
    other = make_trajectory(name="Ander traject")
    forged = links.signing.dumps({"p": boss.pk, "t": other.pk}, salt=links.MANAGER_SALT)
    assert client.get(reverse("reports_public:manager_link", args=[forged])).status_code == 404
    assert client.get(reverse("reports_public:manager_link", args=[token])).status_code == 200
    boss.is_manager = False
    boss.save()
    assert client.get(links.manager_path(boss)).status_code == 404
