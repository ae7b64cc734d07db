"""The session report as a plain :class:`Document`: who was there, the agenda as run, the
groups, the notes with clusters and dots, photos, the map as it stood, cases, wishes and
agreements, homework, feedback and the next session."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weefwerk.reports.content import (
    _date,
    _meeting_when,
    _people_names,
    add_network_map,
    meeting_snapshot,
    next_meeting,
    report_for,
)
from weefwerk.reports.document import Document, Figure, Section
from weefwerk.reports.models import Report
from weefwerk.trajectories.models import Meeting

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
