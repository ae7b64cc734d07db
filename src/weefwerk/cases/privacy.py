"""The privacy check on texts people type: the engine's scanner, plus confirmations per finding.

Shared by every form whose text must not identify a family: cases and their discussions, live
notes (phones and the facilitator) and follow-up progress reports. A form takes
:class:`PrivacyCheckMixin` and its template includes ``cases/_privacy_form_fields.html``.

A form scans its text fields with :func:`weefwerk.engine.privacy.scan` (with the names of the
trajectory's people). Each finding gets a token that depends on the field, the kind, the position
and the whole field text; the author confirms a finding by sending its token back with the same
text. A changed text gives other tokens, so it is checked again from scratch. Stored
confirmations (:class:`~weefwerk.cases.models.PrivacyConfirmation`) hold keyed hashes only; see
the docstring of :mod:`weefwerk.cases.models`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from weefwerk.engine.privacy import Finding, scan

# The name of the checkboxes "Dit is geen persoonsgegeven"; their values are finding tokens.
CONFIRM_FIELD = "geen_persoonsgegeven"

_SALT = "weefwerk.cases.privacy"


def _hmac(purpose: str, value: str) -> str:
    return salted_hmac(f"{_SALT}.{purpose}", value, algorithm="sha256").hexdigest()


def text_hash(text: str) -> str:
    """A keyed hash of a whole field text."""
    return _hmac("text", text)


def match_hash(kind: str, matched: str) -> str:
    """A keyed hash of the matched text of a finding."""
    return _hmac("match", f"{kind}\x00{matched}")


def finding_token(field_name: str, finding: Finding, whole_text: str) -> str:
    """The value of a finding's checkbox: only valid for exactly this text."""
    value = f"{field_name}\x00{finding.kind}\x00{finding.start}\x00{finding.end}\x00"
    return _hmac("token", value + text_hash(whole_text))[:40]


@dataclass
class CheckedFinding:
    finding: Finding
    field_name: str
    token: str
    number: int
    confirmed: bool = False
    stored: bool = False  # already confirmed earlier for this very text

    @property
    def label(self) -> str:
        return self.finding.label

    @property
    def text(self) -> str:
        return self.finding.text

    @property
    def kind(self) -> str:
        return self.finding.kind


@dataclass
class Segment:
    text: str
    finding: CheckedFinding | None = None


@dataclass
class FieldCheck:
    """The findings in one field, and the field's text in pieces for marking them."""

    field_name: str
    label: str
    text: str
    findings: list[CheckedFinding] = field(default_factory=list)

    @property
    def open_findings(self) -> list[CheckedFinding]:
        return [f for f in self.findings if not f.confirmed]

    def segments(self) -> list[Segment]:
        pieces: list[Segment] = []
        position = 0
        for checked in self.findings:
            if checked.finding.start > position:
                pieces.append(Segment(self.text[position : checked.finding.start]))
            pieces.append(Segment(checked.finding.text, checked))
            position = checked.finding.end
        if position < len(self.text):
            pieces.append(Segment(self.text[position:]))
        return pieces


def check_texts(
    texts: Iterable[tuple[str, str, str]],
    *,
    names: Iterable[str] = (),
    confirmed_tokens: Iterable[str] = (),
    stored: Iterable = (),
) -> list[FieldCheck]:
    """Scan each ``(field name, label, text)``; only fields with findings are returned.

    A finding counts as confirmed when its token is in ``confirmed_tokens`` (the ticked boxes)
    or when a stored confirmation matches it for exactly this text.
    """
    names = list(names)
    tokens = set(confirmed_tokens)
    stored_keys = {
        (c.field_name, c.kind, c.start, c.length, c.match_hash, c.text_hash) for c in stored
    }
    checks = []
    number = 0
    for field_name, label, text in texts:
        if not text:
            continue
        findings = scan(text, names)
        if not findings:
            continue
        whole = text_hash(text)
        check = FieldCheck(field_name, str(label), text)
        for finding in findings:
            number += 1
            token = finding_token(field_name, finding, text)
            key = (
                field_name,
                finding.kind,
                finding.start,
                finding.end - finding.start,
                match_hash(finding.kind, finding.text),
                whole,
            )
            is_stored = key in stored_keys
            check.findings.append(
                CheckedFinding(
                    finding,
                    field_name,
                    token,
                    number,
                    confirmed=is_stored or token in tokens,
                    stored=is_stored,
                )
            )
        checks.append(check)
    return checks


def confirmation_rows(checks: Iterable[FieldCheck]) -> list[dict]:
    """The fields of a PrivacyConfirmation for each newly confirmed finding (no text)."""
    rows = []
    for check in checks:
        whole = text_hash(check.text)
        for checked in check.findings:
            if checked.confirmed and not checked.stored:
                finding = checked.finding
                rows.append(
                    {
                        "field_name": check.field_name,
                        "kind": finding.kind,
                        "start": finding.start,
                        "length": finding.end - finding.start,
                        "match_hash": match_hash(finding.kind, finding.text),
                        "text_hash": whole,
                    }
                )
    return rows


PRIVACY_ERROR = _(
    "Hier staat iets dat op een persoonsgegeven lijkt. Haal het weg of vink hierboven aan dat "
    "het geen persoonsgegeven is."
)


class PrivacyCheckMixin:
    """Scans ``privacy_fields`` with the engine when the form is otherwise valid.

    Findings that are not confirmed make the form invalid, so nothing is saved and the page
    shows the text with the spots marked (``cases/_privacy_form_fields.html``). After
    validation, ``privacy_checks`` holds the findings per field and ``privacy_confirmations``
    the rows to record for the confirmed ones (a form whose model keeps no confirmations may
    ignore them: the ticked boxes came with exactly this text).

    ``privacy_names()`` gives the names that count as findings (none by default; the case forms
    add the trajectory's people) and ``privacy_stored()`` the confirmations stored earlier.
    """

    privacy_fields: tuple[str, ...] = ()
    privacy_confirm_field = CONFIRM_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_checks: list[FieldCheck] = []
        self.privacy_confirmations: list[dict] = []

    def privacy_names(self) -> Iterable[str]:
        return ()

    def privacy_stored(self) -> Iterable:
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and hasattr(instance, "privacy_confirmations"):
            return instance.privacy_confirmations.all()
        return ()

    def clean(self):
        data = super().clean()
        texts = [
            (name, self.fields[name].label, data.get(name) or "")
            for name in self.privacy_fields
            if name in self.fields
        ]
        self.privacy_checks = check_texts(
            texts,
            names=self.privacy_names(),
            confirmed_tokens=self.data.getlist(CONFIRM_FIELD) if self.is_bound else (),
            stored=self.privacy_stored(),
        )
        for check in self.privacy_checks:
            if check.open_findings:
                self.add_error(check.field_name, PRIVACY_ERROR)
        self.privacy_confirmations = confirmation_rows(self.privacy_checks)
        return data

    @property
    def privacy_open(self) -> bool:
        return any(check.open_findings for check in self.privacy_checks)
