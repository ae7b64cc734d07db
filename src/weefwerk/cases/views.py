from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from weefwerk.cases import selectors, services
from weefwerk.cases.forms import (
    CaseFilterForm,
    CaseForm,
    DiscussionForm,
    ElementSearchForm,
    PartyAddForm,
    PartyLinkForm,
)
from weefwerk.cases.models import Case, CaseDiscussion
from weefwerk.networkmap.models import Status
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedCreateView, ScopedDeleteView, ScopedUpdateView


class CaseListView(TrajectoryMixin, TemplateView):
    """The case library, with search and a domain filter."""

    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs):
        form = CaseFilterForm(self.request.GET or None, trajectory=self.trajectory)
        filters = form.cleaned_data if form.is_valid() else {}
        filters = {k: v for k, v in filters.items() if v not in (None, "")}
        return super().get_context_data(
            filter_form=form,
            filtered=bool(filters),
            results=selectors.cases_search(self.trajectory, **filters),
            missing_parties=selectors.parties_needed_not_in_network(self.trajectory),
            **kwargs,
        )


class ExampleListView(TrajectoryMixin, TemplateView):
    """The built-in example cases, to copy into the trajectory."""

    template_name = "cases/example_list.html"

    def get_context_data(self, **kwargs):
        used = dict(
            Case.objects.filter(trajectory=self.trajectory, is_example=True)
            .exclude(example_key="")
            .values_list("example_key", "pk")
        )
        examples = [
            {"example": example, "used_pk": used.get(key)}
            for key, example in services.example_cases().items()
        ]
        return super().get_context_data(examples=examples, **kwargs)


class ExampleUseView(TrajectoryMixin, View):
    """POST only: copy one example case ("Voorbeeldcasus gebruiken")."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if kwargs["key"] not in services.example_cases():
            raise Http404
        case = services.example_case_copy(
            trajectory=self.trajectory, key=kwargs["key"], user=request.user
        )
        messages.success(
            request,
            _("De voorbeeldcasus „%(name)s” staat nu in jullie casussen. Je kunt hem aanpassen.")
            % {"name": case.title},
        )
        return redirect("cases:detail", self.trajectory.pk, case.pk)


class CaseDetailView(TrajectoryMixin, TemplateView):
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        try:
            case = selectors.case_with_discussions(self.trajectory, self.kwargs["pk"])
        except Case.DoesNotExist as missing:
            raise Http404 from missing
        discussions = [
            {"discussion": d, "needed": selectors.discussion_needed(d)}
            for d in case.discussions.all()
        ]
        return super().get_context_data(case=case, discussions=discussions, **kwargs)


class PrivacyFormMixin:
    """Form pages whose texts go through the privacy check."""

    template_name = "cases/case_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(intro=self.intro)
        return context


class CaseFormMixin(PrivacyFormMixin):
    model = Case
    form_class = CaseForm
    intro = gettext_lazy(
        "Beschrijf een situatie uit de praktijk, zonder dat iemand het gezin kan herkennen. "
        "Het gaat niet om een oplossing, maar om de vraag wie en wat er nodig is."
    )

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse("cases:detail", args=[self.trajectory.pk, self.object.pk])
        return reverse("cases:list", args=[self.trajectory.pk])

    def save(self, instance, form):
        data = dict(form.cleaned_data)
        return services.case_save(
            instance,
            user=self.request.user,
            domains=data.pop("domains"),
            confirmations=form.privacy_confirmations,
            **data,
        )


class CaseCreateView(CaseFormMixin, ScopedCreateView):
    title = gettext_lazy("Nieuwe casus")


class CaseUpdateView(CaseFormMixin, ScopedUpdateView):
    title = gettext_lazy("Casus bewerken")


class CaseDeleteView(ScopedDeleteView):
    model = Case
    success_url_name = "cases:list"
    consequence = gettext_lazy("De besprekingen van deze casus worden ook verwijderd.")

    def delete(self, obj):
        services.case_delete(obj)


class CaseScopedMixin:
    """Resolves ``self.case`` within the trajectory from the URL's ``case_pk``."""

    @cached_property
    def case(self):
        return get_object_or_404(
            Case.objects.filter(trajectory=self.trajectory), pk=self.kwargs["case_pk"]
        )

    def get_queryset(self):
        return CaseDiscussion.objects.filter(case=self.case).select_related("case", "meeting")

    def case_url(self):
        return reverse("cases:detail", args=[self.trajectory.pk, self.case.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)


class DiscussionFormMixin(CaseScopedMixin, PrivacyFormMixin):
    model = CaseDiscussion
    form_class = DiscussionForm
    intro = gettext_lazy(
        "Vul in wat de groep zei. Schrijf niet over wie het gezin is, maar over wat er nodig is."
    )

    def new_instance(self):
        return CaseDiscussion(case=self.case)

    def get_initial(self):
        initial = super().get_initial()
        meeting = self.request.GET.get("bijeenkomst", "")
        if meeting.isdigit():
            initial["meeting"] = meeting
        return initial

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse(
                "cases:discussion", args=[self.trajectory.pk, self.case.pk, self.object.pk]
            )
        return self.case_url()

    def get_title(self):
        return f"{self.title}: {self.case.title}"

    def save(self, instance, form):
        return services.discussion_save(
            instance,
            user=self.request.user,
            confirmations=form.privacy_confirmations,
            **form.cleaned_data,
        )


class DiscussionCreateView(DiscussionFormMixin, ScopedCreateView):
    title = gettext_lazy("Bespreking toevoegen")


class DiscussionUpdateView(DiscussionFormMixin, ScopedUpdateView):
    title = gettext_lazy("Bespreking bewerken")

    def get_success_url(self):
        if self.object is not None and self.object.pk:
            return reverse(
                "cases:discussion", args=[self.trajectory.pk, self.case.pk, self.object.pk]
            )
        return self.case_url()


class DiscussionDeleteView(CaseScopedMixin, ScopedDeleteView):
    model = CaseDiscussion
    consequence = gettext_lazy("De koppelingen met de netwerkkaart worden ook verwijderd.")

    def get_success_url(self):
        return self.case_url()

    def delete(self, obj):
        services.discussion_delete(obj)


class DiscussionView(CaseScopedMixin, TrajectoryMixin, TemplateView):
    """One group's answers; each line of "whom do you need" can be linked to the map (POST)."""

    template_name = "cases/discussion_detail.html"

    @cached_property
    def discussion(self):
        return get_object_or_404(
            self.get_queryset().prefetch_related("needed_parties__element"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        search = ElementSearchForm(self.request.GET or None)
        q = search.cleaned_data.get("zoek", "") if search.is_valid() else ""
        elements = list(selectors.network_elements(self.trajectory, q=q))
        lines = selectors.discussion_needed(self.discussion, elements)
        rows = []
        for index, line in enumerate(lines):
            link_form, add_form = getattr(self, "bound_forms", {}).get(index, (None, None))
            link_form = link_form or PartyLinkForm(
                prefix=f"koppel-{index}",
                trajectory=self.trajectory,
                initial={"line": line.line, "element": line.element.pk if line.element else None},
            )
            add_form = add_form or PartyAddForm(
                prefix=f"nieuw-{index}", initial={"line": line.line, "label": line.line}
            )
            self._element_choices(link_form, line, elements)
            rows.append(
                {"index": index, "line": line, "link_form": link_form, "add_form": add_form}
            )
        return super().get_context_data(
            discussion=self.discussion,
            rows=rows,
            search_form=search,
            searched=bool(q),
            element_count=len(elements),
            **kwargs,
        )

    @staticmethod
    def _element_choices(form, line, elements):
        """Elements that look like the line first, then all others (or the search results)."""

        def option(element):
            extra = element.get_kind_display()
            if element.status != Status.ACTIVE:
                extra = f"{extra}, {element.get_status_display().lower()}"
            return (element.pk, f"{element.label} ({extra})")

        suggested = {e.pk for e in line.suggestions}
        others = [option(e) for e in elements if e.pk not in suggested]
        choices = [("", _("Kies een element"))]
        if suggested:
            choices.append((_("Lijkt op deze regel"), [option(e) for e in line.suggestions]))
            if others:
                choices.append((_("Andere elementen"), others))
        else:
            choices.extend(others)
        form.fields["element"].widget.choices = choices

    def post(self, request, *args, **kwargs):
        action = request.POST.get("actie", "")
        index = request.POST.get("regel", "")
        if action not in ("koppelen", "toevoegen", "ontkoppelen") or not index.isdigit():
            messages.error(request, _("Dat ging niet. Probeer het opnieuw."))
            return redirect(self.discussion_url())
        index = int(index)
        if action == "ontkoppelen":
            line = request.POST.get("line", "")
            services.needed_party_unlink(discussion=self.discussion, line=line)
            messages.success(request, _("De koppeling bij „%(line)s” is weg.") % {"line": line})
            return redirect(self.discussion_url())
        if action == "koppelen":
            form = PartyLinkForm(request.POST, prefix=f"koppel-{index}", trajectory=self.trajectory)
            self.bound_forms = {index: (form, None)}
        else:
            form = PartyAddForm(request.POST, prefix=f"nieuw-{index}")
            self.bound_forms = {index: (None, form)}
        if form.is_valid():
            try:
                text = self._link(form) if action == "koppelen" else self._add(form)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, text)
                return redirect(self.discussion_url())
        return self.render_to_response(self.get_context_data(form_error=True))

    def _link(self, form) -> str:
        party = services.needed_party_link(
            discussion=self.discussion,
            line=form.cleaned_data["line"],
            element=form.cleaned_data["element"],
            user=self.request.user,
        )
        return _("„%(line)s” is gekoppeld aan „%(element)s”.") % {
            "line": party.line,
            "element": party.element,
        }

    def _add(self, form) -> str:
        party, created = services.needed_party_add_wanted(
            discussion=self.discussion, user=self.request.user, **form.cleaned_data
        )
        if created:
            text = _("„%(element)s” staat nu op de netwerkkaart als gewenste partij.")
        else:
            text = _("„%(element)s” stond al op de netwerkkaart en is nu gekoppeld.")
        return text % {"element": party.element}

    def discussion_url(self):
        return (
            reverse("cases:discussion", args=[self.trajectory.pk, self.case.pk, self.discussion.pk])
            + "#wie-nodig"
        )
