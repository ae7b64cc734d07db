"""Writes about trajectories, their sessions, domains and members."""

from django.contrib.auth import get_user_model
from django.db import transaction

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


def domain_create(*, trajectory: Trajectory, name: str) -> Domain:
    last = trajectory.domains.order_by("-position").first()
    return Domain.objects.create(
        trajectory=trajectory, name=name.strip(), position=(last.position + 1) if last else 0
    )


@transaction.atomic
def member_add(*, trajectory: Trajectory, email: str, role: str, full_name: str = "") -> Membership:
    """Give a user (created when new, without a usable password) a role in the trajectory."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        email=email.strip().lower(), defaults={"full_name": full_name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership, _ = Membership.objects.update_or_create(
        trajectory=trajectory, user=user, defaults={"role": role}
    )
    return membership


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
