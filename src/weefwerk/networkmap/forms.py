from django import forms
from django.utils.translation import gettext_lazy as _

from weefwerk.engine.interchange import DEFAULT_MAX_BYTES, FORMATS
from weefwerk.networkmap.conversion import (
    FIELD_DOMAINS,
    FIELD_MISSING,
    FIELD_RHYTHM,
    FIELD_ROLE,
    FIELD_STATUS,
)
from weefwerk.networkmap.models import (
    GROUP_KINDS,
    Connection,
    ConnectionKind,
    Element,
    ElementKind,
    MemberRole,
    Snapshot,
    Status,
)
from weefwerk.networkmap.templatetags.network import join_if_list
from weefwerk.trajectories.forms import ScopedFormMixin


class TagsField(forms.CharField):
    """Labels (tags) typed as one line, separated by commas."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        tags = [" ".join(part.split()) for part in text.replace("|", ",").split(",")]
        return list(dict.fromkeys(tag for tag in tags if tag))


# --------------------------------------------------------------------------------------------
# Custom fields ("eigen velden"): name/value rows, as imports from KUMU or Gephi bring them.

CUSTOM_PREFIX = "eigen"
CUSTOM_NAME_MAX = 100
CUSTOM_VALUE_MAX = 1000


def custom_value_text(value) -> str:
    """A stored value as the editor shows it (imports may have stored lists, numbers, yes/no)."""
    return "" if value is None else join_if_list(value)


class CustomFieldRowForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=CUSTOM_NAME_MAX, required=False)
    value = forms.CharField(label=_("Waarde"), max_length=CUSTOM_VALUE_MAX, required=False)

    def clean(self):
        data = super().clean()
        # An existing row without a name is removed; a new one must say what its value is.
        if data.get("value") and not data.get("name") and not self.initial:
            self.add_error("name", _("Geef deze waarde een naam, of maak de waarde leeg."))
        return data


class BaseCustomFieldFormSet(forms.BaseFormSet):
    """The rows as one dict in ``custom_fields``; names once each (not minding capitals), and not a
    name the export files use for something else, unless the field already had it."""

    def __init__(self, *args, stored: dict, reserved: tuple, **kwargs):
        self.stored = stored
        self.reserved = {name.casefold() for name in reserved} - {
            name.casefold() for name in stored
        }
        initial = [{"name": name, "value": custom_value_text(v)} for name, v in stored.items()]
        super().__init__(*args, initial=initial, prefix=CUSTOM_PREFIX, **kwargs)

    def clean(self):
        self.custom_fields = {}
        seen = set()
        for form in self.forms:
            name = form.cleaned_data.get("name", "")
            if not name:
                continue
            if name.casefold() in seen:
                form.add_error("name", _("Deze naam staat er al. Kies een andere naam."))
            elif name.casefold() in self.reserved:
                form.add_error("name", _("Weefwerk gebruikt deze naam al zelf. Kies een andere."))
            seen.add(name.casefold())
            value = form.cleaned_data.get("value", "")
            # Untouched, a value keeps the type the import gave it.
            if name in self.stored and value == custom_value_text(self.stored[name]):
                value = self.stored[name]
            self.custom_fields[name] = value


CustomFieldFormSet = forms.formset_factory(
    CustomFieldRowForm, formset=BaseCustomFieldFormSet, extra=2
)


class CustomFieldsMixin:
    """A ModelForm with the custom fields editor as ``custom_rows``. The rows are optional: a
    post without them (from another client) leaves the custom fields as they are."""

    reserved_names: tuple = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sent = self.is_bound and f"{CUSTOM_PREFIX}-TOTAL_FORMS" in self.data
        self.custom_rows = CustomFieldFormSet(
            self.data if sent else None,
            stored=dict(self.instance.custom_fields or {}),
            reserved=self.reserved_names,
        )

    def clean(self):
        data = super().clean()
        if self.custom_rows.is_bound:
            if self.custom_rows.is_valid():
                data["custom_fields"] = self.custom_rows.custom_fields
            else:
                self.add_error(None, _("Kijk bij de eigen velden: daar klopt iets niet."))
        return data


class ElementForm(CustomFieldsMixin, ScopedFormMixin, forms.ModelForm):
    reserved_names = (FIELD_DOMAINS, FIELD_STATUS, FIELD_RHYTHM, FIELD_MISSING)
    tags = TagsField(
        label=_("labels"),
        required=False,
        help_text=_("Woorden om op te filteren, gescheiden door komma's."),
    )

    class Meta:
        model = Element
        fields = [
            "kind",
            "label",
            "description",
            "domains",
            "tags",
            "organisation",
            "person",
            "rhythm",
            "missing_note",
            "status",
        ]
        widgets = {
            "domains": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "missing_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domains"].queryset = self.trajectory.domains.all()
        self.fields["organisation"].queryset = self.trajectory.organisations.all()
        self.fields["organisation"].empty_label = _("(geen)")
        self.fields["organisation"].help_text = _(
            "Is dit een organisatie uit de lijst van het traject? Kies die dan."
        )
        self.fields["person"].queryset = self.trajectory.people.all()
        self.fields["person"].empty_label = _("(geen)")
        self.fields["person"].help_text = _(
            "Is dit een persoon uit de lijst van het traject? Kies die dan."
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if data.get("person") and kind != ElementKind.PERSON:
            self.add_error("person", _("Alleen een element van de soort persoon is een persoon."))
        if data.get("organisation") and kind not in (
            ElementKind.ORGANISATION,
            ElementKind.INFORMAL,
        ):
            self.add_error(
                "organisation", _("Alleen een organisatie of informeel netwerk is een organisatie.")
            )
        return data


class ConnectionForm(CustomFieldsMixin, ScopedFormMixin, forms.ModelForm):
    reserved_names = (FIELD_STATUS, FIELD_ROLE)
    tags = TagsField(label=_("labels"), required=False)

    class Meta:
        model = Connection
        fields = [
            "source",
            "target",
            "kind",
            "custom_kind",
            "direction",
            "strength",
            "role",
            "note",
            "tags",
            "status",
        ]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "strength": forms.Select(choices=[(1, "1"), (2, "2"), (3, "3")]),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        elements = Element.objects.filter(trajectory=self.trajectory).order_by("label")
        for name in ("source", "target"):
            self.fields[name].queryset = elements
            self.fields[name].label_from_instance = element_choice_label
        self.fields["strength"].widget.choices = [
            (1, _("1: los contact")),
            (2, _("2: regelmatig")),
            (3, _("3: nauw samen")),
        ]

    def clean(self):
        data = super().clean()
        source, target = data.get("source"), data.get("target")
        if source and target and source.pk == target.pk:
            self.add_error("target", _("Kies een ander element dan bij ‘van’."))
        if data.get("kind") == ConnectionKind.CUSTOM and not data.get("custom_kind", "").strip():
            self.add_error("custom_kind", _("Geef de eigen soort een naam."))
        if data.get("kind") != ConnectionKind.CUSTOM:
            data["custom_kind"] = ""
        if data.get("role") and not (target and target.kind in GROUP_KINDS):
            self.add_error(
                "role",
                _("Een rol aan tafel hoort bij een verbinding naar een overleg of programma."),
            )
        return data


def element_choice_label(element: Element) -> str:
    return f"{element.label} ({element.get_kind_display()})"


class ElementFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *ElementKind.choices]
    )
    domain = forms.ModelChoiceField(
        label=_("Domein"), queryset=None, required=False, empty_label=_("Alle domeinen")
    )
    tag = forms.ChoiceField(label=_("Label"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *Status.choices]
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, trajectory, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = trajectory.domains.all()
        self.fields["tag"].choices = [("", _("Alle labels")), *[(t, t) for t in tags]]


class ConnectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort verbinding"),
        required=False,
        choices=[("", _("Alle soorten")), *ConnectionKind.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *Status.choices]
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, trajectory=None, **kwargs):
        super().__init__(*args, **kwargs)


class MemberAddForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Wie of wat schuift aan?"), queryset=None)
    role = forms.ChoiceField(label=_("Rol"), choices=MemberRole.choices, initial=MemberRole.MEMBER)

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        from weefwerk.networkmap.selectors import member_candidates

        self.fields["member"].queryset = member_candidates(group)
        self.fields["member"].label_from_instance = element_choice_label


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "KUMU (.xlsx, .csv of .json), Onodo (.xlsx), Gephi (.gexf), GraphML (.graphml), "
            "twee CSV-bestanden in een zip, of een Weefwerk-werkmap. Hoogstens 20 MB."
        ),
        widget=forms.FileInput(attrs={"accept": ".xlsx,.csv,.json,.gexf,.graphml,.xml,.zip"}),
    )
    connections_file = forms.FileField(
        label=_("Tweede CSV-bestand met de verbindingen"),
        required=False,
        help_text=_("Alleen als u twee losse CSV-bestanden hebt: elementen en verbindingen."),
        widget=forms.FileInput(attrs={"accept": ".csv"}),
    )

    def clean(self):
        data = super().clean()
        for name in ("file", "connections_file"):
            upload = data.get(name)
            if upload is not None and upload.size > DEFAULT_MAX_BYTES:
                self.add_error(
                    name,
                    _("Dit bestand is groter dan 20 MB. Er is niets ingelezen."),
                )
        return data


EXPORT_FILENAMES = {
    "weefwerk-xlsx": ".xlsx",
    "kumu-xlsx": ".kumu.xlsx",
    "onodo": ".onodo.xlsx",
    "kumu-backup": ".json",
    "kumu-json": ".blueprint.json",
    "csv": ".zip",
    "kumu-csv": ".kumu-csv.zip",
    "gexf": ".gexf",
    "graphml": ".graphml",
}


class ExportForm(forms.Form):
    formaat = forms.ChoiceField(
        label=_("Formaat"),
        choices=[(name, f.title) for name, f in FORMATS.items()],
        initial="kumu-xlsx",
    )


class SnapshotForm(forms.ModelForm):
    class Meta:
        model = Snapshot
        fields = ["name"]
        labels = {"name": _("Naam van de momentopname")}
        help_texts = {"name": _("Bijvoorbeeld ‘Na stap 3’. Leeg laten mag: dan de datum.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Samenvoegen met"),
        queryset=None,
        help_text=_("De verbindingen gaan over naar dit element. Het voorstel verdwijnt."),
    )

    def __init__(self, *args, element, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Element.objects.filter(trajectory_id=element.trajectory_id)
            .exclude(pk=element.pk)
            .order_by("label")
        )
        self.fields["into"].label_from_instance = element_choice_label


class AnswerForm(forms.Form):
    """One answer on the phone form: a name (chosen from a list or new) and maybe a role."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    role = forms.ChoiceField(label=_("Jouw rol"), choices=MemberRole.choices, required=False)
    relation = forms.ChoiceField(
        label=_("Wat is jouw band ermee?"),
        choices=[("ken", _("Ik ken het")), ("doe-mee", _("Ik doe mee"))],
        required=False,
    )

    def __init__(self, *args, question, **kwargs):
        kwargs.setdefault("prefix", question.key)
        super().__init__(*args, **kwargs)
        self.question = question
        self.fields["name"].label = question.name_label
        self.fields["name"].help_text = question.help
        self.fields["name"].widget.attrs.update(list=f"{question.key}-keuzes", autocomplete="off")
        if not question.roles:
            del self.fields["role"]
        else:
            self.fields["role"].required = True
            self.fields["role"].initial = MemberRole.MEMBER
        if not question.relations:
            del self.fields["relation"]
        else:
            self.fields["relation"].required = True
            self.fields["relation"].initial = "ken"
