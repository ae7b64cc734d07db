"""The kaasschaafmethode: fit an agenda into a given number of minutes.

``shave(items, target_minutes, minimum=5)`` takes ``(minutes, fixed)`` pairs and returns whole
minutes per item. The rules, precisely:

1. **Total.** The result always adds up to ``target_minutes`` exactly.
2. **Fixed items** (a break, a welcome that must stay) keep their minutes.
3. **Floor.** A non-fixed item never ends below its floor ``min(minutes, minimum)``: the
   minimum, or its own length when that is shorter (a 3-minute item is never shaved at all).
4. **Proportional ideal.** Let ``budget = target - sum(fixed minutes)``. There is one scale
   factor ``r`` such that ``sum(max(floor_i, r * minutes_i)) == budget`` over the non-fixed
   items; it is found by water-filling: compute ``r`` from the items not yet clamped, clamp every
   item whose ``r * minutes`` would fall below its floor, take those out and re-proportion the
   rest, until nothing new is clamped. The ideal length of an item is ``max(floor, r * minutes)``
   (an exact fraction). When lengthening (``r >= 1``) nothing is ever clamped.
5. **Rounding (largest remainder).** Every unclamped item gets the whole part of its ideal; the
   minutes that are left over go, one each, to the items with the largest fractional part (ties:
   the longer item first, then the earlier one). So every item ends strictly within one minute of
   its ideal, and clamped items end exactly on their floor. Whole-minute ideals are kept as is.
   A longer item never ends shorter than a shorter one (among unclamped items).
6. **Impossible targets.** A target below ``sum(fixed) + sum(floors)`` raises :class:`ShaveError`
   naming the shortest possible total. Lengthening when no non-fixed item has any minutes to
   grow from (all fixed, or all zero minutes) raises :class:`ShaveError` too.

Zero-minute items stay at zero (their floor is zero and ``r * 0 == 0``). An empty agenda fits
only a target of 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

__all__ = ["ShaveError", "minimum_total", "shave"]


class ShaveError(ValueError):
    """The agenda cannot be fitted; ``str(error)`` is a Dutch message for the user.

    ``minimum_total`` is the shortest total that is possible (``None`` for bad input), and
    ``maximum_total`` the longest (``None`` when there is no upper limit).
    """

    def __init__(
        self,
        message: str,
        *,
        minimum_total: int | None = None,
        maximum_total: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.minimum_total = minimum_total
        self.maximum_total = maximum_total


def _whole_minutes(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _normalise(items: Iterable[Sequence[object]]) -> list[tuple[int, bool]]:
    pairs: list[tuple[int, bool]] = []
    for number, item in enumerate(items, start=1):
        try:
            minutes, fixed = item
        except (TypeError, ValueError):
            raise ShaveError(
                f"Agendapunt {number} is niet goed: geef het aantal minuten en of het vaststaat."
            ) from None
        if not _whole_minutes(minutes):
            raise ShaveError(
                f"Agendapunt {number}: het aantal minuten moet een heel getal van 0 of meer zijn."
            )
        pairs.append((minutes, bool(fixed)))
    return pairs


def _check_minimum(minimum: object) -> None:
    if not _whole_minutes(minimum):
        raise ShaveError(
            "De minimale lengte van een agendapunt moet een heel getal van 0 of meer zijn."
        )


def minimum_total(items: Iterable[Sequence[object]], minimum: int = 5) -> int:
    """The shortest total the agenda can be shaved to: fixed minutes plus every floor."""
    _check_minimum(minimum)
    pairs = _normalise(items)
    return sum(m if fixed else min(m, minimum) for m, fixed in pairs)


def shave(items: Iterable[Sequence[object]], target_minutes: int, minimum: int = 5) -> list[int]:
    """Return whole minutes per item that add up to ``target_minutes`` exactly.

    ``items`` are ``(minutes, fixed)`` pairs. See the module documentation for the rules.
    Raises :class:`ShaveError` (a ``ValueError``) with a Dutch message when it cannot be done.
    """
    _check_minimum(minimum)
    pairs = _normalise(items)
    if not _whole_minutes(target_minutes):
        raise ShaveError("De beschikbare tijd moet een heel aantal minuten zijn (0 of meer).")

    current = sum(m for m, _ in pairs)
    fixed_total = sum(m for m, fixed in pairs if fixed)
    flexible = [i for i, (_, fixed) in enumerate(pairs) if not fixed]
    floors = {i: min(pairs[i][0], minimum) for i in flexible}
    lowest = fixed_total + sum(floors.values())
    growable = sum(pairs[i][0] for i in flexible)

    if target_minutes < lowest:
        raise ShaveError(
            f"Zo kort kan deze agenda niet. Gevraagd is {target_minutes} minuten, maar hij duurt "
            f"minstens {lowest} minuten: vaste punten houden hun tijd en de andere punten duren "
            f"minstens {minimum} minuten (of hun eigen lengte als die korter is).",
            minimum_total=lowest,
            maximum_total=None if growable else current,
        )
    if target_minutes == current:
        return [m for m, _ in pairs]
    if growable == 0:
        # Only reachable when lengthening: nothing has minutes to grow in proportion to.
        raise ShaveError(
            f"Langer maken kan niet: er is geen agendapunt dat mag meegroeien (alle punten staan "
            f"vast of duren 0 minuten). De agenda duurt precies {current} minuten.",
            minimum_total=lowest,
            maximum_total=current,
        )

    budget = target_minutes - fixed_total
    ratio, clamped = _scale_factor(pairs, flexible, floors, budget)

    result = [m for m, _ in pairs]
    remainders: list[tuple[Fraction, int, int]] = []
    assigned = 0
    for i in flexible:
        if i in clamped:
            result[i] = floors[i]
        else:
            ideal = ratio * pairs[i][0]
            whole = ideal.numerator // ideal.denominator
            result[i] = whole
            remainders.append((ideal - whole, pairs[i][0], i))
        assigned += result[i]

    leftover = budget - assigned
    # Largest remainder first; ties go to the longer item, then the earlier one.
    remainders.sort(key=lambda entry: (-entry[0], -entry[1], entry[2]))
    for _, _, i in remainders[:leftover]:
        result[i] += 1
    return result


def _scale_factor(
    pairs: list[tuple[int, bool]],
    flexible: list[int],
    floors: dict[int, int],
    budget: int,
) -> tuple[Fraction, set[int]]:
    """Water-filling: the common ratio for unclamped items and the set of clamped items.

    Callers guarantee ``sum(floors) <= budget`` and at least one flexible item with minutes.
    """
    clamped: set[int] = set()
    while True:
        free = [i for i in flexible if i not in clamped]
        rest = budget - sum(floors[i] for i in clamped)
        length = sum(pairs[i][0] for i in free)
        # ``length`` stays positive: clamping everything would need budget < sum(floors).
        ratio = Fraction(rest, length)
        newly = {i for i in free if ratio * pairs[i][0] < floors[i]}
        if not newly:
            return ratio, clamped
        clamped |= newly
