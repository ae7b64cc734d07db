"""Writes about trajectories, their sessions, domains and members."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weefwerk.trajectories.domains import DEFAULT_DOMAINS
from weefwerk.trajectories.models import Domain, Meeting, Membership, Role, Trajectory


@transaction.atomic
def trajectory_create(*, user, **fields) -> Trajectory:
    """A new trajectory with its creator as facilitator and the default list of domains."""
    trajectory = Trajectory.objects.create(**fields)
    Membership.objects.create(trajectory=trajectory, user=user, role=Role.FACILITATOR)
    Domain.objects.bulk_create(
        Domain(trajectory=trajectory, name=str(name), position=index)
        for index, name in enumerate(DEFAULT_DOMAINS)
    )
    return trajectory


def meeting_create(*, trajectory: Trajectory, **fields) -> Meeting:
    meeting = Meeting(trajectory=trajectory, **fields)
    meeting.full_clean()
    meeting.save()
    return meeting


# A change in any of these must reach calendars that already hold the session.
CALENDAR_FIELDS = ("starts_at", "planned_minutes", "location", "title", "status")


@transaction.atomic
def meeting_update(meeting: Meeting, *, calendar_changed: bool = False, **fields) -> Meeting:
    """Save a session; when its date, time, length, location, title or status changes, raise
    ``calendar_sequence`` so calendar programs update the event instead of adding a second one.

    Compares with the stored row, not with ``meeting`` itself: a ModelForm has already copied
    the new values onto its instance when the form was validated. ``calendar_changed`` says
    that something else in the event changed (the agenda in its description): the sequence
    goes up then too, still once per save.
    """
    stored = (
        Meeting.objects.select_for_update()
        .filter(pk=meeting.pk)
        .values("calendar_sequence", *CALENDAR_FIELDS)
        .first()
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    if stored is not None:
        meeting.calendar_sequence = stored["calendar_sequence"]
        if calendar_changed or any(
            getattr(meeting, name) != stored[name] for name in CALENDAR_FIELDS
        ):
            meeting.calendar_sequence += 1
    meeting.save()
    from weefwerk.networkmap.services import snapshot_for_meeting  # no import cycle

    snapshot_for_meeting(meeting)  # a session marked held freezes the network map once
    return meeting


def domain_create(*, trajectory: Trajectory, name: str) -> Domain:
    last = trajectory.domains.order_by("-position").first()
    return Domain.objects.create(
        trajectory=trajectory, name=name.strip(), position=(last.position + 1) if last else 0
    )


class LastFacilitatorError(ValidationError):
    """A trajectory always keeps at least one facilitator."""

    def __init__(self):
        super().__init__(
            _(
                "Dit is de enige gespreksleider van het traject. Maak eerst iemand anders "
                "gespreksleider."
            ),
            code="last_facilitator",
        )


def _check_keeps_a_facilitator(membership: Membership, new_role: str | None) -> None:
    """Raise when ``membership`` is the last facilitator and would lose that role."""
    if membership.pk is None or new_role == Role.FACILITATOR:
        return
    current = Membership.objects.select_for_update().get(pk=membership.pk)
    if current.role != Role.FACILITATOR:
        return
    others = (
        Membership.objects.select_for_update()
        .filter(trajectory_id=current.trajectory_id, role=Role.FACILITATOR)
        .exclude(pk=current.pk)
    )
    if not others.exists():
        raise LastFacilitatorError


@transaction.atomic
def member_add(*, trajectory: Trajectory, email: str, role: str, full_name: str = "") -> Membership:
    """Give a user (created when new, without a usable password) a role in the trajectory.

    A user who is already a member gets the new role, unless they are the last facilitator.
    """
    User = get_user_model()
    email = email.strip()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User(email=User.objects.normalize_email(email).lower(), full_name=full_name.strip())
        user.set_unusable_password()
        user.save()
    membership = Membership.objects.filter(trajectory=trajectory, user=user).first()
    if membership is None:
        return Membership.objects.create(trajectory=trajectory, user=user, role=role)
    return member_change_role(membership=membership, role=role)


@transaction.atomic
def member_change_role(*, membership: Membership, role: str) -> Membership:
    _check_keeps_a_facilitator(membership, role)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    _check_keeps_a_facilitator(membership, None)
    membership.delete()


def save_fields(instance, **fields):
    """Assign plain fields and many-to-many sets from a form's cleaned data, then save."""
    many = {}
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance
