"""Reads about cases, their discussions and the parties they say are needed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from weefwerk.cases.models import Case, CaseDiscussion, NeededParty
from weefwerk.networkmap.models import Element, Status

LINE_MAX = 300
_BULLET = re.compile(r"^(?:[-*•·–—>]+|\d{1,2}[.)])\s*")


def trajectory_names(trajectory) -> list[str]:
    """The names of the trajectory's people: the privacy check looks for these in case text."""
    return [name for name in trajectory.people.values_list("name", flat=True) if name.strip()]


def cases_search(trajectory, *, q: str = "", domain=None):
    cases = (
        Case.objects.filter(trajectory=trajectory)
        .prefetch_related("domains")
        .annotate(discussion_count=Count("discussions", distinct=True))
    )
    if q:
        cases = cases.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if domain is not None:
        cases = cases.filter(domains=domain)
    return cases.order_by("title", "pk")


def case_with_discussions(trajectory, pk: int) -> Case:
    """One case of the trajectory with its domains and discussions; raises DoesNotExist."""
    discussions = CaseDiscussion.objects.select_related("meeting").prefetch_related(
        Prefetch("needed_parties", queryset=NeededParty.objects.select_related("element"))
    )
    return (
        Case.objects.filter(trajectory=trajectory)
        .prefetch_related("domains", Prefetch("discussions", queryset=discussions))
        .get(pk=pk)
    )


def meetings_with_case_questions(trajectory) -> set[int]:
    """Ids of the sessions whose agenda has an assignment with the case questions."""
    return set(
        trajectory.meetings.filter(agenda_items__assignment__type="case_questions").values_list(
            "pk", flat=True
        )
    )


def normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


def needed_lines(text: str) -> list[str]:
    """The lines of a "whom do you need" answer: without bullets, empty lines and repeats."""
    lines: list[str] = []
    seen: set[str] = set()
    for raw in (text or "").splitlines():
        line = " ".join(_BULLET.sub("", raw.strip()).split())[:LINE_MAX].strip()
        if line and normalise(line) not in seen:
            seen.add(normalise(line))
            lines.append(line)
    return lines


@dataclass
class NeededLine:
    line: str
    link: NeededParty | None = None
    suggestions: list[Element] = field(default_factory=list)

    @property
    def element(self) -> Element | None:
        return self.link.element if self.link else None


def discussion_needed(discussion: CaseDiscussion, elements=()) -> list[NeededLine]:
    """Each line of the discussion's "whom do you need" answer with its link, if any, and
    the elements (from ``elements``) whose name looks like the line."""
    links = {normalise(p.line): p for p in discussion.needed_parties.all()}
    result = []
    for line in needed_lines(discussion.needed):
        result.append(
            NeededLine(
                line,
                links.get(normalise(line)),
                [e for e in elements if _looks_like(line, e.label)],
            )
        )
    return result


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4}


def _looks_like(line: str, label: str) -> bool:
    a, b = normalise(line), normalise(label)
    return bool(a and b) and (a in b or b in a or bool(_words(a) & _words(b)))


def network_elements(trajectory, *, q: str = ""):
    """The elements a line can be linked to, optionally narrowed by a search."""
    elements = Element.objects.filter(trajectory=trajectory)
    if q:
        elements = elements.filter(Q(label__icontains=q) | Q(description__icontains=q))
    return elements.order_by("label", "pk")


@dataclass
class MissingParty:
    """A party that case discussions asked for and that is not (yet) active in the network."""

    name: str
    mentions: int = 0
    cases: list[Case] = field(default_factory=list)
    element: Element | None = None

    @property
    def status(self) -> str:
        return self.element.status if self.element else ""


def parties_needed_not_in_network(trajectory) -> list[MissingParty]:
    """Names from the "whom do you need" answers that are not active parties of the network.

    A name counts as in the network when one of its lines is linked to an element with status
    "active", or when an active element has exactly that name (ignoring case and spaces). What
    is left: names not linked at all, and names linked to wanted or proposed elements (then
    ``element`` is that element). Sorted by how often they were asked for, then by name.
    """
    active_labels = {
        normalise(label)
        for label in Element.objects.filter(
            trajectory=trajectory, status=Status.ACTIVE
        ).values_list("label", flat=True)
    }
    discussions = (
        CaseDiscussion.objects.filter(case__trajectory=trajectory)
        .exclude(needed="")
        .select_related("case")
        .prefetch_related(
            Prefetch("needed_parties", queryset=NeededParty.objects.select_related("element"))
        )
    )
    found: dict[str, MissingParty] = {}
    in_network: set[str] = set()
    for discussion in discussions:
        links = {normalise(p.line): p for p in discussion.needed_parties.all()}
        for line in needed_lines(discussion.needed):
            key = normalise(line)
            link = links.get(key)
            if key in active_labels or (link and link.element.status == Status.ACTIVE):
                in_network.add(key)
                continue
            party = found.setdefault(key, MissingParty(line))
            party.mentions += 1
            if discussion.case not in party.cases:
                party.cases.append(discussion.case)
            if link and party.element is None:
                party.element = link.element
    parties = [party for key, party in found.items() if key not in in_network]
    return sorted(parties, key=lambda p: (-p.mentions, normalise(p.name)))
