from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from weefwerk.engine.agenda import ShaveError
from weefwerk.planning import run, selectors, services
from weefwerk.planning.forms import AgendaItemForm, FitForm
from weefwerk.planning.models import AgendaItem
from weefwerk.planning.templates_data import library
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedFormView


class MeetingMixin(TrajectoryMixin):
    """Resolves ``self.meeting`` within the trajectory from the URL's ``meeting_id``."""

    @property
    def meeting(self):
        if not hasattr(self, "_meeting"):
            self._meeting = get_object_or_404(
                self.trajectory.meetings, pk=self.kwargs["meeting_id"]
            )
        return self._meeting

    def get_item(self):
        return get_object_or_404(self.meeting.agenda_items, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def to_agenda(self, anchor=""):
        url = self.meeting_url()
        return redirect(f"{url}#{anchor}" if anchor else url)

    def meeting_url(self):
        return reverse("planning:meeting", args=[self.trajectory.pk, self.meeting.pk])


class MeetingAgendaView(MeetingMixin, TemplateView):
    """The agenda editor: items with clock times, reorder, edit, fit to a length."""

    template_name = "planning/meeting_agenda.html"

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        template = library().templates.get(meeting.template_key)
        return super().get_context_data(
            timed=selectors.timed_agenda(meeting),
            total=sum(i.minutes for i in meeting.agenda_items.all()),
            fit_form=FitForm(initial={"target": meeting.planned_minutes}),
            credits=library().credits if template else (),
            **kwargs,
        )


class AgendaItemFormView(MeetingMixin, ScopedFormView):
    form_class = AgendaItemForm
    model = AgendaItem

    def get_success_url(self):
        return self.meeting_url()

    def new_instance(self):
        return AgendaItem(meeting=self.meeting)

    def save(self, instance, form):
        if instance.pk:
            return services.save_item(instance, **form.cleaned_data)
        return services.item_add(meeting=self.meeting, **form.cleaned_data)


class AgendaItemCreateView(AgendaItemFormView):
    title = gettext_lazy("Agendapunt toevoegen")


class AgendaItemUpdateView(AgendaItemFormView):
    title = gettext_lazy("Agendapunt bewerken")

    def get_object(self, queryset=None):
        return self.get_item()

    def get_form_kwargs(self):
        self.object = self.get_item()
        return super().get_form_kwargs()


class AgendaItemDeleteView(MeetingMixin, TemplateView):
    write = True
    template_name = "trajectories/object_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.get_item(), cancel_url=self.meeting_url())

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        services.item_delete(item)
        messages.success(request, _("„%(name)s” is van de agenda gehaald.") % {"name": item})
        return self.to_agenda()


class AgendaItemMoveView(MeetingMixin, View):
    """Keyboard-friendly reordering: a button per item moves it one place up or down."""

    def post(self, request, *args, **kwargs):
        item = self.get_item()
        offset = {"omhoog": -1, "omlaag": 1}.get(request.POST.get("richting"))
        if offset is None:
            return HttpResponseBadRequest(_("Kies omhoog of omlaag."))
        services.item_move(item, offset)
        return self.to_agenda(f"item-{item.pk}")


class AgendaReorderView(MeetingMixin, View):
    """Drag and drop sends the new order of all item ids."""

    def post(self, request, *args, **kwargs):
        try:
            ids = [int(pk) for pk in request.POST.getlist("item")]
            services.agenda_reorder(self.meeting, ids)
        except ValueError:
            return HttpResponseBadRequest(_("De volgorde klopt niet. Laad de pagina opnieuw."))
        if request.headers.get("HX-Request"):
            return HttpResponse(status=204)
        return self.to_agenda()


class AgendaFitView(MeetingMixin, FormView):
    """ "Maak passend in ... minuten": a preview of old and new minutes, then save."""

    write = True
    template_name = "planning/agenda_fit.html"
    form_class = FitForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and "target" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return self.render_preview(form)
        return self.render_to_response(self.get_context_data(form=form))

    def render_preview(self, form):
        items = list(self.meeting.agenda_items.all())
        target = form.cleaned_data["target"]
        try:
            changes = services.fit_preview(items, target)
        except ShaveError as error:
            form.add_error("target", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        new_items = [_with_minutes(item, minutes) for item, minutes in changes]
        rows = zip(
            selectors.timed_agenda(self.meeting, items),
            selectors.timed_agenda(self.meeting, new_items),
            strict=True,
        )
        return self.render_to_response(
            self.get_context_data(form=form, rows=list(rows), target=target, preview=True)
        )

    def form_valid(self, form):
        try:
            services.agenda_fit(self.meeting, form.cleaned_data["target"])
        except ShaveError as error:
            form.add_error("target", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("De agenda duurt nu %(minutes)s minuten.") % {"minutes": form.cleaned_data["target"]},
        )
        return self.to_agenda()


def _with_minutes(item, minutes):
    """An unsaved copy of ``item`` with other minutes, for showing a preview."""
    copy = AgendaItem(**{f.attname: getattr(item, f.attname) for f in item._meta.concrete_fields})
    copy.minutes = minutes
    return copy


class RunView(MeetingMixin, TemplateView):
    """Run mode: the current item with a countdown, what comes next, re-shave when late."""

    write = True
    template_name = "planning/run.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(state=run.run_state(self.meeting), **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("actie")
        if action == "start":
            run.run_start(self.meeting)
        elif action in ("volgende", "vorige"):
            run.run_step(self.meeting, 1 if action == "volgende" else -1)
        elif action == "passend":
            try:
                changes = run.run_reshave(self.meeting)
            except ShaveError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("De resterende %(count)s punten zijn ingekort. U eindigt op tijd.")
                    % {"count": len(changes)},
                )
        elif action == "stop":
            run.run_step(self.meeting, len(self.meeting.agenda_items.all()))
        else:
            return HttpResponseBadRequest(_("Onbekende actie."))
        return redirect(reverse("planning:run", args=[self.trajectory.pk, self.meeting.pk]))
