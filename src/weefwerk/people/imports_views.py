"""Temporary: replaced by the import feature (being written now)."""

from django.http import Http404
from django.views.generic import View

from weefwerk.trajectories.access import TrajectoryMixin


class ImportUploadView(TrajectoryMixin, View):
    def get(self, request, *args, **kwargs):
        raise Http404


class ImportPreviewView(ImportUploadView):
    pass
