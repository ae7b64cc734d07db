from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.planning.models import AgendaItem
from weefwerk.trajectories.forms import ScopedFormMixin


class AgendaItemForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "minutes",
            "kind",
            "fixed",
            "group_max_size",
            "participant_text",
            "team_notes",
        ]
        widgets = {
            "participant_text": forms.Textarea(attrs={"rows": 3}),
            "team_notes": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 600}),
        }


class FitForm(forms.Form):
    target = forms.IntegerField(
        label=_("Maak passend in ... minuten"),
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Elk punt wordt naar verhouding korter (of langer). Punten met een vaste tijd, "
            "zoals een pauze, blijven gelijk. Geen punt wordt korter dan 5 minuten."
        ),
    )
