"""The map picture for reports: the page's palette, positions and legend; snapshots; empty."""

import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from weefwerk.engine.mapimage import ADDED, REMOVED, UNCHANGED
from weefwerk.networkmap import services
from weefwerk.networkmap.api import network_data
from weefwerk.networkmap.image import (
    compare_description,
    compare_picture,
    compare_png,
    compare_svg,
    map_picture,
    map_png,
    map_svg,
)
from weefwerk.networkmap.models import ElementKind, Status
from weefwerk.networkmap.selectors import network_state
from weefwerk.networkmap.views_map import map_texts
from weefwerk.trajectories.tests.factories import make_trajectory

SVG = "{http://www.w3.org/2000/svg}"


def shown_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg.encode())
    return [
        "".join(text.itertext())
        for text in root.iter(f"{SVG}text")
        if text.get("fill") not in (None, "none")
    ]


def test_colours_and_shapes_are_those_of_the_map_page(trajectory, network):
    legend = network_data(trajectory)["legend"]
    kinds = {kind["value"]: kind for kind in legend["kinds"]}
    nodes, edges, entries = map_picture(trajectory)
    by_label = {node.label: node for node in nodes}
    for label, kind in (
        ("Voedselbank", ElementKind.ORGANISATION),
        ("Sanne Jansen", ElementKind.PERSON),
        ("Wijkteamoverleg", ElementKind.TABLE),
    ):
        assert by_label[label].color == kinds[kind]["colour"]
        assert by_label[label].shape == kinds[kind]["shape"]
    # The legend names every kind in the page's colour, and the page's status and line rows.
    rows = {(entry.label, entry.color, entry.shape) for entry in entries}
    for kind in legend["kinds"]:
        assert (kind["label"], kind["colour"], kind["shape"]) in rows
    labels = [entry.label for entry in entries]
    texts = map_texts()
    for key in ("legend_active", "legend_proposed", "legend_wanted", "legend_arrow"):
        assert texts[key] in labels
    # Saved positions of the trajectory's map are kept.
    assert (by_label["Voedselbank"].x, by_label["Voedselbank"].y) == (10, 20)
    assert (by_label["De Regenboog"].x, by_label["De Regenboog"].y) == (-5.5, 3)
    assert by_label["Sanne Jansen"].x is None  # placed by the engine
    assert len(edges) == 3
    works = next(edge for edge in edges if edge.weight == 3)
    assert works.directed and not works.mutual


def test_colour_by_domain_uses_the_page_palette(trajectory, network):
    legend = network_data(trajectory)["legend"]
    colours = {domain["id"]: domain["colour"] for domain in legend["domains"]}
    nodes, _, entries = map_picture(trajectory, color_by="domain")
    by_label = {node.label: node for node in nodes}
    assert by_label["Voedselbank"].color == colours[network["domain"].pk]
    assert by_label["De Regenboog"].color == legend["no_domain_colour"]
    labels = {entry.label: entry.color for entry in entries}
    for domain in legend["domains"]:
        assert labels[domain["label"]] == domain["colour"]
    assert labels["Geen domein"] == legend["no_domain_colour"]


def test_status_and_size_follow_the_page(trajectory, network):
    services.element_update(network["org_b"], status=Status.WANTED)
    nodes, _, entries = map_picture(trajectory, size_by="degree")
    by_label = {node.label: node for node in nodes}
    assert (by_label["De Regenboog"].border, by_label["De Regenboog"].opacity) == ("dotted", 0.35)
    assert by_label["Voedselbank"].border == "solid"
    # Voedselbank has the most ties: the page's largest size, 64 of 30.
    assert by_label["Voedselbank"].size == pytest.approx(64 / 30)
    assert by_label["De Regenboog"].size < by_label["Voedselbank"].size
    assert any("aantal verbindingen" in entry.label for entry in entries)


def test_svg_and_png_of_the_current_network(trajectory, network):
    svg = map_svg(trajectory, title="Netwerkkaart")
    texts = shown_texts(svg)
    for label in ("Voedselbank", "De Regenboog", "Sanne Jansen", "Wijkteamoverleg"):
        assert label in texts
    assert "Organisatie" in texts and "Netwerkkaart" in texts
    root = ET.fromstring(svg.encode())
    assert "4 elementen en 3 verbindingen" in root.find(f"{SVG}desc").text
    image = Image.open(io.BytesIO(map_png(trajectory, width=900, height=600)))
    assert image.size == (900, 600)


def test_a_snapshot_shows_its_own_elements_not_the_current_ones(trajectory, network):
    snapshot = services.snapshot_take(trajectory=trajectory, name="Na stap 2")
    services.element_delete(network["org_b"])
    services.element_create(trajectory=trajectory, kind=ElementKind.ORGANISATION, label="GGD")
    services.element_update(network["org_a"], label="Voedselbank Oost")
    services.positions_save(services.default_map(trajectory), {network["org_a"].pk: (500, 500)})

    nodes, edges, _ = map_picture(trajectory, snapshot=snapshot)
    labels = {node.label for node in nodes}
    assert labels == {"Voedselbank", "De Regenboog", "Sanne Jansen", "Wijkteamoverleg"}
    assert len(edges) == 3
    by_label = {node.label: node for node in nodes}
    assert (by_label["Voedselbank"].x, by_label["Voedselbank"].y) == (10, 20)
    colours = {d["id"]: d["colour"] for d in network_data(trajectory)["legend"]["domains"]}
    by_domain = {
        n.label: n for n in map_picture(trajectory, snapshot=snapshot, color_by="domain")[0]
    }
    assert by_domain["Voedselbank"].color == colours[network["domain"].pk]

    texts = shown_texts(map_svg(trajectory, snapshot=snapshot))
    assert "De Regenboog" in texts and "Voedselbank" in texts
    assert "GGD" not in texts and "Voedselbank Oost" not in texts
    now = shown_texts(map_svg(trajectory))
    assert "GGD" in now and "De Regenboog" not in now
    # By id as well.
    assert map_svg(trajectory, snapshot=snapshot.pk) == map_svg(trajectory, snapshot=snapshot)


def test_a_snapshot_of_another_trajectory_is_refused(trajectory, network, facilitator):
    other = make_trajectory(user=facilitator)
    snapshot = services.snapshot_take(trajectory=trajectory, name="Start")
    with pytest.raises(ValueError):
        map_svg(other, snapshot=snapshot)


def test_nothing_to_draw_gives_none(trajectory):
    assert map_svg(trajectory) is None
    assert map_png(trajectory) is None
    empty = services.snapshot_take(trajectory=trajectory, name="Leeg")
    services.element_create(trajectory=trajectory, kind=ElementKind.PERSON, label="Piet")
    assert map_svg(trajectory, snapshot=empty) is None
    assert map_svg(trajectory) is not None


def changed_network(trajectory, network):
    """A snapshot, then De Regenboog (and its tie) out and the GGD (tied to the Voedselbank) in."""
    before = services.snapshot_take(trajectory=trajectory, name="Eerst")
    services.element_delete(network["org_b"])
    ggd = services.element_create(trajectory=trajectory, kind=ElementKind.ORGANISATION, label="GGD")
    services.connection_create(trajectory=trajectory, source=ggd, target=network["org_a"])
    return before, ggd


def test_a_comparison_marks_added_removed_and_unchanged(trajectory, network):
    before, _ggd = changed_network(trajectory, network)
    now = (None, network_state(trajectory))
    nodes, edges, legend, changes = compare_picture(trajectory, (before, before.data), now)
    marks = {node.label: node.mark for node in nodes}
    assert marks == {
        "GGD": ADDED,
        "De Regenboog": REMOVED,
        "Voedselbank": UNCHANGED,
        "Sanne Jansen": UNCHANGED,
        "Wijkteamoverleg": UNCHANGED,
    }
    assert sorted(edge.mark for edge in edges) == [ADDED, REMOVED, UNCHANGED, UNCHANGED]
    assert {entry.mark for entry in legend} == {ADDED, REMOVED, UNCHANGED, ""}
    # The marks take the place of the status look: no status rows in the legend.
    assert map_texts()["legend_proposed"] not in {entry.label for entry in legend}
    assert compare_description(before, None, changes) == (
        "Vergelijking van „Eerst” met „nu”: 1 nieuw element, 1 verdwenen element, "
        "1 nieuwe verbinding, 1 verdwenen verbinding."
    )
    svg = compare_svg(trajectory, (before, before.data), now, title="Van Eerst naar nu")
    assert "GGD" in shown_texts(svg) and "De Regenboog" in shown_texts(svg)
    assert compare_png(trajectory, (before, before.data), now, width=600, height=400)


def test_a_comparison_takes_positions_of_the_later_state_first(trajectory, network):
    first = services.snapshot_take(trajectory=trajectory, name="Eerst")
    services.positions_save(services.default_map(trajectory), {network["org_a"].pk: (50, 60)})
    services.element_delete(network["org_b"])
    second = services.snapshot_take(trajectory=trajectory, name="Daarna")
    for a, b in ((first, second), (second, first)):
        nodes = compare_picture(trajectory, (a, a.data), (b, b.data))[0]
        at = {node.label: (node.x, node.y) for node in nodes}
        assert at["Voedselbank"] == (50, 60)  # the later snapshot's
        assert at["De Regenboog"] == (-5.5, 3)  # only the earlier one has it
        assert at["Sanne Jansen"] == (None, None)  # placed by the engine's layout


def test_comparing_two_empty_states_draws_nothing(trajectory):
    empty = services.snapshot_take(trajectory=trajectory, name="Leeg")
    now = (None, network_state(trajectory))
    assert compare_svg(trajectory, (empty, empty.data), now) is None
