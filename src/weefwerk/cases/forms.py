from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.cases import privacy, selectors
from weefwerk.cases.models import CASE_QUESTIONS, Case, CaseDiscussion
from weefwerk.networkmap.models import ElementKind
from weefwerk.trajectories.forms import ScopedFormMixin

PRIVACY_ERROR = _(
    "Hier staat iets dat op een persoonsgegeven lijkt. Haal het weg of vink hieronder aan dat "
    "het geen persoonsgegeven is."
)


class PrivacyCheckMixin:
    """Scans ``privacy_fields`` with the engine when the form is otherwise valid.

    Findings that are not confirmed make the form invalid, so nothing is saved and the page
    shows the text with the spots marked. After validation, ``privacy_checks`` holds the
    findings per field and ``privacy_confirmations`` the rows to record for the confirmed ones.
    """

    privacy_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_checks: list[privacy.FieldCheck] = []
        self.privacy_confirmations: list[dict] = []

    def clean(self):
        data = super().clean()
        texts = [
            (name, self.fields[name].label, data.get(name) or "") for name in self.privacy_fields
        ]
        stored = self.instance.privacy_confirmations.all() if self.instance.pk else ()
        self.privacy_checks = privacy.check_texts(
            texts,
            names=selectors.trajectory_names(self.trajectory),
            confirmed_tokens=self.data.getlist(privacy.CONFIRM_FIELD) if self.is_bound else (),
            stored=stored,
        )
        for check in self.privacy_checks:
            if check.open_findings:
                self.add_error(check.field_name, PRIVACY_ERROR)
        self.privacy_confirmations = privacy.confirmation_rows(self.privacy_checks)
        return data

    @property
    def privacy_open(self) -> bool:
        return any(check.open_findings for check in self.privacy_checks)


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
