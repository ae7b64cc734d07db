"""Writes to the network map. Views, imports and the phone form all go through these."""

from django.db import transaction

from weefwerk.networkmap.models import Connection, Element, NetworkMap, Position
from weefwerk.trajectories.services import save_fields


def element_create(*, trajectory, domains=(), **fields) -> Element:
    element = Element(trajectory=trajectory, **fields)
    element.full_clean()
    element.save()
    if domains:
        element.domains.set(domains)
    return element


def element_update(element: Element, **fields) -> Element:
    return save_fields(element, **fields)


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
    return save_fields(connection, **fields)


def connection_delete(connection: Connection) -> None:
    connection.delete()


def default_map(trajectory) -> NetworkMap:
    network_map = trajectory.network_maps.first()
    if network_map is None:
        network_map = NetworkMap.objects.create(trajectory=trajectory)
    return network_map


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
