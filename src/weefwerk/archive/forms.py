from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


def upload_max_bytes() -> int:
    return getattr(settings, "ARCHIVE_UPLOAD_MAX_BYTES", 500 * 1024 * 1024)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Exportbestand"),
        help_text=_("Het zip-bestand dat u in Weefwerk downloadde met ‘Traject exporteren’."),
        widget=forms.FileInput(attrs={"accept": ".zip,application/zip"}),
    )
    name = forms.CharField(
        label=_("Nieuwe naam voor het traject"),
        help_text=_("Laat leeg om de naam uit het bestand te houden."),
        max_length=200,
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > upload_max_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.")
                % {"mb": upload_max_bytes() // (1024 * 1024)}
            )
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Kies een zip-bestand (.zip) uit ‘Traject exporteren’."))
        return upload
