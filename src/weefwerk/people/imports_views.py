"""Import of people and organisations: upload, preview, confirm. Only editors may import."""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View

from weefwerk.people import imports, services
from weefwerk.people.models import ImportBatch
from weefwerk.personaldata import audit
from weefwerk.trajectories.access import TrajectoryMixin

MAX_ERRORS_SHOWN = 200


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("Een CSV-bestand of een Excel-bestand (.xlsx) van hoogstens 5 MB."),
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat staat er in het bestand?"),
        choices=[
            (imports.AUTO, gettext_lazy("Zelf herkennen aan de kolommen")),
            (imports.PEOPLE, gettext_lazy("Personen")),
            (imports.ORGANISATIONS, gettext_lazy("Organisaties")),
        ],
        initial=imports.AUTO,
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:  # refused before anything is read
            raise forms.ValidationError(imports.too_large_message(upload.size))
        if not upload.name.lower().endswith(imports.CSV_EXTENSIONS + imports.XLSX_EXTENSIONS):
            raise forms.ValidationError(
                _("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx).")
            )
        return upload


def column_help(kind):
    return [
        {
            "header": column.header,
            "required": column.required,
            "help": column.help,
            "yes_no": column.kind == "bool",
        }
        for column in imports.COLUMNS[kind]
    ]


class ImportUploadView(TrajectoryMixin, FormView):
    write = True
    template_name = "people/import_upload.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            people_columns=column_help(imports.PEOPLE),
            organisation_columns=column_help(imports.ORGANISATIONS),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        data = upload.read(settings.IMPORT_MAX_BYTES + 1)
        plan = imports.parse_upload(
            data, upload.name, trajectory=self.trajectory, kind=form.cleaned_data["kind"]
        )
        if plan.errors:
            errors = sorted(plan.errors, key=lambda e: (e.sheet, e.row or 0))
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    import_errors=errors[:MAX_ERRORS_SHOWN],
                    hidden_error_count=max(0, len(errors) - MAX_ERRORS_SHOWN),
                    filename=upload.name,
                )
            )
        batch = services.import_batch_create(
            trajectory=self.trajectory, user=self.request.user, filename=upload.name, plan=plan
        )
        return redirect("people:import_preview", self.trajectory.pk, batch.pk)


class ImportPreviewView(audit.ActingUserMixin, TrajectoryMixin, TemplateView):
    write = True
    template_name = "people/import_preview.html"

    def get_batch(self):
        return get_object_or_404(
            ImportBatch,
            pk=self.kwargs["pk"],
            trajectory=self.trajectory,
            created_by=self.request.user,
        )

    def already_done(self):
        messages.info(self.request, _("Dit bestand is al geïmporteerd."))
        return redirect("people:people", self.trajectory.pk)

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status != ImportBatch.Status.PENDING:
            return self.already_done()
        return self.render_to_response(self.get_context_data(batch=batch))

    def get_context_data(self, *, batch, **kwargs):
        rows = batch.rows
        people = rows.get("people", [])
        organisations = rows.get("organisations", [])
        new_organisations = rows.get("new_organisations", [])
        counts = {
            "people_new": sum(1 for row in people if row["existing_id"] is None),
            "people_update": sum(1 for row in people if row["existing_id"] is not None),
            "organisations_new": sum(1 for row in organisations if row["existing_id"] is None)
            + len(new_organisations),
            "organisations_update": sum(
                1 for row in organisations if row["existing_id"] is not None
            ),
        }
        return super().get_context_data(
            batch=batch,
            people=people,
            organisations=organisations,
            new_organisations=new_organisations,
            counts=counts,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status != ImportBatch.Status.PENDING:  # e.g. confirmed twice
            return self.already_done()
        if request.POST.get("action") == "cancel":
            services.import_cancel(batch)
            messages.info(request, _("De import is geannuleerd. Er is niets opgeslagen."))
            return redirect("people:import", self.trajectory.pk)
        try:
            result = services.import_apply(batch, user=request.user)
        except services.ImportApplyError as error:
            messages.error(
                request,
                _("Er is niets geïmporteerd. %(reason)s") % {"reason": error},
            )
            return redirect("people:import", self.trajectory.pk)
        audit.record(
            action=audit.IMPORTED,
            trajectory=self.trajectory,
            user=request.user,
            obj=batch,
            description=_("%(new)s personen nieuw, %(changed)s bijgewerkt")
            % {"new": result.people_created, "changed": result.people_updated},
        )
        messages.success(request, success_message(result))
        return redirect("people:people", self.trajectory.pk)


def success_message(result) -> str:
    people = ngettext("%(count)d persoon", "%(count)d personen", result.people) % {
        "count": result.people
    }
    organisations = ngettext(
        "%(count)d organisatie", "%(count)d organisaties", result.organisations
    ) % {"count": result.organisations}
    if result.people and result.organisations:
        return _("%(people)s en %(organisations)s geïmporteerd.") % {
            "people": people,
            "organisations": organisations,
        }
    return _("%(what)s geïmporteerd.") % {"what": organisations if result.organisations else people}


EXAMPLES = {
    "personen": imports.PEOPLE,
    "organisaties": imports.ORGANISATIONS,
}


class ImportExampleView(TrajectoryMixin, View):
    """An example CSV (semicolons, UTF-8 with BOM, so that Excel opens it well)."""

    write = True

    def get(self, request, *args, **kwargs):
        kind = EXAMPLES.get(kwargs["kind"])
        if kind is None:
            raise Http404
        domains = list(self.trajectory.domains.values_list("name", flat=True)[:3])
        while len(domains) < 3:
            domains.append("")
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([column.header for column in imports.COLUMNS[kind]])
        for row in example_rows(kind, domains):
            writer.writerow(row)
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="voorbeeld-{kwargs["kind"]}.csv"'
        return response


def example_rows(kind, domains):
    # Fictional names only.
    if kind == imports.ORGANISATIONS:
        return [
            [
                _("Stichting Voorbeeld Schuldhulp"),
                domains[0],
                _("formeel"),
                _("Helpt gezinnen met schulden."),
                "https://www.voorbeeld.example",
            ],
            [_("Buurtkamer De Linde"), domains[2], _("informeel"), "", ""],
        ]
    return [
        [
            "Anna de Vries",
            _("Stichting Voorbeeld Schuldhulp"),
            _("schuldhulpverlener"),
            "anna@voorbeeld.example",
            "06 12345678",
            "",
            _("ja"),
            _("nee"),
            _("nee"),
            _("nee"),
            _("nee"),
            _("ja"),
        ],
        [
            "Mehmet Yilmaz",
            _("Buurtkamer De Linde"),
            _("vrijwilliger"),
            "",
            "",
            domains[1],
            _("nee"),
            _("nee"),
            _("ja"),
            _("ja"),
            _("nee"),
            _("nee"),
        ],
    ]
