from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.cases.privacy import PrivacyCheckMixin
from weefwerk.workshop.models import NOTE_MAX_LENGTH, Assignment

ANONYMOUS = "anoniem"


class LinesField(forms.CharField):
    """A list of texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class AssignmentForm(forms.ModelForm):
    questions = LinesField(label=_("vragen"), required=False, help_text=_("Eén vraag per regel."))
    categories = LinesField(
        label=_("categorieën"),
        required=False,
        help_text=_(
            "Eén per regel, bijvoorbeeld Motivatoren. Deelnemers kiezen er een bij hun notitie; "
            "op de muur wordt elke categorie een kolom."
        ),
    )

    class Meta:
        model = Assignment
        fields = ["title", "type", "questions", "categories", "mode", "votes_per_person"]

    def __init__(self, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["votes_per_person"].min_value = 1
        self.fields["votes_per_person"].max_value = 20
        self.fields["votes_per_person"].widget.attrs.update(min=1, max=20)

    def clean_votes_per_person(self):
        value = self.cleaned_data["votes_per_person"]
        if not 1 <= value <= 20:
            raise forms.ValidationError(_("Kies 1 tot en met 20 stippen."))
        return value


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code van de bijeenkomst"),
        max_length=20,
        help_text=_("De code staat op het scherm in de zaal, bijvoorbeeld AB3K7PQR."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class JoinNameForm(forms.Form):
    who = forms.ChoiceField(
        label=_("Wie ben je?"),
        help_text=_("Kies je naam. Of doe anoniem mee: dan ziet niemand wie wat schreef."),
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        choices = [("", _("Kies je naam"))]
        choices += [(str(p.pk), p.name) for p in people]
        choices.append((ANONYMOUS, _("Ik doe anoniem mee")))
        self.fields["who"].choices = choices

    def person(self):
        return self.people.get(self.cleaned_data["who"])


class NoteForm(PrivacyCheckMixin, forms.Form):
    """A note from a phone (or typed by the facilitator for someone).

    The text goes through the privacy check of the cases app: a note with a BSN, an IBAN, a
    phone number, an e-mail address, a date of birth or an address is not saved until the
    author removes it or confirms per finding that it is not personal data. The names of the
    trajectory's people do not count here: in a session they talk about each other and each
    other's organisations, so those names are normal on the wall (in case text they are not).
    """

    privacy_fields = ("text",)

    category = forms.ChoiceField(label=_("Categorie"), required=False)
    group = forms.TypedChoiceField(label=_("Groep"), required=False, coerce=int, empty_value=None)
    text = forms.CharField(
        label=_("Je notitie"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén gedachte per kaartje. Hoogstens %(n)s tekens.") % {"n": NOTE_MAX_LENGTH},
    )

    def __init__(self, *args, assignment, groups=(), my_group=None, people=None, **kwargs):
        prefix = kwargs.pop("prefix", f"opdracht-{assignment.pk}")
        super().__init__(*args, prefix=prefix, **kwargs)
        columns = assignment.columns
        if columns:
            self.fields["category"].choices = [("", _("Kies een categorie"))] + [
                (c, c) for c in columns
            ]
            self.fields["category"].required = True
        else:
            del self.fields["category"]
        if groups:
            self.fields["group"].choices = [("", _("Weet ik niet"))] + [
                (str(n), _("Groep %(n)s") % {"n": n}) for n in groups
            ]
            self.fields["group"].initial = my_group
        else:
            del self.fields["group"]
        if people is not None:
            self.fields["person"] = forms.ModelChoiceField(
                label=_("Namens"),
                queryset=people,
                required=False,
                empty_label=_("Anoniem"),
            )


class ClusterForm(forms.Form):
    name = forms.CharField(label=_("Naam van het cluster"), max_length=120)


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Foto van de flip-over"),
        help_text=_("JPEG, PNG of WebP, hoogstens 10 MB. We halen de locatie uit de foto."),
        widget=forms.FileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    caption = forms.CharField(label=_("Onderschrift"), max_length=200, required=False)
