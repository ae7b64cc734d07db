"""Attendance, who has met whom, and the group screens.

Everyone in the trajectory (managers too) may look at the pages; only the facilitator and the
project team write (TrajectoryMixin). The check-in link and its QR code are shown to editors
only: with the code anyone can check in. Participants check themselves in without an account
through ``aanwezig/<code>/`` (see ``CheckinView``).
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from weefwerk.grouping import selectors, services
from weefwerk.grouping.forms import AttendanceForm, CheckinForm, EncounterForm, LockForm, MoveForm
from weefwerk.grouping.models import Attendance
from weefwerk.planning.followup_selectors import qr_svg
from weefwerk.planning.views import MeetingMixin
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.models import Meeting


class PostOnlyMixin:
    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])


# --------------------------------------------------------------------------------------------
# Attendance


class AttendanceMixin(MeetingMixin):
    def attendance_url(self, anchor=""):
        url = reverse("grouping:attendance", args=[self.trajectory.pk, self.meeting.pk])
        return f"{url}#{anchor}" if anchor else url


class AttendanceView(AttendanceMixin, TemplateView):
    template_name = "grouping/attendance.html"

    def get_context_data(self, **kwargs):
        rows = selectors.attendance_rows(self.meeting)
        context = {
            "rows": rows,
            "counts": selectors.attendance_counts(rows),
            "statuses": Attendance.Status.choices,
            "people": [row.person for row in rows],
        }
        if self.membership.can_edit:
            url = selectors.checkin_url(self.meeting, self.request.build_absolute_uri)
            context.update(checkin_url=url, qr_svg=qr_svg(url, scale=4))
        return super().get_context_data(**context, **kwargs)


class AttendanceSetView(PostOnlyMixin, AttendanceMixin, View):
    """One tap: present. Or another status from the small form. Answers htmx with the row."""

    def post(self, request, *args, **kwargs):
        person = get_object_or_404(self.trajectory.people, pk=kwargs["person_id"])
        form = AttendanceForm(request.POST, people=self.trajectory.people.all())
        if not form.is_valid():
            messages.error(request, _("Kies een geldige status."))
            return redirect(self.attendance_url(f"persoon-{person.pk}"))
        try:
            services.attendance_set(
                meeting=self.meeting,
                person=person,
                status=form.cleaned_data["status"],
                replaced_by=form.cleaned_data["replaced_by"],
            )
        except services.GroupingRefused as refused:
            messages.error(request, str(refused))
            return redirect(self.attendance_url(f"persoon-{person.pk}"))
        if request.headers.get("HX-Request"):
            rows = selectors.attendance_rows(self.meeting)
            context = {
                "trajectory": self.trajectory,
                "meeting": self.meeting,
                "can_edit": True,
                "row": selectors.attendance_row(self.meeting, person),
                "counts": selectors.attendance_counts(rows),
                "statuses": Attendance.Status.choices,
                "people": [r.person for r in rows],
                "oob": True,
            }
            return render(request, "grouping/_attendance_row_htmx.html", context)
        return redirect(self.attendance_url(f"persoon-{person.pk}"))


class AttendanceInviteAllView(PostOnlyMixin, AttendanceMixin, View):
    def post(self, request, *args, **kwargs):
        count = services.attendance_invite_all(meeting=self.meeting)
        messages.success(
            request,
            ngettext(
                "%(n)s persoon staat nu op ‘uitgenodigd’.",
                "%(n)s personen staan nu op ‘uitgenodigd’.",
                count,
            )
            % {"n": count},
        )
        return redirect(self.attendance_url())


class JoiningView(PostOnlyMixin, AttendanceMixin, View):
    """Opens or closes checking in with the session's code."""

    def post(self, request, *args, **kwargs):
        open_ = request.POST.get("open") == "1"
        services.joining_set(meeting=self.meeting, open_=open_)
        messages.success(
            request,
            _("Aanmelden met de code staat nu open.")
            if open_
            else _("Aanmelden met de code is nu gesloten."),
        )
        return redirect(self.attendance_url("code-kop"))


class CheckinScreenView(AttendanceMixin, TemplateView):
    """The check-in QR code and link, large, for the projector. Editors only."""

    write = True
    template_name = "grouping/checkin_screen.html"

    def get_context_data(self, **kwargs):
        url = selectors.checkin_url(self.meeting, self.request.build_absolute_uri)
        return super().get_context_data(checkin_url=url, qr_svg=qr_svg(url, scale=10), **kwargs)


# --------------------------------------------------------------------------------------------
# Self check-in, without an account


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "onbekend"


@method_decorator(never_cache, name="dispatch")
class CheckinView(View):
    """Pick your name, confirm, and you are present. Only names are shown, no contact data."""

    template_name = "grouping/checkin.html"

    def dispatch(self, request, *args, **kwargs):
        ip = client_ip(request)
        if services.checkin_blocked(ip):
            return render(request, "grouping/checkin_blocked.html", status=429)
        self.meeting = selectors.meeting_for_code(kwargs["code"])
        if self.meeting is None:
            services.checkin_failed(ip)
            return render(request, "grouping/checkin_not_found.html", status=404)
        self.people = selectors.participants(self.meeting.trajectory)
        return super().dispatch(request, *args, **kwargs)

    @property
    def closed(self) -> bool:
        return not self.meeting.joining_open or self.meeting.status == Meeting.Status.CANCELLED

    def get(self, request, *args, **kwargs):
        if self.closed:
            return self.show(None, closed=True)
        return self.show(CheckinForm(people=self.people))

    def post(self, request, *args, **kwargs):
        if self.closed:
            return self.show(None, closed=True, status=409)
        form = CheckinForm(request.POST, people=self.people)
        if not form.is_valid():
            return self.show(form, status=400)
        person = form.cleaned_data["person"]
        if request.POST.get("bevestig") != "ja":
            return self.show(form, confirm=person)
        try:
            services.self_checkin(meeting=self.meeting, person=person)
        except services.GroupingRefused:
            return self.show(None, closed=True, status=409)
        context = {"meeting": self.meeting, "person": person}
        return render(request, "grouping/checkin_done.html", context)

    def show(self, form, status=200, closed=False, confirm=None):
        context = {"meeting": self.meeting, "form": form, "closed": closed, "confirm": confirm}
        return render(self.request, self.template_name, context, status=status)


# --------------------------------------------------------------------------------------------
# Who has met whom


class AcquaintanceView(TrajectoryMixin, TemplateView):
    template_name = "grouping/acquaintance.html"

    def get_context_data(self, **kwargs):
        summary = selectors.acquaintance(self.trajectory)
        return super().get_context_data(
            summary=summary,
            forecast=selectors.forecast(self.trajectory, summary),
            encounter_form=EncounterForm(people=selectors.participants(self.trajectory)),
            **kwargs,
        )


class AcquaintanceRecomputeView(PostOnlyMixin, TrajectoryMixin, View):
    def post(self, request, *args, **kwargs):
        summary = selectors.acquaintance(self.trajectory)
        selectors.forecast(self.trajectory, summary, refresh=True)
        messages.success(request, _("Het beste plan is opnieuw berekend."))
        return redirect(reverse("grouping:acquaintance", args=[self.trajectory.pk]) + "#haalbaar")


class PlanAheadView(PostOnlyMixin, TrajectoryMixin, View):
    """Draft rounds for every remaining group item, planned together."""

    def post(self, request, *args, **kwargs):
        summary = selectors.acquaintance(self.trajectory)
        try:
            count = services.plan_ahead(trajectory=self.trajectory, items=summary.remaining_items)
        except services.GroupingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                ngettext(
                    "%(n)s groepsronde is vooruit gepland.",
                    "%(n)s groepsrondes zijn vooruit gepland.",
                    count,
                )
                % {"n": count}
                + " "
                + _("Op de dag zelf deelt u opnieuw in voor wie er echt is."),
            )
        return redirect(reverse("grouping:acquaintance", args=[self.trajectory.pk]) + "#haalbaar")


class EncounterAddView(TrajectoryMixin, FormView):
    """'These two already knew each other.'"""

    write = True
    form_class = EncounterForm
    template_name = "grouping/encounter_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["people"] = selectors.participants(self.trajectory)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.success_url(), **kwargs)

    def success_url(self):
        return reverse("grouping:acquaintance", args=[self.trajectory.pk])

    def form_valid(self, form):
        a, b = form.cleaned_data["person_a"], form.cleaned_data["person_b"]
        _encounter, created = services.encounter_add(
            trajectory=self.trajectory, person_a=a, person_b=b
        )
        if created:
            messages.success(
                request=self.request,
                message=_("Vastgelegd: %(a)s en %(b)s kennen elkaar.") % {"a": a, "b": b},
            )
        else:
            messages.info(
                self.request,
                _("%(a)s en %(b)s stonden al als bekenden genoteerd.") % {"a": a, "b": b},
            )
        return redirect(self.success_url())


# --------------------------------------------------------------------------------------------
# Groups on an agenda item


class GroupsMixin(MeetingMixin):
    @property
    def item(self):
        if not hasattr(self, "_item"):
            self._item = get_object_or_404(
                self.meeting.agenda_items.filter(group_max_size__isnull=False),
                pk=self.kwargs["item_id"],
            )
        return self._item

    def groups_url(self, anchor=""):
        url = reverse("grouping:groups", args=[self.trajectory.pk, self.meeting.pk, self.item.pk])
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        round_ = selectors.current_round(self.item)
        return super().get_context_data(
            item=self.item,
            round=round_,
            view=selectors.round_view(round_) if round_ else None,
            **kwargs,
        )


class GroupsView(GroupsMixin, TemplateView):
    template_name = "grouping/groups.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people, basis = selectors.people_for_groups(self.meeting)
        round_ = context["round"]
        context.update(
            people_count=len(people),
            basis=basis,
            basis_text=selectors.basis_text(basis),
            round_basis_text=selectors.basis_text(round_.basis) if round_ else "",
        )
        return context


class GroupsScreenView(GroupsMixin, TemplateView):
    template_name = "grouping/groups_screen.html"


class GroupsPrintView(GroupsMixin, TemplateView):
    template_name = "grouping/groups_print.html"


class GroupsMakeView(PostOnlyMixin, GroupsMixin, View):
    def post(self, request, *args, **kwargs):
        again = selectors.current_round(self.item) is not None
        try:
            services.groups_make(item=self.item)
        except services.GroupingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("De groepen zijn opnieuw ingedeeld. Wie vastgezet was, bleef in zijn groep.")
                if again
                else _("De groepen zijn gemaakt."),
            )
        return redirect(self.groups_url("groepen-kop"))


class _RoundActionView(PostOnlyMixin, GroupsMixin, View):
    form_class = None

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        round_ = selectors.current_round(self.item)
        if not form.is_valid() or round_ is None:
            messages.error(request, _("Dat ging niet goed. Probeer het opnieuw."))
            return redirect(self.groups_url())
        if form.cleaned_data["round"] != round_.pk:
            messages.error(
                request,
                _(
                    "De indeling is intussen veranderd. Bekijk de nieuwe indeling en probeer het "
                    "opnieuw."
                ),
            )
            return redirect(self.groups_url())
        try:
            anchor = self.act(round_, form.cleaned_data)
        except services.GroupingRefused as refused:
            messages.error(request, str(refused))
            return redirect(self.groups_url())
        return redirect(self.groups_url(anchor))


class GroupsMoveView(_RoundActionView):
    form_class = MoveForm

    def act(self, round_, data):
        services.member_move(round_=round_, person_id=data["person"], number=data["group"])
        messages.success(
            self.request,
            _("Verplaatst naar groep %(n)s. De score is opnieuw berekend.") % {"n": data["group"]},
        )
        return f"lid-{data['person']}"


class GroupsLockView(_RoundActionView):
    form_class = LockForm

    def act(self, round_, data):
        services.member_lock(round_=round_, person_id=data["person"], locked=data["locked"])
        return f"lid-{data['person']}"


class GroupsHeldView(PostOnlyMixin, GroupsMixin, View):
    def post(self, request, *args, **kwargs):
        round_ = selectors.current_round(self.item)
        if round_ is None or str(round_.pk) != request.POST.get("round"):
            messages.error(request, _("De indeling is intussen veranderd."))
            return redirect(self.groups_url())
        try:
            count = services.round_held(round_=round_)
        except services.GroupingRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                ngettext(
                    "De groepen zijn gehouden. %(n)s nieuwe kennismaking is vastgelegd.",
                    "De groepen zijn gehouden. %(n)s nieuwe kennismakingen zijn vastgelegd.",
                    count,
                )
                % {"n": count},
            )
        return redirect(self.groups_url())
