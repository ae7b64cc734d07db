from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.personaldata.models import AuditEntry


class EraseForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"

    notes = forms.ChoiceField(
        label=_("Mogen de notities van deze persoon blijven staan?"),
        help_text=_(
            "Het gaat om stickies en voortgangsberichten. Vraag het de persoon. Blijven ze "
            "staan, dan staat er „anonieme deelnemer” bij in plaats van de naam."
        ),
        choices=[
            (KEEP, _("Ja, de persoon is het ermee eens: de tekst blijft, zonder naam")),
            (REMOVE, _("Nee: de notities worden ook verwijderd")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de notities mogen blijven staan.")},
    )

    @property
    def keep_notes(self) -> bool:
        return self.cleaned_data["notes"] == self.KEEP


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AuditEntry.Action.choices],
    )
    object_type = forms.ChoiceField(label=_("Soort gegevens"), required=False, choices=[])
    object_id = forms.CharField(
        label=_("Nummer"),
        required=False,
        max_length=40,
        help_text=_("Bijvoorbeeld het nummer van een persoon."),
    )

    def __init__(self, *args, object_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", _("Alle soorten")), *object_types]
