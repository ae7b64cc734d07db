from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.grouping.models import Attendance


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AttendanceForm(forms.Form):
    """Another status for one person; for 'stuurt een collega' also who comes instead."""

    status = forms.ChoiceField(label=_("Status"), choices=Attendance.Status.choices)
    replaced_by = _PersonChoice(
        label=_("Collega die in de plaats komt"),
        queryset=None,
        required=False,
        empty_label=_("(niemand gekozen)"),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = people


class CheckinForm(forms.Form):
    person = _PersonChoice(
        label=_("Wie ben je?"),
        queryset=None,
        empty_label=_("Kies je naam"),
        error_messages={"required": _("Kies je naam uit de lijst.")},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class EncounterForm(forms.Form):
    """Two people who already knew each other."""

    person_a = _PersonChoice(label=_("Eerste persoon"), queryset=None, empty_label=_("Kies"))
    person_b = _PersonChoice(label=_("Tweede persoon"), queryset=None, empty_label=_("Kies"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person_a"].queryset = people
        self.fields["person_b"].queryset = people

    def clean(self):
        data = super().clean()
        a, b = data.get("person_a"), data.get("person_b")
        if a is not None and a == b:
            self.add_error("person_b", _("Kies twee verschillende mensen."))
        return data


class MoveForm(forms.Form):
    round = forms.IntegerField(widget=forms.HiddenInput)
    person = forms.IntegerField(widget=forms.HiddenInput)
    group = forms.IntegerField(label=_("Verplaats naar groep"), min_value=1)


class LockForm(forms.Form):
    round = forms.IntegerField(widget=forms.HiddenInput)
    person = forms.IntegerField(widget=forms.HiddenInput)
    locked = forms.BooleanField(required=False)
