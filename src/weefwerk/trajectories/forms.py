from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.trajectories.models import Domain, Meeting, Membership, Role, Trajectory


class ScopedFormMixin:
    """Forms on pages under a trajectory receive it, to limit choices and check uniqueness."""

    def __init__(self, *args, trajectory=None, **kwargs):
        self.trajectory = trajectory
        super().__init__(*args, **kwargs)


class TrajectoryForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Trajectory
        fields = [
            "name",
            "municipality",
            "district",
            "approach",
            "status",
            "ambition",
            "retention_months",
        ]
        widgets = {"ambition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "retention_months" in self.fields:
            self.fields["retention_months"].required = False

    def clean_retention_months(self):
        months = self.cleaned_data.get("retention_months")
        return months if months is not None else self.instance.retention_months


class TrajectoryCreateForm(TrajectoryForm):
    class Meta(TrajectoryForm.Meta):
        fields = ["name", "municipality", "district", "approach", "ambition"]


class MeetingForm(ScopedFormMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("begint op"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Laat leeg als de datum nog niet vaststaat."),
    )

    class Meta:
        model = Meeting
        fields = ["number", "title", "starts_at", "planned_minutes", "location", "status"]


class DomainForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Domain
        fields = ["name", "position"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = self.trajectory.domains.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Dit domein staat al in de lijst."))
        return name


class MemberAddForm(ScopedFormMixin, forms.Form):
    email = forms.EmailField(label=_("e-mailadres"))
    full_name = forms.CharField(label=_("naam"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("rol"), choices=Role.choices)


class MembershipForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
