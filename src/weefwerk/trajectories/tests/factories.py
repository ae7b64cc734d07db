import factory
from django.contrib.auth import get_user_model

from weefwerk.trajectories.models import Meeting, Membership, Role, Trajectory
from weefwerk.trajectories.services import trajectory_create


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.example")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_trajectory(*, user=None, role=Role.FACILITATOR, **fields) -> Trajectory:
    """A trajectory made the way the app makes one (default domains), with ``user`` in ``role``."""
    fields.setdefault("name", "Samen tegen kinderarmoede in Testdorp")
    fields.setdefault("municipality", "Testdorp")
    owner = user if role == Role.FACILITATOR and user else UserFactory()
    trajectory = trajectory_create(user=owner, **fields)
    if user is not None and role != Role.FACILITATOR:
        Membership.objects.create(trajectory=trajectory, user=user, role=role)
    return trajectory


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: n % 6)
    title = factory.LazyAttribute(lambda m: f"Stap {m.number}")
    planned_minutes = 150
