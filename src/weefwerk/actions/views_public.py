"""Pages without an account: a participant's own page through their personal link.

There they see their agreements ("mijn afspraken"), say "Ik doe mee" to an agreement, place
their dots on the change wishes when the vote is open, and report progress with the four
questions. A broken or changed link shows "Deze link werkt niet" (404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from weefwerk.actions import links, selectors, services
from weefwerk.actions.forms import UpdateForm
from weefwerk.actions.models import ChangeWish


@method_decorator(never_cache, name="dispatch")
class PersonLinkMixin(View):
    def dispatch(self, request, *args, **kwargs):
        self.person = links.person_for_token(kwargs["token"])
        if self.person is None:
            return render(request, "actions/link_not_found.html", status=404)
        self.trajectory = self.person.trajectory
        return super().dispatch(request, *args, **kwargs)

    def home(self, anchor=""):
        url = reverse("actions_public:person", args=[self.kwargs["token"]])
        return redirect(f"{url}#{anchor}" if anchor else url)


class PersonPageView(PersonLinkMixin):
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        mine, others = selectors.agreements_for_person(self.person)
        voting = selectors.voting_for(self.trajectory)
        context = {
            "person": self.person,
            "trajectory": self.trajectory,
            "token": kwargs["token"],
            "mine": mine,
            "others": others,
            "voting": voting,
            "next_meeting": selectors.next_followup_meeting(self.trajectory),
        }
        if voting.is_open:
            my_dots = selectors.dots_per_wish(self.person)
            wishes = list(selectors.wishes(self.trajectory, ChangeWish.Status.OPEN))
            for wish in wishes:
                wish.my_dots = my_dots.get(wish.pk, 0)
            used = sum(my_dots.values())
            context.update(
                wishes=wishes, dots_left=max(voting.dots_per_person - used, 0), dots_used=used
            )
        return render(request, "actions/person.html", context)


class CommitPublicView(PersonLinkMixin):
    """POST: "Ik doe mee" to an agreement of the trajectory."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        agreement = get_object_or_404(self.trajectory.agreements, pk=kwargs["pk"])
        services.commit(agreement=agreement, person=self.person)
        messages.success(
            request,
            _("Je doet mee met „%(what)s”. Dat is vastgelegd.") % {"what": agreement.what},
        )
        return self.home("mijn-afspraken")


class VotePublicView(PersonLinkMixin):
    """POST: place (``actie=erbij``) or take back (``actie=eraf``) one dot on a wish."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wish = get_object_or_404(
            self.trajectory.change_wishes, pk=request.POST.get("wens", "0") or 0
        )
        if request.POST.get("actie") == "eraf":
            if services.vote_remove(person=self.person, wish=wish):
                messages.success(request, _("Je hebt een stip weggehaald."))
            return self.home("stemmen")
        try:
            services.vote_add(person=self.person, wish=wish)
        except services.VoteRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Je stip staat erop."))
        return self.home("stemmen")


class ReportView(PersonLinkMixin):
    """The four questions and a status for one agreement the person owns or joined."""

    template_name = "actions/report.html"

    def get_agreement(self):
        found = self.trajectory.agreements.filter(pk=self.kwargs["pk"])
        found = found.filter(owners=self.person) | found.filter(commitments__person=self.person)
        return get_object_or_404(found.distinct())

    def get(self, request, *args, **kwargs):
        agreement = self.get_agreement()
        return self.show(agreement, UpdateForm(initial={"status": agreement.status}))

    def post(self, request, *args, **kwargs):
        agreement = self.get_agreement()
        form = UpdateForm(request.POST)
        if not form.is_valid():
            return self.show(agreement, form, status=400)
        try:
            services.update_report(agreement=agreement, person=self.person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.show(agreement, form, status=400)
        messages.success(
            request, _("Dank je wel. Je voortgang is opgeslagen en de groep kan hem zien.")
        )
        return self.home("mijn-afspraken")

    def show(self, agreement, form, status=200):
        context = {
            "person": self.person,
            "trajectory": self.trajectory,
            "agreement": agreement,
            "form": form,
            "token": self.kwargs["token"],
            "history": selectors.agreement_history(agreement),
            "next_meeting": selectors.next_followup_meeting(self.trajectory),
        }
        return render(self.request, self.template_name, context, status=status)
