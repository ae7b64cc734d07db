"""Reads for homework and feedback: personal links, answers and the feedback summary."""

from dataclasses import dataclass, field
from urllib.parse import quote

import segno
from django.core import signing
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils.translation import gettext as _

from weefwerk.people.models import Person
from weefwerk.planning.models import FeedbackResponse, Homework, HomeworkAnswer
from weefwerk.trajectories.models import Meeting

HOMEWORK_SALT = "weefwerk.planning.homework-answer"


# --------------------------------------------------------------------------------------------
# Homework


def homework_token(homework: Homework, person: Person) -> str:
    """The secret part of a person's answer link. Signed, so it cannot be changed or guessed."""
    return signing.dumps({"h": homework.pk, "p": person.pk}, salt=HOMEWORK_SALT)


def homework_for_token(token: str) -> tuple[Homework, Person] | None:
    """The homework and person a link belongs to; None for a broken or changed link."""
    try:
        data = signing.loads(token, salt=HOMEWORK_SALT)
        homework_id, person_id = int(data["h"]), int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    homework = Homework.objects.select_related("meeting__trajectory").filter(pk=homework_id).first()
    if homework is None:
        return None
    # The person must (still) belong to the same trajectory as the homework.
    person = Person.objects.filter(pk=person_id, trajectory=homework.meeting.trajectory).first()
    if person is None:
        return None
    return homework, person


def homework_answer_for(homework: Homework, person: Person) -> HomeworkAnswer | None:
    return HomeworkAnswer.objects.filter(homework=homework, person=person).first()


def meeting_homework(meeting: Meeting):
    """The session's homework, each with ``answer_count``."""
    return meeting.homework.annotate(answer_count=Count("answers")).order_by("due_date", "pk")


@dataclass
class PersonLink:
    person: Person
    url: str
    mailto: str
    answer: HomeworkAnswer | None


def homework_links(homework: Homework, build_absolute_uri) -> list[PersonLink]:
    """A personal answer link per person of the trajectory, with a ready e-mail and the answer."""
    answers = {a.person_id: a for a in homework.answers.all()}
    links = []
    people = homework.meeting.trajectory.people.select_related("organisation").order_by("name")
    for person in people:
        url = build_absolute_uri(
            reverse("planning_public:homework_answer", args=[homework_token(homework, person)])
        )
        links.append(
            PersonLink(
                person=person,
                url=url,
                mailto=_mailto(person, homework, url),
                answer=answers.get(person.pk),
            )
        )
    return links


def _mailto(person: Person, homework: Homework, url: str) -> str:
    subject = _("Huiswerk: %(title)s") % {"title": homework.title}
    body = _(
        "Beste %(name)s,\n\nNa de bijeenkomst „%(meeting)s” is er huiswerk: %(title)s.\n"
        "Via deze persoonlijke link lees je de opdracht en geef je je antwoord:\n%(url)s\n\n"
        "Je kunt je antwoord later nog aanpassen met dezelfde link.\n"
    ) % {
        "name": person.name,
        "meeting": homework.meeting.title,
        "title": homework.title,
        "url": url,
    }
    return f"mailto:{quote(person.email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def homework_answers(homework: Homework):
    return homework.answers.select_related("person", "person__organisation").order_by(
        "person__name"
    )


# --------------------------------------------------------------------------------------------
# Feedback


def meeting_for_feedback_token(token: str) -> Meeting | None:
    if not token:
        return None
    return Meeting.objects.select_related("trajectory").filter(feedback_token=token).first()


@dataclass
class ScaleSummary:
    name: str
    label: str
    average: float | None
    # (value, count, percentage of the responses) for the values 1 to 5.
    distribution: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class FeedbackSummary:
    count: int
    scales: list[ScaleSummary]
    comments: list[str]


def feedback_summary(meeting: Meeting) -> FeedbackSummary:
    """Number of responses, the average and distribution of each scale, and the comments."""
    responses = FeedbackResponse.objects.filter(meeting=meeting)
    count = responses.count()
    averages = responses.aggregate(**{name: Avg(name) for name in FeedbackResponse.SCALES})
    scales = []
    for name in FeedbackResponse.SCALES:
        counts = dict(responses.values_list(name).annotate(n=Count("pk")).order_by())
        distribution = [
            (value, counts.get(value, 0), round(100 * counts.get(value, 0) / count) if count else 0)
            for value in range(1, 6)
        ]
        scales.append(
            ScaleSummary(
                name=name,
                label=str(FeedbackResponse._meta.get_field(name).verbose_name),
                average=averages[name],
                distribution=distribution,
            )
        )
    comments = list(
        responses.exclude(comment="").order_by("-created_at").values_list("comment", flat=True)
    )
    return FeedbackSummary(count=count, scales=scales, comments=comments)


def feedback_url(meeting: Meeting, build_absolute_uri) -> str:
    return build_absolute_uri(reverse("planning_public:feedback", args=[meeting.feedback_token]))


def qr_svg(url: str, scale: int = 6) -> str:
    """An inline SVG QR code of ``url``, for the projector."""
    return segno.make(url, error="m").svg_inline(scale=scale, title=_("QR-code"))
