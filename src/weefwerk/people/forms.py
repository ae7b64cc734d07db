from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.people.models import Organisation, Person
from weefwerk.trajectories.forms import ScopedFormMixin


class OrganisationForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "domains", "is_formal", "description", "website"]
        widgets = {
            "domains": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = self.trajectory.domains.all()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = self.trajectory.organisations.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Er is al een organisatie met deze naam."))
        return name


class PersonForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "organisation",
            "function",
            "domains",
            "email",
            "phone",
            "shares_contact",
            "is_fixed_participant",
            "is_project_team",
            "is_expert",
            "expert_trained",
            "is_manager",
            "inform_channel",
            "inform_frequency",
        ]
        widgets = {"domains": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.trajectory.organisations.all()
        self.fields["organisation"].empty_label = _("(geen organisatie)")
        self.fields["domains"].queryset = self.trajectory.domains.all()
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.attrs.update(type="tel", autocomplete="off")

    def clean(self):
        data = super().clean()
        if data.get("expert_trained") and not data.get("is_expert"):
            self.add_error(
                "expert_trained",
                _("Alleen een ervaringsdeskundige kan als ervaringsdeskundige opgeleid zijn."),
            )
        if not data.get("is_manager") and (
            data.get("inform_channel") or data.get("inform_frequency")
        ):
            self.add_error(
                "is_manager",
                _("Vul alleen bij leidinggevenden in hoe ze op de hoogte willen blijven."),
            )
        email = data.get("email")
        if email:
            clash = self.trajectory.people.filter(email__iexact=email)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("email", _("Er is al een persoon met dit e-mailadres."))
        return data


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    domain = forms.ModelChoiceField(
        label=_("Domein"), queryset=None, required=False, empty_label=_("Alle domeinen")
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        required=False,
        choices=[
            ("", _("Alle rollen")),
            ("fixed", _("Vaste deelnemer")),
            ("project_team", _("Projectteam")),
            ("expert", _("Ervaringsdeskundige")),
            ("manager", _("Leidinggevende")),
        ],
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = trajectory.domains.all()


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    domain = forms.ModelChoiceField(
        label=_("Domein"), queryset=None, required=False, empty_label=_("Alle domeinen")
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[
            ("", _("Formeel en informeel")),
            ("formal", _("Formeel")),
            ("informal", _("Informeel")),
        ],
    )

    def __init__(self, *args, trajectory, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = trajectory.domains.all()
