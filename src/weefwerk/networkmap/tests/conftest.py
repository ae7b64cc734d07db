import pytest

from weefwerk.networkmap import services
from weefwerk.networkmap.models import ConnectionKind, ElementKind, MemberRole
from weefwerk.people.models import Organisation, Person


@pytest.fixture
def network(trajectory):
    """A small network: two organisations, a person working at one, a table with members."""
    domain = trajectory.domains.first()
    voedselbank = Organisation.objects.create(trajectory=trajectory, name="Voedselbank")
    school = Organisation.objects.create(trajectory=trajectory, name="De Regenboog")
    sanne = Person.objects.create(trajectory=trajectory, name="Sanne Jansen", organisation=school)
    org_a = services.element_create(
        trajectory=trajectory,
        kind=ElementKind.ORGANISATION,
        label="Voedselbank",
        organisation=voedselbank,
        domains=[domain],
        tags=["voedsel"],
    )
    org_b = services.element_create(
        trajectory=trajectory,
        kind=ElementKind.ORGANISATION,
        label="De Regenboog",
        organisation=school,
    )
    person = services.element_create(
        trajectory=trajectory, kind=ElementKind.PERSON, label="Sanne Jansen", person=sanne
    )
    table = services.element_create(
        trajectory=trajectory,
        kind=ElementKind.TABLE,
        label="Wijkteamoverleg",
        rhythm="elke maand",
        missing_note="De huisarts ontbreekt.",
    )
    services.member_add(group=table, member=org_a, role=MemberRole.CHAIR)
    services.member_add(group=table, member=person, role=MemberRole.MEMBER)
    works = services.connection_create(
        trajectory=trajectory,
        source=org_a,
        target=org_b,
        kind=ConnectionKind.WORKS_WITH,
        strength=3,
        note="Samen een ontbijtproject",
    )
    services.positions_save(
        services.default_map(trajectory), {org_a.pk: (10, 20), org_b.pk: (-5.5, 3)}
    )
    return {
        "domain": domain,
        "org_a": org_a,
        "org_b": org_b,
        "person": person,
        "table": table,
        "works": works,
        "sanne": sanne,
    }
