"""A rich held session of our own (attendance, groups, notes with clusters and votes, a photo,
a network with a snapshot, a case, wishes, an agreement, homework, feedback and a next
session), so the report tests do not depend on what the demo holds."""

import io
from datetime import date, datetime, time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from weefwerk.actions.models import Agreement, ChangeWish
from weefwerk.cases.models import Case, CaseDiscussion
from weefwerk.grouping.models import Attendance, Group, GroupMember, GroupRound
from weefwerk.networkmap.models import Connection, Element
from weefwerk.networkmap.services import snapshot_take
from weefwerk.people.models import Organisation, Person
from weefwerk.planning.models import AgendaItem, FeedbackResponse, Homework
from weefwerk.trajectories.models import Meeting
from weefwerk.workshop import services as workshop


@pytest.fixture(autouse=True)
def clean_cache_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def aware(day, hour=13, minute=30):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def png_upload(name="flip-over.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (320, 200), (250, 240, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture
def rich(trajectory):
    """A dict with the trajectory's held session ("meeting") and what hangs on it."""
    domains = {d.name: d for d in trajectory.domains.all()}
    domain_names = list(domains)
    food = Organisation.objects.create(trajectory=trajectory, name="Voedselbank Testdorp")
    food.domains.add(domains[domain_names[0]])
    debt = Organisation.objects.create(trajectory=trajectory, name="Schuldhulp Testdorp")
    debt.domains.add(domains[domain_names[1]])
    sanne = Person.objects.create(
        trajectory=trajectory, name="Sanne de Vries", organisation=food, email="sanne@v.example"
    )
    ahmed = Person.objects.create(
        trajectory=trajectory, name="Ahmed Bakker", organisation=debt, email="ahmed@v.example"
    )
    lotte = Person.objects.create(
        trajectory=trajectory, name="Lotte Smit", organisation=debt, email="lotte@v.example"
    )
    boss = Person.objects.create(
        trajectory=trajectory,
        name="Ria Baas",
        organisation=debt,
        email="ria@v.example",
        is_manager=True,
        inform_channel="email",
        inform_frequency="every_session",
    )

    meeting = Meeting.objects.create(
        trajectory=trajectory,
        number=3,
        title="Stap 3: casuïstiek",
        starts_at=aware(date(2030, 3, 12)),
        location="Buurthuis De Schakel",
    )
    upcoming = Meeting.objects.create(
        trajectory=trajectory,
        number=4,
        title="Stap 4: wat motiveert?",
        starts_at=aware(date(2030, 4, 2)),
        location="Bibliotheek",
        goal="Samen ontdekken wat ons drijft.",
    )
    welcome = AgendaItem.objects.create(
        meeting=meeting, position=0, title="Welkom en koffie", minutes=15, kind="welcome"
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Casusbespreking in groepjes",
        minutes=60,
        kind="assignment",
        group_max_size=4,
        assignment={
            "type": "categorised_notes",
            "categories": ["Motivatoren", "Belemmeringen"],
            "questions": ["Wat helpt en wat hindert?"],
            "mode": "plenary",
        },
    )
    for person, status in ((sanne, "present"), (ahmed, "present"), (lotte, "absent")):
        Attendance.objects.create(meeting=meeting, person=person, status=status)

    round_ = GroupRound.objects.create(agenda_item=item, status="held", max_size=4)
    group = Group.objects.create(round=round_, number=1)
    GroupMember.objects.create(group=group, person=sanne)
    GroupMember.objects.create(group=group, person=ahmed)

    (assignment,) = workshop.assignments_from_item(item=item)
    assignment = workshop.assignment_control(assignment=assignment, action="open")
    anna = workshop.participant_join(meeting=meeting, person=sanne)
    note = workshop.note_add(
        assignment=assignment,
        participant=anna,
        text="Korte lijntjes met de school",
        category="Motivatoren",
    )
    workshop.note_add(
        assignment=assignment,
        participant=anna,
        text="Wachtlijst bij de schuldhulp",
        category="Belemmeringen",
    )
    cluster = workshop.cluster_add(assignment=assignment, name="Samenwerking")
    workshop.note_move(note=note, cluster=cluster)
    photo = workshop.photo_add(
        assignment=assignment, uploaded=png_upload(), caption="Flip-over van groep 1"
    )

    school = Element.objects.create(trajectory=trajectory, kind="organisation", label="Basisschool")
    bank = Element.objects.create(trajectory=trajectory, kind="organisation", label="Voedselbank")
    Connection.objects.create(trajectory=trajectory, source=school, target=bank)
    snapshot = snapshot_take(trajectory=trajectory, meeting=meeting, name="Na stap 3")
    later = Element.objects.create(trajectory=trajectory, kind="table", label="Armoedeoverleg")
    Connection.objects.create(trajectory=trajectory, source=later, target=bank)

    case = Case.objects.create(
        trajectory=trajectory, title="Moeder met drie banen", description="Een fictieve casus."
    )
    CaseDiscussion.objects.create(
        case=case,
        meeting=meeting,
        group_label="Groep 1",
        needed="Huisartsenpraktijk Bosrand\nStichting Thuisbasis",
    )
    wish = ChangeWish.objects.create(
        trajectory=trajectory,
        text="Als we nu eens één loket hadden",
        meeting=meeting,
        votes=4,
        status=ChangeWish.Status.CHOSEN,
    )
    agreement = Agreement.objects.create(
        trajectory=trajectory,
        what="Eén loket bij het buurthuis",
        from_wish=wish,
        due_date=date(2030, 6, 1),
    )
    agreement.owners.set([ahmed])
    agreement.organisations.set([debt])
    Homework.objects.create(
        meeting=meeting, title="Neem een casus mee", text="Schrijf een casus zonder namen."
    )
    FeedbackResponse.objects.create(
        meeting=meeting, useful=5, met_new_people=4, pace=3, atmosphere=5, comment="Fijne sfeer"
    )
    meeting.status = Meeting.Status.HELD
    meeting.save()
    return {
        "trajectory": trajectory,
        "meeting": meeting,
        "next": upcoming,
        "welcome": welcome,
        "photo": photo,
        "snapshot": snapshot,
        "agreement": agreement,
        "manager": boss,
        "people": [sanne, ahmed, lotte],
        "organisations": [food, debt],
    }
