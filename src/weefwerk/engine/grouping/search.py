"""Local search over a whole multi-round plan.

The plan is scored as one weighted integer whose weights make the comparison lexicographic
(hard constraints > experts > trained experts > colleagues > repeat pairs > domain duplicates).
Moves swap two people between groups of the same round, so sizes never change. The neighbourhood
is conflict-directed (Dotú and Van Hentenryck, "Scheduling social golfers locally", 2005): at
least one of the two people must be in a conflict; the best non-tabu swap is taken, with
aspiration, and a perturbed restart from the best plan when the search stalls. The initial plan
is greedy round by round (in the spirit of Triska and Musliu's greedy initial configurations) or
a construction where one fits (construct.py, doubled.py).

With domains, three phases follow each other: the tabu search above; a domains-first tabu
search that swaps the weights of repeat pairs and domain duplicates and keeps what it finds only
when repeat pairs end no higher (run_domains_first); and an annealing polish (polish).

Bookkeeping is incremental: people are integers, groups are bit sets, and a meeting-count matrix
with threshold bit sets (met at least once / at least twice) turns a swap's change in repeat
pairs into a handful of popcounts.

Stopping is deterministic: the search counts its work in abstract units (candidate swaps
looked at, polish tries, restarts) and stops on a work budget, never on the clock, so a seed and
an input always give the same plan. The wall-clock deadline is only a safety net for a machine
much slower or busier than expected; when it ends the run, ``timed_out`` is set and the plan is
no longer guaranteed to be reproducible.
"""

from __future__ import annotations

import math
import random
import time
from itertools import combinations
from operator import add, sub

from .problem import Problem
from .score import colleague_lower_bound

# Work units (see the module docstring). One unit is one candidate swap evaluated in Python;
# the pair-only scan runs in C-level maps and costs less per candidate, a polish try and a
# restart cost more. Calibrated on the reference machine so that a unit takes about the same
# time in every phase (see WORK_PER_SECOND in optimiser.py).
PAIR_SCAN_UNITS = 0.5
ROUND_UNITS = 2  # per round looked at in one iteration, on top of its candidates
POLISH_UNITS = 8  # per polish try
RESTART_UNITS = 1  # per person and round and person (the tables are n by n per round)


def _deviation(c: int, low: int, high: int) -> int:
    return (c - high if c > high else 0) + (low - c if c < low else 0)


class Search:
    def __init__(self, problem: Problem, rng: random.Random) -> None:
        self.problem = problem
        self.rng = rng
        n = len(problem.people)
        self.n = n
        self.bit = [1 << i for i in range(n)]
        rounds = problem.rounds
        self.R = len(rounds)

        org = problem.organisation
        members: dict[int, int] = {}
        for i, o in enumerate(org):
            if o >= 0:
                members[o] = members.get(o, 0) | self.bit[i]
        self.org = org
        self.coll = [(members[o] & ~self.bit[i]) if o >= 0 else 0 for i, o in enumerate(org)]
        self.apart = [0] * n
        for a, b in problem.apart:
            self.apart[a] |= self.bit[b]
            self.apart[b] |= self.bit[a]
        self.has_coll = any(self.coll)
        self.has_apart = any(self.apart)
        self.expert = [int(x) for x in problem.expert]
        self.trained = [int(x) for x in problem.trained]
        self.has_experts = any(self.expert)
        self.domains = problem.domains
        self.n_domains = len(problem.domain_names)
        self.has_domains = self.n_domains > 0

        # Expert and trained bounds per round: floor(e/g)..ceil(e/g).
        self.e_bounds = []
        self.t_bounds = []
        for r in rounds:
            g = max(1, len(r.sizes))
            e = sum(self.expert[p] for p in r.present)
            t = sum(self.trained[p] for p in r.present)
            self.e_bounds.append((e // g, -(-e // g)))
            self.t_bounds.append((t // g, -(-t // g)))

        fixed = [set(r.locked) | {p for b in r.blocks for p in b} for r in rounds]
        self.movable = [[p for p in r.present if p not in fixed[i]] for i, r in enumerate(rounds)]
        self.active = [
            i for i, r in enumerate(rounds) if len(r.sizes) > 1 and len(self.movable[i]) > 1
        ]
        self.present = [r.present for r in rounds]
        self.has_static = self.has_coll or self.has_apart
        self.domain_max = max((len(d) for d in self.domains), default=0)
        self.set_weights(domains_first=False)
        # Search parameters (tenure range after Dotú and Van Hentenryck: 4..100).
        self.tenure = (4, 100)
        self.stable_limit = 300
        self.shake = 3
        # Give up after this many iterations without a better plan: saves time on instances
        # whose lower bound cannot be reached, and makes such runs independent of the clock.
        self.patience = 20000
        # Domain polish: tries per tabu iteration allowed when max_iterations bounds the run,
        # and tries without a gain before it gives up.
        self.polish_factor = 50
        self.polish_patience = 200000
        self.polish_repeat = 2  # a repeat pair weighs as much as this many domain duplicates
        self.polish_temperature = 0.5
        self.polish_steps = 0
        self.domain_iterations = 0
        self.work = 0.0  # work units spent (deterministic; see the module docstring)
        self.timed_out = False  # the wall-clock safety net ended the run

    # ---------------------------------------------------------------- weights
    def set_weights(self, domains_first: bool) -> None:
        """Weights that make one integer compare like the lexicographic key.

        Normally repeat pairs come before domain duplicates; `domains_first` swaps those two
        levels (the domain phase uses it, see optimiser.py). Call load() afterwards: the tables
        hold weighted costs.
        """
        rounds = self.problem.rounds
        pairs_max = sum(s * (s - 1) // 2 for r in rounds for s in r.sizes) + len(self.problem.met)
        dom_max = sum(len(self.domains[p]) for r in rounds for p in r.present)
        exp_max = sum(2 * sum(self.expert[p] for p in r.present) + len(r.sizes) for r in rounds)
        tr_max = sum(2 * sum(self.trained[p] for p in r.present) + len(r.sizes) for r in rounds)
        self.domains_first = domains_first
        if domains_first:
            self.WR = 1
            self.WD = pairs_max + 1
            self.WC = self.WD * (dom_max + 1)
        else:
            self.WD = 1
            self.WR = dom_max + 1
            self.WC = self.WR * (pairs_max + 1)
        self.WT = self.WC * (pairs_max + 1)
        self.WE = self.WT * (tr_max + 1)
        self.WH = self.WE * (exp_max + 1)
        self.target = self._lower_bound_cost()
        n = self.n
        # Fixed pair costs: colleagues and people who must be apart.
        self.static = [[0] * n for _ in range(n)]
        for a in range(n):
            row = self.static[a]
            for b in range(n):
                if a != b:
                    row[b] = self.WC * (self.coll[a] >> b & 1) + self.WH * (self.apart[a] >> b & 1)
        self.static_max = [max(row) for row in self.static] if n else []
        self.big = 4 * self.WH * (pairs_max + 1) + 1  # more than any swap can change

    # ----------------------------------------------------------------- bounds
    def _lower_bound_cost(self) -> int:
        p = self.problem
        coll = sum(
            colleague_lower_bound(
                (self.org[x] if self.org[x] >= 0 else None for x in r.present), len(r.sizes)
            )
            for r in p.rounds
            if r.sizes
        )
        dom = 0
        total = 0
        capacity = [0] * self.n
        counts = [0] * self.n
        co_present: set[tuple[int, int]] = set()
        for r in p.rounds:
            if not r.sizes:
                continue
            g = len(r.sizes)
            tally: dict[int, int] = {}
            for x in r.present:
                for d in self.domains[x]:
                    tally[d] = tally.get(d, 0) + 1
                capacity[x] += max(r.sizes) - 1
            dom += sum(max(0, c - g) for c in tally.values())
            total += sum(s * (s - 1) // 2 for s in r.sizes)
            co_present.update(combinations(sorted(r.present), 2))
        reachable = co_present - p.met
        for a, b in reachable:
            counts[a] += 1
            counts[b] += 1
        upper = min(total, len(reachable), sum(map(min, capacity, counts)) // 2)
        return self.WC * coll + self.WR * (total - upper) + self.WD * dom

    # ------------------------------------------------------------ state setup
    def load(self, plan: list[list[list[int]]]) -> None:
        """Take a complete plan (groups of person numbers per round) and rebuild all tables.

        C[r][x][k]: cost of x's pairs with the members of group k in round r (met before,
        colleague, apart); O[r][x]: what x's pairs in its own group cost beyond a first meeting.
        A swap's delta is then a few table look-ups.
        """
        n = self.n
        bit = self.bit
        self.groups = [[list(g) for g in rnd] for rnd in plan]
        self.pos = []
        self.gmask = []
        for rnd in self.groups:
            pos = [-1] * n
            masks = []
            for k, g in enumerate(rnd):
                m = 0
                for x in g:
                    pos[x] = k
                    m |= bit[x]
                masks.append(m)
            self.pos.append(pos)
            self.gmask.append(masks)
        meet = [[0] * n for _ in range(n)]
        for a, b in self.problem.met:
            meet[a][b] = meet[b][a] = 1
        for rnd in self.groups:
            for g in rnd:
                for a, b in combinations(g, 2):
                    meet[a][b] += 1
                    meet[b][a] += 1
        self.meet = meet
        WR, st = self.WR, self.static
        # P2[a][b]: twice what a and b cost each other in one group (met before, colleagues,
        # apart); a swap's pair part is C[a][B] + C[b][A] - own[a] - own[b] - P2[a][b].
        self.P2 = [
            [2 * ((WR if mx[y] else 0) + sx[y]) for y in range(n)]
            for mx, sx in zip(meet, st, strict=True)
        ]
        self.C = []
        self.own = []
        for r, rnd in enumerate(self.groups):
            pos = self.pos[r]
            table: list = [None] * n
            out = [0] * n
            for x in self.present[r]:
                mx, sx = meet[x], st[x]
                table[x] = [sum((WR if mx[y] else 0) + sx[y] for y in grp if y != x) for grp in rnd]
                out[x] = sum((WR if mx[y] >= 2 else 0) + sx[y] for y in rnd[pos[x]] if y != x)
            self.C.append(table)
            self.own.append(out)
        self.ecount = [[sum(self.expert[x] for x in g) for g in rnd] for rnd in self.groups]
        self.tcount = [[sum(self.trained[x] for x in g) for g in rnd] for rnd in self.groups]
        self.dcount = []
        for rnd in self.groups:
            per_group = []
            for g in rnd:
                c = [0] * self.n_domains
                for x in g:
                    for d in self.domains[x]:
                        c[d] += 1
                per_group.append(c)
            self.dcount.append(per_group)
        self.cost = self.full_cost()

    def components(self) -> tuple[int, int, int, int, int, int]:
        """(hard, expert, trained, colleague, repeat, domain) of the current plan."""
        hard = exp = tr = coll = dom = 0
        for r, rnd in enumerate(self.groups):
            elo, ehi = self.e_bounds[r]
            tlo, thi = self.t_bounds[r]
            for k, g in enumerate(rnd):
                mask = self.gmask[r][k]
                for x in g:
                    hard += (self.apart[x] & mask).bit_count()
                    coll += (self.coll[x] & mask).bit_count()
                exp += _deviation(self.ecount[r][k], elo, ehi)
                tr += _deviation(self.tcount[r][k], tlo, thi)
                dom += sum(c - 1 for c in self.dcount[r][k] if c > 1)
        rep = 0
        for a in range(self.n):
            row = self.meet[a]
            rep += sum(m - 1 for m in row[a + 1 :] if m > 1)
        return hard // 2, exp, tr, coll // 2, rep, dom

    def full_cost(self) -> int:
        hard, exp, tr, coll, rep, dom = self.components()
        return (
            self.WH * hard
            + self.WE * exp
            + self.WT * tr
            + self.WC * coll
            + self.WR * rep
            + self.WD * dom
        )

    def check_tables(self) -> None:
        """Debug aid for tests: incremental tables equal a fresh rebuild."""
        C, own, cost = self.C, self.own, self.cost
        self.load([[list(g) for g in rnd] for rnd in self.groups])
        assert C == self.C and own == self.own and cost == self.cost

    # ----------------------------------------------------------- greedy start
    def greedy_round(self, r: int, meet: list[list[int]]) -> list[list[int]]:
        """Place people one by one where they add least cost; `meet` is updated in place."""
        rnd = self.problem.rounds[r]
        rng = self.rng
        sizes = rnd.sizes
        g = len(sizes)
        groups: list[list[int]] = [[] for _ in range(g)]
        elo, ehi = self.e_bounds[r]
        tlo, thi = self.t_bounds[r]
        ecount = [0] * g
        tcount = [0] * g
        dcount = [[0] * self.n_domains for _ in range(g)]

        def add(x: int, k: int) -> None:
            for y in groups[k]:
                meet[x][y] += 1
                meet[y][x] += 1
            groups[k].append(x)
            ecount[k] += self.expert[x]
            tcount[k] += self.trained[x]
            for d in self.domains[x]:
                dcount[k][d] += 1

        def cost(x: int, k: int) -> int:
            c = 0
            row = meet[x]
            for y in groups[k]:
                if row[y]:
                    c += self.WR
                if self.org[x] >= 0 and self.org[x] == self.org[y]:
                    c += self.WC
                if self.apart[x] & self.bit[y]:
                    c += self.WH
            if self.expert[x]:
                c += self.WE * (
                    _deviation(ecount[k] + 1, elo, ehi) - _deviation(ecount[k], elo, ehi)
                )
            if self.trained[x]:
                c += self.WT * (
                    _deviation(tcount[k] + 1, tlo, thi) - _deviation(tcount[k], tlo, thi)
                )
            for d in self.domains[x]:
                if dcount[k][d]:
                    c += self.WD
            return c

        for x, k in sorted(rnd.locked.items()):
            add(x, k)
        for block in sorted(rnd.blocks, key=len, reverse=True):
            options = [k for k in range(g) if sizes[k] - len(groups[k]) >= len(block)]
            best = min(
                options,
                key=lambda k: (sum(cost(x, k) for x in block), len(groups[k]) - sizes[k]),
            )
            for x in block:
                add(x, best)
        fixed = set(rnd.locked) | {x for b in rnd.blocks for x in b}
        rest = [x for x in rnd.present if x not in fixed]
        rng.shuffle(rest)
        # Scarce kinds first: trained experts, experts, then people with many colleagues.
        colleagues = [self.coll[x].bit_count() for x in range(self.n)]
        rest.sort(key=lambda x: (-self.trained[x], -self.expert[x], -colleagues[x]))
        for x in rest:
            best_k, best_key = -1, None
            for k in range(g):
                free = sizes[k] - len(groups[k])
                if free <= 0:
                    continue
                key = (cost(x, k), -free, rng.random())
                if best_key is None or key < best_key:
                    best_k, best_key = k, key
            add(x, best_k)
        return groups

    def freedom_round(self, r: int, meet: list[list[int]]) -> list[list[int]]:
        """Group-first greedy after Triska and Musliu: fill each group with pairs of people who
        have not met, preferring those whose union has met the fewest people so far (the most
        "freedom" left for later rounds). Only for rounds without attributes or constraints."""
        rnd = self.problem.rounds[r]
        rng = self.rng
        bit = self.bit
        met = [0] * self.n
        for x in rnd.present:
            row = meet[x]
            m = 0
            for y in rnd.present:
                if row[y]:
                    m |= bit[y]
            met[x] = m | bit[x]
        left = 0  # people not yet placed in this round
        for x in rnd.present:
            left |= bit[x]
        unplaced = list(rnd.present)
        rng.shuffle(unplaced)
        groups: list[list[int]] = []
        for size in rnd.sizes:
            group: list[int] = []
            seen = 0  # everybody a member has met
            inside = 0  # the members
            while len(group) < size:
                free_mask = ~seen & left
                best, best_key = None, None
                if size - len(group) >= 2 and len(unplaced) >= 2:
                    for i, x in enumerate(unplaced):
                        mx = met[x]
                        cx = (mx & inside).bit_count()
                        for y in unplaced[i + 1 :]:
                            clash = cx + (met[y] & inside).bit_count() + (mx >> y & 1)
                            key = (clash, -(free_mask & ~(mx | met[y])).bit_count())
                            if best_key is None or key < best_key:
                                best, best_key = (x, y), key
                else:
                    for x in unplaced:
                        key = ((met[x] & inside).bit_count(), -(free_mask & ~met[x]).bit_count())
                        if best_key is None or key < best_key:
                            best, best_key = (x,), key
                for x in best:
                    unplaced.remove(x)
                    left &= ~bit[x]
                    inside |= bit[x]
                    group.append(x)
                    seen |= met[x]
            for x, y in combinations(group, 2):
                meet[x][y] += 1
                meet[y][x] += 1
            groups.append(group)
        return groups

    def greedy_plan(self, fixed_rounds: dict[int, list[list[int]]] | None = None) -> list:
        fixed_rounds = fixed_rounds or {}
        n = self.n
        meet = [[0] * n for _ in range(n)]
        for a, b in self.problem.met:
            meet[a][b] = meet[b][a] = 1
        plan: list = [None] * self.R
        for r, rnd in fixed_rounds.items():
            plan[r] = rnd
            for g in rnd:
                for a, b in combinations(g, 2):
                    meet[a][b] += 1
                    meet[b][a] += 1
        plain = not (self.has_static or self.has_experts or self.has_domains) and not any(
            r.locked or r.blocks for r in self.problem.rounds
        )
        for r in range(self.R):
            if plan[r] is None:
                plan[r] = (self.freedom_round if plain else self.greedy_round)(r, meet)
        return plan

    # ------------------------------------------------------------ the search
    def _cross_once(self, p: int, x: int, delta: int) -> None:
        """p and x went from never met to met (or back): join costs change in every round."""
        C = self.C
        self.P2[p][x] += 2 * delta
        self.P2[x][p] += 2 * delta
        for r, pos in enumerate(self.pos):
            kp, kx = pos[p], pos[x]
            if kp >= 0 and kx >= 0:
                C[r][p][kx] += delta
                C[r][x][kp] += delta

    def _cross_twice(self, p: int, x: int, delta: int) -> None:
        """p and x went from met once to more often (or back): repeats where they share a group."""
        own = self.own
        for r, pos in enumerate(self.pos):
            kp = pos[p]
            if kp >= 0 and kp == pos[x]:
                own[r][p] += delta
                own[r][x] += delta

    def _swap(self, r: int, a: int, b: int) -> None:
        pos = self.pos[r]
        A, B = pos[a], pos[b]
        grp = self.groups[r]
        meet, st, WR = self.meet, self.static, self.WR
        Cr, Or = self.C[r], self.own[r]
        present = self.present[r]
        # 1. a and b part from their groups: meeting counts drop while they are still in place
        for p, gp in ((a, grp[A]), (b, grp[B])):
            mp = meet[p]
            for x in gp:
                if x == p:
                    continue
                m = mp[x] - 1
                mp[x] = meet[x][p] = m
                if m == 0:
                    self._cross_once(p, x, -WR)
                elif m == 1:
                    self._cross_twice(p, x, -WR)
        # 2. take them out of round r
        for p, k in ((a, A), (b, B)):
            gp = grp[k]
            mp, sp = meet[p], st[p]
            for x in present:
                if x != p:
                    Cr[x][k] -= (WR if mp[x] else 0) + sp[x]
            for x in gp:
                if x != p:
                    Or[x] -= (WR if mp[x] >= 2 else 0) + sp[x]
            gp.remove(p)
            pos[p] = -1
        # 3. put them into each other's group, then count the new meetings
        for p, k in ((a, B), (b, A)):
            gk = grp[k]
            mp, sp = meet[p], st[p]
            for x in present:
                if x != p:
                    Cr[x][k] += (WR if mp[x] else 0) + sp[x]
            o = 0
            for x in gk:
                w = (WR if mp[x] >= 2 else 0) + sp[x]
                Or[x] += w
                o += w
            Or[p] = o
            gk.append(p)
            pos[p] = k
            for x in gk:
                if x == p:
                    continue
                m = mp[x] + 1
                mp[x] = meet[x][p] = m
                if m == 1:
                    self._cross_once(p, x, WR)
                elif m == 2:
                    self._cross_twice(p, x, WR)
        both = self.bit[a] | self.bit[b]
        masks = self.gmask[r]
        masks[A] ^= both
        masks[B] ^= both
        ea, eb = self.expert[a], self.expert[b]
        if ea != eb:
            self.ecount[r][A] += eb - ea
            self.ecount[r][B] += ea - eb
        ta, tb = self.trained[a], self.trained[b]
        if ta != tb:
            self.tcount[r][A] += tb - ta
            self.tcount[r][B] += ta - tb
        da, db = self.domains[a], self.domains[b]
        if da != db:
            ca, cb = self.dcount[r][A], self.dcount[r][B]
            for d in da:
                ca[d] -= 1
                cb[d] += 1
            for d in db:
                cb[d] -= 1
                ca[d] += 1

    def _best_swap(self, r: int, it: int, best_cost: int, tabu_r: list[list[int]]):
        """Best allowed swap in round r touching a conflict: (delta, a, b), () or None.

        None: nobody in round r is in a conflict; (): every candidate swap is tabu.
        """
        pos = self.pos[r]
        Cr, Or = self.C[r], self.own[r]
        meet, st = self.meet, self.static
        WR2 = 2 * self.WR
        movable = self.movable[r]
        conflict = [x for x in movable if Or[x]]
        g = len(self.groups[r])
        has_static = self.has_static
        has_experts, has_domains = self.has_experts, self.has_domains
        if has_experts:
            elo, ehi = self.e_bounds[r]
            tlo, thi = self.t_bounds[r]
            ec, tc = self.ecount[r], self.tcount[r]
            e_dev = [_deviation(c, elo, ehi) for c in ec]
            e_down = [_deviation(c - 1, elo, ehi) - e_dev[k] for k, c in enumerate(ec)]
            e_up = [_deviation(c + 1, elo, ehi) - e_dev[k] for k, c in enumerate(ec)]
            t_dev = [_deviation(c, tlo, thi) for c in tc]
            t_down = [_deviation(c - 1, tlo, thi) - t_dev[k] for k, c in enumerate(tc)]
            t_up = [_deviation(c + 1, tlo, thi) - t_dev[k] for k, c in enumerate(tc)]
            bad = {k for k in range(g) if e_dev[k] or t_dev[k]}
            if bad:
                conflict += [x for x in movable if pos[x] in bad and not Or[x]]
            WE, WT = self.WE, self.WT
            expert, trained = self.expert, self.trained
        if has_domains:
            dc = self.dcount[r]
            domains = self.domains
            WD = self.WD
            seen = set(conflict)
            for x in movable:
                if x not in seen:
                    c = dc[pos[x]]
                    for d in domains[x]:
                        if c[d] > 1:
                            conflict.append(x)
                            break
        if not conflict:
            self.work += ROUND_UNITS
            return None
        if not (has_experts or has_domains):
            self.work += ROUND_UNITS + PAIR_SCAN_UNITS * len(conflict) * len(movable)
            return self._best_pair_swap(r, it, best_cost, tabu_r, conflict)
        self.work += ROUND_UNITS + len(conflict) * len(movable)

        cost = self.cost
        best_delta = None
        candidates: list[tuple[int, int]] = []
        simple = not (has_static or has_experts or has_domains)
        for a in conflict:
            A = pos[a]
            ca = Cr[a]
            oa = Or[a]
            ma = meet[a]
            ta = tabu_r[a]
            sa = st[a]
            for b in movable:
                B = pos[b]
                if B == A:
                    continue
                d = ca[B] - oa + Cr[b][A] - Or[b]
                if ma[b]:
                    d -= WR2
                if not simple:
                    if has_static:
                        d -= 2 * sa[b]
                    if has_experts:
                        ea, eb = expert[a], expert[b]
                        if ea != eb:
                            d += WE * (e_down[A] + e_up[B] if ea else e_down[B] + e_up[A])
                        if trained[a] != trained[b]:
                            d += WT * (t_down[A] + t_up[B] if trained[a] else t_down[B] + t_up[A])
                    if has_domains:
                        da, db = domains[a], domains[b]
                        if da != db:
                            cA, cB = dc[A], dc[B]
                            dd_sum = 0
                            for dd in da:
                                if dd not in db:
                                    dd_sum += (cB[dd] >= 1) - (cA[dd] >= 2)
                            for dd in db:
                                if dd not in da:
                                    dd_sum += (cA[dd] >= 1) - (cB[dd] >= 2)
                            d += WD * dd_sum
                if best_delta is not None and d > best_delta:
                    continue
                if ta[b] > it and cost + d >= best_cost:
                    continue
                if best_delta is None or d < best_delta:
                    best_delta = d
                    candidates = [(a, b)]
                else:
                    candidates.append((a, b))
        if not candidates:
            return ()
        a, b = candidates[self.rng.randrange(len(candidates))]
        return best_delta, a, b

    def _best_pair_swap(
        self, r: int, it: int, best_cost: int, tabu_r: list[list[int]], conflict: list[int]
    ):
        """_best_swap when only pair costs count: the scan over partners runs in C-level maps.

        For a conflicting a in group A the delta of swapping with b is
        C[a][pos b] - own[a] + (C[b][A] - own[b]) - P2[a][b]; the bracket depends on A only and
        is computed once per group, people of group A itself get a prohibitive value.
        """
        pos = self.pos[r]
        Cr, Or = self.C[r], self.own[r]
        P2 = self.P2
        movable = self.movable[r]
        posm = [pos[b] for b in movable]
        cost = self.cost
        big = self.big
        join: dict[int, list[int]] = {}
        best_delta = None
        candidates: list[tuple[int, int]] = []
        for a in conflict:
            A = pos[a]
            col = join.get(A)
            if col is None:
                col = [
                    Cr[b][A] - Or[b] if k != A else big for b, k in zip(movable, posm, strict=True)
                ]
                join[A] = col
            oa = Or[a]
            vals = list(
                map(
                    sub,
                    map(add, map(Cr[a].__getitem__, posm), col),
                    map(P2[a].__getitem__, movable),
                )
            )
            m = min(vals)
            if m >= big or (best_delta is not None and m - oa > best_delta):
                continue
            found = [(a, movable[i]) for i, v in enumerate(vals) if v == m]
            if cost + m - oa >= best_cost:  # no aspiration: tabu partners are out
                ta = tabu_r[a]
                found = [(a, b) for a, b in found if ta[b] <= it]
                if not found:
                    vals = [v if ta[b] <= it else big for v, b in zip(vals, movable, strict=True)]
                    m = min(vals)
                    if m >= big or (best_delta is not None and m - oa > best_delta):
                        continue
                    found = [(a, movable[i]) for i, v in enumerate(vals) if v == m]
            d = m - oa
            if best_delta is None or d < best_delta:
                best_delta = d
                candidates = found
            else:
                candidates += found
        if not candidates:
            return ()
        a, b = candidates[self.rng.randrange(len(candidates))]
        return best_delta, a, b

    def run(
        self,
        deadline: float,
        max_iterations: int | None = None,
        check: bool = False,
        budget: float | None = None,
        tabu_budget: float | None = None,
        tabu_deadline: float | None = None,
        domains_budget: float | None = None,
        domains_deadline: float | None = None,
        repeat_cap: int | None = None,
    ) -> int:
        """Improve the loaded plan; leaves the best plan loaded.

        Stops at the lower bound, after `patience` iterations without a better plan, after
        `max_iterations`, or when `budget` work units are spent. With domains the tabu phase
        hands over at `tabu_budget` to the domains-first phase (see run_domains_first), which
        hands over at `domains_budget` to the domain polish. All of these are deterministic.
        `deadline` (a time.perf_counter() value) is the safety net: reaching it sets
        `timed_out`; so do `tabu_deadline` and `domains_deadline`, the latest hand-overs on a
        busy machine. `repeat_cap` is for the domains-first phase only (see there).
        """
        rng = self.rng
        best_cost = self.cost
        best_plan = [[list(g) for g in rnd] for rnd in self.groups]
        self.iterations = 0
        if not self.active or best_cost <= self.target:
            return 0
        tabu = [[[0] * self.n for _ in range(self.n)] for _ in range(self.R)]
        tenure_low, tenure_high = self.tenure
        stable_limit = self.stable_limit
        last_improvement = last_best = 0
        it = 0
        order = self.active
        # With domains, the tabu phase hands over to the domain polish (below) once every
        # higher level is at its bound, or at `tabu_budget`.
        WR = self.WR
        split = self.has_domains and not self.domains_first
        goal = self.target // WR if split else self.target
        if tabu_budget is None or (budget is not None and tabu_budget > budget):
            tabu_budget = budget
        restart_units = RESTART_UNITS * self.R * self.n * self.n
        tabu_deadline = deadline if tabu_deadline is None else min(tabu_deadline, deadline)
        # Domains-first phase: also remember the best plan that keeps the levels above repeat
        # pairs and has at most `repeat_cap` repeat pairs (cost = WC * high + WD * dom + rep).
        capped = repeat_cap is not None and self.domains_first
        if capped:
            cap_high, cap_rest = divmod(best_cost, self.WC)
            WC, WD = self.WC, self.WD
        self.capped_plan = None
        while True:
            it += 1
            if max_iterations is not None and it > max_iterations:
                break
            if it - last_best > self.patience:
                break
            if tabu_budget is not None and self.work >= tabu_budget:
                break
            if it & 7 == 0 and time.perf_counter() > tabu_deadline:
                self.timed_out = True
                break
            # Best swap over all rounds (Dotú and Van Hentenryck); ties broken at random.
            start = rng.randrange(len(order))
            best = None
            all_tabu = None
            ties = 0
            for i in range(len(order)):
                r = order[(start + i) % len(order)]
                move = self._best_swap(r, it, best_cost, tabu[r])
                if move:
                    if best is None or move[0] < best[0][0]:
                        best, ties = (move, r), 1
                    elif move[0] == best[0][0]:
                        ties += 1
                        if rng.randrange(ties) == 0:
                            best = (move, r)
                elif move == () and all_tabu is None:
                    all_tabu = r
            if best is None:
                if all_tabu is None:
                    break  # no conflicts left anywhere: no swap can improve
                r = all_tabu
                a, b = rng.sample(self.movable[r], 2)
                if self.pos[r][a] == self.pos[r][b]:
                    continue
                self._swap(r, a, b)
                self.cost = self.full_cost()
            else:
                (delta, a, b), r = best
                self._swap(r, a, b)
                self.cost += delta
                if check:
                    assert self.cost == self.full_cost(), (it, self.cost, self.full_cost())
                tabu[r][a][b] = tabu[r][b][a] = it + rng.randint(tenure_low, tenure_high)
            if capped:
                high, rest = divmod(self.cost, WC)
                if high <= cap_high and rest < cap_rest and rest % WD <= repeat_cap:
                    cap_rest = rest
                    self.capped_plan = [[list(g) for g in rnd] for rnd in self.groups]
            if self.cost < best_cost:
                best_cost = self.cost
                best_plan = [[list(g) for g in rnd] for rnd in self.groups]
                last_improvement = last_best = it
                if (best_cost // WR if split else best_cost) <= goal:
                    break
            elif it - last_improvement > stable_limit:
                # Stalled: restart from the best plan, shaken by a few random swaps.
                self.work += restart_units
                self.load(best_plan)
                for _ in range(rng.randint(1, self.shake)):
                    r = rng.choice(order)
                    a, b = rng.sample(self.movable[r], 2)
                    if self.pos[r][a] != self.pos[r][b]:
                        self._swap(r, a, b)
                self.cost = self.full_cost()
                for row in tabu:
                    for line in row:
                        line[:] = [0] * self.n
                last_improvement = it
        self.iterations = it
        if self.cost != best_cost:
            self.load(best_plan)
        if (
            split
            and self.cost > self.target
            and domains_budget is not None
            and self.work < domains_budget
            and time.perf_counter() < deadline
        ):
            self.run_domains_first(
                deadline if domains_deadline is None else min(domains_deadline, deadline),
                max_iterations,
                check,
                domains_budget,
            )
        if split and self.cost > self.target and time.perf_counter() < deadline:
            steps = None if max_iterations is None else self.polish_factor * max_iterations
            self.polish_steps = self.polish(deadline, steps, check, budget)
        return it

    def run_domains_first(
        self, deadline: float, max_iterations: int | None, check: bool, budget: float
    ) -> None:
        """Tabu search with domain duplicates weighed above repeat pairs, from the loaded plan.

        The repeat-first search gets stuck in plans whose repeat pairs are at their minimum:
        nearly every swap there makes a new repeat, so domains stay far from their bound. With
        the two levels swapped, the search spreads domains first and then removes repeats while
        domains stay put; on many instances it ends with both at their bound. Half of the
        budget goes to that search; it remembers the best plan seen with no more repeat pairs
        than the start (and higher levels no worse). When there is none, the other half runs the
        repeat-first search again from the domains-first plan, which brings repeats back down
        from a much better spread of domains. Whichever plan is best under the true
        (repeat-first) key is kept, the start included, so this phase never makes a plan worse.
        """
        start = [[list(g) for g in rnd] for rnd in self.groups]
        start_key = self.components()
        self.set_weights(domains_first=True)
        self.load(start)
        outer_iterations = self.iterations
        half = self.work + (budget - self.work) / 2
        self.run(deadline, max_iterations, check, budget=half, repeat_cap=start_key[4])
        self.domain_iterations = self.iterations
        found = self.capped_plan
        spread = [[list(g) for g in rnd] for rnd in self.groups]
        self.set_weights(domains_first=False)
        candidates = [start] + ([found] if found is not None else [])
        if found is None:
            self.load(spread)
            self.run(deadline, max_iterations, check, budget=budget)
            candidates.append([[list(g) for g in rnd] for rnd in self.groups])
        self.iterations = outer_iterations
        best, best_key = start, start_key
        for plan in candidates[1:]:
            self.load(plan)
            key = self.components()
            if key < best_key:
                best, best_key = plan, key
        self.load(best)

    def delta(self, r: int, a: int, b: int) -> int:
        """Exact change of the weighted cost when a and b (in different groups) swap in round r."""
        pos = self.pos[r]
        A, B = pos[a], pos[b]
        Cr, Or = self.C[r], self.own[r]
        d = Cr[a][B] - Or[a] + Cr[b][A] - Or[b] - self.P2[a][b]
        ea, eb = self.expert[a], self.expert[b]
        if ea != eb:
            lo, hi = self.e_bounds[r]
            ec = self.ecount[r]
            s = eb - ea  # change of group A's count; B changes the other way
            d += self.WE * (
                _deviation(ec[A] + s, lo, hi)
                - _deviation(ec[A], lo, hi)
                + _deviation(ec[B] - s, lo, hi)
                - _deviation(ec[B], lo, hi)
            )
        ta, tb = self.trained[a], self.trained[b]
        if ta != tb:
            lo, hi = self.t_bounds[r]
            tc = self.tcount[r]
            s = tb - ta
            d += self.WT * (
                _deviation(tc[A] + s, lo, hi)
                - _deviation(tc[A], lo, hi)
                + _deviation(tc[B] - s, lo, hi)
                - _deviation(tc[B], lo, hi)
            )
        da, db = self.domains[a], self.domains[b]
        if da != db:
            cA, cB = self.dcount[r][A], self.dcount[r][B]
            dd_sum = 0
            for dd in da:
                if dd not in db:
                    dd_sum += (cB[dd] >= 1) - (cA[dd] >= 2)
            for dd in db:
                if dd not in da:
                    dd_sum += (cA[dd] >= 1) - (cB[dd] >= 2)
            d += self.WD * dd_sum
        return d

    def polish(
        self,
        deadline: float,
        max_steps: int | None = None,
        check: bool = False,
        budget: float | None = None,
    ) -> int:
        """Domain phase: simulated annealing on swaps of someone with a doubled domain or a
        repeat pair, under a softened objective in which a repeat pair costs `polish_repeat`
        domain duplicates and anything above repeat pairs stays prohibitive. A plan with zero
        repeats is a tight local optimum for single swaps (every swap makes a new repeat), so
        the walk has to pass through plans with a few repeats to spread domains better. The best
        plan under the true lexicographic cost is kept, so no level above domains ever ends up
        worse. Stops at the bound, after `max_steps` tries, when the work spent reaches `budget`
        or after `polish_patience` tries without a better plan; the deadline is the safety
        net (it sets `timed_out`)."""
        rng = self.rng
        rounds = self.active
        if not rounds:
            return 0
        domains = self.domains
        WR, WC = self.WR, self.WC
        lam = self.polish_repeat
        temperature = self.polish_temperature
        best_cost = self.cost
        best_plan = [[list(g) for g in rnd] for rnd in self.groups]
        step = last = 0
        limit = self.polish_patience
        exp, random_ = math.exp, rng.random
        half_c, half_r = WC // 2, WR // 2
        # Work is counted in whole blocks of 64 tries, checked where the clock is checked.
        while best_cost > self.target:
            step += 1
            if max_steps is not None and step > max_steps:
                break
            if step - last > limit:
                break
            if step & 63 == 0:
                self.work += 64 * POLISH_UNITS
                if budget is not None and self.work >= budget:
                    break
                if time.perf_counter() > deadline:
                    self.timed_out = True
                    break
            r = rounds[rng.randrange(len(rounds))]
            movable = self.movable[r]
            a = movable[rng.randrange(len(movable))]
            pos = self.pos[r]
            if not self.own[r][a]:
                counts = self.dcount[r][pos[a]]
                if not any(counts[d] > 1 for d in domains[a]):
                    continue
            b = movable[rng.randrange(len(movable))]
            if pos[b] == pos[a]:
                continue
            d = self.delta(r, a, b)
            if d:
                # d = WC * high + WR * rep + dom with small |rep| and |dom|: take it apart.
                high, rest = divmod(d + half_c, WC)
                if high > 0:
                    continue
                rep, dom = divmod(rest - half_c + half_r, WR)
                soft = lam * rep + dom - half_r
                if high == 0 and soft > 0 and random_() >= exp(-soft / temperature):
                    continue
            self._swap(r, a, b)
            self.cost += d
            if check:
                assert self.cost == self.full_cost(), (step, self.cost, self.full_cost())
            if self.cost < best_cost:
                best_cost = self.cost
                best_plan = [[list(g) for g in rnd] for rnd in self.groups]
                last = step
        if self.cost != best_cost:
            self.load(best_plan)
        return step
