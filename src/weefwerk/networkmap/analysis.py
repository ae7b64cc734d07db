"""The trajectory's network as the engine sees it, and the analysis the pages show.

``engine_network`` turns the active elements and connections into an engine ``Network`` (ids
are element pks as strings); ``trajectory_analysis`` runs ``weefwerk.engine.network.analyse``
once per state of the network and keeps the result in the cache. The tables here are shared by
the analysis page (sortable) and its CSV download.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from weefwerk.engine.network import Edge, Network, Node, analyse, compare, simulate_departure
from weefwerk.networkmap.models import Connection, ConnectionKind, Element, ElementKind, Status

CACHE_SECONDS = 60 * 60
CACHE_VERSION = 1

# Our element kinds as the engine names them.
ENGINE_KINDS = {
    ElementKind.ORGANISATION: "organisation",
    ElementKind.PERSON: "person",
    ElementKind.TABLE: "table",
    ElementKind.PROGRAMME: "programme",
    ElementKind.INFORMAL: "informal_network",
}


# --------------------------------------------------------------------------------------------
# Models and snapshots -> engine network


def _node(pk, label, kind, domains) -> Node:
    return Node(
        id=str(pk),
        label=label,
        kind=ENGINE_KINDS.get(kind, "organisation"),
        domains=tuple(sorted(set(domains))),
    )


def _edge(source, target, kind, direction, strength) -> Edge:
    try:
        weight = max(1, min(3, int(strength)))
    except (TypeError, ValueError):
        weight = 1
    return Edge(
        source=str(source),
        target=str(target),
        kind=kind or "works_with",
        direction=direction if direction in ("directed", "undirected", "mutual") else "directed",
        weight=weight,
    )


def engine_network(trajectory) -> Network:
    """Active elements and the active connections between them."""
    elements = (
        Element.objects.filter(trajectory=trajectory, status=Status.ACTIVE)
        .prefetch_related("domains")
        .order_by("pk")
    )
    nodes = [_node(e.pk, e.label, e.kind, [d.name for d in e.domains.all()]) for e in elements]
    ids = {node.id for node in nodes}
    connections = Connection.objects.filter(trajectory=trajectory, status=Status.ACTIVE).order_by(
        "pk"
    )
    edges = [
        _edge(c.source_id, c.target_id, c.kind, c.direction, c.strength)
        for c in connections
        if str(c.source_id) in ids and str(c.target_id) in ids
    ]
    return Network(nodes, edges)


def state_network(data: dict) -> Network:
    """A snapshot's data (or ``selectors.network_state``) as an engine network; active only."""
    nodes = [
        _node(e["id"], e.get("label", ""), e.get("kind", ""), e.get("domains") or [])
        for e in data.get("elements", [])
        if e.get("status", Status.ACTIVE) == Status.ACTIVE
    ]
    ids = {node.id for node in nodes}
    edges = [
        _edge(c["source"], c["target"], c.get("kind"), c.get("direction"), c.get("strength", 1))
        for c in data.get("connections", [])
        if c.get("status", Status.ACTIVE) == Status.ACTIVE
        and str(c["source"]) in ids
        and str(c["target"]) in ids
        and c["source"] != c["target"]
    ]
    return Network(nodes, edges)


def reference_domains(trajectory) -> list[str]:
    return list(trajectory.domains.order_by("position", "name").values_list("name", flat=True))


def confirmed_webbers(trajectory) -> list[str]:
    return [
        str(pk)
        for pk in Element.objects.filter(trajectory=trajectory, confirmed_webber=True).values_list(
            "pk", flat=True
        )
    ]


# --------------------------------------------------------------------------------------------
# The analysis, cached per state of the network


def _state_key(trajectory) -> str:
    """Changes whenever an element, connection, domain link or the reference list changes."""
    elements = Element.objects.filter(trajectory=trajectory).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    connections = Connection.objects.filter(trajectory=trajectory).aggregate(
        n=Count("pk"), latest=Max("updated_at")
    )
    # Domain links do not touch updated_at: count and sum them.
    links = Element.domains.through.objects.filter(element__trajectory=trajectory).aggregate(
        n=Count("pk"), ids=Max("pk")
    )
    parts = [
        CACHE_VERSION,
        trajectory.pk,
        elements["n"],
        elements["latest"],
        connections["n"],
        connections["latest"],
        links["n"],
        links["ids"],
        reference_domains(trajectory),
        confirmed_webbers(trajectory),
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]
    return f"networkmap:analysis:{trajectory.pk}:{digest}"


def trajectory_analysis(trajectory) -> dict:
    """``analyse()`` on the trajectory's network, with the trajectory's reference domains."""
    key = _state_key(trajectory)
    result = cache.get(key)
    if result is None:
        result = analyse(
            engine_network(trajectory),
            reference_domains=reference_domains(trajectory),
            confirmed_webbers=confirmed_webbers(trajectory),
        )
        cache.set(key, result, CACHE_SECONDS)
    return result


def departure(trajectory, element: Element) -> dict:
    return simulate_departure(engine_network(trajectory), str(element.pk))


def change(a_data: dict, b_data: dict) -> dict:
    return compare(state_network(a_data), state_network(b_data))


def webber_confirm(element: Element, *, confirmed: bool) -> Element:
    """Mark or unmark a confirmed webber (updated_at changes, so the cached analysis too)."""
    element.confirmed_webber = confirmed
    element.save(update_fields=["confirmed_webber", "updated_at"])
    return element


def weak_spot_ids(result: dict) -> list[str]:
    """Elements to highlight as weak spots: departures that split, thin organisations, tables."""
    spots = result["weak_spots"]
    ids = [e["id"] for e in result["elements"] if e["articulation_point"]]
    ids += [o["id"] for o in spots["organisations_through_one_person"]]
    ids += [t["id"] for t in spots["tables_missing_domains"]]
    return list(dict.fromkeys(ids))


# --------------------------------------------------------------------------------------------
# Figure tables: sortable on the page, downloadable as CSV


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    value: Callable[[dict], object]
    numeric: bool = False


def _fixed(value, digits=3):
    return None if value is None else round(value, digits)


def _yes(value) -> str:
    return str(_("ja")) if value else str(_("nee"))


KIND_LABELS = {
    "organisation": _("Organisatie"),
    "person": _("Persoon"),
    "table": _("Overleg"),
    "programme": _("Programma of project"),
    "informal_network": _("Informeel netwerk"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


TABLES: dict[str, dict] = {
    "elementen": {
        "title": _("Cijfers per element"),
        "default": "-verbindingen",
        "rows": lambda r: r["elements"],
        "columns": [
            Column("naam", _("Naam"), lambda e: e["label"]),
            Column("soort", _("Soort"), lambda e: kind_label(e["kind"])),
            Column("verbindingen", _("Verbindingen"), lambda e: e["degree"], True),
            Column("genoemd", _("Genoemd bij vastlopen"), lambda e: e["nominations"], True),
            Column(
                "tussenpositie",
                _("Tussenpositie (%)"),
                lambda e: round(100 * e["betweenness_normalised"], 1),
                True,
            ),
            Column("nabijheid", _("Nabijheid"), lambda e: _fixed(e["closeness"]), True),
            Column("invloed", _("Invloed (PageRank)"), lambda e: _fixed(e["pagerank"]), True),
            Column(
                "domeinen",
                _("Domeinen binnen twee stappen"),
                lambda e: e["domains_within_two_steps"],
                True,
            ),
            Column(
                "vertrek",
                _("Raken los bij vertrek"),
                lambda e: e["cut_off_by_departure"],
                True,
            ),
        ],
    },
    "webbers": {
        "title": _("Webbers"),
        "default": "plaats",
        "rows": lambda r: r["webbers"]["ranking"],
        "columns": [
            Column("plaats", _("Plaats"), lambda w: w["rank"], True),
            Column("naam", _("Naam"), lambda w: w["label"]),
            Column("score", _("Score"), lambda w: w["score"], True),
            Column("genoemd", _("Genoemd bij vastlopen"), lambda w: w["nominations"], True),
            Column(
                "domeinen",
                _("Verbindt domeinen"),
                lambda w: ", ".join(w["bridged_domains"]),
            ),
            Column("bevestigd", _("Bevestigd"), lambda w: _yes(w["confirmed"])),
            Column("uitleg", _("Uitleg"), lambda w: w["explanation"]),
        ],
    },
    "vertrek": {
        "title": _("Als dit element vertrekt"),
        "default": "-los",
        "rows": lambda r: r["weak_spots"]["departures"],
        "columns": [
            Column("naam", _("Naam"), lambda d: d["label"]),
            Column("los", _("Raken los"), lambda d: d["cut_off_count"], True),
            Column("delen", _("Delen daarna"), lambda d: d["pieces_after"], True),
            Column(
                "domeinen",
                _("Domeinen die losraken"),
                lambda d: ", ".join(d["domains_cut_off"] + d["domains_lost"]),
            ),
            Column("uitleg", _("Wat er gebeurt"), lambda d: d["text"]),
        ],
    },
    "vertegenwoordigd": {
        "title": _("Best vertegenwoordigde partijen"),
        "default": "-overleggen",
        "rows": lambda r: r["best_represented"],
        "columns": [
            Column("naam", _("Naam"), lambda b: b["label"]),
            Column("overleggen", _("Overleggen"), lambda b: b["tables"], True),
            Column("verbindingen", _("Verbindingen"), lambda b: b["ties"], True),
        ],
    },
}


def _labels(result: dict) -> dict[str, str]:
    return {e["id"]: e["label"] for e in result["elements"]}


def _kinds(result: dict) -> dict[str, str]:
    return {e["id"]: e["kind"] for e in result["elements"]}


def connection_kind_label(kind: str) -> str:
    return str(dict(ConnectionKind.choices).get(kind, kind))


def _bridges(result: dict) -> list[dict]:
    labels = _labels(result)
    return [
        {"label": labels.get(a, a), "to_label": labels.get(b, b), "from": a, "to": b}
        for a, b in result["weak_spots"]["bridges"]
    ]


def _one_way(result: dict) -> list[dict]:
    labels = _labels(result)
    return [
        {**tie, "label": labels.get(tie["from"], tie["from"]), "to_label": labels.get(tie["to"])}
        for tie in result["weak_spots"]["one_way_ties"]
    ]


def _isolated(result: dict) -> list[dict]:
    kinds = _kinds(result)
    return [{**e, "kind": kinds.get(e["id"], "")} for e in result["missing"]["isolated"]]


def _by_domain(items: list[dict]) -> list[dict]:
    return [{**item, "label": item["domain"]} for item in items]


TABLES.update(
    {
        "een_persoon": {
            "title": _("Organisaties die via één persoon verbonden zijn"),
            "default": "naam",
            "rows": lambda r: r["weak_spots"]["organisations_through_one_person"],
            "columns": [
                Column("naam", _("Organisatie"), lambda o: o["label"]),
                Column("persoon", _("Via"), lambda o: o["person_label"]),
                Column("uitleg", _("Wat er aan de hand is"), lambda o: o["text"]),
            ],
        },
        "overleggen": {
            "title": _("Overleggen waar domeinen ontbreken"),
            "default": "naam",
            "rows": lambda r: r["weak_spots"]["tables_missing_domains"],
            "columns": [
                Column("naam", _("Overleg"), lambda t: t["label"]),
                Column("ontbreekt", _("Ontbreekt"), lambda t: ", ".join(t["missing"])),
                Column("aantal", _("Aantal"), lambda t: len(t["missing"]), True),
            ],
        },
        "een_kant": {
            "title": _("Verbindingen die maar één kant op gaan"),
            "default": "van",
            "rows": _one_way,
            "columns": [
                Column("van", _("Van"), lambda t: t["label"]),
                Column("soort", _("Soort verbinding"), lambda t: connection_kind_label(t["kind"])),
                Column("naar", _("Naar"), lambda t: t["to_label"]),
            ],
        },
        "bruggen": {
            "title": _("Verbindingen waar veel van afhangt"),
            "default": "van",
            "rows": _bridges,
            "columns": [
                Column("van", _("Tussen"), lambda b: b["label"]),
                Column("naar", _("En"), lambda b: b["to_label"]),
            ],
        },
        "domeinen_afwezig": {
            "title": _("Domeinen die ontbreken"),
            "default": "domein",
            "rows": lambda r: _by_domain(r["missing"]["absent"]),
            "columns": [
                Column("domein", _("Domein"), lambda d: d["domain"]),
                Column("uitleg", _("Wat er aan de hand is"), lambda d: d["text"]),
            ],
        },
        "domeinen_dun": {
            "title": _("Domeinen met maar één element"),
            "default": "domein",
            "rows": lambda r: _by_domain(r["missing"]["thin"]),
            "columns": [
                Column("domein", _("Domein"), lambda d: d["domain"]),
                Column("aantal", _("Elementen"), lambda d: d["count"], True),
                Column("uitleg", _("Wat er aan de hand is"), lambda d: d["text"]),
            ],
        },
        "casussen": {
            "title": _("Nodig in casussen, maar niet in het netwerk"),
            "default": "-genoemd",
            "rows": lambda r: r.get("missing_parties", []),
            "columns": [
                Column("naam", _("Partij"), lambda p: p["label"]),
                Column("genoemd", _("Keer genoemd"), lambda p: p["mentions"], True),
                Column("status", _("Op de kaart"), lambda p: p["status"]),
            ],
        },
        "los": {
            "title": _("Elementen zonder verbindingen"),
            "default": "naam",
            "rows": _isolated,
            "columns": [
                Column("naam", _("Naam"), lambda e: e["label"]),
                Column("soort", _("Soort"), lambda e: kind_label(e["kind"])),
            ],
        },
    }
)


def missing_party_rows(parties) -> list[dict]:
    """``cases.selectors.parties_needed_not_in_network`` as rows for the ``casussen`` table."""
    return [
        {
            "label": party.name,
            "mentions": party.mentions,
            "status": str(party.element.get_status_display()) if party.element else "",
        }
        for party in parties
    ]


# Change between two moments (``change_result``): the same table mechanism.
# New and lost ties share their columns.
TIE_CHANGE_COLUMNS = [
    Column("van", _("Van"), lambda t: t["label"]),
    Column("soort", _("Soort verbinding"), lambda t: connection_kind_label(t["kind"])),
    Column("naar", _("Naar"), lambda t: t["to_label"]),
]

CHANGE_TABLES: dict[str, dict] = {
    "verandering_cijfers": {
        "title": _("Cijfers eerst en daarna"),
        "default": None,  # the order below
        "rows": lambda r: r["figure_rows"],
        "columns": [
            Column("cijfer", _("Cijfer"), lambda f: f["label"]),
            Column("eerst", _("Eerst"), lambda f: f["before"], True),
            Column("daarna", _("Daarna"), lambda f: f["after"], True),
        ],
    },
    "verandering_nieuw": {
        "title": _("Nieuwe verbindingen"),
        "default": "van",
        "rows": lambda r: r["ties_added"],
        "columns": TIE_CHANGE_COLUMNS,
    },
    "verandering_weg": {
        "title": _("Verdwenen verbindingen"),
        "default": "van",
        "rows": lambda r: r["ties_lost"],
        "columns": TIE_CHANGE_COLUMNS,
    },
    "verandering_elementen": {
        "title": _("Nieuwe en verdwenen elementen"),
        "default": "naam",
        "rows": lambda r: r["element_changes"],
        "columns": [
            Column("naam", _("Naam"), lambda e: e["label"]),
            Column("verandering", _("Verandering"), lambda e: e["change"]),
        ],
    },
    "verandering_webbers": {
        "title": _("Webbers eerst en daarna"),
        "default": "naam",
        "rows": lambda r: r["webber_changes"],
        "columns": [
            Column("naam", _("Naam"), lambda e: e["label"]),
            Column("verandering", _("Verandering"), lambda e: e["change"]),
        ],
    },
}


def _round(value, digits):
    if value is None:
        return None
    return round(value, digits) if digits else round(value)


def change_result(a_data: dict, b_data: dict) -> dict:
    """``change()`` with names, ready for the ``CHANGE_TABLES``."""
    result = change(a_data, b_data)
    labels: dict[str, str] = {}
    for data in (a_data, b_data):
        labels.update({str(e["id"]): e["label"] for e in data.get("elements", [])})

    def ties(items):
        return [
            {
                **t,
                "label": labels.get(t["from"], t["from"]),
                "to_label": labels.get(t["to"], t["to"]),
            }
            for t in items
        ]

    def named(ids, text):
        return [{"id": i, "label": labels.get(i, i), "change": str(text)} for i in ids]

    before, after = result["before"], result["after"]

    def percent(value):
        return None if value is None else 100 * value

    figures = [
        (_("Dichtheid"), before["density"], after["density"], 3),
        (
            _("Gemiddelde afstand (stappen)"),
            before["average_path_length"],
            after["average_path_length"],
            2,
        ),
        (
            _("Organisaties binnen twee stappen van elkaar (%)"),
            percent(before["organisation_pairs_within_two_steps"]),
            percent(after["organisation_pairs_within_two_steps"]),
            0,
        ),
    ]
    webbers = result["webbers"]
    stayed = [i for i in webbers["after"] if i not in webbers["new"]]
    return {
        **result,
        "labels": labels,
        "figure_rows": [
            {
                "label": str(label),
                "before": _round(x, digits),
                "after": _round(y, digits),
            }
            for label, x, y, digits in figures
        ],
        "ties_added": ties(result["ties_added"]),
        "ties_lost": ties(result["ties_lost"]),
        "element_changes": named(result["elements_added"], _("nieuw"))
        + named(result["elements_removed"], _("verdwenen")),
        "webber_changes": named(webbers["new"], _("nieuw in de lijst"))
        + named(webbers["gone"], _("niet meer in de lijst"))
        + named(stayed, _("blijft in de lijst")),
    }


def table(result: dict, name: str, sort: str = "", tables: dict | None = None) -> dict:
    """One figure table: columns, rows as lists of values, and the sort key used."""
    spec = (TABLES if tables is None else tables)[name]
    columns = spec["columns"]
    by_key = {c.key: c for c in columns}
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    items = list(spec["rows"](result))
    if key not in by_key and spec["default"] is None:
        return _table(name, spec, items, "", False)
    if key not in by_key:
        default = spec["default"]
        descending, key = default.startswith("-"), default.lstrip("-")
    column = by_key[key]

    def sort_value(item):
        value = column.value(item)
        if column.numeric:
            return (value is None, value if value is not None else 0)
        return (False, str(value).casefold())

    items.sort(key=lambda item: str(item.get("label", "")).casefold())
    items.sort(key=sort_value, reverse=descending)
    return _table(name, spec, items, key, descending)


def _table(name: str, spec: dict, items: list, key: str, descending: bool) -> dict:
    columns = spec["columns"]
    return {
        "name": name,
        "title": spec["title"],
        "columns": columns,
        "items": items,
        "rows": [[c.value(item) for c in columns] for item in items],
        "cells": [[(c.label, c.value(item)) for c in columns] for item in items],
        "sort": key,
        "descending": descending,
    }


def network_figures(result: dict) -> list[tuple[str, object]]:
    figures = result["network"]
    apl = figures["average_path_length"]
    return [
        (str(_("Elementen")), figures["elements"]),
        (str(_("Verbindingen")), figures["connections"]),
        (str(_("Dichtheid")), _fixed(figures["density"])),
        (str(_("Gemiddelde afstand (stappen)")), None if apl is None else round(apl, 2)),
        (str(_("Losse delen")), figures["components"]),
        (str(_("Wederkerigheid")), _fixed(figures["reciprocity"])),
        (str(_("Groepen die veel onderling verbonden zijn")), figures["communities"]),
    ]


# --------------------------------------------------------------------------------------------
# For the map: measures keyed by element pk


MEASURES = [
    ("degree", _("Verbindingen"), lambda e: e["degree"]),
    ("nominations", _("Genoemd bij vastlopen"), lambda e: e["nominations"]),
    ("betweenness", _("Tussenpositie"), lambda e: round(e["betweenness_normalised"], 4)),
    ("closeness", _("Nabijheid"), lambda e: round(e["closeness"] or 0, 4)),
    ("pagerank", _("Invloed (PageRank)"), lambda e: round(e["pagerank"], 4)),
    (
        "domains_within_two_steps",
        _("Domeinen binnen twee stappen"),
        lambda e: e["domains_within_two_steps"],
    ),
    ("cut_off_by_departure", _("Raken los bij vertrek"), lambda e: e["cut_off_by_departure"]),
    ("in_degree", _("Inkomende verbindingen"), lambda e: e["in_degree"]),
    ("out_degree", _("Uitgaande verbindingen"), lambda e: e["out_degree"]),
    # Burt: low constraint and a large effective size mean someone bridges separate groups.
    ("constraint", _("Afhankelijkheid (constraint)"), lambda e: round(e["constraint"] or 0, 4)),
    (
        "effective_size",
        _("Eigen netwerk (effectieve grootte)"),
        lambda e: _fixed(e["effective_size"]) or 0,
    ),
    ("core", _("Kern (k-core)"), lambda e: e["core"]),
]

# Colours for "Kleur naar" a measure: low to high (light to dark, readable on white with the
# black border), and one colour per group for the communities.
SCALE = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]
GROUP_COLOURS = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
]


def map_data(result: dict, confirmed=()) -> dict:
    """The map's format; ``webbers`` are the ranked candidates and any confirmed webbers."""
    measures = [
        {
            "key": key,
            "label": str(label),
            "values": {e["id"]: value(e) for e in result["elements"]},
        }
        for key, label, value in MEASURES
    ]
    scores = {w["id"]: w["score"] for w in result["webbers"]["ranking"]}
    measures.append(
        {
            "key": "webber_score",
            "label": str(_("Webberscore")),
            "values": {e["id"]: scores.get(e["id"], 0) for e in result["elements"]},
        }
    )
    communities = {e["id"]: e["community"] for e in result["elements"]}
    # Biggest group first, so the first colours go to the groups one sees most.
    sizes: dict[int, int] = {}
    for group in communities.values():
        sizes[group] = sizes.get(group, 0) + 1
    order = sorted(sizes, key=lambda group: (-sizes[group], group))
    number = {group: index + 1 for index, group in enumerate(order)}
    measures.append(
        {
            "key": "community",
            "label": str(_("Groep die veel onderling verbonden is")),
            "categorical": True,
            "values": {pk: number[group] for pk, group in communities.items()},
            "colours": {
                str(number[group]): GROUP_COLOURS[(number[group] - 1) % len(GROUP_COLOURS)]
                for group in order
            },
        }
    )
    ranked = [int(w["id"]) for w in result["webbers"]["ranking"]]
    confirmed = [int(pk) for pk in confirmed]
    articulation = [int(e["id"]) for e in result["elements"] if e["articulation_point"]]
    return {
        "measures": measures,
        "scale": SCALE,
        "highlight": {
            "confirmed_webbers": confirmed,
            "candidate_webbers": [pk for pk in ranked if pk not in confirmed],
            "articulation_points": articulation,
            "bridges": [[int(a), int(b)] for a, b in result["weak_spots"]["bridges"]],
            "through_one_person": [
                int(o["id"]) for o in result["weak_spots"]["organisations_through_one_person"]
            ],
            "tables_missing_domains": [
                int(t["id"]) for t in result["weak_spots"]["tables_missing_domains"]
            ],
        },
        "webbers": list(
            dict.fromkeys([int(w["id"]) for w in result["webbers"]["ranking"]] + list(confirmed))
        ),
        "weak_spots": [int(i) for i in weak_spot_ids(result)],
    }
