"""One exception type for every problem with an interchange file.

A reader either returns a complete :class:`~weefwerk.engine.interchange.model.Network` or raises
:class:`InterchangeError` with every problem it found; it never returns half a network. Each
:class:`Issue` names where the problem is the way a user sees it (file, sheet, row, column) and
says in plain Dutch what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

# Stop collecting after this many problems: a file that is wrong everywhere needs one fix, not a
# list of thousands.
MAX_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    """One problem, with its place in the file as a spreadsheet user sees it.

    ``row`` counts as a spreadsheet does (the header is row 1, the first data row is row 2);
    ``column`` is the column letter and/or header (``"C (From)"``); ``item`` is used for files
    without rows, such as JSON and XML (``"element 3 (elem-xyz)"``).
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    item: str | None = None

    def place(self) -> str:
        parts = []
        if self.file:
            parts.append(f"bestand {self.file}")
        if self.sheet:
            parts.append(f"blad {self.sheet}")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        if self.item:
            parts.append(self.item)
        return ", ".join(parts)

    def __str__(self) -> str:
        place = self.place()
        return f"{place}: {self.message}" if place else self.message


class InterchangeError(Exception):
    """Raised for any problem reading or writing a network file; nothing was imported."""

    def __init__(self, issues: list[Issue] | Issue | str):
        if isinstance(issues, str):
            issues = [Issue(issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues: list[Issue] = list(issues)
        super().__init__(self.summary())

    def summary(self) -> str:
        if not self.issues:
            return "Het bestand kon niet worden gelezen."
        if len(self.issues) == 1:
            return str(self.issues[0])
        lines = [f"Er zijn {len(self.issues)} problemen gevonden; er is niets ingelezen:"]
        lines.extend(f"- {issue}" for issue in self.issues)
        return "\n".join(lines)


class IssueCollector:
    """Gathers problems while a reader goes on checking; raises them all at the end."""

    def __init__(self, file: str | None = None):
        self.file = file
        self.issues: list[Issue] = []

    def add(self, message: str, **where) -> None:
        where.setdefault("file", self.file)
        self.issues.append(Issue(message, **where))
        if len(self.issues) >= MAX_ISSUES:
            self.issues.append(
                Issue(f"Na {MAX_ISSUES} problemen is het lezen gestopt.", file=self.file)
            )
            raise InterchangeError(self.issues)

    def fail(self, message: str, **where) -> InterchangeError:
        """Return an error with everything so far plus this problem, for ``raise``."""
        where.setdefault("file", self.file)
        return InterchangeError([*self.issues, Issue(message, **where)])

    def raise_if_any(self) -> None:
        if self.issues:
            raise InterchangeError(self.issues)

    def __bool__(self) -> bool:
        return bool(self.issues)
