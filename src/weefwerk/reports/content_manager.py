"""The managers' update as a plain :class:`Document`: progress, the agreements that involve
their organisation, and what is needed."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.people.models import Person
from weefwerk.reports.content import (
    _date,
    _meeting_when,
)
from weefwerk.reports.content_session import (
    _agreement_header,
    _agreement_rows,
)
from weefwerk.reports.document import Document
from weefwerk.reports.models import ManagerUpdate
from weefwerk.trajectories.models import Meeting, Trajectory

# --------------------------------------------------------------------------------------------
# The managers' update


def managers(trajectory: Trajectory) -> list[Person]:
    """The managers of the trajectory, each with ``last_update`` (the last one sent, or None)."""
    people = list(
        trajectory.people.filter(is_manager=True).select_related("organisation").order_by("name")
    )
    last = {}
    for update in ManagerUpdate.objects.filter(person__in=people).order_by("sent_at", "pk"):
        last[update.person_id] = update
    for person in people:
        person.last_update = last.get(person.pk)
    return people


def manager_document(person: Person) -> Document:
    """A short update for one manager: the progress, the agreements that involve their
    organisation, and what the people in the trajectory need."""
    from weefwerk.actions.selectors import needs_for_managers, organisation_agreements
    from weefwerk.cases.selectors import parties_needed_not_in_network

    trajectory = person.trajectory
    organisation = person.organisation
    meetings = [m for m in trajectory.meetings.all() if m.status != Meeting.Status.CANCELLED]
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    now = timezone.now()
    upcoming = [
        m
        for m in meetings
        if m.status == Meeting.Status.PLANNED and m.starts_at and m.starts_at >= now
    ]
    doc = Document(
        title=_("Stand van zaken: %(name)s") % {"name": trajectory.name},
        kicker=_("Bericht voor leidinggevenden"),
        trajectory_name=trajectory.name,
        description=_("Een kort bericht voor %(name)s over het traject.") % {"name": person.name},
        made_at=timezone.localtime(),
        facts=[
            (_("Voor"), person.name),
            (_("Organisatie"), organisation.name if organisation else "–"),
            (_("Datum"), _date(timezone.localdate())),
        ],
        filename=f"stand-van-zaken-{slugify(person.name) or person.pk}",
    )
    section = doc.add("progress", _("Hoe staat het traject ervoor?"))
    section.text(
        _("Er zijn %(held)s van de %(all)s bijeenkomsten gehouden.")
        % {"held": len(held), "all": len(meetings)}
    )
    pairs = []
    if held:
        last = held[-1]
        pairs.append((_("Laatste bijeenkomst"), f"{last.title} ({_date(last.starts_at, 'j F Y')})"))
    if upcoming:
        nxt = upcoming[0]
        pairs.append((_("Volgende bijeenkomst"), f"{nxt.title} ({_meeting_when(nxt)})"))
    else:
        pairs.append((_("Volgende bijeenkomst"), _("nog niet gepland")))
    section.facts(pairs)
    from weefwerk.grouping.selectors import acquaintance

    summary = acquaintance(trajectory)
    if summary.total_pairs:
        section.text(
            _("Van alle deelnemers kent nu %(percent)s %% van de paren elkaar.")
            % {"percent": summary.percent}
        )
    if organisation is not None:
        title = _("Afspraken van %(organisation)s") % {"organisation": organisation.name}
        found = organisation_agreements(organisation)
    else:
        title = _("Afspraken")
        found = []
    section = doc.add("agreements", title)
    if found:
        section.table(_agreement_header(), _agreement_rows(found))
    else:
        section.empty(_("Er zijn (nog) geen afspraken waar uw organisatie bij betrokken is."))

    section = doc.add("needs", _("Wat is er nodig?"))
    groups = needs_for_managers(trajectory, organisation) if organisation else []
    needs = [need for group in groups for need in group.needs]
    if needs:
        section.text(_("Wat de trekkers van uw organisatie nodig hebben om verder te komen:"))
        section.table(
            [_("Afspraak"), _("Wie"), _("Wat is er nodig")],
            [[n.agreement.what, n.person.name if n.person else "–", n.text] for n in needs],
        )
    else:
        section.empty(_("De trekkers van uw organisatie vroegen (nog) niets."))
    parties = parties_needed_not_in_network(trajectory)[:10]
    if parties:
        section.heading(_("Wie missen we nog?"))
        section.text(
            _(
                "In de casusbesprekingen noemden de deelnemers deze partijen, die nog niet in het "
                "netwerk meedoen:"
            )
        )
        section.list(
            ngettext("%(name)s (%(n)s keer genoemd)", "%(name)s (%(n)s keer genoemd)", p.mentions)
            % {"name": p.name, "n": p.mentions}
            for p in parties
        )
    return doc
