"""Builds the demo trajectory from ``data``. Safe to run again: it replaces the old demo."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from weefwerk.demo import data
from weefwerk.people.models import Organisation, Person
from weefwerk.planning.services import trajectory_start
from weefwerk.trajectories.models import Role, Trajectory
from weefwerk.trajectories.services import member_add

DEMO_EMAIL = "gespreksleider@lindeveen.example"
MANAGER_EMAIL = "leidinggevende@lindeveen.example"
DEMO_PASSWORD = "weefwerk-demo"  # noqa: S105 - fictional demo account, printed on purpose


@transaction.atomic
def build_demo(*, today=None) -> Trajectory:
    User = get_user_model()
    facilitator, _ = User.objects.get_or_create(
        email=DEMO_EMAIL, defaults={"full_name": "Anouk Verbeek"}
    )
    facilitator.set_password(DEMO_PASSWORD)
    facilitator.save()
    Trajectory.objects.filter(name=data.TRAJECTORY["name"]).delete()

    trajectory = trajectory_start(user=facilitator, region=data.REGION, **data.TRAJECTORY)
    manager = member_add(
        trajectory=trajectory, email=MANAGER_EMAIL, role=Role.MANAGER, full_name="Ruud Hagedoorn"
    ).user
    manager.set_password(DEMO_PASSWORD)
    manager.save()

    _schedule_meetings(trajectory, today or timezone.localdate())
    organisations = _add_organisations(trajectory)
    _add_people(trajectory, organisations)
    return trajectory


def _schedule_meetings(trajectory, today):
    """The template sessions on a Tuesday two weeks from now, then every three weeks."""
    first = today + timedelta(days=14 + (1 - today.weekday()) % 7)
    for index, meeting in enumerate(trajectory.meetings.order_by("number")):
        day = first + timedelta(weeks=3 * index)
        start_time = time(13, 30) if meeting.number else time(10, 0)  # team meets mornings
        meeting.starts_at = timezone.make_aware(datetime.combine(day, start_time))
        meeting.location = data.LOCATIONS[bool(meeting.number)]
        meeting.save(update_fields=["starts_at", "location"])


def _add_organisations(trajectory):
    domains = {d.name: d for d in trajectory.domains.all()}
    organisations = {}
    for name, (domain_names, formal, description) in data.ORGANISATIONS.items():
        organisation = Organisation.objects.create(
            trajectory=trajectory, name=name, is_formal=formal, description=description
        )
        organisation.domains.set(domains[d] for d in domain_names)
        organisations[name] = organisation
    return organisations


def _add_people(trajectory, organisations):
    expert_domain = trajectory.domains.get(name="Ervaringsdeskundigheid")
    for name, organisation, function, roles in data.PEOPLE:
        roles = set(roles.split())
        channel, frequency = data.MANAGER_WISHES.get(name, ("", ""))
        local = name.lower().replace(" ", ".")
        person = Person.objects.create(
            trajectory=trajectory,
            name=name,
            organisation=organisations.get(organisation),
            function=function,
            email=f"{local}@voorbeeld.example",
            shares_contact=len(name) % 2 == 0,
            is_fixed_participant="fixed" in roles,
            is_project_team="team" in roles,
            is_expert="expert" in roles,
            expert_trained="trained" in roles,
            is_manager="manager" in roles,
            inform_channel=channel,
            inform_frequency=frequency,
        )
        if person.is_expert:
            person.domains.add(expert_domain)
