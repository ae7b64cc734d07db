"""Personal links without an account: a signed token that names one person.

The same approach as the homework links of planning: ``signing.dumps`` with a salt of its own,
so a token for homework does not open this page, and a changed token is refused.
"""

from urllib.parse import quote

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from weefwerk.people.models import Person

PERSON_SALT = "weefwerk.actions.person"


def person_token(person: Person) -> str:
    return signing.dumps({"p": person.pk, "t": person.trajectory_id}, salt=PERSON_SALT)


def person_for_token(token: str) -> Person | None:
    """The person the link belongs to; None for a broken, changed or outdated link."""
    try:
        data = signing.loads(token, salt=PERSON_SALT)
        person_id, trajectory_id = int(data["p"]), int(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (
        Person.objects.select_related("trajectory", "organisation")
        .filter(pk=person_id, trajectory_id=trajectory_id)
        .first()
    )


def person_path(person: Person) -> str:
    return reverse("actions_public:person", args=[person_token(person)])


def person_mailto(person: Person, url: str) -> str:
    subject = _("Jouw afspraken in %(trajectory)s") % {"trajectory": person.trajectory.name}
    body = _(
        "Beste %(name)s,\n\nVia deze persoonlijke link zie je jouw afspraken. Je kunt er ook "
        "vertellen hoe het gaat:\n%(url)s\n\nDeel deze link niet met anderen.\n"
    ) % {"name": person.name, "url": url}
    return f"mailto:{quote(person.email, safe='@')}?subject={quote(subject)}&body={quote(body)}"
