"""A manager's personal link to their update, without an account.

Like the personal links of the actions app (``actions/links.py``): a signed token naming one
person, with a salt of its own so no other link opens this page, and a changed token is
refused. The link only works while the person is a manager of the trajectory.
"""

from django.core import signing
from django.urls import reverse

from weefwerk.people.models import Person

MANAGER_SALT = "weefwerk.reports.manager"


def manager_token(person: Person) -> str:
    return signing.dumps({"p": person.pk, "t": person.trajectory_id}, salt=MANAGER_SALT)


def manager_for_token(token: str, trajectory_id: int | None = None) -> Person | None:
    """The manager the link belongs to; None for a broken, changed or outdated link."""
    try:
        data = signing.loads(token, salt=MANAGER_SALT)
        person_id, found_trajectory = int(data["p"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if trajectory_id is not None and found_trajectory != int(trajectory_id):
        return None
    return (
        Person.objects.select_related("trajectory", "organisation")
        .filter(pk=person_id, trajectory_id=found_trajectory, is_manager=True)
        .first()
    )


def manager_path(person: Person) -> str:
    return reverse("reports_public:manager_link", args=[manager_token(person)])
