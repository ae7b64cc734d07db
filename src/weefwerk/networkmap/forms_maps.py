"""Forms for the maps of a network: several views of the same elements, each with its own places."""

from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.networkmap.models import NetworkMap
from weefwerk.trajectories.forms import ScopedFormMixin


class NetworkMapForm(ScopedFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkMap
        fields = ["name"]
        help_texts = {"name": _("Bijvoorbeeld ‘Overleggen’ of ‘Voor de wethouder’.")}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Geef de kaart een naam."))
        others = self.trajectory.network_maps.filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is al een kaart met deze naam."))
        return name


class NetworkMapCreateForm(NetworkMapForm):
    copy_from = forms.ModelChoiceField(
        label=_("Plekken overnemen van"),
        queryset=NetworkMap.objects.none(),
        required=False,
        empty_label=_("(geen: Weefwerk schikt de nieuwe kaart zelf)"),
        help_text=_("Dan staat alles eerst op dezelfde plek als op die kaart."),
    )

    class Meta(NetworkMapForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = self.trajectory.network_maps.order_by("pk")
