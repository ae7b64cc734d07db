from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from weefwerk.accounts.invitations import send_invitation
from weefwerk.planning.services import trajectory_start
from weefwerk.trajectories import selectors, services
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.forms import (
    DomainForm,
    MeetingForm,
    MemberAddForm,
    MembershipForm,
    TrajectoryCreateForm,
    TrajectoryForm,
)
from weefwerk.trajectories.generic import ScopedCreateView, ScopedDeleteView, ScopedUpdateView
from weefwerk.trajectories.models import Domain, Meeting, Membership, Trajectory


class TrajectoryListView(LoginRequiredMixin, TemplateView):
    template_name = "trajectories/trajectory_list.html"

    def get_context_data(self, **kwargs):
        memberships = {
            m.trajectory_id: m for m in Membership.objects.filter(user=self.request.user)
        }
        trajectories = list(selectors.trajectories_for_user(self.request.user))
        for trajectory in trajectories:
            trajectory.my_role = memberships[trajectory.pk].get_role_display()
        return super().get_context_data(trajectories=trajectories, **kwargs)


class TrajectoryCreateView(LoginRequiredMixin, FormView):
    template_name = "trajectories/object_form.html"
    form_class = TrajectoryCreateForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Nieuw traject"), cancel_url=reverse("trajectories:list"), **kwargs
        )

    def form_valid(self, form):
        trajectory = trajectory_start(user=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _(
                "Het traject is aangemaakt met alle bijeenkomsten en hun agenda. "
                "U bent de gespreksleider."
            ),
        )
        return redirect(trajectory)


class TrajectoryOverviewView(TrajectoryMixin, TemplateView):
    template_name = "trajectories/overview.html"

    def get_context_data(self, **kwargs):
        trajectory = self.trajectory
        return super().get_context_data(
            meetings=trajectory.meetings.all(),
            domain_counts=selectors.domain_counts(trajectory),
            gaps=selectors.preparation_gaps(trajectory),
            people_count=trajectory.people.count(),
            organisation_count=trajectory.organisations.count(),
            **kwargs,
        )


class TrajectoryUpdateView(TrajectoryMixin, FormView):
    write = True
    template_name = "trajectories/object_form.html"
    form_class = TrajectoryForm

    def get_form_kwargs(self):
        # A copy, so that a form with errors does not rename the page around it.
        instance = Trajectory.objects.get(pk=self.trajectory.pk)
        return {**super().get_form_kwargs(), "instance": instance}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("Traject bewerken"), cancel_url=self.trajectory.get_absolute_url(), **kwargs
        )

    def form_valid(self, form):
        trajectory = services.save_fields(form.instance, **form.cleaned_data)
        messages.success(self.request, _("Het traject is opgeslagen."))
        return redirect(trajectory)


class TrajectoryDeleteView(TrajectoryMixin, TemplateView):
    write = True
    template_name = "trajectories/object_confirm_delete.html"

    facilitator_only = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.trajectory,
            consequence=_(
                "Alle bijeenkomsten, organisaties en personen van dit traject worden ook "
                "verwijderd."
            ),
            cancel_url=self.trajectory.get_absolute_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        name = self.trajectory.name
        self.trajectory.delete()
        messages.success(request, _("„%(name)s” is verwijderd.") % {"name": name})
        return redirect("trajectories:list")


# Sessions


class MeetingListView(TrajectoryMixin, TemplateView):
    template_name = "trajectories/meeting_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(meetings=self.trajectory.meetings.all(), **kwargs)


class MeetingFormMixin:
    model = Meeting
    form_class = MeetingForm
    success_url_name = "trajectories:meetings"


class MeetingCreateView(MeetingFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe bijeenkomst")

    def get_initial(self):
        last = self.trajectory.meetings.order_by("-number").first()
        return {"number": (last.number + 1) if last else 0}


class MeetingUpdateView(MeetingFormMixin, ScopedUpdateView):
    title = gettext_lazy("Bijeenkomst bewerken")

    def save(self, instance, form):
        # Through the service: a changed date, time or place raises the calendar sequence.
        return services.meeting_update(instance, **form.cleaned_data)


class MeetingDeleteView(ScopedDeleteView):
    model = Meeting
    success_url_name = "trajectories:meetings"


# Domains


class DomainListView(TrajectoryMixin, FormView):
    """The reference list, with a form to add one more."""

    template_name = "trajectories/domain_list.html"
    form_class = DomainForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "trajectory": self.trajectory}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            domain_counts=selectors.domain_counts(self.trajectory), **kwargs
        )

    def form_valid(self, form):
        domain = services.domain_create(trajectory=self.trajectory, name=form.cleaned_data["name"])
        messages.success(self.request, _("„%(name)s” is toegevoegd.") % {"name": domain})
        return redirect("trajectories:domains", self.trajectory.pk)


class DomainUpdateView(ScopedUpdateView):
    model = Domain
    form_class = DomainForm
    success_url_name = "trajectories:domains"
    title = gettext_lazy("Domein bewerken")


class DomainDeleteView(ScopedDeleteView):
    model = Domain
    success_url_name = "trajectories:domains"
    consequence = gettext_lazy(
        "Organisaties en personen blijven bestaan, maar hebben dit domein daarna niet meer."
    )


# Members (accounts with a role in this trajectory)


class MemberListView(TrajectoryMixin, FormView):
    template_name = "trajectories/member_list.html"
    form_class = MemberAddForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=self.trajectory.memberships.select_related("user").order_by("role"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            membership = services.member_add(trajectory=self.trajectory, **form.cleaned_data)
        except services.LastFacilitatorError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        user = membership.user
        messages.success(
            self.request,
            _("%(user)s is nu %(role)s in dit traject.")
            % {"user": user, "role": membership.get_role_display().lower()},
        )
        if not user.has_usable_password():
            send_invitation(self.request, user=user, trajectory=self.trajectory)
            messages.info(
                self.request,
                _("%(user)s krijgt een e-mail met een link om een wachtwoord te kiezen.")
                % {"user": user},
            )
        return redirect("trajectories:members", self.trajectory.pk)


class MemberUpdateView(ScopedUpdateView):
    model = Membership
    form_class = MembershipForm
    success_url_name = "trajectories:members"
    title = gettext_lazy("Rol wijzigen")

    def get_title(self):
        return _("Rol van %(user)s wijzigen") % {"user": self.object.user}

    def form_valid(self, form):
        try:
            services.member_change_role(membership=self.object, role=form.cleaned_data["role"])
        except services.LastFacilitatorError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De rol is gewijzigd."))
        return redirect(self.get_success_url())


class MemberDeleteView(ScopedDeleteView):
    model = Membership
    success_url_name = "trajectories:members"
    consequence = gettext_lazy("Deze persoon kan het traject daarna niet meer openen.")

    def post(self, request, *args, **kwargs):
        membership = self.get_object()
        try:
            services.member_remove(membership=membership)
        except services.LastFacilitatorError as error:
            messages.error(request, error.messages[0])
            return redirect(self.get_success_url())
        name = membership.user
        messages.success(request, _("%(user)s heeft geen toegang meer.") % {"user": name})
        if membership.user_id == request.user.pk:
            return redirect("trajectories:list")
        return redirect(self.get_success_url())
