"""Turning user input into a checked, integer-indexed problem.

Every check that can reject the input lives here, so that a bad request fails before any
planning starts and never yields a partial plan. Messages are Dutch: they reach the user.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import GroupingError, Person, RoundSpec


@dataclass
class Round:
    present: list[int]
    sizes: list[int]  # planned size of each group
    locked: dict[int, int]  # person -> group, already extended to whole together-blocks
    blocks: list[list[int]]  # unlocked together-blocks of two or more people present


@dataclass
class Problem:
    people: list[Person]
    index: dict[str, int]
    rounds: list[Round]
    met: set[tuple[int, int]]
    apart: set[tuple[int, int]]
    together: set[tuple[int, int]]
    organisation: list[int]  # organisation number, -1 for none
    domains: list[frozenset[int]]
    expert: list[bool]
    trained: list[bool]
    domain_names: list[str] = field(default_factory=list)

    @property
    def is_pure(self) -> bool:
        """No attributes or constraints besides sizes: a plain Social Golfer instance."""
        return not (
            self.met
            or self.apart
            or self.together
            or any(r.locked for r in self.rounds)
            or any(o >= 0 for o in self.organisation)
            or any(self.domains)
            or any(self.expert)
        )


def _as_person(raw: object, position: int) -> Person:
    if isinstance(raw, Person):
        return raw
    if not isinstance(raw, Mapping):
        raise GroupingError(f"Persoon nummer {position + 1} is geen object met een 'id'.")
    pid = raw.get("id")
    if not isinstance(pid, str) or not pid:
        if isinstance(pid, int) and not isinstance(pid, bool):
            pid = str(pid)
        else:
            raise GroupingError(f"Persoon nummer {position + 1} heeft geen geldige 'id'.")
    organisation = raw.get("organisation")
    if organisation is not None and not isinstance(organisation, str | int):
        raise GroupingError(f"Persoon {pid}: 'organisation' moet tekst zijn.")
    domains = raw.get("domains") or []
    if isinstance(domains, str):
        domains = [domains]
    if not isinstance(domains, list | tuple) or not all(isinstance(d, str) for d in domains):
        raise GroupingError(f"Persoon {pid}: 'domains' moet een lijst met teksten zijn.")
    for key in ("expert", "trained"):
        if not isinstance(raw.get(key, False), bool):
            raise GroupingError(f"Persoon {pid}: '{key}' moet true of false zijn.")
    return Person(
        id=pid,
        organisation=None if organisation in (None, "") else str(organisation),
        domains=tuple(domains),
        expert=bool(raw.get("expert", False)),
        trained=bool(raw.get("trained", False)),
    )


def _as_int(value: object, name: str, minimum: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise GroupingError(f"'{name}' moet een geheel getal zijn.")
    if value < minimum:
        raise GroupingError(f"'{name}' moet minstens {minimum} zijn.")
    return value


def _as_spec(raw: object, position: int) -> RoundSpec:
    if isinstance(raw, RoundSpec):
        return raw
    if not isinstance(raw, Mapping):
        raise GroupingError(f"Ronde {position + 1} is geen object.")
    unknown = set(raw) - {"present", "max_size", "min_size", "groups", "locked"}
    if unknown:
        raise GroupingError(f"Ronde {position + 1}: onbekend veld {sorted(unknown)[0]!r}.")
    present = raw.get("present")
    if present is not None and (
        not isinstance(present, list | tuple) or not all(isinstance(p, str) for p in present)
    ):
        raise GroupingError(f"Ronde {position + 1}: 'present' moet een lijst met id's zijn.")
    locked = raw.get("locked")
    if locked is not None and not isinstance(locked, Mapping):
        raise GroupingError(f"Ronde {position + 1}: 'locked' moet een object zijn.")
    return RoundSpec(
        present=None if present is None else tuple(present),
        max_size=raw.get("max_size"),
        min_size=raw.get("min_size"),
        groups=raw.get("groups"),
        locked=locked,
    )


def _pairs(raw: object, name: str, index: Mapping[str, int]) -> set[tuple[int, int]]:
    if raw is None:
        return set()
    if not isinstance(raw, Iterable) or isinstance(raw, str | bytes | Mapping):
        raise GroupingError(f"'{name}' moet een lijst met paren zijn.")
    pairs: set[tuple[int, int]] = set()
    for item in raw:
        # "met" may carry the round the pair met in as a third element; it is not needed here.
        if (
            not isinstance(item, list | tuple)
            or len(item) not in (2, 3)
            or not all(isinstance(p, str) for p in item[:2])
        ):
            raise GroupingError(f"'{name}' bevat iets anders dan een paar id's: {item!r}.")
        a, b = item[0], item[1]
        for pid in (a, b):
            if pid not in index:
                raise GroupingError(f"Onbekende persoon {pid!r} in '{name}'.")
        if a == b:
            raise GroupingError(f"'{name}' bevat een paar van {a!r} met zichzelf.")
        i, j = index[a], index[b]
        pairs.add((min(i, j), max(i, j)))
    return pairs


def group_sizes(
    n: int,
    max_size: int | None,
    min_size: int | None,
    groups: int | None,
    locked_counts: Mapping[int, int],
    label: str,
) -> list[int]:
    """Sizes per group: as equal as possible, unless locked people force a group to be larger."""
    if n == 0:
        return []
    if groups is None:
        if max_size is None:
            raise GroupingError(
                "Geef een maximale groepsgrootte ('max_size') of een aantal groepen."
            )
        groups = math.ceil(n / max_size)
    if groups > n:
        raise GroupingError(f"{label}: {groups} groepen voor {n} aanwezigen kan niet.")
    for k in locked_counts:
        if k >= groups:
            raise GroupingError(
                f"{label}: iemand is vastgezet in groep {k}, maar er zijn maar {groups} groepen "
                f"(genummerd vanaf 0)."
            )
    sizes = [locked_counts.get(k, 0) for k in range(groups)]
    for _ in range(n - sum(sizes)):
        k = min(range(groups), key=lambda k: (sizes[k], k))
        sizes[k] += 1
    if max_size is not None and max(sizes) > max_size:
        raise GroupingError(
            f"{label}: groepen van hoogstens {max_size} passen niet "
            f"(er moeten {max(sizes)} mensen in één groep)."
        )
    if min_size is not None and min(sizes) < min_size:
        raise GroupingError(
            f"{label}: met {n} aanwezigen in {groups} groepen wordt een groep kleiner dan "
            f"{min_size}."
        )
    return sizes


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _locks(raw: object, index: Mapping[str, int], rounds: int, label: str) -> list[dict[int, int]]:
    """Locks per round from {"id": group} (every round) or {"id": [group or null, ...]}."""
    per_round: list[dict[int, int]] = [{} for _ in range(rounds)]
    if raw is None:
        return per_round
    if not isinstance(raw, Mapping):
        raise GroupingError(f"'{label}' moet een object zijn van id naar groepsnummer.")
    for pid, value in raw.items():
        if pid not in index:
            raise GroupingError(f"Onbekende persoon {pid!r} in '{label}'.")
        values = value if isinstance(value, list) else [value] * rounds
        if len(values) != rounds:
            raise GroupingError(f"'{label}' voor {pid!r} moet één groep per ronde geven.")
        for r, group in enumerate(values):
            if group is None:
                continue
            if isinstance(group, bool) or not isinstance(group, int) or group < 0:
                raise GroupingError(f"'{label}' voor {pid!r}: groepsnummer moet 0 of hoger zijn.")
            per_round[r][index[pid]] = group
    return per_round


def build_problem(
    people: Sequence[Person | Mapping],
    rounds: int | Sequence[RoundSpec | Mapping],
    *,
    max_size: int | None = None,
    min_size: int | None = None,
    groups: int | None = None,
    met: Iterable = (),
    apart: Iterable = (),
    together: Iterable = (),
    locked: Mapping | None = None,
) -> Problem:
    if not isinstance(people, Sequence) or isinstance(people, str | bytes):
        raise GroupingError("'people' moet een lijst met personen zijn.")
    persons = [_as_person(raw, i) for i, raw in enumerate(people)]
    index: dict[str, int] = {}
    for i, person in enumerate(persons):
        if person.id in index:
            raise GroupingError(f"Persoon {person.id!r} staat twee keer in de lijst.")
        index[person.id] = i
    max_size = _as_int(max_size, "max_size", 1)
    min_size = _as_int(min_size, "min_size", 1)
    groups = _as_int(groups, "groups", 1)
    if max_size is not None and min_size is not None and min_size > max_size:
        raise GroupingError("'min_size' is groter dan 'max_size'.")

    if isinstance(rounds, bool):
        raise GroupingError("'rounds' moet een aantal of een lijst met rondes zijn.")
    if isinstance(rounds, int):
        if rounds < 1:
            raise GroupingError("'rounds' moet minstens 1 zijn.")
        specs = [RoundSpec() for _ in range(rounds)]
    elif isinstance(rounds, Sequence) and not isinstance(rounds, str | bytes):
        if not rounds:
            raise GroupingError("'rounds' is een lege lijst.")
        specs = [_as_spec(raw, i) for i, raw in enumerate(rounds)]
    else:
        raise GroupingError("'rounds' moet een aantal of een lijst met rondes zijn.")

    met_pairs = _pairs(met, "met", index)
    apart_pairs = _pairs(apart, "apart", index)
    together_pairs = _pairs(together, "together", index)

    blocks = _UnionFind(len(persons))
    for a, b in together_pairs:
        blocks.union(a, b)
    for a, b in apart_pairs:
        if blocks.find(a) == blocks.find(b):
            raise GroupingError(
                f"{persons[a].id!r} en {persons[b].id!r} moeten tegelijk bij elkaar en uit "
                f"elkaar: dat spreekt elkaar tegen."
            )

    global_locks = _locks(locked, index, len(specs), "locked")
    planned: list[Round] = []
    for r, spec in enumerate(specs):
        label = f"Ronde {r + 1}"
        if spec.present is None:
            present = list(range(len(persons)))
        else:
            present = []
            seen: set[int] = set()
            for pid in spec.present:
                if pid not in index:
                    raise GroupingError(f"{label}: onbekende persoon {pid!r} in 'present'.")
                if index[pid] not in seen:
                    seen.add(index[pid])
                    present.append(index[pid])
        present_set = set(present)
        round_locks = dict(global_locks[r])
        round_locks.update(_locks(spec.locked, index, 1, f"{label}: locked")[0])
        round_locks = {p: g for p, g in round_locks.items() if p in present_set}

        # Together-blocks among the people present; a lock on one member holds the whole block.
        local = _UnionFind(len(persons))
        for a, b in together_pairs:
            if a in present_set and b in present_set:
                local.union(a, b)
        members: dict[int, list[int]] = {}
        for p in present:
            members.setdefault(local.find(p), []).append(p)
        free_blocks = []
        for block in members.values():
            if len(block) < 2:
                continue
            targets = {round_locks[p] for p in block if p in round_locks}
            if len(targets) > 1:
                names = ", ".join(persons[p].id for p in block)
                raise GroupingError(
                    f"{label}: {names} moeten samen, maar zijn in verschillende groepen vastgezet."
                )
            if targets:
                target = targets.pop()
                for p in block:
                    round_locks[p] = target
            else:
                free_blocks.append(sorted(block))
        for a, b in apart_pairs:
            if a in round_locks and b in round_locks and round_locks[a] == round_locks[b]:
                raise GroupingError(
                    f"{label}: {persons[a].id!r} en {persons[b].id!r} moeten uit elkaar, maar zijn "
                    f"in dezelfde groep vastgezet."
                )
        counts: dict[int, int] = {}
        for g in round_locks.values():
            counts[g] = counts.get(g, 0) + 1
        r_max = _as_int(spec.max_size, "max_size", 1)
        r_min = _as_int(spec.min_size, "min_size", 1)
        r_groups = _as_int(spec.groups, "groups", 1)
        if r_groups is None and r_max is None:
            r_groups = groups
        r_max = max_size if r_max is None else r_max
        r_min = min_size if r_min is None else r_min
        if r_max is not None and r_min is not None and r_min > r_max:
            raise GroupingError(f"{label}: 'min_size' is groter dan 'max_size'.")
        sizes = group_sizes(len(present), r_max, r_min, r_groups, counts, label)
        if len(sizes) == 1:
            for a, b in apart_pairs:
                if a in present_set and b in present_set:
                    raise GroupingError(
                        f"{label}: {persons[a].id!r} en {persons[b].id!r} moeten uit elkaar, maar "
                        f"er is maar één groep."
                    )
        free = [s - counts.get(k, 0) for k, s in enumerate(sizes)]
        for block in free_blocks:
            if len(block) > max(free, default=0):
                names = ", ".join(persons[p].id for p in block)
                raise GroupingError(f"{label}: {names} moeten samen, maar passen in geen groep.")
        planned.append(Round(present, sizes, round_locks, free_blocks))

    organisations: dict[str, int] = {}
    domain_ids: dict[str, int] = {}
    for person in persons:
        if person.organisation is not None:
            organisations.setdefault(person.organisation, len(organisations))
        for d in person.domains:
            domain_ids.setdefault(d, len(domain_ids))
    return Problem(
        people=persons,
        index=index,
        rounds=planned,
        met=met_pairs,
        apart=apart_pairs,
        together=together_pairs,
        organisation=[
            -1 if p.organisation is None else organisations[p.organisation] for p in persons
        ],
        domains=[frozenset(domain_ids[d] for d in p.domains) for p in persons],
        expert=[p.expert for p in persons],
        trained=[p.expert and p.trained for p in persons],
        domain_names=list(domain_ids),
    )
