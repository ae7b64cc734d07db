"""The preparation checklist of step 0 ("Een goede voorbereiding is het halve werk").

Items that the data answers tick themselves and say why; the others are ticked by hand and
stored in ``ChecklistMark`` with who ticked them and when. ``build_checklist`` reads,
``checklist_mark`` writes.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, override

from weefwerk.planning.models import ChecklistMark
from weefwerk.trajectories.domains import PLAYBOOK_DOMAINS
from weefwerk.trajectories.models import Meeting, Role, Trajectory

# Invited: at least this many organisations, and someone from every playbook domain.
MIN_ORGANISATIONS = 7
# Project team: at least this many people (the playbook: a small team, two to four).
MIN_PROJECT_TEAM = 2
# Groups are expected to hold about this many people; one expert by experience per group.
GROUP_SIZE = 6


@dataclass(frozen=True)
class ItemDefinition:
    key: str
    title: str
    hint: str
    auto: bool


DEFINITIONS = (
    ItemDefinition(
        "invited",
        gettext_lazy("Wie doen er mee, en uit welke domeinen?"),
        gettext_lazy(
            "Nodig organisaties uit alle zeven domeinen van het draaiboek uit: "
            "schuldhulpverlening, budgetcoaching, kerkelijke organisaties, welzijnswerk, "
            "jeugdgezondheidszorg, onderwijs en ervaringsdeskundigen."
        ),
        auto=True,
    ),
    ItemDefinition(
        "programmes",
        gettext_lazy("Wat is er al? Programma's, projecten en overlegtafels staan op een rij"),
        gettext_lazy(
            "Zoek uit welke lokale programma's, projecten en overleggen al met (kinder)armoede "
            "bezig zijn. Zo begint u niets dubbel. Zet ze als overleg of programma op de "
            "netwerkkaart."
        ),
        auto=True,
    ),
    ItemDefinition(
        "mandate",
        gettext_lazy("Mandaat van de leidinggevenden, en hoe zij op de hoogte willen blijven"),
        gettext_lazy(
            "Vraag leidinggevenden om mandaat. Vraag ook hoe en hoe vaak ze op de hoogte "
            "willen blijven."
        ),
        auto=True,
    ),
    ItemDefinition(
        "project_team",
        gettext_lazy("Er is een klein projectteam"),
        gettext_lazy("Twee tot vier aanjagers bereiden de bijeenkomsten met u voor."),
        auto=True,
    ),
    ItemDefinition(
        "sessions_planned",
        gettext_lazy("Alle bijeenkomsten zijn gepland"),
        gettext_lazy(
            "Plan alle bijeenkomsten vooraf, om de twee tot drie weken. Dan kan iedereen de "
            "data vrijhouden."
        ),
        auto=True,
    ),
    ItemDefinition(
        "fixed_participants",
        gettext_lazy("Elke organisatie heeft een vaste deelnemer"),
        gettext_lazy(
            "Minstens één vaste deelnemer per organisatie is er elke keer bij. Die neemt soms "
            "andere collega's mee."
        ),
        auto=True,
    ),
    ItemDefinition(
        "experts",
        gettext_lazy("Een ervaringsdeskundige voor elke groep"),
        gettext_lazy("In elk groepje zit een (liefst opgeleide) ervaringsdeskundige."),
        auto=True,
    ),
    ItemDefinition(
        "case",
        gettext_lazy("Er is een casusbeschrijving achter de hand"),
        gettext_lazy(
            "Voor als niemand een casus paraat heeft: complex, over domeinen heen en met "
            "geldzorgen. Schrijf er een in de casussen, of neem een voorbeeldcasus over."
        ),
        auto=True,
    ),
    ItemDefinition(
        "report_writer",
        gettext_lazy("Voor elke bijeenkomst maakt iemand het verslag"),
        gettext_lazy("Vraag vooraf wie het verslag van elke bijeenkomst maakt."),
        auto=False,
    ),
    ItemDefinition(
        "materials",
        gettext_lazy("Genoeg flip-overs en stickynotes"),
        gettext_lazy(
            "Zorg voor genoeg flip-overs en stickynotes, en voor plekken om in groepjes uiteen "
            "te gaan."
        ),
        auto=False,
    ),
    ItemDefinition(
        "theory_shared",
        gettext_lazy("De aanpak is gedeeld met alle deelnemers"),
        gettext_lazy(
            "Deel het theoretische deel van het draaiboek (hoofdstuk 1 tot en met 3) met alle "
            "deelnemers."
        ),
        auto=False,
    ),
)
DEFINITION_BY_KEY = {d.key: d for d in DEFINITIONS}
MANUAL_KEYS = frozenset(d.key for d in DEFINITIONS if not d.auto)


@dataclass(frozen=True)
class ChecklistItem:
    definition: ItemDefinition
    done: bool
    reason: str = ""  # why the data says done or not done
    mark: ChecklistMark | None = None  # for manual items: the last tick or untick

    @property
    def key(self) -> str:
        return self.definition.key

    @property
    def auto(self) -> bool:
        return self.definition.auto

    @property
    def status(self) -> str:
        return _("Klaar") if self.done else _("Nog niet")


@dataclass(frozen=True)
class Checklist:
    items: tuple[ChecklistItem, ...]

    @property
    def done_count(self) -> int:
        return sum(item.done for item in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def open_items(self) -> list[ChecklistItem]:
        return [item for item in self.items if not item.done]

    @property
    def complete(self) -> bool:
        return self.done_count == self.total


def _names(names: list[str], limit: int = 5) -> str:
    """ "A, B en C"; longer lists end in "en nog N"."""
    shown = list(names[:limit])
    rest = len(names) - len(shown)
    if rest:
        shown.append(ngettext("nog %(n)s andere", "nog %(n)s andere", rest) % {"n": rest})
    if len(shown) == 1:
        return shown[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(shown[:-1]), "last": shown[-1]}


# --------------------------------------------------------------------------------------------
# The items the data answers.


def _playbook_domain_names() -> set[str]:
    names = set()
    for name in PLAYBOOK_DOMAINS:
        names.add(str(name).casefold())
        with override("nl"):
            names.add(str(name).casefold())
    return names


def _check_invited(trajectory: Trajectory) -> tuple[bool, str]:
    from weefwerk.trajectories.selectors import domain_counts

    rows = domain_counts(trajectory)
    filled = [r for r in rows if r["organisations"] or r["people"]]
    playbook = _playbook_domain_names()
    missing = [
        r["domain"].name
        for r in rows
        if r["domain"].name.casefold() in playbook and not (r["organisations"] or r["people"])
    ]
    organisations = trajectory.organisations.count()
    if missing:
        return False, ngettext(
            "%(names)s ontbreekt nog.", "%(names)s ontbreken nog.", len(missing)
        ) % {"names": _names(missing, limit=7)}
    if organisations < MIN_ORGANISATIONS:
        return False, ngettext(
            "Pas %(count)s organisatie; nodig er minstens %(min)s uit.",
            "Pas %(count)s organisaties; nodig er minstens %(min)s uit.",
            organisations,
        ) % {"count": organisations, "min": MIN_ORGANISATIONS}
    return True, ngettext(
        "%(organisations)s organisaties uit %(domains)s domein.",
        "%(organisations)s organisaties uit %(domains)s domeinen.",
        len(filled),
    ) % {"organisations": organisations, "domains": len(filled)}


def _check_mandate(trajectory: Trajectory) -> tuple[bool, str]:
    managers = list(trajectory.people.filter(is_manager=True).order_by("name"))
    if not managers:
        return False, _("Er zijn nog geen leidinggevenden vastgelegd.")
    unknown = [m.name for m in managers if not (m.inform_channel and m.inform_frequency)]
    if unknown:
        return False, _(
            "Van %(names)s weten we nog niet hoe en hoe vaak ze op de hoogte willen blijven."
        ) % {"names": _names(unknown)}
    return True, ngettext(
        "%(count)s leidinggevende; we weten hoe en hoe vaak die op de hoogte wil blijven.",
        "%(count)s leidinggevenden; van allemaal weten we hoe en hoe vaak ze op de hoogte "
        "willen blijven.",
        len(managers),
    ) % {"count": len(managers)}


def _check_project_team(trajectory: Trajectory) -> tuple[bool, str]:
    member_users = set(
        trajectory.memberships.filter(role=Role.PROJECT_TEAM).values_list("user_id", flat=True)
    )
    people = trajectory.people.filter(is_project_team=True).values_list("user_id", flat=True)
    count = len(member_users) + sum(1 for user_id in people if user_id not in member_users)
    if count >= MIN_PROJECT_TEAM:
        return True, ngettext(
            "%(count)s persoon in het projectteam.", "%(count)s mensen in het projectteam.", count
        ) % {"count": count}
    if count == 0:
        return False, _("Er is nog geen projectteam: zoek twee tot vier aanjagers.")
    return False, _("Pas één persoon in het projectteam; zoek er nog minstens één bij.")


def _check_sessions(trajectory: Trajectory) -> tuple[bool, str]:
    meetings = trajectory.meetings.exclude(status=Meeting.Status.CANCELLED)
    total = meetings.count()
    if not total:
        return False, _("Er zijn nog geen bijeenkomsten.")
    undated = meetings.filter(starts_at__isnull=True).count()
    if undated:
        return False, ngettext(
            "%(count)s van de %(total)s bijeenkomsten heeft nog geen datum.",
            "%(count)s van de %(total)s bijeenkomsten hebben nog geen datum.",
            undated,
        ) % {"count": undated, "total": total}
    return True, ngettext(
        "De bijeenkomst heeft een datum.",
        "Alle %(count)s bijeenkomsten hebben een datum.",
        total,
    ) % {"count": total}


def _check_fixed_participants(trajectory: Trajectory) -> tuple[bool, str]:
    organisations = trajectory.organisations.all()
    if not organisations.exists():
        return False, _("Er zijn nog geen organisaties.")
    without = list(
        organisations.exclude(people__is_fixed_participant=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    if without:
        return False, ngettext(
            "%(names)s heeft nog geen vaste deelnemer.",
            "%(names)s hebben nog geen vaste deelnemer.",
            len(without),
        ) % {"names": _names(without)}
    count = organisations.count()
    return True, ngettext(
        "De organisatie heeft een vaste deelnemer.",
        "Alle %(count)s organisaties hebben een vaste deelnemer.",
        count,
    ) % {"count": count}


def expected_groups(participants: int) -> int:
    """How many groups to expect: groups of about ``GROUP_SIZE`` people, at least one."""
    return max(1, math.ceil(participants / GROUP_SIZE))


def _check_experts(trajectory: Trajectory) -> tuple[bool, str]:
    people = trajectory.people.all()
    # Managers only give the mandate; they do not sit in the groups.
    participants = people.exclude(is_manager=True).count()
    experts = Counter(people.filter(is_expert=True).values_list("expert_trained", flat=True))
    total = experts[True] + experts[False]
    groups = expected_groups(participants)
    basis = ngettext(
        "We rekenen met groepjes van %(size)s: %(people)s deelnemer geeft %(groups)s groepje.",
        "We rekenen met groepjes van %(size)s: %(people)s deelnemers geeft %(groups)s groepjes.",
        participants,
    ) % {"size": GROUP_SIZE, "people": participants, "groups": groups}
    if total == 0:
        return False, _("Er doet nog geen ervaringsdeskundige mee.") + " " + basis
    counted = ngettext(
        "%(count)s ervaringsdeskundige (%(trained)s opgeleid).",
        "%(count)s ervaringsdeskundigen (%(trained)s opgeleid).",
        total,
    ) % {"count": total, "trained": experts[True]}
    if total < groups:
        short = groups - total
        missing = ngettext(
            "Er is er nog %(count)s nodig.", "Er zijn er nog %(count)s nodig.", short
        ) % {"count": short}
        return False, f"{counted} {missing} {basis}"
    return True, f"{counted} {basis}"


def _check_programmes(trajectory: Trajectory) -> tuple[bool, str]:
    """Consultation tables and programmes on the network map (wanted ones do not exist yet)."""
    from weefwerk.networkmap.models import Element, ElementKind, Status

    elements = Element.objects.filter(
        trajectory=trajectory, kind__in=[ElementKind.TABLE, ElementKind.PROGRAMME]
    )
    proposed = elements.filter(status=Status.PROPOSED).count()
    known = list(elements.filter(status=Status.ACTIVE).order_by("label").values("label", "kind"))
    waiting = (
        " "
        + ngettext(
            "%(count)s voorstel van een deelnemer is nog niet beoordeeld.",
            "%(count)s voorstellen van deelnemers zijn nog niet beoordeeld.",
            proposed,
        )
        % {"count": proposed}
        if proposed
        else ""
    )
    if not known:
        return False, _("Er staan nog geen overleggen of programma's op de netwerkkaart.") + waiting
    tables = sum(1 for e in known if e["kind"] == ElementKind.TABLE)
    programmes = len(known) - tables
    counted = _("%(tables)s en %(programmes)s op de netwerkkaart: %(names)s.") % {
        "tables": ngettext("%(n)s overleg", "%(n)s overleggen", tables) % {"n": tables},
        "programmes": ngettext(
            "%(n)s programma of project", "%(n)s programma's of projecten", programmes
        )
        % {"n": programmes},
        "names": _names([e["label"] for e in known]),
    }
    return True, counted + waiting


def _check_case(trajectory: Trajectory) -> tuple[bool, str]:
    """A case on hand. A built-in example only lands in a trajectory when someone copies it
    ("Voorbeeldcasus gebruiken"), so a copied example counts: that is a case on hand too."""
    cases = trajectory.cases.all()
    own = list(cases.filter(is_example=False).order_by("title").values_list("title", flat=True))
    examples = list(cases.filter(is_example=True).order_by("title").values_list("title", flat=True))
    if not own and not examples:
        return False, _(
            "Er staat nog geen casus in Weefwerk. Schrijf er een, of neem een voorbeeldcasus over."
        )
    parts = []
    if own:
        parts.append(
            ngettext("%(n)s eigen casus", "%(n)s eigen casussen", len(own)) % {"n": len(own)}
        )
    if examples:
        parts.append(
            ngettext("%(n)s voorbeeldcasus", "%(n)s voorbeeldcasussen", len(examples))
            % {"n": len(examples)}
        )
    return True, _("%(counts)s achter de hand: %(names)s.") % {
        "counts": _names(parts),
        "names": _names(own + examples),
    }


CHECKS = {
    "invited": _check_invited,
    "programmes": _check_programmes,
    "case": _check_case,
    "mandate": _check_mandate,
    "project_team": _check_project_team,
    "sessions_planned": _check_sessions,
    "fixed_participants": _check_fixed_participants,
    "experts": _check_experts,
}


# --------------------------------------------------------------------------------------------
# Reading and writing.


def build_checklist(trajectory: Trajectory) -> Checklist:
    marks = {
        mark.key: mark
        for mark in ChecklistMark.objects.filter(trajectory=trajectory).select_related("marked_by")
    }
    items = []
    for definition in DEFINITIONS:
        if definition.auto:
            done, reason = CHECKS[definition.key](trajectory)
            items.append(ChecklistItem(definition, done, reason))
        else:
            mark = marks.get(definition.key)
            items.append(ChecklistItem(definition, bool(mark and mark.done), mark=mark))
    return Checklist(tuple(items))


class UnknownItemError(KeyError):
    """Only the items that are ticked by hand can be marked."""


@transaction.atomic
def checklist_mark(*, trajectory: Trajectory, key: str, done: bool, user) -> ChecklistMark:
    """Tick (or untick) a manual item, remembering who did it and when."""
    if key not in MANUAL_KEYS:
        raise UnknownItemError(key)
    mark, _created = ChecklistMark.objects.select_for_update().get_or_create(
        trajectory=trajectory, key=key, defaults={"done": done, "marked_by": user}
    )
    if not _created:
        mark.done = done
        mark.marked_by = user
        mark.save(update_fields=["done", "marked_by", "marked_at"])
    return mark
