"""Writes: erasure on request, retention of closed trajectories.

What the erasure of a person does (``erase_person``):

- removed: the person record, their attendance, who they met, group memberships, live-session
  participation and dots, homework answers, votes on change wishes, commitments, reminders,
  managers' updates, and the elements on the network map that stand for them;
- unlinked, kept: change wishes and agreements they raised or own, elements and connections
  they reported, photos they uploaded, cases and checklist marks of their account;
- their notes and progress updates: kept as text under "anonieme deelnemer" when they agree,
  otherwise removed;
- their full name and e-mail address (and those of their account) are replaced by
  "anonieme deelnemer" / "[e-mailadres verwijderd]" in every text and JSON column of the
  trajectory (snapshots, imports, notes, agreements, ...), and in tables that belong to no
  trajectory (admin log, login log); first names alone or nicknames are not recognised;
- a linked account loses its access to this trajectory; when it has no other trajectory it is
  deactivated and its name, e-mail address and second-factor devices are removed;
- one audit line, without the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from weefwerk.people.models import Person
from weefwerk.personaldata import audit, relations
from weefwerk.trajectories.models import EDITOR_ROLES, Membership, Role, Trajectory

MIN_TERM_LENGTH = 3
# Temporary data that retention removes outright (they may hold people who were never saved).
RETENTION_DELETE = ("people.ImportBatch", "networkmap.ImportBatch")


class ErasureError(Exception):
    """The erasure cannot be done; nothing was changed. The message is for the user."""


@dataclass
class ErasureResult:
    removed: dict[str, int] = field(default_factory=dict)
    unlinked: dict[str, int] = field(default_factory=dict)
    notes_kept: int = 0
    notes_removed: int = 0
    texts_scrubbed: int = 0
    account_deactivated: bool = False

    def count(self, table: dict, label: str, n: int) -> None:
        if n:
            table[label] = table.get(label, 0) + n


def anonymous_label() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("anonieme deelnemer")


def removed_email_label() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("[e-mailadres verwijderd]")


# ------------------------------------------------------------------------------------------
# Names in free text


def clean_terms(terms) -> list[str]:
    """Names and addresses worth looking for: stripped, long enough, longest first."""
    cleaned = {t.strip() for t in terms if t and len(t.strip()) >= MIN_TERM_LENGTH}
    return sorted(cleaned, key=lambda t: (-len(t), t))


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """A case-insensitive pattern for whole occurrences of the terms."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _replace(value, pattern, replacement):
    """``value`` with every match replaced, recursively through JSON; (new value, changed)."""
    if isinstance(value, str):
        new = pattern.sub(lambda m: replacement(m.group(0)), value)
        return new, new != value
    if isinstance(value, list):
        changed = False
        out = []
        for item in value:
            new, c = _replace(item, pattern, replacement)
            out.append(new)
            changed |= c
        return out, changed
    if isinstance(value, dict):
        changed = False
        out = {}
        for key, item in value.items():
            new_key, ck = _replace(key, pattern, replacement) if isinstance(key, str) else (key, 0)
            new, c = _replace(item, pattern, replacement)
            out[new_key] = new
            changed |= bool(ck) or c
        return out, changed
    return value, False


# Fields of other people that are never rewritten: a namesake keeps their own name.
SKIP_FIELDS = {("people.Person", "name"), ("people.Person", "email")}


def scrub_texts(terms, *, trajectory: Trajectory | None, global_terms=None) -> int:
    """Replace the terms (names, e-mail addresses) in every text and JSON column.

    With a trajectory: every model with a path to a trajectory, only that trajectory's rows;
    models that belong to no trajectory (admin log, login log, audit log) with
    ``global_terms``. The user model is left alone (see ``_strip_account``).
    Returns how many rows were changed.
    """
    from django.apps import apps

    terms = clean_terms(terms)
    global_terms = terms if global_terms is None else clean_terms(global_terms)
    pattern, global_pattern = term_pattern(terms), term_pattern(global_terms)
    anonymous, no_email = anonymous_label(), removed_email_label()

    def replacement(found: str) -> str:
        return no_email if "@" in found else anonymous

    User = get_user_model()
    changed_rows = 0
    for model in apps.get_models():
        if model is User or model._meta.proxy:
            continue
        fields = [
            f
            for f in relations.text_fields(model)
            if (model._meta.label, f.name) not in SKIP_FIELDS
        ]
        if not fields:
            continue
        path = relations.trajectory_path(model)
        if path is not None:
            if trajectory is None or pattern is None:
                continue
            rows = model._base_manager.filter(**{path: trajectory.pk})
            changed_rows += _scrub_rows(rows, fields, terms, pattern, replacement)
        elif global_pattern is not None:
            rows = model._base_manager.all()
            changed_rows += _scrub_rows(rows, fields, global_terms, global_pattern, replacement)
    return changed_rows


def _scrub_rows(rows, fields, terms, pattern, replacement) -> int:
    text = [f for f in fields if not isinstance(f, models.JSONField)]
    json = [f for f in fields if isinstance(f, models.JSONField)]
    if not json:
        # Let the database find candidates; the pattern decides (it knows word boundaries).
        match = Q()
        for f in text:
            for term in terms:
                match |= Q(**{f"{f.name}__icontains": term})
        rows = rows.filter(match)
    changed = 0
    names = [f.name for f in fields]
    for pk, *values in rows.values_list("pk", *names).iterator():
        updates = {}
        for f, value in zip(fields, values, strict=True):
            if value is None:
                continue
            new, did = _replace(value, pattern, replacement)
            if did:
                if isinstance(new, str) and getattr(f, "max_length", None):
                    new = new[: f.max_length]
                updates[f.name] = new
        if updates:
            rows.model._base_manager.filter(pk=pk).update(**updates)
            changed += 1
    return changed


# ------------------------------------------------------------------------------------------
# Erasure


def _rows(relation: relations.Relation, target, trajectory=None):
    rows = relation.model._base_manager.filter(**{relation.lookup: target})
    if trajectory is not None:
        path = relations.trajectory_path(relation.model)
        if path is None:
            return rows.none()
        rows = rows.filter(**{path: trajectory.pk})
    return rows


def _unlink(relation: relations.Relation, target, trajectory=None) -> int:
    if relation.is_many_to_many:
        through = relation.model._meta.get_field(relation.lookup).remote_field.through
        source = relation.model._meta.get_field(relation.lookup).m2m_field_name()
        target_name = relation.model._meta.get_field(relation.lookup).m2m_reverse_field_name()
        links = through.objects.filter(**{target_name: target})
        if trajectory is not None:
            ids = _rows(relation, target, trajectory).values("pk")
            links = links.filter(**{f"{source}__in": ids})
        return links.delete()[0]
    if "__" in relation.lookup:
        # Through a row that is removed anyway: clear the intermediate link instead.
        first = relation.lookup.split("__", 1)[0]
        return _rows(relation, target, trajectory).update(**{first: None})
    return _rows(relation, target, trajectory).update(**{relation.lookup: None})


def _delete(rows) -> int:
    return rows.delete()[0]


def _other_trajectories(user, trajectory, person) -> bool:
    return (
        Membership.objects.filter(user=user).exclude(trajectory=trajectory).exists()
        or Person.objects.filter(user=user).exclude(trajectory=trajectory).exists()
    )


def _strip_account(user) -> None:
    """Deactivate an account and remove its name, e-mail address and second factors."""
    user.is_active = False
    user.full_name = ""
    if hasattr(user, "first_name"):
        user.first_name = user.last_name = ""
    user.email = f"verwijderd-{user.pk}@example.invalid"
    user.set_unusable_password()
    user.save()
    for relation in relations.user_relations():
        if relation.handling == relations.ACCOUNT:
            _delete(_rows(relation, user))


def check_erasable(person: Person, *, remove_membership: bool = True) -> None:
    if remove_membership and person.user_id:
        membership = Membership.objects.filter(
            user_id=person.user_id, trajectory_id=person.trajectory_id
        ).first()
        if membership and membership.role == Role.FACILITATOR:
            others = Membership.objects.filter(
                trajectory_id=person.trajectory_id, role=Role.FACILITATOR
            ).exclude(pk=membership.pk)
            if not others.exists():
                raise ErasureError(
                    _(
                        "Deze persoon is de enige gespreksleider van het traject. Maak eerst "
                        "iemand anders gespreksleider."
                    )
                )


@transaction.atomic
def erase_person(
    person: Person,
    *,
    keep_notes: bool,
    user=None,
    remove_membership: bool = True,
    record: bool = True,
) -> ErasureResult:
    """Remove or anonymise everything about ``person`` (see the module's docstring).

    ``keep_notes``: the person agreed that their notes and progress updates stay as text
    under "anonieme deelnemer". ``remove_membership``: the linked account also loses its
    access to this trajectory (on request; retention keeps the team's access).
    Raises :class:`ErasureError` (nothing changed) when it cannot be done.
    """
    check_erasable(person, remove_membership=remove_membership)
    trajectory = person.trajectory
    person_id = person.pk
    account = person.user
    terms = {person.name, person.email}
    if account is not None:
        terms |= {account.full_name, account.email}
    result = ErasureResult()

    # Texts first: a note typed on a phone reaches the person only through the participant row.
    order = {relations.NOTES: 0, relations.UNLINK: 1, relations.DELETE: 2}
    person_relations = sorted(relations.person_relations(), key=lambda r: order.get(r.handling, 3))
    with audit.muted():
        for relation in person_relations:
            title = str(relation.title)
            rows = _rows(relation, person)
            if relation.handling == relations.NOTES:
                if keep_notes:
                    n = _unlink(relation, person)
                    result.notes_kept += n
                else:
                    n = _delete(rows)
                    result.notes_removed += n
            elif relation.handling == relations.DELETE:
                result.count(result.removed, title, _delete(rows))
            elif relation.handling == relations.UNLINK:
                result.count(result.unlinked, title, _unlink(relation, person))

        if account is not None:
            if remove_membership:
                Membership.objects.filter(user=account, trajectory=trajectory).delete()
            deactivate = not _other_trajectories(account, trajectory, person) and not (
                Membership.objects.filter(user=account, trajectory=trajectory).exists()
            )
            scope = None if deactivate else trajectory
            for relation in relations.user_relations():
                title = str(relation.title)
                if relation.handling == relations.DELETE:
                    result.count(result.removed, title, _delete(_rows(relation, account, scope)))
                elif relation.handling == relations.UNLINK:
                    result.count(result.unlinked, title, _unlink(relation, account, scope))
            if deactivate:
                _strip_account(account)
                result.account_deactivated = True

        Person.objects.filter(pk=person_id).delete()

        # Terms that still name an active account elsewhere stay in the global tables.
        User = get_user_model()
        active = User.objects.filter(is_active=True)
        global_terms = {
            term
            for term in terms
            if term
            and not active.filter(Q(email__iexact=term) | Q(full_name__iexact=term)).exists()
        }
        result.texts_scrubbed = scrub_texts(terms, trajectory=trajectory, global_terms=global_terms)

    if record:
        audit.record(
            action=audit.ERASED,
            trajectory=trajectory,
            user=user,
            object_type="people.person",
            object_id=person_id,
            description=(
                _("notities bewaard als anonieme deelnemer")
                if keep_notes
                else _("notities verwijderd")
            )
            + (" · " + _("account gedeactiveerd") if result.account_deactivated else ""),
        )
    return result


# ------------------------------------------------------------------------------------------
# Retention


@dataclass
class RetentionResult:
    trajectories: list[int] = field(default_factory=list)
    people: int = 0
    audit_purged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.trajectories or self.audit_purged)


def due_trajectories(now=None):
    """Closed trajectories whose retention period has passed and that still hold people."""
    now = now or timezone.now()
    closed = Trajectory.objects.filter(status=Trajectory.Status.CLOSED, closed_at__isnull=False)
    due = []
    for trajectory in closed.order_by("pk"):
        if trajectory.retention_due_at > now:
            continue
        if trajectory.personal_data_anonymised_at is None or _has_personal_data(trajectory):
            due.append(trajectory)
    return due


def _has_personal_data(trajectory) -> bool:
    from django.apps import apps

    from weefwerk.networkmap.models import ElementKind

    if trajectory.people.exists():
        return True
    for label in RETENTION_DELETE:
        if apps.get_model(label).objects.filter(trajectory=trajectory).exists():
            return True
    anonymous = anonymous_label()
    return (
        trajectory.network_elements.filter(kind=ElementKind.PERSON)
        .exclude(label__startswith=anonymous)
        .exists()
    )


@transaction.atomic
def anonymise_trajectory(trajectory: Trajectory) -> int:
    """Make the people of a closed trajectory anonymous: every person is erased with their
    notes kept as "anonieme deelnemer"; people drawn on the map without a record get a
    number instead of a name; imports waiting for confirmation are removed. Linked accounts
    of participants and managers lose their access (and are deactivated when they have no
    other trajectory); the facilitator and the project team keep theirs."""
    from django.apps import apps

    from weefwerk.networkmap.models import ElementKind

    count = 0
    for person in list(trajectory.people.all()):
        # Participants and managers lose access; the facilitator and the team keep theirs.
        membership = Membership.objects.filter(user_id=person.user_id, trajectory=trajectory)
        reader = person.user_id is not None and membership.exclude(role__in=EDITOR_ROLES).exists()
        erase_person(person, keep_notes=True, remove_membership=reader, record=False)
        count += 1
    with audit.muted():
        for label in RETENTION_DELETE:
            apps.get_model(label).objects.filter(trajectory=trajectory).delete()
        anonymous = anonymous_label()
        drawn = trajectory.network_elements.filter(kind=ElementKind.PERSON).exclude(
            label__startswith=anonymous
        )
        labels = set(drawn.values_list("label", flat=True))
        for number, element in enumerate(drawn.order_by("pk"), start=1):
            element.label = f"{anonymous} {number}"
            element.description = ""
            element.extra = {}
            element.custom_fields = {}
            element.external_id = ""
            element.save()
        if labels:
            scrub_texts(labels, trajectory=trajectory, global_terms=())
    if trajectory.personal_data_anonymised_at is None:
        trajectory.personal_data_anonymised_at = timezone.now()
        Trajectory.objects.filter(pk=trajectory.pk).update(
            personal_data_anonymised_at=trajectory.personal_data_anonymised_at
        )
    audit.record(
        action=audit.ANONYMISED,
        trajectory=trajectory,
        user=None,
        obj=trajectory,
        description=_("bewaartermijn verstreken: %(count)s personen geanonimiseerd")
        % {"count": count},
    )
    return count


def apply_retention(*, now=None) -> RetentionResult:
    """The daily run. A second run right after the first changes nothing."""
    now = now or timezone.now()
    result = RetentionResult()
    for trajectory in due_trajectories(now):
        result.people += anonymise_trajectory(trajectory)
        result.trajectories.append(trajectory.pk)
    result.audit_purged = audit.purge(now=now)
    if result.changed:
        audit.record(
            action=audit.RETENTION,
            user=None,
            object_type="trajectories.trajectory",
            description=_(
                "%(trajectories)s trajecten, %(people)s personen geanonimiseerd; "
                "%(purged)s oude logregels verwijderd"
            )
            % {
                "trajectories": len(result.trajectories),
                "people": result.people,
                "purged": result.audit_purged,
            },
        )
    return result
