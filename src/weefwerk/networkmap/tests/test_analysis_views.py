"""The analysis pages: webbers with explanations, confirming them, a departure, CSV, the map's
JSON, change between snapshots, and who may see what."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from weefwerk.networkmap import analysis, services
from weefwerk.networkmap.models import ConnectionKind, Direction, Element, ElementKind, Status


@pytest.fixture
def webbed(trajectory):
    """Three participants call Anna when stuck; Anna links the school to the food bank."""
    domains = list(trajectory.domains.all()[:2])

    def element(label, kind=ElementKind.PERSON, domains=()):
        return services.element_create(
            trajectory=trajectory, kind=kind, label=label, domains=list(domains)
        )

    anna = element("Anna de Vries", domains=domains[:1])
    callers = [element(name) for name in ("Bram", "Carla", "Dirk")]
    school = element("Basisschool De Linde", ElementKind.ORGANISATION, domains[1:2])
    bank = element("Voedselbank", ElementKind.ORGANISATION, domains[:1])
    wanted = services.element_create(
        trajectory=trajectory,
        kind=ElementKind.ORGANISATION,
        label="Gewenste partij",
        status=Status.WANTED,
    )
    for caller in callers:
        services.connection_create(
            trajectory=trajectory,
            source=caller,
            target=anna,
            kind=ConnectionKind.CALLS_WHEN_STUCK,
            direction=Direction.DIRECTED,
        )
    for organisation in (school, bank):
        services.connection_create(
            trajectory=trajectory,
            source=anna,
            target=organisation,
            kind=ConnectionKind.WORKS_WITH,
            direction=Direction.UNDIRECTED,
        )
    services.connection_create(trajectory=trajectory, source=wanted, target=anna)
    return {"anna": anna, "callers": callers, "school": school, "bank": bank, "wanted": wanted}


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _url(name, trajectory, **kwargs):
    return reverse(f"networkmap:{name}", kwargs={"trajectory_id": trajectory.pk, **kwargs})


def test_engine_network_has_active_elements_and_ties_only(trajectory, webbed):
    network = analysis.engine_network(trajectory)
    assert str(webbed["wanted"].pk) not in {n.id for n in network.nodes}
    assert len(network.nodes) == 6 and len(network.edges) == 5
    assert {n.kind for n in network.nodes} == {"person", "organisation"}


def test_the_page_explains_the_webbers(facilitator_client, trajectory, webbed):
    response = facilitator_client.get(_url("analysis", trajectory))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Drie deelnemers bellen Anna de Vries als ze vastlopen" in html
    assert "Zo maken we de lijst van webbers" in html
    assert "Zo lees je dit." in html
    assert "Bevestig als webber" in html
    # Anna's departure splits the network.
    assert "Als Anna de Vries vertrekt" in html
    # Sortable: by name, descending.
    sorted_page = facilitator_client.get(
        _url("analysis", trajectory), {"sort": "-elementen.naam"}
    ).content.decode()
    table = sorted_page[sorted_page.index('id="tabel-elementen"') :]
    assert table.index("Voedselbank") < table.index("Bram")
    assert 'aria-sort="descending"' in sorted_page


def test_facilitator_confirms_a_webber_and_a_manager_may_not(
    facilitator_client, manager, trajectory, webbed
):
    anna = webbed["anna"]
    url = _url("analysis_webber", trajectory, pk=anna.pk)
    client = Client()
    client.force_login(manager)
    assert client.get(_url("analysis", trajectory)).status_code == 200
    assert client.post(url, {"bevestigd": "1"}).status_code == 403
    anna.refresh_from_db()
    assert not anna.confirmed_webber

    response = facilitator_client.post(url, {"bevestigd": "1"})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.confirmed_webber
    html = facilitator_client.get(_url("analysis", trajectory)).content.decode()
    assert "Bevestiging intrekken" in html
    facilitator_client.post(url, {"bevestigd": "0"})
    anna.refresh_from_db()
    assert not anna.confirmed_webber
    assert facilitator_client.get(url).status_code == 405


def test_departure_simulation(facilitator_client, trajectory, webbed):
    url = _url("analysis_departure", trajectory)
    assert facilitator_client.get(url).status_code == 200
    html = facilitator_client.get(url, {"element": webbed["anna"].pk}).content.decode()
    assert "Als Anna de Vries vertrekt, valt het netwerk uiteen in vijf delen" in html
    html = facilitator_client.get(url, {"element": webbed["bank"].pk}).content.decode()
    assert "blijven alle anderen met elkaar verbonden" in html
    assert facilitator_client.get(url, {"element": webbed["wanted"].pk}).status_code == 404
    assert facilitator_client.get(url, {"element": "x"}).status_code == 404


def test_csv_download(facilitator_client, trajectory, webbed):
    url = _url("analysis_csv", trajectory)
    response = facilitator_client.get(url, {"tabel": "webbers"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Plaats", "Naam", "Score"]
    assert rows[1][1] == "Anna de Vries"
    elements = facilitator_client.get(url, {"tabel": "elementen", "sort": "-verbindingen"})
    rows = list(csv.reader(io.StringIO(elements.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "Anna de Vries" and len(rows) == 7
    network = facilitator_client.get(url, {"tabel": "netwerk"}).content.decode("utf-8-sig")
    assert "Dichtheid" in network
    assert facilitator_client.get(url, {"tabel": "onbekend"}).status_code == 404


def test_analysis_json_for_the_map(facilitator_client, trajectory, webbed):
    data = facilitator_client.get(_url("analysis_json", trajectory)).json()
    anna = webbed["anna"].pk
    keys = [m["key"] for m in data["measures"]]
    assert {"degree", "betweenness", "nominations", "webber_score"} <= set(keys)
    degree = next(m for m in data["measures"] if m["key"] == "degree")
    assert degree["label"] and degree["values"][str(anna)] == 5
    assert str(webbed["wanted"].pk) not in degree["values"]
    assert data["webbers"][0] == anna
    assert anna in data["weak_spots"]
    # The map page finds it.
    map_page = facilitator_client.get(_url("map", trajectory)).content.decode()
    assert _url("analysis_json", trajectory) in map_page


def test_the_analysis_follows_changes(facilitator_client, trajectory, webbed):
    url = _url("analysis_json", trajectory)
    first = facilitator_client.get(url).json()
    services.connection_create(
        trajectory=trajectory, source=webbed["school"], target=webbed["bank"]
    )
    second = facilitator_client.get(url).json()
    degree = {m["key"]: m for m in second["measures"]}["degree"]["values"]
    assert degree[str(webbed["bank"].pk)] == 2
    assert first != second


def test_change_between_two_snapshots(facilitator_client, trajectory, webbed):
    first = services.snapshot_take(trajectory=trajectory, name="Start")
    services.connection_create(
        trajectory=trajectory, source=webbed["school"], target=webbed["bank"]
    )
    services.element_delete(webbed["callers"][0])
    second = services.snapshot_take(trajectory=trajectory, name="Later")
    url = _url("analysis_change", trajectory)
    html = facilitator_client.get(url, {"a": first.pk, "b": second.pk}).content.decode()
    new_ties = html[html.index('id="tabel-verandering_nieuw"') :]
    new_ties = new_ties[: new_ties.index("</table>")]
    assert "Basisschool De Linde" in new_ties and "Voedselbank" in new_ties
    lost = html[html.index('id="tabel-verandering_weg"') :]
    assert "Bram" in lost[: lost.index("</table>")]
    assert "Dichtheid" in html
    # Every change table downloads as CSV for the same two moments.
    assert f"tabel=verandering_nieuw&amp;a={first.pk}&amp;b={second.pk}" in html
    rows = _csv(
        facilitator_client.get(
            _url("analysis_csv", trajectory),
            {"tabel": "verandering_weg", "a": first.pk, "b": second.pk},
        )
    )
    assert rows[0] == ["Van", "Soort verbinding", "Naar"]
    assert rows[1] == ["Bram", "belt als hij of zij vastloopt", "Anna de Vries"]
    elements = _csv(
        facilitator_client.get(
            _url("analysis_csv", trajectory),
            {"tabel": "verandering_elementen", "a": first.pk, "b": second.pk},
        )
    )
    assert ["Bram", "verdwenen"] in elements
    # Sortable like the analysis tables.
    page = facilitator_client.get(
        url, {"a": first.pk, "b": second.pk, "sort": "-verandering_cijfers.cijfer"}
    ).content.decode()
    assert 'aria-sort="descending"' in page
    assert facilitator_client.get(url, {"a": first.pk, "b": "nu"}).status_code == 200
    assert facilitator_client.get(url, {"a": 999999, "b": "nu"}).status_code == 404


def test_change_page_without_snapshots(facilitator_client, trajectory):
    html = facilitator_client.get(_url("analysis_change", trajectory)).content.decode()
    assert "nog geen momentopname" in html


def test_empty_network(facilitator_client, trajectory):
    response = facilitator_client.get(_url("analysis", trajectory))
    assert response.status_code == 200
    assert facilitator_client.get(_url("analysis_json", trajectory)).json()["webbers"] == []


def test_non_members_get_404(outsider, trajectory, webbed):
    client = Client()
    client.force_login(outsider)
    anna = webbed["anna"].pk
    for name, kwargs in [
        ("analysis", {}),
        ("analysis_json", {}),
        ("analysis_csv", {}),
        ("analysis_departure", {}),
        ("analysis_change", {}),
    ]:
        assert client.get(_url(name, trajectory, **kwargs)).status_code == 404, name
    assert client.post(_url("analysis_webber", trajectory, pk=anna)).status_code == 404
    assert not Element.objects.get(pk=anna).confirmed_webber


@pytest.mark.parametrize(
    ("name", "header", "row"),
    [
        ("een_kant", ["Van", "Soort verbinding", "Naar"], ["Bram", None, "Anna de Vries"]),
        ("bruggen", ["Tussen", "En"], None),
        ("los", ["Naam", "Soort"], None),
        ("domeinen_afwezig", ["Domein", "Wat er aan de hand is"], None),
        ("domeinen_dun", ["Domein", "Elementen", "Wat er aan de hand is"], None),
        ("een_persoon", ["Organisatie", "Via", "Wat er aan de hand is"], None),
        ("overleggen", ["Overleg", "Ontbreekt", "Aantal"], None),
        ("casussen", ["Partij", "Keer genoemd", "Op de kaart"], None),
    ],
)
def test_every_analysis_list_is_a_table_with_csv(
    facilitator_client, trajectory, webbed, name, header, row
):
    html = facilitator_client.get(_url("analysis", trajectory)).content.decode()
    rows = _csv(facilitator_client.get(_url("analysis_csv", trajectory), {"tabel": name}))
    assert rows[0] == header
    if len(rows) > 1:
        # Shown on the page as a sortable table with its own CSV link.
        assert f'id="tabel-{name}"' in html
        assert f"?tabel={name}" in html
    if row:
        assert any(
            all(want is None or want == got for want, got in zip(row, found, strict=True))
            for found in rows[1:]
        )


def test_analysis_lists_on_the_page(facilitator_client, trajectory, webbed):
    lonely = services.element_create(
        trajectory=trajectory, kind=ElementKind.ORGANISATION, label="Zwembad Het Anker"
    )
    html = facilitator_client.get(_url("analysis", trajectory)).content.decode()
    isolated = html[html.index('id="tabel-los"') :]
    assert lonely.label in isolated[: isolated.index("</table>")]
    bridges = html[html.index('id="tabel-bruggen"') :]
    assert "Anna de Vries" in bridges[: bridges.index("</table>")]
    # Sorting one of them keeps the others in their default order.
    page = facilitator_client.get(
        _url("analysis", trajectory), {"sort": "-een_kant.van"}
    ).content.decode()
    one_way = page[page.index('id="tabel-een_kant"') :]
    assert 'aria-sort="descending"' in one_way[: one_way.index("</table>")]
    assert "sort=-een_kant.van" in page  # the CSV link follows the order on the page


def test_map_json_names_webbers_weak_spots_and_every_measure(
    facilitator_client, trajectory, webbed
):
    analysis.webber_confirm(webbed["bank"], confirmed=True)
    data = facilitator_client.get(_url("analysis_json", trajectory)).json()
    keys = {m["key"] for m in data["measures"]}
    assert {
        "in_degree",
        "out_degree",
        "constraint",
        "effective_size",
        "core",
        "community",
        "webber_score",
    } <= keys
    community = next(m for m in data["measures"] if m["key"] == "community")
    assert community["categorical"] is True
    assert set(map(str, community["values"].values())) <= set(community["colours"])
    assert len(data["scale"]) == 5
    highlight = data["highlight"]
    anna, bank = webbed["anna"].pk, webbed["bank"].pk
    assert highlight["confirmed_webbers"] == [bank]
    assert anna in highlight["candidate_webbers"] and bank not in highlight["candidate_webbers"]
    assert anna in highlight["articulation_points"]
    assert [anna, bank] in highlight["bridges"] or [bank, anna] in highlight["bridges"]
    in_degree = next(m for m in data["measures"] if m["key"] == "in_degree")
    assert in_degree["values"][str(anna)] >= 3
