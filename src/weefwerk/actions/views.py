"""Change wishes, agreements and the follow-up track, under /trajecten/<id>/afspraken/.

Everyone with a role reads; the facilitator and the project team write. The personal links
of the participants (which let anyone answer in the link's name) are shown to editors only.
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from weefwerk.actions import links, selectors, services
from weefwerk.actions.forms import (
    AgreementForm,
    BoardFilterForm,
    ChooseForm,
    CommitForm,
    FollowupPlanForm,
    MergeForm,
    TeamUpdateForm,
    VotingForm,
    WishEditForm,
    WishForm,
)
from weefwerk.actions.models import Agreement, ChangeWish
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedCreateView, ScopedDeleteView, ScopedUpdateView

# --------------------------------------------------------------------------------------------
# Change wishes


class WishListView(TrajectoryMixin, TemplateView):
    template_name = "actions/wish_list.html"

    def get_context_data(self, **kwargs):
        everything = list(selectors.wishes(self.trajectory).order_by("created_at", "pk"))
        by_status = {status: [] for status in ChangeWish.Status.values}
        for wish in everything:
            by_status[wish.status].append(wish)
        return super().get_context_data(
            ranked=selectors.wishes_ranked(self.trajectory),
            chosen=by_status[ChangeWish.Status.CHOSEN],
            merged=by_status[ChangeWish.Status.MERGED],
            dropped=by_status[ChangeWish.Status.DROPPED],
            voting=selectors.voting_for(self.trajectory),
            **kwargs,
        )


class WishMixin:
    model = ChangeWish

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse("actions:wish", args=[self.trajectory.pk, self.object.pk])
        return reverse("actions:wishes", args=[self.trajectory.pk])


class WishCreateView(WishMixin, ScopedCreateView):
    form_class = WishForm
    title = gettext_lazy("Veranderwens toevoegen")

    def get_initial(self):
        meeting = self.request.GET.get("bijeenkomst", "")
        return {"meeting": meeting} if meeting.isdigit() else {}

    def save(self, instance, form):
        return services.wish_create(trajectory=self.trajectory, **form.cleaned_data)


class WishUpdateView(WishMixin, ScopedUpdateView):
    form_class = WishEditForm
    title = gettext_lazy("Veranderwens bewerken")

    def save(self, instance, form):
        return services.wish_update(instance, **form.cleaned_data)


class WishDetailView(TrajectoryMixin, TemplateView):
    template_name = "actions/wish_detail.html"

    def get_context_data(self, **kwargs):
        wish = get_object_or_404(selectors.wishes(self.trajectory), pk=self.kwargs["pk"])
        suggestions = []
        if wish.status in (ChangeWish.Status.OPEN, ChangeWish.Status.CHOSEN):
            suggestions = selectors.duplicate_suggestions(wish)
        return super().get_context_data(
            wish=wish,
            suggestions=[
                {"wish": other, "percent": round(score * 100)} for other, score in suggestions
            ],
            merged=wish.merged_wishes.order_by("created_at"),
            agreements=wish.agreements.all(),
            **kwargs,
        )


class WishMergeView(TrajectoryMixin, View):
    """POST only: merge this wish into another one (``into``)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wish = get_object_or_404(self.trajectory.change_wishes, pk=kwargs["pk"])
        form = MergeForm(request.POST, wish=wish)
        if not form.is_valid():
            messages.error(request, _("Kies de wens om mee samen te voegen."))
            return redirect("actions:wish", self.trajectory.pk, wish.pk)
        try:
            into = services.wish_merge(wish=wish, into=form.cleaned_data["into"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("actions:wish", self.trajectory.pk, wish.pk)
        messages.success(
            request,
            _("De wensen zijn samengevoegd. Iedereen die ze noemde, staat bij deze wens."),
        )
        return redirect("actions:wish", self.trajectory.pk, into.pk)


class WishChooseView(TrajectoryMixin, FormView):
    """The group chose this wish: pick its owners; it becomes an agreement."""

    write = True
    template_name = "actions/wish_choose.html"
    form_class = ChooseForm

    @cached_property
    def wish(self):
        return get_object_or_404(
            self.trajectory.change_wishes.exclude(status=ChangeWish.Status.MERGED),
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "trajectory": self.trajectory}

    def get_initial(self):
        owners = self.wish.owners.all() or self.wish.raised_by.all()
        return {"owners": [person.pk for person in owners]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            wish=self.wish,
            cancel_url=reverse("actions:wish", args=[self.trajectory.pk, self.wish.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        agreement = services.wish_choose(wish=self.wish, owners=form.cleaned_data["owners"])
        messages.success(
            self.request,
            _(
                "De wens is gekozen en staat nu bij de afspraken. Vul nog aan wanneer het klaar is "
                "en hoe jullie weten dat het gelukt is."
            ),
        )
        return redirect("actions:agreement_edit", self.trajectory.pk, agreement.pk)


class VotingView(TrajectoryMixin, FormView):
    """The dot vote: dots per person, voting through the links open or closed, and the dots
    counted on the wall."""

    write = True
    template_name = "actions/voting.html"
    form_class = VotingForm

    @cached_property
    def ranked(self):
        return selectors.wishes_ranked(self.trajectory)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "trajectory": self.trajectory,
            "instance": selectors.voting_for(self.trajectory),
            "wishes": self.ranked,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(ranked=self.ranked, **kwargs)

    def form_valid(self, form):
        services.voting_save(
            trajectory=self.trajectory,
            dots_per_person=form.cleaned_data["dots_per_person"],
            is_open=form.cleaned_data["is_open"],
        )
        services.wall_votes_save(self.trajectory, form.wall_counts())
        messages.success(self.request, _("De stemming is opgeslagen."))
        return redirect("actions:voting", self.trajectory.pk)


# --------------------------------------------------------------------------------------------
# Agreements


class BoardView(TrajectoryMixin, TemplateView):
    """All agreements, with the filters mine, status and organisation."""

    template_name = "actions/board.html"

    def get_context_data(self, **kwargs):
        my_people = selectors.people_with_user(self.trajectory, self.request.user)
        form = BoardFilterForm(
            self.request.GET or None, trajectory=self.trajectory, show_mine=bool(my_people)
        )
        filters = form.cleaned_data if form.is_valid() else {}
        found = selectors.board(
            self.trajectory,
            person_ids=my_people if filters.get("mine") else None,
            status=filters.get("status") or "",
            organisation=filters.get("organisation"),
        )
        return super().get_context_data(
            filter_form=form,
            filtered=any(filters.values()),
            agreements=found,
            wish_count=self.trajectory.change_wishes.filter(status=ChangeWish.Status.OPEN).count(),
            **kwargs,
        )


class AgreementMixin:
    model = Agreement
    form_class = AgreementForm

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse("actions:agreement", args=[self.trajectory.pk, self.object.pk])
        return reverse("actions:board", args=[self.trajectory.pk])

    def save(self, instance, form):
        return services.agreement_save(instance, **form.cleaned_data)


class AgreementCreateView(AgreementMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe afspraak")


class AgreementUpdateView(AgreementMixin, ScopedUpdateView):
    title = gettext_lazy("Afspraak bewerken")


class AgreementDeleteView(ScopedDeleteView):
    model = Agreement
    success_url_name = "actions:board"
    consequence = gettext_lazy(
        "De toezeggingen en de voortgang van deze afspraak worden ook verwijderd."
    )

    def delete(self, obj):
        services.agreement_delete(obj)


class AgreementScopedMixin:
    @cached_property
    def agreement(self):
        return get_object_or_404(self.trajectory.agreements, pk=self.kwargs["pk"])

    def agreement_url(self):
        return reverse("actions:agreement", args=[self.trajectory.pk, self.agreement.pk])


class AgreementDetailView(AgreementScopedMixin, TrajectoryMixin, TemplateView):
    """The agreement with its commitments and the history of its progress."""

    template_name = "actions/agreement_detail.html"

    def get_context_data(self, **kwargs):
        agreement = get_object_or_404(selectors.agreements(self.trajectory), pk=self.kwargs["pk"])
        return super().get_context_data(
            agreement=agreement,
            history=selectors.agreement_history(agreement),
            **kwargs,
        )


class CommitView(AgreementScopedMixin, TrajectoryMixin, FormView):
    """The facilitator records who committed ("ik doe mee"), on their behalf, with the date."""

    write = True
    template_name = "actions/commit_form.html"
    form_class = CommitForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "trajectory": self.trajectory,
            "agreement": self.agreement,
        }

    def get_initial(self):
        return {"committed_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreement=self.agreement, cancel_url=self.agreement_url(), **kwargs
        )

    def form_valid(self, form):
        day = form.cleaned_data["committed_on"]
        if day == timezone.localdate():
            when = timezone.now()
        else:
            when = timezone.make_aware(datetime.combine(day, time(12)))
        people = form.cleaned_data["people"]
        services.commit_many(agreement=self.agreement, people=people, when=when)
        messages.success(self.request, _("De toezeggingen zijn vastgelegd."))
        return redirect(self.agreement_url())


class UpdateCreateView(AgreementScopedMixin, TrajectoryMixin, FormView):
    """The project team enters progress for one of the owners (who told it in the room)."""

    write = True
    template_name = "actions/update_form.html"
    form_class = TeamUpdateForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "trajectory": self.trajectory,
            "agreement": self.agreement,
        }

    def get_initial(self):
        owners = list(self.agreement.owners.all()[:2])
        initial = {"status": self.agreement.status}
        if len(owners) == 1:
            initial["person"] = owners[0].pk
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreement=self.agreement, cancel_url=self.agreement_url(), **kwargs
        )

    def form_valid(self, form):
        services.update_report(agreement=self.agreement, **form.cleaned_data)
        messages.success(self.request, _("De voortgang is opgeslagen."))
        return redirect(self.agreement_url())


class OrganisationAgreementsView(TrajectoryMixin, TemplateView):
    """The agreements of one organisation (its own and those of its people), and its needs."""

    template_name = "actions/organisation.html"

    def get_context_data(self, **kwargs):
        organisation = get_object_or_404(self.trajectory.organisations, pk=self.kwargs["pk"])
        needs = selectors.needs_for_managers(self.trajectory, organisation)
        return super().get_context_data(
            organisation=organisation,
            agreements=selectors.organisation_agreements(organisation),
            needs=needs[0].needs if needs else [],
            **kwargs,
        )


class NeedsView(TrajectoryMixin, TemplateView):
    """ "What do I need?" per organisation: for the update to the managers."""

    template_name = "actions/needs.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=selectors.needs_for_managers(self.trajectory), **kwargs
        )


# --------------------------------------------------------------------------------------------
# The follow-up track


class FollowupView(TrajectoryMixin, TemplateView):
    template_name = "actions/followup.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            followups=selectors.followup_lists(self.trajectory),
            missing=services.FOLLOWUP_COUNT - selectors.followup_meetings(self.trajectory).count(),
            **kwargs,
        )


class FollowupMeetingView(TrajectoryMixin, TemplateView):
    """One follow-up meeting: the actions on its list, carried over or new, and the reports."""

    template_name = "actions/followup_meeting.html"

    def get_context_data(self, **kwargs):
        meeting = get_object_or_404(
            selectors.followup_meetings(self.trajectory), pk=self.kwargs["meeting_id"]
        )
        return super().get_context_data(
            meeting=meeting, actions=selectors.actions_for_meeting(meeting), **kwargs
        )


class FollowupPlanView(TrajectoryMixin, FormView):
    """Plan the eight follow-up meetings over a year (adds the missing ones first)."""

    write = True
    template_name = "actions/followup_plan.html"
    form_class = FollowupPlanForm

    def get_initial(self):
        last = (
            self.trajectory.meetings.exclude(template_key__startswith=selectors.FOLLOWUP_PREFIX)
            .filter(starts_at__isnull=False)
            .order_by("-starts_at")
            .first()
        )
        initial = {"interval_weeks": services.FOLLOWUP_INTERVAL_WEEKS}
        if last is not None:
            local = timezone.localtime(last.starts_at)
            initial.update(first_date=local.date() + timedelta(weeks=6), start_time=local.time())
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            existing=selectors.followup_meetings(self.trajectory),
            cancel_url=reverse("actions:followup", args=[self.trajectory.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        services.followup_track_plan(trajectory=self.trajectory, **form.cleaned_data)
        messages.success(self.request, _("De vervolgontmoetingen zijn gepland."))
        return redirect("actions:followup", self.trajectory.pk)


class LinksView(TrajectoryMixin, TemplateView):
    """The personal link of every person, with a ready e-mail. Editors only."""

    write = True
    template_name = "actions/links.html"

    def get_context_data(self, **kwargs):
        rows = []
        people = self.trajectory.people.select_related("organisation").prefetch_related(
            "owned_agreements"
        )
        for person in people.order_by("name"):
            url = self.request.build_absolute_uri(links.person_path(person))
            rows.append(
                {
                    "person": person,
                    "url": url,
                    "mailto": links.person_mailto(person, url) if person.email else "",
                    "owned": len(person.owned_agreements.all()),
                }
            )
        return super().get_context_data(rows=rows, **kwargs)
