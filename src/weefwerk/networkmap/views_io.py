"""Import a network file (preview, then all or nothing) and export the network in any format."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from weefwerk.engine import interchange
from weefwerk.engine.interchange import csv_pair
from weefwerk.engine.interchange.checks import network_issues
from weefwerk.engine.interchange.errors import InterchangeError, Issue
from weefwerk.networkmap import conversion, services
from weefwerk.networkmap.forms import EXPORT_FILENAMES, ExportForm, ImportForm
from weefwerk.networkmap.models import ElementKind, ImportBatch
from weefwerk.trajectories.access import TrajectoryMixin

MAX_ISSUES_SHOWN = 60


def read_upload(upload, second=None):
    """The engine's network from one uploaded file (or a CSV pair); raises InterchangeError."""
    data = upload.read(interchange.DEFAULT_MAX_BYTES + 1)
    if second is None:
        return interchange.read(data, name=upload.name), interchange.detect(upload.name, data)
    other = second.read(interchange.DEFAULT_MAX_BYTES + 1)
    network = csv_pair.read_tables([(upload.name, data), (second.name, other)])
    problems = network_issues(network)
    if problems:
        raise InterchangeError([Issue(p.message, file=upload.name, item=p.item) for p in problems])
    return network, "csv"


class ImportUploadView(TrajectoryMixin, FormView):
    write = True
    template_name = "networkmap/import_upload.html"
    form_class = ImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        second = form.cleaned_data.get("connections_file")
        try:
            network, format_name = read_upload(upload, second)
        except InterchangeError as error:
            issues = error.issues
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    issues=issues[:MAX_ISSUES_SHOWN],
                    hidden_issue_count=max(0, len(issues) - MAX_ISSUES_SHOWN),
                    filename=upload.name,
                ),
                status=400,
            )
        batch = services.import_batch_create(
            trajectory=self.trajectory,
            user=self.request.user,
            filename=upload.name,
            format=format_name,
            network=network,
        )
        return redirect("networkmap:import_preview", self.trajectory.pk, batch.pk)


class ImportPreviewView(TrajectoryMixin, TemplateView):
    write = True
    template_name = "networkmap/import_preview.html"

    def get_batch(self):
        return get_object_or_404(
            ImportBatch,
            pk=self.kwargs["pk"],
            trajectory=self.trajectory,
            created_by=self.request.user,
        )

    def already_done(self):
        messages.info(self.request, _("Dit bestand is al geïmporteerd."))
        return redirect("networkmap:elements", self.trajectory.pk)

    def get(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status != ImportBatch.Status.PENDING:
            return self.already_done()
        network = conversion.network_from_json(batch.network)
        plan = conversion.plan_network(self.trajectory, network)
        labels = {item.file_id: item.label for item in plan.elements}
        kinds = dict(ElementKind.choices)
        for item in plan.elements:
            kind_in_file = item.values["kind_in_file"]
            item.kind_label = kinds[item.values["kind"]] + (
                f" ({kind_in_file})" if kind_in_file else ""
            )
        for item in plan.connections:
            item.source_label = labels.get(item.source, item.source)
            item.target_label = labels.get(item.target, item.target)
        return self.render_to_response(
            self.get_context_data(batch=batch, plan=plan, summary=network.summary())
        )

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.status != ImportBatch.Status.PENDING:
            return self.already_done()
        if request.POST.get("action") == "cancel":
            services.import_cancel(batch)
            messages.info(request, _("De import is geannuleerd. Er is niets opgeslagen."))
            return redirect("networkmap:import", self.trajectory.pk)
        try:
            result = services.import_apply(batch)
        except services.ImportApplyError as error:
            messages.error(request, _("Er is niets geïmporteerd. %(reason)s") % {"reason": error})
            return redirect("networkmap:import", self.trajectory.pk)
        messages.success(
            request,
            _(
                "Geïmporteerd: %(new_e)s nieuwe en %(old_e)s bijgewerkte elementen, %(new_c)s "
                "nieuwe en %(old_c)s bijgewerkte verbindingen, %(positions)s posities."
            )
            % {
                "new_e": result.elements_created,
                "old_e": result.elements_updated,
                "new_c": result.connections_created,
                "old_c": result.connections_updated,
                "positions": result.positions,
            },
        )
        return redirect("networkmap:elements", self.trajectory.pk)


class ExportView(TrajectoryMixin, TemplateView):
    """A select with every format; with ``?formaat=`` the file itself. Readers may export."""

    template_name = "networkmap/export.html"

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET if "formaat" in request.GET else None)
        if form.is_bound and form.is_valid():
            format_name = form.cleaned_data["formaat"]
            try:
                content = interchange.dumps(conversion.to_network(self.trajectory), format_name)
            except InterchangeError as error:
                return self.render_to_response(
                    self.get_context_data(form=form, issues=error.issues), status=400
                )
            info = interchange.FORMATS[format_name]
            filename = (slugify(self.trajectory.name) or "netwerk") + EXPORT_FILENAMES.get(
                format_name, info.extension
            )
            response = HttpResponse(content, content_type=info.media_type)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        formats = [{"name": name, "title": f.title} for name, f in interchange.FORMATS.items()]
        return super().get_context_data(formats=formats, **kwargs)
