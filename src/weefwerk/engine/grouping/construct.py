"""Known-optimal starting plans from affine planes over finite fields.

Points (x, y) with x in 0..s-1 and y in GF(q): for every slope m the lines y = m*x + b split
the points into q groups of s, and two points meet on exactly one line, so q rounds without any
repeat. When s divides q the columns, cut into pieces of s, give one round more (for s = q that
is the classic g+1 rounds of g groups of g: 4-4-5, 5-5-6, 7-7-8, 8-8-9, 9-9-10).
"""

from __future__ import annotations

from functools import lru_cache


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with q = p**k and p prime, or None."""
    if q < 2:
        return None
    p = next(d for d in range(2, q + 1) if q % d == 0)
    k, rest = 0, q
    while rest % p == 0:
        rest //= p
        k += 1
    return (p, k) if rest == 1 else None


@lru_cache(maxsize=32)
def field_tables(q: int) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """Addition and multiplication tables of GF(q), elements numbered 0..q-1 (0 is zero)."""
    pk = prime_power(q)
    if pk is None:
        raise ValueError(f"{q} is not a prime power")
    p, k = pk

    def digits(x: int) -> list[int]:
        return [(x // p**i) % p for i in range(k)]

    def number(ds: list[int]) -> int:
        return sum(d * p**i for i, d in enumerate(ds))

    add = tuple(
        tuple(
            number([(u + v) % p for u, v in zip(digits(a), digits(b), strict=True)])
            for b in range(q)
        )
        for a in range(q)
    )
    # Try monic polynomials x^k + c(x) until multiplication modulo it makes a field.
    for c in range(q):
        modulus = digits(c)  # x^k == -c(x)

        def times(a: int, b: int, modulus: list[int] = modulus) -> int:
            product = [0] * (2 * k - 1)
            for i, u in enumerate(digits(a)):
                for j, v in enumerate(digits(b)):
                    product[i + j] = (product[i + j] + u * v) % p
            for deg in range(2 * k - 2, k - 1, -1):
                lead = product[deg]
                if lead:
                    product[deg] = 0
                    for i, m in enumerate(modulus):
                        product[deg - k + i] = (product[deg - k + i] - lead * m) % p
            return number(product[:k])

        mul = tuple(tuple(times(a, b) for b in range(q)) for a in range(q))
        if all(sorted(mul[a][1:]) == list(range(1, q)) for a in range(1, q)):
            return add, mul
    raise AssertionError("no irreducible polynomial found")  # cannot happen for a prime power


def max_rounds(groups: int, size: int) -> int:
    """Rounds the construction gives for `groups` groups of `size`, 0 when it does not apply."""
    if size < 1 or size > groups or prime_power(groups) is None:
        return 0
    return groups + 1 if groups % size == 0 else groups


def affine_rounds(groups: int, size: int, rounds: int) -> list[list[list[int]]]:
    """Up to max_rounds(groups, size) rounds over points 0..groups*size-1, no pair twice."""
    q, s = groups, size
    available = max_rounds(q, s)
    if available == 0:
        raise ValueError("no affine construction for these sizes")
    add, mul = field_tables(q)
    plan: list[list[list[int]]] = []
    for m in range(min(rounds, q)):
        plan.append([[x * q + add[mul[m][x]][b] for x in range(s)] for b in range(q)])
    if rounds > q and available > q:
        plan.append(
            [
                [x * q + y for y in range(start, start + s)]
                for x in range(s)
                for start in range(0, q, s)
            ]
        )
    return plan
