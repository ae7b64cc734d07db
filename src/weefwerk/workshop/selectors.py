"""Reads of the workshop app: what the wall, the phones and the results page show.

``session_results(meeting)`` returns plain data (dicts and lists, no model instances) for the
results page and for the session report.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from weefwerk.workshop.events import note_for_wall
from weefwerk.workshop.models import Assignment, Note, Participant


def live_notes(assignment):
    """The notes the wall shows: not the ones merged into another."""
    return assignment.notes.filter(merged_into__isnull=True)


def live_note_count(assignment) -> int:
    return live_notes(assignment).count()


def open_assignments(meeting):
    return (
        Assignment.objects.filter(meeting=meeting, status=Assignment.Status.OPEN)
        .select_related("agenda_item")
        .order_by("-opened_at", "-pk")
    )


def wall_assignment(meeting, assignment_id=None):
    """The assignment the wall shows: the one asked for, else the last opened, else the first."""
    assignments = Assignment.objects.filter(meeting=meeting)
    if assignment_id:
        return assignments.filter(pk=assignment_id).first()
    return (
        open_assignments(meeting).first()
        or assignments.exclude(opened_at=None).order_by("-opened_at").first()
        or assignments.first()
    )


# --------------------------------------------------------------------------------------------
# Groups (from the grouping app when it is installed)


def item_groups(item) -> dict[int, set[int]]:
    """Group number -> person ids, from the item's held round (else its latest); empty when
    the item has no groups or the grouping app is not installed."""
    if not apps.is_installed("weefwerk.grouping") or item is None:
        return {}
    from weefwerk.grouping.models import GroupMember, GroupRound

    rounds = GroupRound.objects.filter(agenda_item=item)
    round_ = rounds.filter(status=GroupRound.Status.HELD).first() or rounds.first()
    if round_ is None:
        return {}
    groups: dict[int, set[int]] = {}
    for number, person_id in GroupMember.objects.filter(group__round=round_).values_list(
        "group__number", "person_id"
    ):
        groups.setdefault(number, set()).add(person_id)
    return groups


def group_of(groups: dict[int, set[int]], person_id) -> int | None:
    for number, members in groups.items():
        if person_id in members:
            return number
    return None


# --------------------------------------------------------------------------------------------
# The wall


def layout_for(assignment, requested: str = "") -> str:
    """'category' (columns per category), 'group' (per group) or 'single'."""
    has_groups = assignment.mode == Assignment.Mode.GROUPS and bool(
        item_groups(assignment.agenda_item)
    )
    if requested == "group" and has_groups:
        return "group"
    if requested == "category" and assignment.columns:
        return "category"
    if assignment.columns:
        return "category"
    return "group" if has_groups else "single"


def columns_for(assignment, layout: str) -> list[dict]:
    if layout == "category":
        columns = [{"key": c, "title": c} for c in assignment.columns]
        columns.append({"key": "", "title": _("Overig")})
        return columns
    if layout == "group":
        numbers = sorted(item_groups(assignment.agenda_item))
        columns = [{"key": str(n), "title": _("Groep %(n)s") % {"n": n}} for n in numbers]
        columns.append({"key": "", "title": _("Zonder groep")})
        return columns
    return [{"key": "", "title": _("Notities")}]


def assignment_data(assignment) -> dict:
    return {
        "id": assignment.pk,
        "title": assignment.title,
        "type": assignment.type,
        "questions": list(assignment.questions),
        "status": assignment.status,
        "reveal_notes": assignment.reveal_notes,
        "show_names": assignment.show_names,
        "voting": assignment.voting,
        "votes_per_person": assignment.votes_per_person,
    }


def wall_state(assignment, layout: str = "") -> dict:
    """Everything a wall draws, as plain JSON-ready data."""
    layout = layout_for(assignment, layout)
    notes = list(
        live_notes(assignment)
        .select_related("person")
        .annotate(vote_count=Count("votes"))
        .order_by("created_at", "pk")
    )
    ranking = []
    if assignment.voting == Assignment.Voting.CLOSED:
        ranking = [
            {"id": n.pk, "text": n.text if assignment.reveal_notes else None, "votes": n.vote_count}
            for n in sorted(notes, key=lambda n: (-n.vote_count, n.pk))
            if n.vote_count
        ][:10]
    return {
        "assignment": assignment_data(assignment),
        "layout": layout,
        "columns": columns_for(assignment, layout),
        "clusters": [{"id": c.pk, "name": c.name} for c in assignment.clusters.all()],
        "notes": [note_for_wall(n, assignment) for n in notes],
        "count": len(notes),
        "votes_cast": assignment.votes.count() if assignment.voting != "none" else 0,
        "ranking": ranking,
    }


def note_column(note_data: dict, layout: str) -> str:
    if layout == "category":
        return note_data["category"] or ""
    if layout == "group":
        return str(note_data["group"]) if note_data["group"] else ""
    return ""


def board(state: dict) -> list[dict]:
    """The wall's columns with their notes, for the server-rendered wall (no JavaScript)."""
    keys = {c["key"] for c in state["columns"]}
    columns = [{**c, "notes": []} for c in state["columns"]]
    by_key = {c["key"]: c for c in columns}
    for note in state["notes"]:
        key = note_column(note, state["layout"])
        by_key[key if key in keys else ""]["notes"].append(note)
    clusters = {c["id"]: c["name"] for c in state["clusters"]}
    for column in columns:
        for note in column["notes"]:
            note["cluster_name"] = clusters.get(note["cluster"], "")
        column["notes"].sort(key=lambda n: (n["cluster"] is None, n["cluster"] or 0, n["id"]))
    return columns


# --------------------------------------------------------------------------------------------
# The phone


def votes_used(assignment, participant) -> int:
    return assignment.votes.filter(participant=participant).count()


def phone_assignments(participant) -> list[dict]:
    """The open assignments with this participant's own notes (and votes when voting)."""
    result = []
    for assignment in open_assignments(participant.meeting).prefetch_related("clusters"):
        own = list(assignment.notes.filter(participant=participant).order_by("created_at", "pk"))
        groups = (
            item_groups(assignment.agenda_item) if assignment.mode == Assignment.Mode.GROUPS else {}
        )
        entry = {
            "assignment": assignment,
            "own_notes": own,
            "count": live_note_count(assignment),
            "groups": sorted(groups),
            "my_group": group_of(groups, participant.person_id),
            "voting": None,
        }
        if assignment.voting == Assignment.Voting.OPEN:
            mine = dict(
                assignment.votes.filter(participant=participant)
                .values_list("note_id")
                .annotate(n=Count("pk"))
            )
            used = sum(mine.values())
            entry["voting"] = {
                "notes": [
                    {"note": n, "mine": mine.get(n.pk, 0)}
                    for n in live_notes(assignment).order_by("created_at", "pk")
                ],
                "used": used,
                "left": max(0, assignment.votes_per_person - used),
            }
        result.append(entry)
    return result


# --------------------------------------------------------------------------------------------
# Results of a session (for the results page, the exports and the report)


def session_results(meeting) -> dict:
    """Plain data: every assignment of the session with its notes per column, clusters, the
    ranking of the dot voting and its photos."""
    assignments = (
        Assignment.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("clusters", "photos")
    )
    out = []
    for assignment in assignments:
        notes = list(
            assignment.notes.select_related("person", "cluster")
            .annotate(vote_count=Count("votes"), duplicate_count=Count("duplicates", distinct=True))
            .order_by("created_at", "pk")
        )
        groups = assignment.mode == Assignment.Mode.GROUPS
        live = [n for n in notes if n.merged_into_id is None]
        merged = {}
        for n in notes:
            if n.merged_into_id:
                merged.setdefault(n.merged_into_id, []).append(n.text)
        columns: dict[str, list] = {}
        for n in live:
            columns.setdefault(n.category or "", []).append(n)
        order = [c for c in assignment.columns if c in columns] + [
            c for c in columns if c not in assignment.columns
        ]

        def plain(n, merged=merged):
            return {
                "id": n.pk,
                "text": n.text,
                "category": n.category,
                "group": n.group_number,
                "cluster": n.cluster.name if n.cluster_id else "",
                "author": n.author_name,
                "votes": n.vote_count,
                "merged": merged.get(n.pk, []),
            }

        out.append(
            {
                "id": assignment.pk,
                "title": assignment.title,
                "item": assignment.agenda_item.title,
                "type": assignment.type,
                "type_label": assignment.get_type_display(),
                "mode": assignment.mode,
                "questions": list(assignment.questions),
                "status": assignment.status,
                "note_count": len(live),
                "columns": [
                    {"title": c or _("Overig"), "notes": [plain(n) for n in columns[c]]}
                    for c in order
                ],
                "groups": sorted({n.group_number for n in live if n.group_number})
                if groups
                else [],
                "clusters": [
                    {
                        "name": c.name,
                        "notes": [plain(n) for n in live if n.cluster_id == c.pk],
                        "votes": sum(n.vote_count for n in live if n.cluster_id == c.pk),
                    }
                    for c in assignment.clusters.all()
                ],
                "voting": assignment.voting,
                "ranking": [
                    plain(n)
                    for n in sorted(live, key=lambda n: (-n.vote_count, n.pk))
                    if n.vote_count
                ]
                if assignment.voting == Assignment.Voting.CLOSED
                else [],
                "photos": [
                    {
                        "id": p.pk,
                        "caption": p.caption,
                        "width": p.width,
                        "height": p.height,
                        "content_type": p.content_type,
                        "path": p.image.name,
                    }
                    for p in assignment.photos.all()
                ],
            }
        )
    return {
        "meeting": {"id": meeting.pk, "title": meeting.title, "starts_at": meeting.starts_at},
        "participants": Participant.objects.filter(meeting=meeting).count(),
        "assignments": out,
    }


def export_rows(meeting):
    """One row per note of the session, oldest first, for CSV and Excel."""
    notes = (
        Note.objects.filter(assignment__meeting=meeting)
        .select_related("assignment", "person", "cluster", "merged_into")
        .annotate(vote_count=Count("votes", filter=Q(votes__isnull=False)))
        .order_by("assignment__agenda_item__position", "assignment__position", "created_at", "pk")
    )
    for n in notes:
        yield [
            n.assignment.title,
            n.category,
            n.group_number or "",
            n.cluster.name if n.cluster_id else "",
            n.text,
            n.author_name,
            n.vote_count,
            n.merged_into.text if n.merged_into_id else "",
            n.created_at,
        ]


def export_header() -> list[str]:
    return [
        _("Opdracht"),
        _("Categorie"),
        _("Groep"),
        _("Cluster"),
        _("Tekst"),
        _("Van"),
        _("Stippen"),
        _("Samengevoegd met"),
        _("Geschreven op"),
    ]
