"""Export a trajectory as one zip file (facilitator only), and import one as a new trajectory."""

import tempfile

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.http import FileResponse
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView, View

from weefwerk.archive import graph, services
from weefwerk.archive.forms import ImportForm
from weefwerk.archive.trajectory_export import FORMAT_VERSION, export_filename
from weefwerk.archive.trajectory_import import ArchiveError
from weefwerk.trajectories.access import TrajectoryMixin

SESSION_KEY = "archive_imported"


# The parts a user recognises, shown by name; the rest is counted together.
MAIN_PARTS = (
    "trajectories.meeting",
    "people.organisation",
    "people.person",
    "networkmap.element",
    "networkmap.connection",
    "cases.case",
    "workshop.note",
    "workshop.photo",
    "actions.changewish",
    "actions.agreement",
    "reports.report",
)


def trajectory_counts(trajectory) -> dict:
    """The main parts of a trajectory with their numbers, and how many rows there are in all."""
    infos = graph.covered_models()
    counts = {}
    for name, info in infos.items():
        counts[name] = info.model._base_manager.filter(
            graph.owner_filter(info.model, trajectory.pk)
        ).aggregate(n=Count("pk"))["n"]
    main = [
        (str(infos[name].model._meta.verbose_name_plural), counts[name])
        for name in MAIN_PARTS
        if counts.get(name)
    ]
    shown = sum(counts.get(name, 0) for name in MAIN_PARTS)
    return {"main": main, "other": sum(counts.values()) - shown - 1, "total": sum(counts.values())}


class ExportView(TrajectoryMixin, TemplateView):
    facilitator_only = True
    template_name = "archive/export.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=trajectory_counts(self.trajectory), format_version=FORMAT_VERSION, **kwargs
        )


class ExportDownloadView(TrajectoryMixin, View):
    facilitator_only = True

    def get(self, request, *args, **kwargs):
        spool = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
        services.trajectory_export(self.trajectory, user=request.user, stream=spool)
        spool.seek(0)
        response = FileResponse(
            spool,
            as_attachment=True,
            filename=export_filename(self.trajectory),
            content_type="application/zip",
        )
        response["Cache-Control"] = "no-store"
        return response


class ImportView(LoginRequiredMixin, FormView):
    template_name = "archive/import.html"
    form_class = ImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = services.trajectory_import(upload.file, user=self.request.user)
        except ArchiveError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        trajectory = result.trajectory
        new_name = form.cleaned_data["name"].strip()
        if new_name:
            trajectory.name = new_name
            trajectory.save(update_fields=["name"])
        self.request.session[SESSION_KEY] = {
            "trajectory": trajectory.pk,
            "users_created": result.users_created,
            "users_matched": result.users_matched,
            "files": result.files,
            "exported_at": result.exported_at,
            "weefwerk_version": result.weefwerk_version,
        }
        return redirect("archive:imported", trajectory.pk)


class ImportedView(TrajectoryMixin, TemplateView):
    """What was imported: the parts with their numbers, and what happened to accounts."""

    template_name = "archive/imported.html"

    def get_context_data(self, **kwargs):
        summary = self.request.session.get(SESSION_KEY) or {}
        if summary.get("trajectory") != self.trajectory.pk:
            summary = {}
        return super().get_context_data(
            counts=trajectory_counts(self.trajectory), summary=summary, **kwargs
        )
