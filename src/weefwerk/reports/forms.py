from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.reports.models import Report

MAX_TEXT = 20_000


class ReportForm(forms.ModelForm):
    """The project team's introduction and conclusions: plain text, paragraphs by blank lines."""

    class Meta:
        model = Report
        fields = ["introduction", "conclusions"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].max_length = MAX_TEXT
            self.fields[name].validators.append(
                forms.fields.validators.MaxLengthValidator(MAX_TEXT)
            )
            self.fields[name].error_messages["max_length"] = _(
                "Deze tekst is te lang: hoogstens %(limit_value)s tekens, nu %(show_value)s."
            )
