"""Reads of the reports app: the content of the session report, the trajectory summary and the
managers' update, gathered from the other apps as a plain :class:`Document`.

Each builder only reads. Parts without data get a short sentence instead of an error, so a
report can be made for a session that has just been planned as well as for a rich one.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.people.models import Person
from weefwerk.reports.document import Document, Figure, Section
from weefwerk.reports.models import ManagerUpdate, Report
from weefwerk.trajectories.models import Meeting, Trajectory

# --------------------------------------------------------------------------------------------
# Report rows


def report_for(meeting: Meeting) -> Report | None:
    return Report.objects.filter(meeting=meeting, kind=Report.Kind.SESSION).first()


def summary_report_for(trajectory: Trajectory) -> Report | None:
    return Report.objects.filter(trajectory=trajectory, kind=Report.Kind.SUMMARY).first()


def meetings_with_reports(trajectory: Trajectory, *, published_only: bool) -> list[Meeting]:
    """The sessions (not cancelled), each with ``report`` (or None); readers only see the ones
    with a published report."""
    reports = {
        r.meeting_id: r for r in Report.objects.filter(trajectory=trajectory, kind="session")
    }
    meetings = []
    for meeting in trajectory.meetings.exclude(status=Meeting.Status.CANCELLED):
        meeting.report = reports.get(meeting.pk)
        if published_only and not (meeting.report and meeting.report.is_published):
            continue
        meetings.append(meeting)
    return meetings


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


# --------------------------------------------------------------------------------------------
# The session report


def session_document(meeting: Meeting, report: Report | None = None) -> Document:
    """Everything Weefwerk knows about one session, in the order of the playbook's report."""
    trajectory = meeting.trajectory
    report = report if report is not None else report_for(meeting)
    draft = not (report and report.is_published)
    doc = Document(
        title=_("Verslag: %(title)s") % {"title": meeting.title},
        kicker=_("Verslag van de bijeenkomst"),
        trajectory_name=trajectory.name,
        description=_("Verslag van %(title)s op %(date)s.")
        % {"title": meeting.title, "date": _date(meeting.starts_at, "j F Y")},
        made_at=timezone.localtime(),
        facts=[
            (_("Datum"), _meeting_when(meeting)),
            (_("Locatie"), meeting.location or _("nog niet bekend")),
            (_("Status"), meeting.get_status_display()),
        ],
        draft=draft,
        filename=f"verslag-{slugify(meeting.title) or meeting.pk}",
    )
    if report and report.introduction.strip():
        doc.add("introduction", _("Inleiding")).text(report.introduction)
    _attendance(doc.add("attendance", _("Wie waren er?")), meeting)
    _agenda(doc.add("agenda", _("De agenda")), meeting)
    _groups(doc.add("groups", _("De groepen")), meeting)
    results = _results(meeting)
    _notes(doc.add("notes", _("Wat er is opgehaald")), results)
    _photos(doc.add("photos", _("Foto's van de flip-overs")), meeting, results)
    snapshot = meeting_snapshot(meeting)
    add_network_map(
        doc.add("map", _("De netwerkkaart")),
        trajectory,
        snapshot=snapshot,
        title=_("Netwerkkaart na %(title)s") % {"title": meeting.title}
        if snapshot
        else _("Netwerkkaart"),
        when=_("Na deze bijeenkomst") if snapshot else _("Zoals de kaart nu is"),
    )
    _cases(doc.add("cases", _("Besproken casussen")), meeting)
    _wishes_and_agreements(doc.add("agreements", _("Veranderwensen en afspraken")), meeting)
    _homework(doc.add("homework", _("Huiswerk")), meeting)
    _feedback(doc.add("feedback", _("Wat vonden de deelnemers?")), meeting)
    if report and report.conclusions.strip():
        doc.add("conclusions", _("Conclusies")).text(report.conclusions)
    _next(doc.add("next", _("De volgende bijeenkomst")), meeting)
    return doc


def _attendance(section: Section, meeting: Meeting) -> None:
    from weefwerk.grouping.models import Attendance

    records = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("person__organisation", "replaced_by")
        .prefetch_related("person__domains", "person__organisation__domains")
        .order_by("person__name", "pk")
    )
    present = [a.person for a in records if a.status == Attendance.Status.PRESENT]
    away = [
        a
        for a in records
        if a.status in (Attendance.Status.ABSENT, Attendance.Status.SENT_COLLEAGUE)
    ]
    if not present and not away:
        section.empty(_("Voor deze bijeenkomst is geen aanwezigheid bijgehouden."))
        return
    by_org: dict = {}
    for person in present:
        key = person.organisation.name if person.organisation else _("Zonder organisatie")
        entry = by_org.setdefault(key, {"people": [], "domains": set()})
        entry["people"].append(person)
        own = [d.name for d in person.domains.all()]
        if not own and person.organisation:
            own = [d.name for d in person.organisation.domains.all()]
        entry["domains"].update(own)
    organisations = len([k for k in by_org if k != _("Zonder organisatie")])
    section.text(
        ngettext(
            "Er was %(n)s deelnemer",
            "Er waren %(n)s deelnemers",
            len(present),
        )
        % {"n": len(present)}
        + " "
        + ngettext("van %(n)s organisatie.", "van %(n)s organisaties.", organisations)
        % {"n": organisations}
    )
    if present:
        rows = [
            [name, ", ".join(sorted(entry["domains"])) or "–", _people_names(entry["people"])]
            for name, entry in sorted(by_org.items(), key=lambda item: item[0].casefold())
        ]
        section.table([_("Organisatie"), _("Domein"), _("Aanwezig")], rows)
        domains = sorted({d for entry in by_org.values() for d in entry["domains"]})
        missing = [d.name for d in meeting.trajectory.domains.all() if d.name not in set(domains)]
        if missing:
            section.text(
                _("Domeinen die er niet bij waren: %(list)s.") % {"list": ", ".join(missing)}
            )
    if away:
        section.heading(_("Afwezig"))
        items = []
        for attendance in away:
            person = attendance.person
            line = person.name
            if person.organisation:
                line += f" ({person.organisation.name})"
            if attendance.status == Attendance.Status.SENT_COLLEAGUE:
                line += " – " + (
                    _("stuurde %(name)s") % {"name": attendance.replaced_by.name}
                    if attendance.replaced_by
                    else _("stuurde een collega")
                )
            items.append(line)
        section.list(items)


def _agenda(section: Section, meeting: Meeting) -> None:
    from weefwerk.planning.models import MeetingRun
    from weefwerk.planning.selectors import timed_agenda

    timed = timed_agenda(meeting)
    run = MeetingRun.objects.filter(meeting=meeting).first()
    if run is not None:
        started = timezone.localtime(run.started_at)
        if run.finished_at:
            finished = timezone.localtime(run.finished_at)
            section.text(
                _("De bijeenkomst begon om %(start)s en was om %(end)s klaar.")
                % {"start": f"{started:%H:%M}", "end": f"{finished:%H:%M}"}
            )
        else:
            section.text(_("De bijeenkomst begon om %(start)s.") % {"start": f"{started:%H:%M}"})
    if not timed:
        section.empty(_("Deze bijeenkomst had geen agenda."))
        return

    def clock(value):
        if isinstance(value, timedelta):
            minutes = int(value.total_seconds() // 60)
            return f"{minutes // 60}:{minutes % 60:02d}"
        return f"{timezone.localtime(value):%H:%M}"

    rows = [
        [
            f"{clock(row.start)}–{clock(row.end)}" if row.item.minutes else clock(row.start),
            row.item.title,
            row.item.get_kind_display(),
        ]
        for row in timed
    ]
    section.table([_("Tijd"), _("Onderdeel"), _("Soort")], rows)


def _groups(section: Section, meeting: Meeting) -> None:
    from weefwerk.grouping.models import GroupRound

    rounds = []
    for item in meeting.agenda_items.all():
        found = item.rounds.order_by("-created_at", "-pk")
        chosen = found.filter(status=GroupRound.Status.HELD).first() or found.first()
        if chosen is not None:
            rounds.append((item, chosen))
    if not rounds:
        section.empty(_("Er werd niet in groepjes gewerkt, of de groepen zijn niet vastgelegd."))
        return
    for item, round_ in rounds:
        section.heading(item.title)
        rows = []
        for group in round_.groups.order_by("number").prefetch_related("members__person"):
            people = sorted((m.person for m in group.members.all()), key=lambda p: p.name)
            # A no-break space keeps "Groep 1" on one line in a narrow column.
            label = (_("Groep %(n)s") % {"n": group.number}).replace(" ", "\u00a0")
            rows.append([label, _people_names(people)])
        if rows:
            section.table([_("Groep"), _("Wie")], rows)
        else:
            section.empty(_("Deze groepsindeling is leeg."))


def _results(meeting: Meeting) -> dict:
    from weefwerk.workshop.selectors import session_results

    return session_results(meeting)


def _note_line(note: dict) -> str:
    text = note["text"]
    if note.get("votes"):
        text += " " + ngettext("(%(n)s stip)", "(%(n)s stippen)", note["votes"]) % {
            "n": note["votes"]
        }
    if note.get("merged"):
        text += " " + ngettext(
            "(ook %(n)s keer zo genoemd)", "(ook %(n)s keer zo genoemd)", len(note["merged"])
        ) % {"n": len(note["merged"])}
    return text


def _notes(section: Section, results: dict) -> None:
    assignments = [a for a in results["assignments"] if a["note_count"]]
    if not assignments:
        section.empty(_("Er zijn in deze bijeenkomst geen notities geschreven."))
        return
    for assignment in assignments:
        section.heading(assignment["title"])
        if assignment["questions"]:
            section.text("\n".join(assignment["questions"]))
        clustered = [c for c in assignment["clusters"] if c["notes"]]
        if clustered:
            voted = any(cluster["votes"] for cluster in clustered)
            rows = [
                [cluster["name"]]
                + ([str(cluster["votes"])] if voted else [])
                + ["\n".join(_note_line(n) for n in cluster["notes"])]
                for cluster in clustered
            ]
            header = [_("Cluster")] + ([_("Stippen")] if voted else []) + [_("Notities")]
            section.table(header, rows)
        rows = []
        for column in assignment["columns"]:
            for note in column["notes"]:
                if clustered and note["cluster"]:
                    continue
                rows.append([column["title"], _note_line(note)])
        if rows:
            section.table(
                [_("Categorie"), _("Notitie")],
                rows,
                caption=_("Notities die niet in een cluster staan") if clustered else "",
            )
        if assignment["ranking"]:
            section.text(_("Uitslag van de stemming, de meeste stippen eerst:"))
            section.list(_note_line(n) for n in assignment["ranking"][:10])


def _photos(section: Section, meeting: Meeting, results: dict) -> None:
    from django.core.files.storage import default_storage

    count = 0
    for assignment in results["assignments"]:
        for photo in assignment["photos"]:
            count += 1
            caption = photo["caption"] or _("Flip-over bij ‘%(title)s’") % {
                "title": assignment["title"]
            }
            alt = _("Foto van een flip-over bij de opdracht ‘%(title)s’: %(caption)s") % {
                "title": assignment["title"],
                "caption": caption,
            }

            def load(path=photo["path"]):
                with default_storage.open(path, "rb") as handle:
                    return handle.read()

            section.figure(
                Figure(
                    alt=alt,
                    caption=caption,
                    url=reverse(
                        "reports:photo", args=[meeting.trajectory_id, meeting.pk, photo["id"]]
                    ),
                    load=load,
                    content_type=photo["content_type"],
                    width=photo["width"],
                    height=photo["height"],
                )
            )
    if not count:
        section.empty(_("Er zijn geen foto's van flip-overs bewaard."))


def _cases(section: Section, meeting: Meeting) -> None:
    from weefwerk.cases.models import Case

    titles = list(
        Case.objects.filter(discussions__meeting=meeting)
        .distinct()
        .order_by("title")
        .values_list("title", flat=True)
    )
    if titles:
        section.list(titles)
    else:
        section.empty(_("Er zijn in deze bijeenkomst geen casussen besproken."))


def meeting_agreements(meeting: Meeting):
    """Agreements made in this session: from one of its wishes, or made on its day."""
    from weefwerk.actions.selectors import agreements

    found = Q(from_wish__meeting=meeting)
    if meeting.starts_at:
        day = timezone.localtime(meeting.starts_at).date()
        found |= Q(created_at__date=day, from_wish__isnull=True)
    return list(agreements(meeting.trajectory).filter(found).distinct())


def _agreement_rows(agreements) -> list[list[str]]:
    return [
        [
            agreement.what,
            _people_names(agreement.owners.all()),
            _date(agreement.due_date, "j F Y") if agreement.due_date else "–",
            agreement.get_status_display(),
        ]
        for agreement in agreements
    ]


def _agreement_header() -> list[str]:
    return [_("Afspraak"), _("Trekkers"), _("Klaar op"), _("Status")]


def _wishes_and_agreements(section: Section, meeting: Meeting) -> None:
    from weefwerk.actions.models import ChangeWish
    from weefwerk.actions.selectors import FOLLOWUP_PREFIX, actions_for_meeting, wishes

    found = list(
        wishes(meeting.trajectory)
        .filter(meeting=meeting)
        .exclude(status=ChangeWish.Status.MERGED)
        .order_by("-total_votes", "created_at", "pk")
    )
    agreements = meeting_agreements(meeting)
    followup = meeting.template_key.startswith(FOLLOWUP_PREFIX)
    actions = actions_for_meeting(meeting) if followup else []
    if not found and not agreements and not actions:
        section.empty(_("In deze bijeenkomst zijn geen veranderwensen of afspraken vastgelegd."))
        return
    if found:
        section.heading(_("Veranderwensen"))
        section.table(
            [_("Als we nu eens …"), _("Stippen"), _("Status")],
            [[w.text, str(w.total_votes), w.get_status_display()] for w in found],
        )
    if agreements:
        section.heading(_("Afspraken"))
        section.table(_agreement_header(), _agreement_rows(agreements))
    if actions:
        section.heading(_("Voortgang van de afspraken"))
        section.table(
            [_("Afspraak"), _("Status"), _("Verteld")],
            [
                [
                    action.agreement.what,
                    action.status_label,
                    ngettext("%(n)s keer", "%(n)s keer", len(action.updates))
                    % {"n": len(action.updates)},
                ]
                for action in actions
            ],
        )


def _homework(section: Section, meeting: Meeting) -> None:
    homework = list(meeting.homework.order_by("due_date", "pk"))
    if not homework:
        section.empty(_("Er is geen huiswerk opgegeven."))
        return
    for item in homework:
        section.heading(item.title)
        if item.due_date:
            section.text(_("Inleveren voor %(date)s.") % {"date": _date(item.due_date)})
        section.text(item.text)


def _feedback(section: Section, meeting: Meeting) -> None:
    from weefwerk.planning.followup_selectors import feedback_summary

    summary = feedback_summary(meeting)
    if not summary.count:
        section.empty(_("Er is (nog) geen feedback gegeven."))
        return
    section.text(
        ngettext(
            "%(n)s deelnemer vulde het formulier in.",
            "%(n)s deelnemers vulden het formulier in.",
            summary.count,
        )
        % {"n": summary.count}
    )
    section.table(
        [_("Vraag"), _("Gemiddeld (1 tot 5)")],
        [
            [scale.label, f"{scale.average:.1f}".replace(".", ",") if scale.average else "–"]
            for scale in summary.scales
        ],
    )
    if summary.comments:
        section.heading(_("Wat deelnemers nog kwijt wilden"))
        section.list(summary.comments[:20])


def _next(section: Section, meeting: Meeting) -> None:
    upcoming = next_meeting(meeting)
    if upcoming is None:
        section.empty(_("Er is nog geen volgende bijeenkomst gepland."))
        return
    pairs = [
        (_("Bijeenkomst"), upcoming.title),
        (_("Datum"), _meeting_when(upcoming)),
        (_("Locatie"), upcoming.location or _("nog niet bekend")),
    ]
    section.facts(pairs)
    if upcoming.goal:
        section.text(upcoming.goal)


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
