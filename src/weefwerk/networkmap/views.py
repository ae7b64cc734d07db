"""The network as accessible tables: elements, connections, consultation tables and programmes
with their members, the organisation-level view, proposals from participants and snapshots.

Everybody in the trajectory reads these pages; only the facilitator and the project team write
(``TrajectoryMixin``). The map is never the only way to read or change the network.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from weefwerk.networkmap import image, selectors, services
from weefwerk.networkmap.forms import (
    ConnectionFilterForm,
    ConnectionForm,
    ElementFilterForm,
    ElementForm,
    MemberAddForm,
    MergeForm,
    SnapshotForm,
)
from weefwerk.networkmap.models import (
    GROUP_KINDS,
    Connection,
    ConnectionKind,
    Element,
    ElementKind,
    Snapshot,
    Status,
)
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedCreateView, ScopedDeleteView, ScopedUpdateView


def sort_headers(request, columns: dict, current: str, descending: bool) -> dict:
    """Per sortable column: the URL that sorts by it (again: the other way) and its aria-sort."""
    headers = {}
    for key in columns:
        query = request.GET.copy()
        query["sort"] = f"-{key}" if key == current and not descending else key
        aria = ""
        if key == current:
            aria = "descending" if descending else "ascending"
        headers[key] = {"url": f"?{query.urlencode()}", "aria": aria}
    return headers


# --------------------------------------------------------------------------------------------
# Elements


class ElementListView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/element_list.html"

    def get_context_data(self, **kwargs):
        tags = selectors.all_tags(self.trajectory)
        form = ElementFilterForm(self.request.GET or None, trajectory=self.trajectory, tags=tags)
        filters = form.cleaned_data if form.is_valid() else {}
        filters = {k: v for k, v in filters.items() if v not in (None, "")}
        sort = filters.pop("sort", "naam")
        results, key, descending = selectors.elements_search(self.trajectory, sort=sort, **filters)
        return super().get_context_data(
            filter_form=form,
            results=results,
            filtered=bool(filters),
            sort=sort_headers(self.request, selectors.ELEMENT_SORTS, key, descending),
            **kwargs,
        )


class ElementDetailView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/element_detail.html"

    def get_context_data(self, **kwargs):
        element = get_object_or_404(
            Element.objects.filter(trajectory=self.trajectory).select_related(
                "organisation", "person", "reported_by"
            ),
            pk=self.kwargs["pk"],
        )
        connections, _key, _desc = selectors.connections_search(self.trajectory, element=element)
        return super().get_context_data(
            element=element,
            connections=connections,
            members=selectors.members_of(element) if element.is_group else [],
            **kwargs,
        )


class ElementFormMixin:
    model = Element
    form_class = ElementForm
    success_url_name = "networkmap:elements"
    template_name = "networkmap/object_form.html"

    def save(self, instance, form):
        data = dict(form.cleaned_data)
        if instance.pk:
            return services.element_update(instance, **data)
        domains = data.pop("domains", [])
        return services.element_create(trajectory=self.trajectory, domains=domains, **data)

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse("networkmap:element", args=[self.trajectory.pk, self.object.pk])
        return super().get_success_url()


class ElementCreateView(ElementFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuw element")

    def get_initial(self):
        kind = self.request.GET.get("soort")
        return {"kind": kind} if kind in ElementKind.values else {}


class ElementUpdateView(ElementFormMixin, ScopedUpdateView):
    title = gettext_lazy("Element bewerken")


class ElementDeleteView(ScopedDeleteView):
    model = Element
    success_url_name = "networkmap:elements"
    consequence = gettext_lazy("Alle verbindingen van dit element worden ook verwijderd.")

    def delete(self, obj):
        services.element_delete(obj)


# --------------------------------------------------------------------------------------------
# Connections


class ConnectionListView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/connection_list.html"

    def get_context_data(self, **kwargs):
        form = ConnectionFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        filters = {k: v for k, v in filters.items() if v not in (None, "")}
        sort = filters.pop("sort", "van")
        results, key, descending = selectors.connections_search(
            self.trajectory, sort=sort, **filters
        )
        return super().get_context_data(
            filter_form=form,
            results=results,
            filtered=bool(filters),
            sort=sort_headers(self.request, selectors.CONNECTION_SORTS, key, descending),
            **kwargs,
        )


class ConnectionFormMixin:
    model = Connection
    form_class = ConnectionForm
    success_url_name = "networkmap:connections"
    template_name = "networkmap/object_form.html"

    def save(self, instance, form):
        data = dict(form.cleaned_data)
        if instance.pk:
            return services.connection_update(instance, **data)
        return services.connection_create(trajectory=self.trajectory, **data)


class ConnectionCreateView(ConnectionFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe verbinding")

    def get_initial(self):
        initial = {}
        for name, param in (("source", "van"), ("target", "naar")):
            value = self.request.GET.get(param, "")
            if value.isdigit():
                initial[name] = value
        return initial


class ConnectionUpdateView(ConnectionFormMixin, ScopedUpdateView):
    title = gettext_lazy("Verbinding bewerken")


class ConnectionDeleteView(ScopedDeleteView):
    model = Connection
    success_url_name = "networkmap:connections"

    def delete(self, obj):
        services.connection_delete(obj)


# --------------------------------------------------------------------------------------------
# Consultation tables and programmes (the inventory for step 0 and step 3)


class GroupListView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/group_list.html"

    def get_context_data(self, **kwargs):
        groups = selectors.groups_with_members(self.trajectory)
        return super().get_context_data(
            tables=[g for g in groups if g.kind == ElementKind.TABLE],
            programmes=[g for g in groups if g.kind == ElementKind.PROGRAMME],
            **kwargs,
        )


class GroupMixin(TrajectoryMixin):
    def get_group(self) -> Element:
        return get_object_or_404(
            Element.objects.filter(trajectory=self.trajectory, kind__in=list(GROUP_KINDS)),
            pk=self.kwargs["pk"],
        )

    def group_url(self, group):
        return reverse("networkmap:group", args=[self.trajectory.pk, group.pk])


class GroupDetailView(GroupMixin, FormView):
    """A table or programme with its members; editors add members here."""

    template_name = "networkmap/group_detail.html"
    form_class = MemberAddForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["group"] = self.group
        return kwargs

    def get(self, request, *args, **kwargs):
        self.group = self.get_group()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.group = self.get_group()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            group=self.group, members=selectors.members_of(self.group), **kwargs
        )

    @transaction.atomic
    def form_valid(self, form):
        member = form.cleaned_data["member"]
        services.member_add(group=self.group, member=member, role=form.cleaned_data["role"])
        messages.success(
            self.request,
            _("„%(member)s” is toegevoegd aan „%(group)s”.")
            % {"member": member, "group": self.group},
        )
        return redirect(self.group_url(self.group))


class MemberRemoveView(GroupMixin, View):
    """POST only: the member no longer takes part."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        group = self.get_group()
        tie = get_object_or_404(
            Connection,
            pk=kwargs["member_pk"],
            target=group,
            kind=ConnectionKind.TAKES_PART_IN,
        )
        name = str(tie.source)
        services.member_remove(tie)
        messages.success(
            request,
            _("„%(member)s” is weggehaald bij „%(group)s”.") % {"member": name, "group": group},
        )
        return redirect(self.group_url(group))


# --------------------------------------------------------------------------------------------
# Organisation level, and elements for the trajectory's own records


class OrganisationLevelView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/organisation_level.html"

    def get_context_data(self, **kwargs):
        projection = selectors.organisation_projection(self.trajectory)
        return super().get_context_data(projection=projection, **kwargs)


class OrganisationLevelJsonView(TrajectoryMixin, View):
    """The same projection as JSON, for the map."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(selectors.organisation_projection(self.trajectory))


class SyncRecordsView(TrajectoryMixin, TemplateView):
    """Explain, then create elements for all organisations and people of the trajectory."""

    write = True
    template_name = "networkmap/sync_records.html"

    def get_context_data(self, **kwargs):
        trajectory = self.trajectory
        return super().get_context_data(
            missing_organisations=trajectory.organisations.filter(
                network_elements__isnull=True
            ).count(),
            missing_people=trajectory.people.filter(network_elements__isnull=True).count(),
            affiliation_kind=services.AFFILIATION_KIND,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        result = services.elements_sync_records(trajectory=self.trajectory)
        messages.success(
            request,
            _(
                "Klaar: %(organisations)s organisaties, %(people)s personen en "
                "%(affiliations)s ‘werkt bij’-verbindingen toegevoegd."
            )
            % {
                "organisations": result.organisations,
                "people": result.people,
                "affiliations": result.affiliations,
            },
        )
        return redirect("networkmap:elements", self.trajectory.pk)


# --------------------------------------------------------------------------------------------
# Proposals from participants


class ProposalListView(TrajectoryMixin, TemplateView):
    """Everyone reads the proposals; editors accept or reject them (per item or all)."""

    template_name = "networkmap/proposal_list.html"

    def get_context_data(self, **kwargs):
        elements, connections = selectors.proposals(self.trajectory)
        return super().get_context_data(
            proposed_elements=elements, proposed_connections=connections, **kwargs
        )

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        trajectory = self.trajectory
        if action == "accept_all":
            elements, connections = services.proposals_accept_all(trajectory=trajectory)
            messages.success(
                request,
                _("Alle voorstellen staan nu op de kaart (%(e)s elementen, %(c)s verbindingen).")
                % {"e": elements, "c": connections},
            )
            return redirect(request.path)
        what, _sep, pk = action.partition(":")
        if not pk.isdigit():
            messages.error(request, _("Kies wat u wilt accepteren of afwijzen."))
            return redirect(request.path)
        if what in ("accept_element", "reject_element"):
            element = get_object_or_404(
                Element, pk=int(pk), trajectory=trajectory, status=Status.PROPOSED
            )
            if what == "accept_element":
                services.proposal_accept_element(element)
                messages.success(request, _("„%(name)s” staat nu op de kaart.") % {"name": element})
            else:
                services.proposal_reject_element(element)
                messages.success(request, _("„%(name)s” is afgewezen.") % {"name": element})
        elif what in ("accept_connection", "reject_connection"):
            connection = get_object_or_404(
                Connection, pk=int(pk), trajectory=trajectory, status=Status.PROPOSED
            )
            if what == "accept_connection":
                services.proposal_accept_connection(connection)
                messages.success(
                    request, _("„%(name)s” staat nu op de kaart.") % {"name": connection}
                )
            else:
                services.proposal_reject_connection(connection)
                messages.success(request, _("„%(name)s” is afgewezen.") % {"name": connection})
        else:
            raise Http404
        return redirect(request.path)


class ElementMergeView(TrajectoryMixin, FormView):
    write = True
    template_name = "networkmap/element_merge.html"
    form_class = MergeForm

    def get_element(self):
        return get_object_or_404(Element, pk=self.kwargs["pk"], trajectory=self.trajectory)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.element = self.get_element()
        kwargs["element"] = self.element
        # Suggest an element with a similar name.
        similar = (
            Element.objects.filter(
                trajectory=self.trajectory, label__icontains=self.element.label[:20]
            )
            .exclude(pk=self.element.pk)
            .first()
        )
        if similar is not None and "initial" in kwargs:
            kwargs["initial"] = {**kwargs["initial"], "into": similar.pk}
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # builds the form, which finds the element
        context.update(
            element=self.element,
            cancel_url=reverse("networkmap:proposals", args=[self.trajectory.pk]),
        )
        return context

    def form_valid(self, form):
        into = form.cleaned_data["into"]
        name = str(self.element)
        services.element_merge(element=self.element, into=into)
        messages.success(
            self.request,
            _("„%(name)s” is samengevoegd met „%(into)s”.") % {"name": name, "into": into},
        )
        return redirect("networkmap:proposals", self.trajectory.pk)


class ParticipantLinksView(TrajectoryMixin, TemplateView):
    """The personal links and the session codes, for the project team to hand out."""

    write = True
    template_name = "networkmap/participant_links.html"

    def get_context_data(self, **kwargs):
        people = self.trajectory.people.select_related("organisation").order_by("name")
        links = [
            {
                "person": person,
                "url": selectors.participant_url(person, self.request.build_absolute_uri),
            }
            for person in people
        ]
        meetings = [
            {
                "meeting": meeting,
                "url": self.request.build_absolute_uri(
                    reverse("networkmap_public:session", args=[meeting.join_code])
                ),
            }
            for meeting in self.trajectory.meetings.filter(joining_open=True)
        ]
        return super().get_context_data(links=links, meetings=meetings, **kwargs)


# --------------------------------------------------------------------------------------------
# Snapshots


class SnapshotListView(TrajectoryMixin, FormView):
    """The snapshots; editors freeze the network now."""

    template_name = "networkmap/snapshot_list.html"
    form_class = SnapshotForm

    def get_context_data(self, **kwargs):
        snapshots = self.trajectory.network_snapshots.select_related("meeting")
        return super().get_context_data(snapshots=snapshots, **kwargs)

    def form_valid(self, form):
        snapshot = services.snapshot_take(
            trajectory=self.trajectory, name=form.cleaned_data.get("name", "")
        )
        messages.success(self.request, _("„%(name)s” is vastgelegd.") % {"name": snapshot})
        return redirect("networkmap:snapshot", self.trajectory.pk, snapshot.pk)


class SnapshotDetailView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/snapshot_detail.html"

    def get_context_data(self, **kwargs):
        snapshot = get_object_or_404(Snapshot, pk=self.kwargs["pk"], trajectory=self.trajectory)
        kinds = dict(ElementKind.choices)
        statuses = dict(Status.choices)
        elements = [
            {
                **e,
                "kind_label": kinds.get(e["kind"], e["kind"]),
                "status_label": statuses.get(e["status"], e["status"]),
            }
            for e in snapshot.data.get("elements", [])
        ]
        return super().get_context_data(
            snapshot=snapshot,
            elements=elements,
            connections=snapshot.data.get("connections", []),
            picture_alt=image.snapshot_description(snapshot) if elements else "",
            **kwargs,
        )


# The map pictures of a snapshot and of a comparison, by the extension in the URL.
PICTURE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def picture_format(view) -> str:
    if view.kwargs["fmt"] not in PICTURE_TYPES:
        raise Http404
    return view.kwargs["fmt"]


def picture_response(content, fmt: str, filename: str, download: bool) -> HttpResponse:
    """The picture, or 404 when there was nothing to draw. With ``download`` the browser saves
    it as ``filename`` instead of showing it."""
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type=PICTURE_TYPES[fmt])
    if download:
        response["Content-Disposition"] = content_disposition_header(
            True, f"{slugify(filename) or 'kaart'}.{fmt}"
        )
    return response


class SnapshotPictureView(TrajectoryMixin, View):
    def get(self, request, *args, **kwargs):
        snapshot = get_object_or_404(Snapshot, pk=self.kwargs["pk"], trajectory=self.trajectory)
        fmt = picture_format(self)
        draw = image.map_svg if fmt == "svg" else image.map_png
        content = draw(self.trajectory, snapshot=snapshot, title=snapshot.name)
        return picture_response(content, fmt, snapshot.name, "download" in request.GET)


class SnapshotDeleteView(ScopedDeleteView):
    model = Snapshot
    success_url_name = "networkmap:snapshots"

    def get_queryset(self):
        return Snapshot.objects.filter(trajectory=self.trajectory)

    def delete(self, obj):
        services.snapshot_delete(obj)


def _compare_pair(view):
    """The two states named by ?a= and ?b= (a snapshot id, or ``nu``); by default the two most
    recent snapshots, or the latest snapshot and now."""
    trajectory = view.trajectory
    a_value, b_value = view.request.GET.get("a"), view.request.GET.get("b")
    if not a_value and not b_value:
        latest = list(trajectory.network_snapshots.order_by("-created_at", "-pk")[:2])
        if len(latest) == 2:
            a_value, b_value = str(latest[1].pk), str(latest[0].pk)
        elif latest:
            a_value, b_value = str(latest[0].pk), "nu"
        else:
            return None, None, None, None
    a_snapshot, a_data = selectors.snapshot_or_now(trajectory, a_value or "nu")
    b_snapshot, b_data = selectors.snapshot_or_now(trajectory, b_value or "nu")
    if a_data is None or b_data is None:
        raise Http404
    return a_snapshot, a_data, b_snapshot, b_data


class SnapshotCompareView(TrajectoryMixin, TemplateView):
    template_name = "networkmap/snapshot_compare.html"

    def get_context_data(self, **kwargs):
        a_snapshot, a_data, b_snapshot, b_data = _compare_pair(self)
        result = selectors.snapshot_compare(a_data, b_data) if a_data is not None else None
        a_value = self.request.GET.get("a", str(a_snapshot.pk) if a_snapshot else "nu")
        b_value = self.request.GET.get("b", str(b_snapshot.pk) if b_snapshot else "nu")
        drawn = result is not None and (a_data.get("elements") or b_data.get("elements"))
        return super().get_context_data(
            snapshots=self.trajectory.network_snapshots.all(),
            a=a_snapshot,
            b=b_snapshot,
            a_value=a_value,
            b_value=b_value,
            result=result,
            picture_query=urlencode({"a": a_value, "b": b_value}),
            picture_alt=image.compare_description(a_snapshot, b_snapshot, result) if drawn else "",
            marks=image.compare_marks(),
            **kwargs,
        )


def compare_title(a_snapshot, b_snapshot) -> str:
    return _("Van „%(a)s” naar „%(b)s”") % {
        "a": a_snapshot.name if a_snapshot else _("nu"),
        "b": b_snapshot.name if b_snapshot else _("nu"),
    }


class SnapshotComparePictureView(TrajectoryMixin, View):
    """Both states of ``?a=`` and ``?b=`` in one picture, the changes marked."""

    def get(self, request, *args, **kwargs):
        fmt = picture_format(self)
        a_snapshot, a_data, b_snapshot, b_data = _compare_pair(self)
        if a_data is None:
            raise Http404
        draw = image.compare_svg if fmt == "svg" else image.compare_png
        title = compare_title(a_snapshot, b_snapshot)
        content = draw(self.trajectory, (a_snapshot, a_data), (b_snapshot, b_data), title=title)
        return picture_response(content, fmt, title, "download" in request.GET)


class SnapshotCompareJsonView(TrajectoryMixin, View):
    """``{"added_elements", "removed_elements", "added_connections", "removed_connections"}``
    with ids and labels, for the map. Without ``a`` and ``b``: the two latest snapshots."""

    def get(self, request, *args, **kwargs):
        _a, a_data, _b, b_data = _compare_pair(self)
        if a_data is None:
            empty = {
                "added_elements": [],
                "removed_elements": [],
                "added_connections": [],
                "removed_connections": [],
            }
            return JsonResponse(empty)
        return JsonResponse(selectors.snapshot_compare(a_data, b_data))


def count_message(elements: int, connections: int) -> str:
    return (
        ngettext("%(count)s element", "%(count)s elementen", elements) % {"count": elements}
        + ", "
        + ngettext("%(count)s verbinding", "%(count)s verbindingen", connections)
        % {"count": connections}
    )
