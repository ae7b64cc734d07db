"""Helpers for tests of the actions app (also usable from tests/test_access.py)."""

from weefwerk.actions import services
from weefwerk.actions.models import Agreement, ChangeWish
from weefwerk.people.models import Organisation, Person


def make_person(trajectory, name="Sanne de Vries", organisation=None, **fields) -> Person:
    fields.setdefault("email", f"{name.split()[0].lower()}@voorbeeld.example")
    return Person.objects.create(
        trajectory=trajectory, name=name, organisation=organisation, **fields
    )


def make_organisation(trajectory, name="Voedselbank Testdorp") -> Organisation:
    return Organisation.objects.create(trajectory=trajectory, name=name)


def make_wish(trajectory, text="Als we nu eens brieven niet meer op vrijdag versturen", **kw):
    return services.wish_create(trajectory=trajectory, text=text, **kw)


def make_agreement(trajectory, owners=None, what="Brieven niet meer op vrijdag", **fields):
    agreement = Agreement.objects.create(trajectory=trajectory, what=what, **fields)
    if owners is None:
        owners = [trajectory.people.first() or make_person(trajectory, "Tim Trekker")]
    agreement.owners.set(owners)
    return agreement


__all__ = ["ChangeWish", "make_agreement", "make_organisation", "make_person", "make_wish"]
