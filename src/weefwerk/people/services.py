"""Writes about people and organisations that touch more than one model: the import."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weefwerk.people.imports import ImportPlan
from weefwerk.people.models import ImportBatch, Organisation, Person

BATCH_LIFETIME = timedelta(days=1)


class ImportApplyError(Exception):
    """The import could not be written; nothing was saved. The message is for the user."""


@dataclass(frozen=True)
class ImportResult:
    people_created: int = 0
    people_updated: int = 0
    organisations_created: int = 0
    organisations_updated: int = 0

    @property
    def people(self) -> int:
        return self.people_created + self.people_updated

    @property
    def organisations(self) -> int:
        return self.organisations_created + self.organisations_updated


def import_batch_create(*, trajectory, user, filename: str, plan: ImportPlan) -> ImportBatch:
    """Keep a checked plan until the user confirms it; batches older than a day are removed."""
    ImportBatch.objects.filter(created_at__lt=timezone.now() - BATCH_LIFETIME).delete()
    return ImportBatch.objects.create(
        trajectory=trajectory,
        created_by=user,
        filename=filename[:255],
        kind=plan.kind,
        rows=plan.rows(),
    )


def import_cancel(batch: ImportBatch) -> None:
    if batch.status == ImportBatch.Status.PENDING:
        batch.delete()


def changes(fields: dict, created: bool) -> dict:
    """The values to set. An empty text cell leaves what an existing record has."""
    if created:
        return fields
    return {name: value for name, value in fields.items() if value != ""}


@transaction.atomic
def import_apply(batch: ImportBatch, *, user) -> ImportResult:
    """Write every row of the batch, or none: any failure rolls the whole import back.

    Records are matched again now, by the same rules as the preview (organisations by name,
    people by e-mail or else by name), in case someone changed the list in the meantime. On an
    existing record, columns missing from the file and empty text cells change nothing; yes/no
    columns are always set (empty is no).
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.PENDING:
        raise ImportApplyError(_("Deze import is al uitgevoerd."))
    trajectory = batch.trajectory
    data = batch.rows
    domains = {domain.name.lower(): domain for domain in trajectory.domains.all()}
    organisations = {org.name.lower(): org for org in trajectory.organisations.all()}
    counts = {"people_created": 0, "people_updated": 0}
    counts.update(organisations_created=0, organisations_updated=0)

    def domain_list(row):
        try:
            return [domains[name.lower()] for name in row["domains"]]
        except KeyError as missing:
            raise ImportApplyError(
                _("Het domein „%(name)s” bestaat niet meer (rij %(row)s).")
                % {"name": missing.args[0], "row": row["row"]}
            ) from None

    def save(instance, row):
        try:
            instance.full_clean()
        except ValidationError as error:
            messages = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in error.message_dict.items()
            )
            raise ImportApplyError(
                _("Rij %(row)s van %(sheet)s kan niet worden opgeslagen: %(messages)s")
                % {"row": row.get("row", "–"), "sheet": row.get("sheet", ""), "messages": messages}
            ) from error
        instance.save()

    for row in data.get("organisations", []):
        organisation = organisations.get(row["name"].lower())
        created = organisation is None
        if created:
            organisation = Organisation(trajectory=trajectory)
        organisation.name = row["name"]
        for name, value in changes(row["fields"], created).items():
            setattr(organisation, name, value)
        save(organisation, row)
        if row.get("domains") is not None and (created or row["domains"]):
            organisation.domains.set(domain_list(row))
        organisations[organisation.name.lower()] = organisation
        counts["organisations_created" if created else "organisations_updated"] += 1

    for name in data.get("new_organisations", []):
        if name.lower() not in organisations:
            organisation = Organisation(trajectory=trajectory, name=name)
            save(organisation, {"name": name})
            organisations[name.lower()] = organisation
            counts["organisations_created"] += 1

    people = list(trajectory.people.all())
    by_email = {person.email.lower(): person for person in people if person.email}
    by_name = {}
    for person in people:
        by_name.setdefault(person.name.strip().lower(), []).append(person)
    for row in data.get("people", []):
        email = row["fields"].get("email", "")
        if email:
            person = by_email.get(email.lower())
        else:
            matches = by_name.get(row["name"].lower(), [])
            if len(matches) > 1:
                raise ImportApplyError(
                    _("Er zijn meer personen met de naam „%(name)s” (rij %(row)s).")
                    % {"name": row["name"], "row": row["row"]}
                )
            person = matches[0] if matches else None
        created = person is None
        if created:
            person = Person(trajectory=trajectory)
        person.name = row["name"]
        for name, value in changes(row["fields"], created).items():
            setattr(person, name, value)
        if row.get("organisation") is not None and (created or row["organisation"]):
            organisation_name = row["organisation"]
            person.organisation = (
                organisations[organisation_name.lower()] if organisation_name else None
            )
        if not person.is_expert:
            person.expert_trained = False
        if not person.is_manager:
            person.inform_channel = person.inform_frequency = ""
        save(person, row)
        if row.get("domains") is not None and (created or row["domains"]):
            person.domains.set(domain_list(row))
        if person.email:
            by_email[person.email.lower()] = person
        counts["people_created" if created else "people_updated"] += 1

    batch.status = ImportBatch.Status.DONE
    batch.applied_at = timezone.now()
    batch.save(update_fields=["status", "applied_at"])
    return ImportResult(**counts)
