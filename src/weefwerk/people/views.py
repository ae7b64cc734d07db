from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from weefwerk.people import selectors
from weefwerk.people.forms import (
    OrganisationFilterForm,
    OrganisationForm,
    PersonFilterForm,
    PersonForm,
)
from weefwerk.people.models import Organisation, Person
from weefwerk.personaldata import audit
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedCreateView, ScopedDeleteView, ScopedUpdateView


class FilteredListView(TrajectoryMixin, TemplateView):
    """A list with a GET filter form; invalid filter values are simply ignored."""

    filter_form_class = None
    search = None

    def get_context_data(self, **kwargs):
        form = self.filter_form_class(self.request.GET or None, trajectory=self.trajectory)
        filters = form.cleaned_data if form.is_valid() else {}
        filters = {k: v for k, v in filters.items() if v not in (None, "")}
        results = type(self).search(self.trajectory, **filters, **self.search_options())
        return super().get_context_data(
            filter_form=form, results=results, filtered=bool(filters), **kwargs
        )

    def search_options(self) -> dict:
        return {}


class OrganisationListView(FilteredListView):
    template_name = "people/organisation_list.html"
    filter_form_class = OrganisationFilterForm
    search = selectors.organisations_search


class OrganisationDetailView(TrajectoryMixin, TemplateView):
    template_name = "people/organisation_detail.html"

    def get_context_data(self, **kwargs):
        organisation = get_object_or_404(
            self.trajectory.organisations.prefetch_related("domains"), pk=self.kwargs["pk"]
        )
        return super().get_context_data(
            organisation=organisation, people=organisation.people.order_by("name"), **kwargs
        )


class OrganisationFormMixin:
    model = Organisation
    form_class = OrganisationForm
    success_url_name = "people:organisations"


class OrganisationCreateView(OrganisationFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe organisatie")


class OrganisationUpdateView(OrganisationFormMixin, ScopedUpdateView):
    title = gettext_lazy("Organisatie bewerken")


class OrganisationDeleteView(ScopedDeleteView):
    model = Organisation
    success_url_name = "people:organisations"
    consequence = gettext_lazy(
        "De personen van deze organisatie blijven bestaan, maar zonder organisatie."
    )


class PersonListView(FilteredListView):
    template_name = "people/person_list.html"
    filter_form_class = PersonFilterForm
    search = selectors.people_search

    def search_options(self):
        # Readers see contact details only with consent; they cannot search on hidden ones.
        return {"show_contact": self.membership.can_edit}

    def get(self, request, *args, **kwargs):
        audit.record(
            action=audit.VIEWED,
            trajectory=self.trajectory,
            user=request.user,
            object_type="people.person",
            description="lijst",
        )
        return super().get(request, *args, **kwargs)


class PersonFormMixin(audit.ActingUserMixin):
    model = Person
    form_class = PersonForm
    success_url_name = "people:people"


class PersonCreateView(PersonFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe persoon")

    def get_initial(self):
        organisation = self.request.GET.get("organisatie")
        return {"organisation": organisation} if organisation else {}


class PersonUpdateView(PersonFormMixin, ScopedUpdateView):
    title = gettext_lazy("Persoon bewerken")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit.record(
            action=audit.VIEWED, trajectory=self.trajectory, user=request.user, obj=self.object
        )
        return response


class PersonDeleteView(audit.ActingUserMixin, ScopedDeleteView):
    model = Person
    success_url_name = "people:people"
