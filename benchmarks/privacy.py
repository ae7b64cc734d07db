"""How long the privacy check takes on 100 KB of case text.

Run: ``python benchmarks/privacy.py``. Builds about 100 KB of Dutch case text with some
personal data planted in it, scans it a few times and prints the best time.
"""

import time

from weefwerk.engine.privacy import scan

PARAGRAPH = (
    "Moeder werkt 24 uur per week en vader is sinds 2023 zonder werk. De oudste zit in groep 7. "
    "Het gezin heeft €1.850 per maand en een schuld van € 12.500,-; de huur is met 30% gestegen. "
    "Op dinsdag om 14.00 uur is er een gesprek met de school; in maart 2024 volgde een aanvraag. "
)
PLANTED = (
    "Fatima el Amrani (geboren op 12-03-1988, BSN 1234.56.782) woont op Dorpsstraat 12, "
    "1234 AB Ergens. Bel 06-12345678 of mail fatima@example.nl. Rekening NL91 ABNA 0417 1643 00. "
)
NAMES = [f"Persoon{number} Achternaam{number}" for number in range(200)] + ["Fatima el Amrani"]


def build_text(size: int = 100_000) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        block = PARAGRAPH * 9 + PLANTED
        parts.append(block)
        length += len(block)
    return "".join(parts)[:size]


def main() -> None:
    text = build_text()
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        findings = scan(text, NAMES)
        timings.append(time.perf_counter() - started)
    print(
        f"privacy.scan: {len(text) / 1000:.0f} KB, {len(NAMES)} namen, {len(findings)} vondsten; "
        f"beste van 5: {min(timings) * 1000:.1f} ms, gemiddeld {sum(timings) / 5 * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()
