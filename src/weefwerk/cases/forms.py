from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.cases import privacy, selectors
from weefwerk.cases.models import CASE_QUESTIONS, Case, CaseDiscussion
from weefwerk.networkmap.models import ElementKind
from weefwerk.trajectories.forms import ScopedFormMixin


class PrivacyCheckMixin(privacy.PrivacyCheckMixin):
    """The privacy check of case texts: the names of the trajectory's people count too."""

    def privacy_names(self):
        return selectors.trajectory_names(self.trajectory)


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class CaseForm(PrivacyCheckMixin, ScopedFormMixin, forms.ModelForm):
    privacy_fields = ("title", "description")

    class Meta:
        model = Case
        fields = ["title", "description", "domains"]
        widgets = {"description": _textarea(10), "domains": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = self.trajectory.domains.all()
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class MeetingChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, case_meetings=frozenset(), **kwargs):
        self.case_meetings = case_meetings
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        if obj.pk in self.case_meetings:
            return _("%(meeting)s (met casusbespreking op de agenda)") % {"meeting": obj}
        return str(obj)


class DiscussionForm(PrivacyCheckMixin, ScopedFormMixin, forms.ModelForm):
    privacy_fields = tuple(name for name, _question in CASE_QUESTIONS)

    class Meta:
        model = CaseDiscussion
        fields = ["group_label", "meeting", *(name for name, _question in CASE_QUESTIONS)]
        widgets = {name: _textarea(4) for name, _question in CASE_QUESTIONS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"] = MeetingChoiceField(
            queryset=self.trajectory.meetings.all(),
            required=False,
            label=_("bijeenkomst"),
            empty_label=_("(geen bijeenkomst)"),
            help_text=_("Bij welke bijeenkomst heeft deze groep de casus besproken?"),
            case_meetings=selectors.meetings_with_case_questions(self.trajectory),
        )
        self.fields["group_label"].widget.attrs["autocomplete"] = "off"


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    domain = forms.ModelChoiceField(
        label=_("Domein"), queryset=None, required=False, empty_label=_("Alle domeinen")
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = trajectory.domains.all()


class ElementSearchForm(forms.Form):
    zoek = forms.CharField(label=_("Zoek in de netwerkkaart"), required=False)


class PartyLinkForm(forms.Form):
    line = forms.CharField(widget=forms.HiddenInput, max_length=selectors.LINE_MAX)
    element = forms.ModelChoiceField(
        label=_("Element op de netwerkkaart"),
        queryset=None,
        error_messages={
            "required": _("Kies een element."),
            "invalid_choice": _("Kies een element."),
        },
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["element"].queryset = selectors.network_elements(trajectory)


class PartyAddForm(forms.Form):
    line = forms.CharField(widget=forms.HiddenInput, max_length=selectors.LINE_MAX)
    label = forms.CharField(label=_("Naam op de kaart"), max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=ElementKind.choices)
