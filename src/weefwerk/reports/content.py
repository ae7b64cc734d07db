"""What the report builders share: dates, names, the network map as it stood, the sessions
around a session. Every builder only reads; parts without data get a short sentence instead of
an error, so a report can be made for a session just planned as well as for a rich one."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.reports.document import Figure, Section
from weefwerk.reports.models import Report
from weefwerk.trajectories.models import Meeting, Trajectory

# --------------------------------------------------------------------------------------------
# Report rows


def report_for(meeting: Meeting) -> Report | None:
    return Report.objects.filter(meeting=meeting, kind=Report.Kind.SESSION).first()


def summary_report_for(trajectory: Trajectory) -> Report | None:
    return Report.objects.filter(trajectory=trajectory, kind=Report.Kind.SUMMARY).first()


# --------------------------------------------------------------------------------------------
# Helpers


def _date(value, fmt="l j F Y") -> str:
    if value is None:
        return _("nog niet bekend")
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    # No-break spaces: a date never wraps over two lines in a narrow table column.
    return date_format(value, fmt).replace(" ", "\u00a0")


def _meeting_when(meeting: Meeting) -> str:
    if not meeting.starts_at:
        return _("Nog geen datum")
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M}"


def _people_names(people) -> str:
    return ", ".join(p.name for p in people) or "–"


def _map_module():
    """``weefwerk.networkmap.image`` when it is there (it draws the map as SVG and PNG)."""
    try:
        from weefwerk.networkmap import image
    except ImportError:
        return None
    return image


def _network_counts(data: dict) -> tuple[int, int, list[tuple[str, int]]]:
    from weefwerk.networkmap.models import ElementKind, Status

    elements = [e for e in data.get("elements", []) if e.get("status", "active") == Status.ACTIVE]
    ids = {e["id"] for e in elements}
    connections = [
        c
        for c in data.get("connections", [])
        if c.get("status", "active") == Status.ACTIVE and c["source"] in ids and c["target"] in ids
    ]
    kinds = Counter(e.get("kind", "") for e in elements)
    labels = dict(ElementKind.choices)
    legend = [(str(labels.get(kind, kind)), n) for kind, n in sorted(kinds.items())]
    return len(elements), len(connections), legend


def add_network_map(section: Section, trajectory, *, snapshot=None, title: str, when: str) -> None:
    """The map as it stood (``snapshot``) or as it is now, with its alt text and a legend in
    words (how many elements of each kind), or a sentence when the network is empty."""
    from weefwerk.networkmap.selectors import network_state

    data = snapshot.data if snapshot is not None else network_state(trajectory)
    elements, connections, legend = _network_counts(data)
    if not elements:
        section.empty(_("Er stond nog niets op de netwerkkaart."))
        return
    summary = ngettext(
        "%(when)s: %(n)s element",
        "%(when)s: %(n)s elementen",
        elements,
    ) % {"when": when, "n": elements}
    summary += ", " + ngettext("%(n)s verbinding", "%(n)s verbindingen", connections) % {
        "n": connections
    }
    alt = _("Netwerkkaart (%(summary)s).") % {"summary": summary}
    image = _map_module()
    svg = None
    if image is not None:
        svg = image.map_svg(trajectory, snapshot=snapshot, title=title)
    if svg:

        def png(trajectory=trajectory, snapshot=snapshot, title=title):
            return image.map_png(trajectory, snapshot=snapshot, title=title)

        section.figure(Figure(alt=alt, caption=summary + ".", svg=svg, png=png, key=section.key))
    else:
        section.empty(_("De kaart kon niet als plaatje worden gemaakt.") + " " + summary + ".")
    section.table(
        [_("Soort"), _("Aantal")],
        [[label, n] for label, n in legend],
        caption=_("Op de kaart, per soort element"),
    )


def meeting_snapshot(meeting: Meeting):
    """The snapshot of the network taken at (or for) this session, if any."""
    from weefwerk.networkmap.models import Snapshot

    return Snapshot.objects.filter(meeting=meeting).order_by("-created_at", "-pk").first()


def next_meeting(meeting: Meeting) -> Meeting | None:
    later = meeting.trajectory.meetings.exclude(status=Meeting.Status.CANCELLED).exclude(
        pk=meeting.pk
    )
    if meeting.starts_at:
        return later.filter(starts_at__gt=meeting.starts_at).order_by("starts_at", "pk").first()
    return (
        later.filter(starts_at__isnull=True, number__gt=meeting.number)
        .order_by("number", "pk")
        .first()
    )
