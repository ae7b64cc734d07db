"""The facilitator's side of a live session: assignments, the wall, clustering, voting, photos,
results and exports. Every view sits under a trajectory and uses MeetingMixin (membership
first; writes need the facilitator or project-team role)."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View

from weefwerk.planning.views import MeetingMixin
from weefwerk.workshop import exports, joining, selectors, services
from weefwerk.workshop.forms import AssignmentForm, ClusterForm, NoteForm, PhotoForm
from weefwerk.workshop.models import Assignment, Cluster, Note, Photo
from weefwerk.workshop.photos import PhotoRefused


def join_url(request, meeting) -> str:
    return request.build_absolute_uri(
        reverse("workshop_public:join_meeting", args=[meeting.join_code])
    )


def join_qr(url: str) -> str:
    """An inline SVG QR code of the join link; segno writes it, nothing from users is in it."""
    svg = segno.make(url, error="m").svg_inline(scale=6, title=_("QR-code om mee te doen"))
    return mark_safe(svg)  # noqa: S308


class LiveMixin(MeetingMixin):
    def get_assignment(self) -> Assignment:
        return get_object_or_404(
            Assignment.objects.select_related("agenda_item"),
            meeting=self.meeting,
            pk=self.kwargs["pk"],
        )

    def get_note(self, assignment) -> Note:
        return get_object_or_404(assignment.notes, pk=self.kwargs["note_id"])

    def assignment_url(self, assignment, anchor="") -> str:
        url = reverse(
            "workshop:assignment", args=[self.trajectory.pk, self.meeting.pk, assignment.pk]
        )
        return f"{url}#{anchor}" if anchor else url

    def live_url(self, anchor="") -> str:
        url = reverse("workshop:live", args=[self.trajectory.pk, self.meeting.pk])
        return f"{url}#{anchor}" if anchor else url


class LiveView(LiveMixin, TemplateView):
    """The session's live page: the join code, the agenda items and their assignments."""

    template_name = "workshop/live.html"

    def get_context_data(self, **kwargs):
        items = list(
            self.meeting.agenda_items.order_by("position", "pk").prefetch_related("assignments")
        )
        url = join_url(self.request, self.meeting)
        return super().get_context_data(
            items=items,
            join_url=url,
            join_qr=join_qr(url),
            joining_open=joining.is_open(self.meeting),
            participant_count=self.meeting.participants.count(),
            **kwargs,
        )


class JoiningView(LiveMixin, View):
    """Opens or closes joining (and checking in) with the session's code."""

    def post(self, request, *args, **kwargs):
        open_ = request.POST.get("open") == "1"
        services.joining_set(meeting=self.meeting, open_=open_)
        messages.success(
            request,
            _("Meedoen met de code staat nu open.")
            if open_
            else _("Meedoen met de code is nu gesloten. Links op telefoons werken niet meer."),
        )
        return redirect(self.live_url("meedoen-kop"))


class AssignmentCreateView(LiveMixin, View):
    """One click: the item's assignment from its session template."""

    def post(self, request, *args, **kwargs):
        item = get_object_or_404(self.meeting.agenda_items, pk=self.kwargs["item_id"])
        created = services.assignments_from_item(item=item)
        messages.success(request, _("De opdracht staat klaar."))
        return redirect(self.assignment_url(created[0]))


class AssignmentView(LiveMixin, TemplateView):
    """One assignment for the facilitator: open and close, the wall's options, every note with
    cluster, merge and delete, typing notes for someone, voting and photos."""

    template_name = "workshop/assignment.html"

    def get_context_data(self, **kwargs):
        assignment = self.get_assignment()
        groups = selectors.item_groups(assignment.agenda_item)
        notes = list(
            assignment.notes.select_related("person", "cluster", "merged_into")
            .prefetch_related("votes")
            .order_by("created_at", "pk")
        )
        live = [n for n in notes if n.merged_into_id is None]
        kwargs.setdefault(
            "note_form",
            NoteForm(
                assignment=assignment,
                groups=sorted(groups) if assignment.mode == Assignment.Mode.GROUPS else (),
                people=self.trajectory.people.order_by("name"),
                prefix="namens",
            ),
        )
        return super().get_context_data(
            assignment=assignment,
            notes=notes,
            live_notes=live,
            clusters=list(assignment.clusters.all()),
            cluster_form=ClusterForm(prefix="cluster"),
            photo_form=PhotoForm(prefix="foto"),
            photos=list(assignment.photos.all()),
            ranking=services.ranking(assignment)
            if assignment.voting == Assignment.Voting.CLOSED
            else [],
            votes_cast=assignment.votes.count(),
            **kwargs,
        )


class AssignmentEditView(LiveMixin, FormView):
    write = True
    form_class = AssignmentForm
    template_name = "trajectories/object_form.html"

    def get_form_kwargs(self):
        self.object = self.get_assignment()
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"] = self.get_form()  # sets self.object
        return super().get_context_data(
            title=_("Opdracht bewerken"),
            cancel_url=self.assignment_url(self.object),
            **kwargs,
        )

    def form_valid(self, form):
        services.assignment_save(assignment=self.object, **form.cleaned_data)
        messages.success(self.request, _("De opdracht is opgeslagen."))
        return redirect(self.assignment_url(self.object))


class AssignmentDeleteView(LiveMixin, TemplateView):
    write = True
    template_name = "trajectories/object_confirm_delete.html"

    def get_context_data(self, **kwargs):
        assignment = self.get_assignment()
        return super().get_context_data(
            object=assignment,
            consequence=gettext_lazy(
                "De notities, stippen en foto's van deze opdracht gaan ook weg."
            ),
            cancel_url=self.assignment_url(assignment),
        )

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        services.assignment_delete(assignment=assignment)
        messages.success(request, _("De opdracht is verwijderd."))
        return redirect(self.live_url())


class AssignmentControlView(LiveMixin, View):
    """The buttons: open, close, hide/reveal, names, start/close voting."""

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        action = request.POST.get("actie", "")
        try:
            services.assignment_control(assignment=assignment, action=action)
        except services.WorkshopRefused as refused:
            messages.error(request, str(refused))
        return redirect(self.assignment_url(assignment, "bediening"))


class NoteAddView(AssignmentView):
    """The facilitator types a note for someone without a phone. A note with something that
    looks like personal data comes back on the assignment page with the spots marked."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        form = NoteForm(
            request.POST,
            assignment=assignment,
            groups=sorted(selectors.item_groups(assignment.agenda_item))
            if assignment.mode == Assignment.Mode.GROUPS
            else (),
            people=self.trajectory.people.all(),
            prefix="namens",
        )
        if form.is_valid():
            try:
                services.note_add(
                    assignment=assignment,
                    text=form.cleaned_data["text"],
                    category=form.cleaned_data.get("category", ""),
                    person=form.cleaned_data.get("person"),
                    group=form.cleaned_data.get("group"),
                    typed_by=request.user,
                )
            except services.WorkshopRefused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(request, _("De notitie staat op de muur."))
        elif form.privacy_open:
            context = self.get_context_data(note_form=form)
            return self.render_to_response(context, status=400)
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(self.assignment_url(assignment, "namens-kop"))


class NoteClusterView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        note = self.get_note(assignment)
        value = request.POST.get("cluster", "")
        cluster = None
        if value:
            cluster = get_object_or_404(assignment.clusters, pk=_int(value))
        services.note_move(note=note, cluster=cluster)
        return redirect(self.assignment_url(assignment, f"notitie-{note.pk}"))


class NoteMergeView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        note = self.get_note(assignment)
        value = request.POST.get("into", "")
        try:
            if value:
                into = get_object_or_404(assignment.notes, pk=_int(value))
                services.note_merge(note=note, into=into)
                messages.success(request, _("De notities zijn samengevoegd."))
            else:
                services.note_unmerge(note=note)
        except services.WorkshopRefused as refused:
            messages.error(request, str(refused))
        return redirect(self.assignment_url(assignment, "notities-kop"))


class NoteDeleteView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        services.note_delete(note=self.get_note(assignment))
        messages.success(request, _("De notitie is verwijderd."))
        return redirect(self.assignment_url(assignment, "notities-kop"))


class ClusterAddView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        try:
            services.cluster_add(assignment=assignment, name=request.POST.get("cluster-name", ""))
        except services.WorkshopRefused as refused:
            messages.error(request, str(refused))
        return redirect(self.assignment_url(assignment, "clusters-kop"))


class ClusterEditView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        cluster = get_object_or_404(Cluster, assignment=assignment, pk=self.kwargs["cluster_id"])
        try:
            if request.POST.get("actie") == "verwijderen":
                services.cluster_delete(cluster=cluster)
            else:
                services.cluster_rename(cluster=cluster, name=request.POST.get("name", ""))
        except services.WorkshopRefused as refused:
            messages.error(request, str(refused))
        return redirect(self.assignment_url(assignment, "clusters-kop"))


class PhotoAddView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        assignment = self.get_assignment()
        try:
            services.photo_add(
                assignment=assignment,
                uploaded=request.FILES.get("foto-photo"),
                caption=request.POST.get("foto-caption", ""),
                user=request.user,
            )
        except PhotoRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("De foto is toegevoegd."))
        return redirect(self.assignment_url(assignment, "fotos-kop"))


class PhotoDeleteView(LiveMixin, View):
    def post(self, request, *args, **kwargs):
        photo = get_object_or_404(
            Photo, assignment__meeting=self.meeting, pk=self.kwargs["photo_id"]
        )
        assignment = photo.assignment
        services.photo_delete(photo=photo)
        messages.success(request, _("De foto is verwijderd."))
        return redirect(self.assignment_url(assignment, "fotos-kop"))


class PhotoView(LiveMixin, View):
    """The photo itself, only for members (not from a public media folder)."""

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(
            Photo, assignment__meeting=self.meeting, pk=self.kwargs["photo_id"]
        )
        try:
            handle = photo.image.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=photo.content_type)
        response["Cache-Control"] = "private, max-age=3600"
        response["Content-Disposition"] = f'inline; filename="foto-{photo.pk}.{photo.extension}"'
        return response


@method_decorator(never_cache, name="dispatch")
class WallView(LiveMixin, TemplateView):
    """The live wall for the projector. Works without JavaScript (reload to update); wall.js
    listens on a WebSocket and falls back to polling the JSON view."""

    template_name = "workshop/wall.html"

    def get_context_data(self, **kwargs):
        assignment = selectors.wall_assignment(self.meeting, _int(self.request.GET.get("opdracht")))
        layout = self.request.GET.get("kolommen", "")
        url = join_url(self.request, self.meeting)
        context = {
            "assignment": assignment,
            "join_url": url,
            "join_qr": join_qr(url),
            "joining_open": joining.is_open(self.meeting),
            "others": Assignment.objects.filter(meeting=self.meeting),
        }
        if assignment is not None:
            state = selectors.wall_state(assignment, layout)
            context.update(
                state=state,
                board=selectors.board(state),
                can_group=selectors.layout_for(assignment, "group") == "group",
                wall_config={
                    "json": reverse(
                        "workshop:wall_json", args=[self.trajectory.pk, self.meeting.pk]
                    )
                    + f"?opdracht={assignment.pk}&kolommen={state['layout']}",
                    "ws": f"/ws/trajecten/{self.trajectory.pk}/bijeenkomsten/"
                    f"{self.meeting.pk}/muur/",
                    "assignment": assignment.pk,
                },
            )
        return super().get_context_data(**context, **kwargs)


class WallJsonView(LiveMixin, View):
    """The wall's state as JSON: for polling when there is no WebSocket, and after a refresh."""

    def get(self, request, *args, **kwargs):
        assignment = selectors.wall_assignment(self.meeting, _int(request.GET.get("opdracht")))
        if assignment is None:
            return JsonResponse({"assignment": None, "notes": [], "count": 0})
        response = JsonResponse(selectors.wall_state(assignment, request.GET.get("kolommen", "")))
        response["Cache-Control"] = "no-store"
        return response


class ResultsView(LiveMixin, TemplateView):
    """Everything the session produced; the session report uses the same selector."""

    template_name = "workshop/results.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(results=selectors.session_results(self.meeting), **kwargs)


class ExportView(LiveMixin, View):
    kind = "csv"

    def get(self, request, *args, **kwargs):
        if self.kind == "xlsx":
            return exports.xlsx_response(self.meeting)
        return exports.csv_response(self.meeting)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
