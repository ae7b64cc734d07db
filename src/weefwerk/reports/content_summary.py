"""The trajectory summary as a plain :class:`Document`: the network at the start and now with
the change, acquaintance per session, and the agreements with their status."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.reports.content import (
    _date,
    add_network_map,
    summary_report_for,
)
from weefwerk.reports.content_session import (
    _agreement_header,
    _agreement_rows,
)
from weefwerk.reports.document import Document, Section
from weefwerk.reports.models import Report
from weefwerk.trajectories.models import Meeting, Trajectory

# --------------------------------------------------------------------------------------------
# The trajectory summary


def summary_document(trajectory: Trajectory, report: Report | None = None) -> Document:
    """The whole trajectory on a few pages: sessions, the network at the start and now with
    the change, who knows whom, and the agreements."""
    from weefwerk.actions.selectors import agreements
    from weefwerk.networkmap.models import Snapshot

    report = report if report is not None else summary_report_for(trajectory)
    meetings = list(trajectory.meetings.all())
    held = [m for m in meetings if m.status == Meeting.Status.HELD]
    doc = Document(
        title=_("Samenvatting: %(name)s") % {"name": trajectory.name},
        kicker=_("Samenvatting van het traject"),
        trajectory_name=trajectory.name,
        description=_("Het traject %(name)s in het kort: netwerk, kennismaking en afspraken.")
        % {"name": trajectory.name},
        made_at=timezone.localtime(),
        facts=[
            (
                _("Gemeente"),
                ", ".join(p for p in (trajectory.municipality, trajectory.district) if p),
            ),
            (_("Aanpak"), trajectory.get_approach_display()),
            (_("Status"), trajectory.get_status_display()),
            (
                _("Bijeenkomsten"),
                _("%(held)s van de %(all)s gehouden")
                % {"held": len(held), "all": len([m for m in meetings if m.status != "cancelled"])},
            ),
        ],
        draft=not (report and report.is_published),
        filename=f"samenvatting-{slugify(trajectory.name) or trajectory.pk}",
    )
    if report and report.introduction.strip():
        doc.add("introduction", _("Inleiding")).text(report.introduction)
    if trajectory.ambition.strip():
        doc.add("ambition", _("Onze ambitie")).text(trajectory.ambition)
    section = doc.add("meetings", _("De bijeenkomsten"))
    if meetings:
        section.table(
            [_("Bijeenkomst"), _("Datum"), _("Status")],
            [[m.title, _date(m.starts_at, "j F Y"), m.get_status_display()] for m in meetings],
        )
    else:
        section.empty(_("Er zijn nog geen bijeenkomsten."))

    first = Snapshot.objects.filter(trajectory=trajectory).order_by("created_at", "pk").first()
    start = doc.add("network_start", _("Het netwerk bij de start"))
    if first is None:
        start.empty(_("Er is nog geen momentopname van de netwerkkaart gemaakt."))
    else:
        start.text(
            _("Momentopname ‘%(name)s’ van %(date)s.")
            % {"name": first.name, "date": _date(first.created_at, "j F Y")}
        )
        add_network_map(
            start,
            trajectory,
            snapshot=first,
            title=_("Netwerkkaart bij de start"),
            when=_("Bij de start"),
        )
    add_network_map(
        doc.add("network_now", _("Het netwerk nu")),
        trajectory,
        title=_("Netwerkkaart nu"),
        when=_("Nu"),
    )
    _change(doc.add("change", _("Wat is er veranderd?")), trajectory, first)
    _acquaintance(doc.add("acquaintance", _("Wie kent wie?")), trajectory)
    section = doc.add("agreements", _("Afspraken en hoe het ermee staat"))
    found = list(agreements(trajectory))
    if found:
        counts = Counter(a.get_status_display() for a in found)
        section.text(
            ngettext("Er is %(n)s afspraak", "Er zijn %(n)s afspraken", len(found))
            % {"n": len(found)}
            + ": "
            + ", ".join(f"{n} {label.lower()}" for label, n in sorted(counts.items()))
            + "."
        )
        section.table(_agreement_header(), _agreement_rows(found))
    else:
        section.empty(_("Er zijn nog geen afspraken gemaakt."))
    if report and report.conclusions.strip():
        doc.add("conclusions", _("Conclusies")).text(report.conclusions)
    return doc


def _change(section: Section, trajectory: Trajectory, first) -> None:
    from weefwerk.networkmap.analysis import change_result
    from weefwerk.networkmap.selectors import network_state

    if first is None:
        section.empty(_("Zonder momentopname bij de start is er niets te vergelijken."))
        return
    result = change_result(first.data, network_state(trajectory))

    def figure(value):
        if value is None:
            return "–"
        return str(value).replace(".", ",")

    section.table(
        [_("Maat"), _("Bij de start"), _("Nu")],
        [
            [row["label"], figure(row["before"]), figure(row["after"])]
            for row in result["figure_rows"]
        ],
    )
    pairs = [
        (_("Nieuwe elementen"), len(result["elements_added"])),
        (_("Verdwenen elementen"), len(result["elements_removed"])),
        (_("Nieuwe verbindingen"), len(result["ties_added"])),
        (_("Verdwenen verbindingen"), len(result["ties_lost"])),
    ]
    section.facts(pairs)
    added = [f"{t['label']} – {t['to_label']}" for t in result["ties_added"][:15]]
    if added:
        section.heading(_("Nieuwe verbindingen"))
        section.list(added)
        if len(result["ties_added"]) > 15:
            section.text(_("En nog %(n)s meer.") % {"n": len(result["ties_added"]) - 15})


def _acquaintance(section: Section, trajectory: Trajectory) -> None:
    from weefwerk.grouping.selectors import acquaintance

    summary = acquaintance(trajectory)
    if summary.total_pairs == 0:
        section.empty(_("Er zijn nog te weinig deelnemers om te tellen wie wie kent."))
        return
    section.text(
        _("%(met)s van de %(total)s paren deelnemers kennen elkaar: %(percent)s %%.")
        % {"met": summary.met, "total": summary.total_pairs, "percent": summary.percent}
    )
    if summary.per_meeting:
        section.table(
            [_("Na"), _("Paren die elkaar kennen"), _("Aandeel")],
            [[row.label, str(row.met), f"{row.percent} %"] for row in summary.per_meeting],
            caption=_("Kennismaking per bijeenkomst"),
        )
    else:
        section.empty(_("Er zijn nog geen groepen gehouden."))
    section.text(summary.reach.text)
