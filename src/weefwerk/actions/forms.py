from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.actions.models import ActionStatus, ActionUpdate, Agreement, ChangeWish, WishVoting
from weefwerk.cases.privacy import PrivacyCheckMixin
from weefwerk.planning.scheduling import MAX_INTERVAL, MIN_INTERVAL, parse_dates
from weefwerk.trajectories.forms import ScopedFormMixin

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        if obj.organisation_id:
            return f"{obj.name} ({obj.organisation.name})"
        return obj.name


def _people(trajectory):
    return trajectory.people.select_related("organisation").order_by("name")


class WishForm(ScopedFormMixin, forms.ModelForm):
    raised_by = PersonChoices(
        label=_("Genoemd door"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ChangeWish
        fields = ["text", "meeting", "raised_by"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = self.trajectory.meetings.order_by("number", "pk")
        self.fields["meeting"].help_text = _("In welke bijeenkomst kwam deze wens op?")
        self.fields["raised_by"].queryset = _people(self.trajectory)


class WishEditForm(WishForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (ChangeWish.Status.OPEN, ChangeWish.Status.OPEN.label),
            (ChangeWish.Status.DROPPED, ChangeWish.Status.DROPPED.label),
        ],
        help_text=_("Een gekozen wens is een afspraak geworden; die wijzig je bij de afspraak."),
    )

    class Meta(WishForm.Meta):
        fields = ["text", "meeting", "raised_by", "votes", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.status not in (ChangeWish.Status.OPEN, ChangeWish.Status.DROPPED):
            del self.fields["status"]


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Samenvoegen met"), queryset=None)

    def __init__(self, *args, wish, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = ChangeWish.objects.filter(
            trajectory_id=wish.trajectory_id,
            status__in=[ChangeWish.Status.OPEN, ChangeWish.Status.CHOSEN],
        ).exclude(pk=wish.pk)


class ChooseForm(ScopedFormMixin, forms.Form):
    owners = PersonChoices(
        label=_("Trekkers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie pakt deze wens op? Je kunt meer mensen kiezen."),
        error_messages={"required": _("Kies minstens één trekker.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = _people(self.trajectory)


class VotingForm(ScopedFormMixin, forms.ModelForm):
    """The vote's settings, and the dots counted on the wall per open wish."""

    class Meta:
        model = WishVoting
        fields = ["dots_per_person", "is_open"]
        widgets = {"dots_per_person": forms.NumberInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, wishes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.wishes = list(wishes)
        for wish in self.wishes:
            self.fields[f"wish_{wish.pk}"] = forms.IntegerField(
                label=wish.text,
                min_value=0,
                max_value=999,
                required=False,
                initial=wish.votes,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                help_text=_("Stippen op de muur (via de links: %(n)s)") % {"n": wish.person_dots},
            )

    def wall_counts(self) -> dict[int, int]:
        counts = {wish.pk: self.cleaned_data.get(f"wish_{wish.pk}") for wish in self.wishes}
        return {pk: count for pk, count in counts.items() if count is not None}

    def setting_fields(self):
        return [self[name] for name in ("dots_per_person", "is_open")]

    def wish_fields(self):
        return [self[f"wish_{wish.pk}"] for wish in self.wishes]


class AgreementForm(ScopedFormMixin, forms.ModelForm):
    owners = PersonChoices(
        label=_("Trekkers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie pakt dit op? Zij vertellen bij de vervolgontmoetingen hoe het gaat."),
        error_messages={"required": _("Kies minstens één trekker.")},
    )
    due_date = forms.DateField(
        label=_("Klaar op"),
        required=False,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
    )

    class Meta:
        model = Agreement
        fields = ["what", "owners", "organisations", "due_date", "success_criterion"]
        widgets = {
            "organisations": forms.CheckboxSelectMultiple,
            "success_criterion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = _people(self.trajectory)
        self.fields["organisations"].queryset = self.trajectory.organisations.order_by("name")


class CommitForm(ScopedFormMixin, forms.Form):
    people = PersonChoices(
        label=_("Wie doen er mee?"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie hier staat, zei in de bijeenkomst: ik doe mee."),
        error_messages={"required": _("Kies minstens één persoon.")},
    )
    committed_on = forms.DateField(
        label=_("Datum"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=_("De dag waarop zij dat zeiden."),
    )

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        joined = agreement.commitments.values_list("person_id", flat=True)
        self.fields["people"].queryset = _people(self.trajectory).exclude(pk__in=joined)


class UpdateForm(PrivacyCheckMixin, forms.ModelForm):
    """The four questions and a status (the owner's own report, through the link).

    The answers go through the cases app's privacy check: a report with a BSN, an IBAN, a
    phone number and so on is not saved until the spots are removed or confirmed one by one.
    The names of the trajectory's people do not count: "what do I need from you" names them.
    """

    privacy_fields = ActionUpdate.QUESTIONS

    class Meta:
        model = ActionUpdate
        fields = ["status", *ActionUpdate.QUESTIONS]
        widgets = {
            "status": forms.RadioSelect,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ActionUpdate.QUESTIONS},
        }
        labels = {"status": _("Hoe staat het ervoor?")}


class TeamUpdateForm(ScopedFormMixin, UpdateForm):
    """The same, entered by the project team for one of the owners."""

    class Meta(UpdateForm.Meta):
        fields = ["person", "meeting", "status", *ActionUpdate.QUESTIONS]
        labels = {"status": _("Hoe staat het ervoor?"), "person": _("Van wie")}

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = agreement.owners.order_by("name")
        self.fields["person"].required = True
        self.fields["meeting"].queryset = self.trajectory.meetings.order_by("number", "pk")
        self.fields["meeting"].help_text = _("Laat leeg voor de eerstvolgende vervolgontmoeting.")


BOARD_STATUS_CHOICES = [
    ("", _("Alle")),
    ("open", _("Nog niet klaar")),
    (ActionStatus.STUCK, _("Loopt vast")),
    (ActionStatus.DONE, _("Klaar")),
]


class BoardFilterForm(ScopedFormMixin, forms.Form):
    mine = forms.BooleanField(label=_("Alleen mijn afspraken"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=BOARD_STATUS_CHOICES, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=None, required=False, empty_label=_("Alle organisaties")
    )

    def __init__(self, *args, show_mine=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = self.trajectory.organisations.order_by("name")
        if not show_mine:
            del self.fields["mine"]


class FollowupPlanForm(forms.Form):
    first_date = forms.DateField(
        label=_("Datum van de eerste vervolgontmoeting"),
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
    )
    start_time = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    interval_weeks = forms.IntegerField(
        label=_("Om de hoeveel weken"),
        min_value=MIN_INTERVAL,
        max_value=MAX_INTERVAL,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Om de zes weken: dan vallen de acht ontmoetingen binnen een jaar."),
    )
    excluded = forms.CharField(
        label=_("Data die niet kunnen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Eén datum per regel, zoals 24-12-2026. Valt een ontmoeting op zo'n datum, dan "
            "schuift die een week op."
        ),
    )

    def clean_excluded(self):
        dates, wrong = parse_dates(self.cleaned_data["excluded"])
        if wrong:
            raise forms.ValidationError(
                _("Dit is geen datum: %(lines)s. Schrijf het als dd-mm-jjjj, zoals 24-12-2026.")
                % {"lines": ", ".join(wrong)}
            )
        return frozenset(dates)
