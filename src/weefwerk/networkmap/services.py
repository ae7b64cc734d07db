"""Writes to the network map. Views, imports and the phone form all go through these."""

import dataclasses
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from weefwerk.networkmap import conversion
from weefwerk.networkmap.models import (
    Connection,
    ConnectionKind,
    Direction,
    Element,
    ElementKind,
    ImportBatch,
    MemberRole,
    NetworkMap,
    Position,
    Snapshot,
    Status,
)
from weefwerk.trajectories.models import Meeting
from weefwerk.trajectories.services import domain_create, save_fields


def element_create(*, trajectory, domains=(), **fields) -> Element:
    element = Element(trajectory=trajectory, **fields)
    element.full_clean()
    element.save()
    if domains:
        element.domains.set(domains)
    return element


def element_update(element: Element, **fields) -> Element:
    """Save changed fields. A new kind drops the type an imported file gave the element."""
    if "kind" in fields and fields["kind"] != _stored(element, "kind"):
        element.kind_in_file = None
    return save_fields(element, **fields)


def _stored(instance, name):
    """The value in the database (a ModelForm has already changed the instance)."""
    if instance.pk is None:
        return None
    return type(instance).objects.filter(pk=instance.pk).values_list(name, flat=True).first()


def element_delete(element: Element) -> None:
    element.delete()  # its connections and positions go with it


def connection_create(*, trajectory, source: Element, target: Element, **fields) -> Connection:
    if source.trajectory_id != trajectory.pk or target.trajectory_id != trajectory.pk:
        raise ValueError("Both ends of a connection belong to the same trajectory.")
    connection = Connection(trajectory=trajectory, source=source, target=target, **fields)
    connection.full_clean()
    connection.save()
    return connection


def connection_update(connection: Connection, **fields) -> Connection:
    """Save changed fields. A new kind or strength drops what an imported file said about it."""
    extra = dict(connection.extra or {})
    for name, keys in (("kind", ["kind_in_file"]), ("custom_kind", ["kind_in_file"])):
        if name in fields and fields[name] != _stored(connection, name):
            for key in keys:
                extra.pop(key, None)
    if "strength" in fields and fields["strength"] != _stored(connection, "strength"):
        extra.pop("strength", None)
    if extra != (connection.extra or {}):
        connection.extra = extra
    return save_fields(connection, **fields)


def connection_delete(connection: Connection) -> None:
    connection.delete()


def default_map(trajectory) -> NetworkMap:
    network_map = trajectory.network_maps.first()
    if network_map is None:
        network_map = NetworkMap.objects.create(trajectory=trajectory)
    return network_map


def map_chosen(trajectory, value) -> NetworkMap | None:
    """The map named by ``?kaart=<id>``, or the first one; ``None`` when there is none yet
    (reading never creates a map). An id of another trajectory counts as no choice."""
    maps = trajectory.network_maps.order_by("pk")
    if value and str(value).isdigit():
        chosen = maps.filter(pk=int(value)).first()
        if chosen is not None:
            return chosen
    return maps.first()


@transaction.atomic
def map_create(trajectory, *, name: str, copy_from: NetworkMap | None = None) -> NetworkMap:
    """A new view of the same network. With ``copy_from`` it starts with that map's places;
    without, the map page lays it out the first time it is opened."""
    network_map = NetworkMap.objects.create(trajectory=trajectory, name=name)
    if copy_from is not None:
        Position.objects.bulk_create(
            Position(map=network_map, element_id=element_id, x=x, y=y)
            for element_id, x, y in copy_from.positions.values_list("element_id", "x", "y")
        )
    return network_map


def map_delete(network_map: NetworkMap) -> None:
    """Removes a map and its places; the network itself stays. The last map stays too."""
    others = NetworkMap.objects.filter(trajectory_id=network_map.trajectory_id).exclude(
        pk=network_map.pk
    )
    if not others.exists():
        raise ValidationError(_("Dit is de enige kaart. Die kan niet weg."))
    network_map.delete()


@transaction.atomic
def positions_save(network_map: NetworkMap, positions: dict[int, tuple[float, float]]) -> int:
    """Stores x/y per element id; ids of other trajectories are ignored. Returns the count."""
    known = set(
        Element.objects.filter(
            trajectory_id=network_map.trajectory_id, pk__in=list(positions)
        ).values_list("pk", flat=True)
    )
    rows = [
        Position(map=network_map, element_id=pk, x=float(x), y=float(y))
        for pk, (x, y) in positions.items()
        if pk in known
    ]
    Position.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["map", "element"],
        update_fields=["x", "y"],
    )
    return len(rows)


# --------------------------------------------------------------------------------------------
# Import from a file (through the interchange engine), all or nothing


class ImportApplyError(Exception):
    """The import could not be written; nothing was saved. The message is for the user."""


@dataclass(frozen=True)
class ImportResult:
    elements_created: int = 0
    elements_updated: int = 0
    connections_created: int = 0
    connections_updated: int = 0
    positions: int = 0
    domains_created: int = 0


BATCH_LIFETIME = timedelta(days=1)


def import_batch_create(*, trajectory, user, filename: str, format: str, network) -> ImportBatch:  # noqa: A002
    """Keep a read network until the user confirms it; batches older than a day go."""
    ImportBatch.objects.filter(created_at__lt=timezone.now() - BATCH_LIFETIME).delete()
    return ImportBatch.objects.create(
        trajectory=trajectory,
        created_by=user,
        filename=filename[:255],
        format=format[:40],
        network=conversion.network_to_json(network),
    )


def import_cancel(batch: ImportBatch) -> None:
    if batch.status == ImportBatch.Status.PENDING:
        batch.delete()


@transaction.atomic
def import_apply(batch: ImportBatch) -> ImportResult:
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PENDING:
        raise ImportApplyError(_("Deze import is al uitgevoerd."))
    network = conversion.network_from_json(batch.network)
    result = network_import(trajectory=batch.trajectory, network=network)
    batch.status = ImportBatch.Status.DONE
    batch.applied_at = timezone.now()
    batch.save(update_fields=["status", "applied_at"])
    return result


def _link_records(trajectory, element: Element) -> None:
    """Link a new organisation or person element to the record with the same name."""
    name = element.label.strip()
    if element.kind == ElementKind.ORGANISATION and element.organisation_id is None:
        found = list(trajectory.organisations.filter(name__iexact=name)[:2])
        if len(found) == 1:
            element.organisation = found[0]
    elif element.kind == ElementKind.PERSON and element.person_id is None:
        found = list(trajectory.people.filter(name__iexact=name)[:2])
        if len(found) == 1:
            element.person = found[0]


def _check(instance, what: str) -> None:
    try:
        instance.full_clean(exclude=["trajectory", "source", "target"])
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise ImportApplyError(
            _("%(what)s kan niet worden opgeslagen: %(details)s")
            % {"what": what, "details": details}
        ) from error


@transaction.atomic
def network_import(*, trajectory, network) -> ImportResult:
    """Merge the engine's ``network`` into the trajectory: everything or, on any error, nothing.

    Elements match on their id in the file (our external id), then on label and kind;
    connections on their id, then on their ends and kind (see ``conversion.plan_network``).
    The file's first map gives the positions on the default map; other maps become maps of
    their own (matched on name).
    """
    plan = conversion.plan_network(trajectory, network)
    if plan.errors:
        raise ImportApplyError(" ".join(plan.errors))
    domains = {d.name.lower(): d for d in trajectory.domains.all()}
    for name in plan.new_domains:
        domains[name.lower()] = domain_create(trajectory=trajectory, name=name)

    file_elements: dict[str, Element] = {}
    counts = {"elements_created": 0, "elements_updated": 0}
    new_elements: list[tuple[Element, list[str]]] = []
    for item in plan.elements:
        if item.existing is None:
            element = Element(trajectory=trajectory, external_id=item.file_id, **item.values)
            _link_records(trajectory, element)
            _check(element, _("Element „%(name)s”") % {"name": item.label})
            new_elements.append((element, item.domains))
            counts["elements_created"] += 1
        else:
            element = item.existing
            for name, value in conversion.merged_element_values(element, item.values).items():
                setattr(element, name, value)
            if not element.external_id:
                element.external_id = item.file_id
            _check(element, _("Element „%(name)s”") % {"name": item.label})
            element.save()
            if item.domains:
                element.domains.add(*[domains[name.lower()] for name in item.domains])
            counts["elements_updated"] += 1
        file_elements[item.file_id] = element
    Element.objects.bulk_create([element for element, _names in new_elements], batch_size=500)
    through = Element.domains.through
    through.objects.bulk_create(
        [
            through(element_id=element.pk, domain_id=domains[name.lower()].pk)
            for element, names in new_elements
            for name in dict.fromkeys(n.lower() for n in names)
        ],
        batch_size=500,
    )

    connection_counts = {"connections_created": 0, "connections_updated": 0}
    new_connections = []
    for item in plan.connections:
        source, target = file_elements[item.source], file_elements[item.target]
        if source.pk == target.pk:
            continue  # two file elements merged into one: no tie to itself
        what = _("Verbinding „%(name)s”") % {"name": f"{source.label} → {target.label}"}
        if item.existing is None:
            connection = Connection(
                trajectory=trajectory,
                source=source,
                target=target,
                external_id=item.file_id,
                **item.values,
            )
            _check(connection, what)
            new_connections.append(connection)
            connection_counts["connections_created"] += 1
        else:
            connection = item.existing
            for name, value in conversion.merged_connection_values(connection, item.values).items():
                setattr(connection, name, value)
            if not connection.external_id:
                connection.external_id = item.file_id
            _check(connection, what)
            connection.save()
            connection_counts["connections_updated"] += 1
    Connection.objects.bulk_create(new_connections, batch_size=500)

    positions = 0
    first = default_map(trajectory)
    for index, file_map in enumerate(network.maps):
        if index == 0:
            network_map = first
        else:
            network_map = trajectory.network_maps.filter(name=file_map.name or file_map.id).first()
            if network_map is None:
                network_map = NetworkMap.objects.create(
                    trajectory=trajectory, name=(file_map.name or file_map.id)[:200]
                )
        settings = dict(network_map.settings or {})
        settings["file"] = {
            **settings.get("file", {}),
            "id": file_map.id,
            "description": file_map.description,
            "extra": file_map.extra,
        }
        if index == 0:
            settings["file"].update(
                network_description=network.description,
                network_extra=network.extra,
                field_definitions=_merged_definitions(
                    settings["file"].get("field_definitions", []), network.field_definitions
                ),
            )
        elif file_map.name:
            network_map.name = file_map.name[:200]
        network_map.settings = settings
        network_map.save()
        positions += positions_save(
            network_map,
            {
                file_elements[element_id].pk: (position.x, position.y)
                for element_id, position in file_map.positions.items()
                if element_id in file_elements
            },
        )
    return ImportResult(
        **counts,
        **connection_counts,
        positions=positions,
        domains_created=len(plan.new_domains),
    )


def _merged_definitions(old: list[dict], new) -> list[dict]:
    by_name = {definition["name"]: definition for definition in old}
    for definition in new:
        by_name[definition.name] = dataclasses.asdict(definition)
    return list(by_name.values())


# --------------------------------------------------------------------------------------------
# Elements for the trajectory's own organisations and people

# Decision: a person's affiliation is a connection of our own kind "werkt bij" from the person
# to the organisation (directed, strength 3). "Takes part in" is for tables and programmes and
# "works with" is collaboration between equals; neither says "is employed by".
AFFILIATION_KIND = "werkt bij"


@dataclass(frozen=True)
class SyncResult:
    organisations: int = 0
    people: int = 0
    affiliations: int = 0


@transaction.atomic
def elements_sync_records(*, trajectory) -> SyncResult:
    """Create an element for every organisation and person of the trajectory that has none, and
    a "werkt bij" tie from each person's element to their organisation's element."""
    org_elements = {
        e.organisation_id: e
        for e in Element.objects.filter(trajectory=trajectory, organisation__isnull=False)
    }
    created_orgs = 0
    for organisation in trajectory.organisations.prefetch_related("domains"):
        if organisation.pk in org_elements:
            continue
        kind = ElementKind.ORGANISATION if organisation.is_formal else ElementKind.INFORMAL
        org_elements[organisation.pk] = element_create(
            trajectory=trajectory,
            kind=kind,
            label=organisation.name[:200],
            description=organisation.description,
            organisation=organisation,
            domains=list(organisation.domains.all()),
        )
        created_orgs += 1
    person_elements = {
        e.person_id: e for e in Element.objects.filter(trajectory=trajectory, person__isnull=False)
    }
    created_people = 0
    affiliations = 0
    for person in trajectory.people.prefetch_related("domains"):
        element = person_elements.get(person.pk)
        if element is None:
            element = element_create(
                trajectory=trajectory,
                kind=ElementKind.PERSON,
                label=person.name[:200],
                description=person.function,
                person=person,
                domains=list(person.domains.all()),
            )
            created_people += 1
        organisation_element = org_elements.get(person.organisation_id)
        if organisation_element is not None and affiliation_ensure(
            person_element=element, organisation_element=organisation_element
        ):
            affiliations += 1
    return SyncResult(created_orgs, created_people, affiliations)


def affiliation_ensure(*, person_element: Element, organisation_element: Element) -> bool:
    """Add the "werkt bij" tie unless it is there; True when it was added."""
    exists = Connection.objects.filter(
        source=person_element,
        target=organisation_element,
        kind=ConnectionKind.CUSTOM,
        custom_kind=AFFILIATION_KIND,
    ).exists()
    if exists:
        return False
    connection_create(
        trajectory=person_element.trajectory,
        source=person_element,
        target=organisation_element,
        kind=ConnectionKind.CUSTOM,
        custom_kind=AFFILIATION_KIND,
        direction=Direction.DIRECTED,
        strength=3,
    )
    return True


# --------------------------------------------------------------------------------------------
# Members of consultation tables and programmes


def member_add(*, group: Element, member: Element, role: str = MemberRole.MEMBER, **fields):
    """``member`` takes part in ``group``; an existing tie gets the new role."""
    if not group.is_group:
        raise ValueError("Only tables and programmes have members.")
    connection = Connection.objects.filter(
        source=member, target=group, kind=ConnectionKind.TAKES_PART_IN
    ).first()
    if connection is not None:
        return connection_update(connection, role=role, **fields)
    return connection_create(
        trajectory=group.trajectory,
        source=member,
        target=group,
        kind=ConnectionKind.TAKES_PART_IN,
        role=role,
        **fields,
    )


def member_remove(connection: Connection) -> None:
    connection_delete(connection)


# --------------------------------------------------------------------------------------------
# Proposals from participants, and the project team's review


def participant_element(person) -> Element:
    """The person's own element: found by its link to the person, else created (active)."""
    element = (
        Element.objects.filter(trajectory_id=person.trajectory_id, person=person)
        .order_by("pk")
        .first()
    )
    if element is None:
        element = element_create(
            trajectory=person.trajectory,
            kind=ElementKind.PERSON,
            label=person.name[:200],
            description=person.function,
            person=person,
        )
    return element


class AnswerRefused(Exception):
    """The answer cannot be saved; the message is for the participant."""


@transaction.atomic
def answer_add(
    *,
    person,
    label: str,
    kinds,
    new_kind: str,
    connection_kind: str,
    custom_kind: str = "",
    role: str = "",
) -> tuple[Connection, bool]:
    """A participant says they are tied to the element named ``label`` (one of ``kinds``).

    An unknown name becomes a proposed element of ``new_kind``. The tie is a proposed connection
    reported by the person. Returns the connection and whether it is new.
    """
    label = " ".join(label.split())
    if not label:
        raise AnswerRefused(_("Vul een naam in."))
    trajectory = person.trajectory
    own = participant_element(person)
    target = (
        Element.objects.filter(trajectory=trajectory, kind__in=list(kinds), label__iexact=label)
        .exclude(pk=own.pk)
        .order_by("status", "pk")  # "active" sorts before "proposed"
        .first()
    )
    if target is None:
        target = element_create(
            trajectory=trajectory,
            kind=new_kind,
            label=label[:200],
            status=Status.PROPOSED,
            reported_by=person,
        )
    existing = Connection.objects.filter(
        source=own, target=target, kind=connection_kind, custom_kind=custom_kind
    ).first()
    if existing is not None:
        if role and existing.status == Status.PROPOSED and existing.reported_by_id == person.pk:
            connection_update(existing, role=role)
        return existing, False
    connection = connection_create(
        trajectory=trajectory,
        source=own,
        target=target,
        kind=connection_kind,
        custom_kind=custom_kind,
        role=role,
        status=Status.PROPOSED,
        reported_by=person,
    )
    return connection, True


@transaction.atomic
def answer_remove(*, person, connection: Connection) -> None:
    """A participant takes back an answer that the team has not reviewed yet. A proposed
    element they made goes too when nothing else uses it."""
    if connection.reported_by_id != person.pk or connection.status != Status.PROPOSED:
        raise AnswerRefused(_("Dit antwoord kun je niet meer weghalen."))
    target = connection.target
    connection.delete()
    unused = not (target.incoming.exists() or target.outgoing.exists())
    if target.status == Status.PROPOSED and target.reported_by_id == person.pk and unused:
        target.delete()


@transaction.atomic
def proposal_accept_connection(connection: Connection) -> None:
    """The tie joins the map, with its proposed ends."""
    for end in (connection.source, connection.target):
        if end.status == Status.PROPOSED:
            element_update(end, status=Status.ACTIVE)
    connection_update(connection, status=Status.ACTIVE)


def proposal_accept_element(element: Element) -> None:
    element_update(element, status=Status.ACTIVE)


def proposal_reject_connection(connection: Connection) -> None:
    connection_delete(connection)


def proposal_reject_element(element: Element) -> None:
    element_delete(element)  # its ties go with it


@transaction.atomic
def proposals_accept_all(*, trajectory) -> tuple[int, int]:
    elements = Element.objects.filter(trajectory=trajectory, status=Status.PROPOSED).update(
        status=Status.ACTIVE, updated_at=timezone.now()
    )
    connections = Connection.objects.filter(trajectory=trajectory, status=Status.PROPOSED).update(
        status=Status.ACTIVE, updated_at=timezone.now()
    )
    return elements, connections


@transaction.atomic
def element_merge(*, element: Element, into: Element) -> Element:
    """Fold ``element`` (often a proposal) into ``into``: its ties move over (ties that would
    double or point at itself are dropped), its domains and tags are added, then it goes."""
    if element.pk == into.pk or element.trajectory_id != into.trajectory_id:
        raise ValueError("Merge two different elements of one trajectory.")
    for connection in list(element.outgoing.all()) + list(element.incoming.all()):
        source = into if connection.source_id == element.pk else connection.source
        target = into if connection.target_id == element.pk else connection.target
        duplicate = Connection.objects.filter(
            source=source, target=target, kind=connection.kind, custom_kind=connection.custom_kind
        ).exclude(pk=connection.pk)
        if source.pk == target.pk or duplicate.exists():
            connection.delete()
            continue
        connection.source, connection.target = source, target
        connection.save(update_fields=["source", "target", "updated_at"])
    into.domains.add(*element.domains.all())
    tags = list(dict.fromkeys([*(into.tags or []), *(element.tags or [])]))
    if tags != (into.tags or []):
        into.tags = tags
        into.save(update_fields=["tags", "updated_at"])
    # Positions: keep those of ``into``; take the other's where ``into`` has none.
    for position in Position.objects.filter(element=element):
        if not Position.objects.filter(map=position.map, element=into).exists():
            position.element = into
            position.save(update_fields=["element"])
    element.delete()
    return into


# --------------------------------------------------------------------------------------------
# Snapshots


def snapshot_take(*, trajectory, name: str = "", meeting=None) -> Snapshot:
    from weefwerk.networkmap.selectors import network_state

    if not name:
        name = _("Momentopname van %(date)s") % {
            "date": date_format(timezone.localtime(), "j F Y, H:i")
        }
    return Snapshot.objects.create(
        trajectory=trajectory, meeting=meeting, name=name[:200], data=network_state(trajectory)
    )


def snapshot_for_meeting(meeting) -> Snapshot | None:
    """Called when a session is saved: freeze the network once when it is marked held."""
    if meeting.status != Meeting.Status.HELD or meeting.snapshots.exists():
        return None
    return snapshot_take(
        trajectory=meeting.trajectory,
        meeting=meeting,
        name=_("Na %(meeting)s") % {"meeting": meeting.title},
    )


def snapshot_rename(snapshot: Snapshot, *, name: str) -> Snapshot:
    snapshot.name = name[:200]
    snapshot.full_clean()
    snapshot.save(update_fields=["name"])
    return snapshot


def snapshot_delete(snapshot: Snapshot) -> None:
    snapshot.delete()
