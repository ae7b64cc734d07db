"""Forms for homework and feedback after a session."""

from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.planning.models import FeedbackResponse, Homework
from weefwerk.trajectories.forms import ScopedFormMixin


class HomeworkForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = Homework
        fields = ["title", "text", "due_date"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "text": _("Wat moeten de deelnemers doen of bedenken? Houd het kort en duidelijk."),
            "due_date": _("Bijvoorbeeld de dag voor de volgende bijeenkomst."),
        }


class HomeworkAnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Je antwoord"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Schrijf eerst je antwoord."),
            "max_length": _(
                "Je antwoord is te lang. Het mag hoogstens %(limit_value)d tekens zijn."
            ),
        },
    )


SCALE_CHOICES = [
    ("1", _("1 – helemaal niet")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – heel erg")),
]
# "Helemaal niet" does not fit every question; these scales name their own ends.
SCALE_ENDS = {
    "atmosphere": (_("1 – slecht"), _("5 – heel goed")),
}


def _scale_field(name: str) -> forms.TypedChoiceField:
    label = FeedbackResponse._meta.get_field(name).verbose_name
    choices = list(SCALE_CHOICES)
    if name in SCALE_ENDS:
        low, high = SCALE_ENDS[name]
        choices[0], choices[-1] = ("1", low), ("5", high)
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een getal van 1 tot en met 5."),
            "invalid_choice": _("Kies een getal van 1 tot en met 5."),
        },
    )


class FeedbackForm(forms.Form):
    """Four 1-5 scales and an open question; a radio group per scale."""

    useful = _scale_field("useful")
    met_new_people = _scale_field("met_new_people")
    pace = _scale_field("pace")
    atmosphere = _scale_field("atmosphere")
    comment = forms.CharField(
        label=FeedbackResponse._meta.get_field("comment").verbose_name,
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf geen namen of andere gegevens van gezinnen op."),
        error_messages={
            "max_length": _("Dit is te lang. Het mag hoogstens %(limit_value)d tekens zijn."),
        },
    )
