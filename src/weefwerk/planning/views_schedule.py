"""Plan all sessions at once (with a school holiday check), and the step 0 checklist."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView

from weefwerk.planning import checklist as checklist_module
from weefwerk.planning import schedule_services
from weefwerk.planning.scheduling import (
    DEFAULT_INTERVAL,
    MAX_INTERVAL,
    MIN_INTERVAL,
    SeriesPlan,
    parse_dates,
)
from weefwerk.trajectories.access import TrajectoryMixin

WEEKDAYS = [
    ("", gettext_lazy("Zelfde dag als de eerste datum")),
    ("0", gettext_lazy("maandag")),
    ("1", gettext_lazy("dinsdag")),
    ("2", gettext_lazy("woensdag")),
    ("3", gettext_lazy("donderdag")),
    ("4", gettext_lazy("vrijdag")),
    ("5", gettext_lazy("zaterdag")),
    ("6", gettext_lazy("zondag")),
]


class MeetingChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class SeriesForm(forms.Form):
    first_date = forms.DateField(
        label=gettext_lazy("Eerste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=gettext_lazy("De datum van de eerste bijeenkomst in de lijst hieronder."),
    )
    weekday = forms.ChoiceField(
        label=gettext_lazy("Weekdag"),
        choices=WEEKDAYS,
        required=False,
        help_text=gettext_lazy("Kiest u een weekdag, dan schuift de eerste datum op naar die dag."),
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Begintijd"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    interval_weeks = forms.IntegerField(
        label=gettext_lazy("Om de hoeveel weken"),
        min_value=MIN_INTERVAL,
        max_value=MAX_INTERVAL,
        initial=DEFAULT_INTERVAL,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Het draaiboek raadt aan: om de twee tot drie weken."),
    )
    excluded = forms.CharField(
        label=gettext_lazy("Data die niet kunnen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Eén datum per regel, zoals 24-12-2026. Valt een bijeenkomst op zo'n datum, dan "
            "schuift die een week op. De bijeenkomsten daarna schuiven mee."
        ),
    )
    meetings = MeetingChoiceField(
        label=gettext_lazy("Welke bijeenkomsten"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "In deze volgorde, op nummer. Bijeenkomsten die al geweest of afgelast zijn, "
            "staan er niet bij."
        ),
        error_messages={"required": gettext_lazy("Kies minstens één bijeenkomst.")},
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = schedule_services.schedulable_meetings(trajectory)
        self.fields["meetings"].queryset = queryset
        if not self.is_bound:
            self.initial.setdefault("meetings", [m.pk for m in queryset])

    def clean_excluded(self):
        dates, wrong = parse_dates(self.cleaned_data["excluded"])
        if wrong:
            raise forms.ValidationError(
                ngettext(
                    "Dit is geen datum: %(lines)s. Schrijf het als dd-mm-jjjj, zoals 24-12-2026.",
                    "Dit zijn geen data: %(lines)s. Schrijf ze als dd-mm-jjjj, zoals 24-12-2026.",
                    len(wrong),
                )
                % {"lines": ", ".join(wrong)}
            )
        return frozenset(dates)

    def plan(self) -> SeriesPlan:
        data = self.cleaned_data
        weekday = data.get("weekday")
        return SeriesPlan(
            first_date=data["first_date"],
            start_time=data["start_time"],
            interval_weeks=data["interval_weeks"],
            weekday=int(weekday) if weekday not in (None, "") else None,
            excluded=data["excluded"],
        )

    def chosen_meetings(self):
        return sorted(self.cleaned_data["meetings"], key=lambda m: (m.number, m.pk))


class ScheduleView(TrajectoryMixin, FormView):
    """Plan the series: the form (by GET) shows a preview; saving is a POST of the same data."""

    write = True
    template_name = "planning/schedule.html"
    form_class = SeriesForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["trajectory"] = self.trajectory
        if self.request.method == "GET" and "first_date" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get_initial(self):
        first = (
            schedule_services.schedulable_meetings(self.trajectory)
            .filter(starts_at__isnull=False)
            .first()
        )
        initial = {"interval_weeks": DEFAULT_INTERVAL}
        if first is not None:
            local = timezone.localtime(first.starts_at)
            initial.update(first_date=local.date(), start_time=local.time())
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            current=schedule_services.current_schedule(self.trajectory),
            region_missing=not self.trajectory.region,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            rows = schedule_services.schedule_preview(
                self.trajectory, form.plan(), form.chosen_meetings()
            )
            # The same data again, as hidden fields without ids (the visible form has them).
            confirm = SeriesForm(self.request.GET, trajectory=self.trajectory, auto_id=False)
            return self.render_to_response(
                self.get_context_data(form=form, confirm_form=confirm, preview=True, rows=rows)
            )
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        changed = schedule_services.series_schedule(
            self.trajectory, form.plan(), form.chosen_meetings()
        )
        if changed:
            messages.success(
                self.request,
                ngettext(
                    "De nieuwe datum van %(count)s bijeenkomst is opgeslagen.",
                    "De nieuwe data van %(count)s bijeenkomsten zijn opgeslagen.",
                    len(changed),
                )
                % {"count": len(changed)},
            )
        else:
            messages.info(self.request, _("Er veranderde geen datum."))
        return redirect(reverse("planning:schedule", args=[self.trajectory.pk]))


class ChecklistView(TrajectoryMixin, TemplateView):
    """The step 0 checklist. Everyone in the trajectory reads it; editors tick by hand (POST)."""

    template_name = "planning/checklist.html"

    def get_template_names(self):
        # The overview page loads the progress alone (htmx); without JS it shows a link.
        if self.request.GET.get("samenvatting"):
            return ["planning/checklist_progress.html"]
        return super().get_template_names()

    def get_context_data(self, **kwargs):
        checklist = checklist_module.build_checklist(self.trajectory)
        return super().get_context_data(checklist=checklist, **kwargs)

    def post(self, request, *args, **kwargs):
        key = request.POST.get("item", "")
        done = request.POST.get("klaar") == "ja"
        try:
            checklist_module.checklist_mark(
                trajectory=self.trajectory, key=key, done=done, user=request.user
            )
        except checklist_module.UnknownItemError:
            return HttpResponseBadRequest(_("Dit punt kunt u niet met de hand afvinken."))
        if request.headers.get("HX-Request"):
            context = self.get_context_data()
            item = next(i for i in context["checklist"].items if i.key == key)
            return self.response_class(
                request=request,
                template="planning/checklist_item.html",
                context={**context, "item": item, "oob_progress": True},
            )
        return redirect(f"{reverse('planning:checklist', args=[self.trajectory.pk])}#punt-{key}")
