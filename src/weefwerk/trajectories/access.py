"""Views under a trajectory check membership here: non-members get 404, readers cannot write."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from weefwerk.trajectories.models import Role
from weefwerk.trajectories.selectors import membership_for


class TrajectoryMixin(LoginRequiredMixin):
    """Resolves ``self.trajectory`` and ``self.membership`` from the URL's ``trajectory_id``.

    ``write = True`` makes every method a write (forms, deletes); otherwise only POST and
    other unsafe methods need an editing role.
    """

    write = False
    facilitator_only = False

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.membership = membership_for(request.user, kwargs["trajectory_id"])
        self.trajectory = self.membership.trajectory
        unsafe = request.method not in ("GET", "HEAD", "OPTIONS")
        if (self.write or unsafe) and not self.membership.can_edit:
            raise PermissionDenied
        if self.facilitator_only and self.membership.role != Role.FACILITATOR:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            trajectory=self.trajectory,
            membership=self.membership,
            can_edit=self.membership.can_edit,
        )
        return context


class ScopedObjectMixin(TrajectoryMixin):
    """For a model with a ``trajectory`` foreign key: only this trajectory's rows are found."""

    model = None

    def get_queryset(self):
        return self.model.objects.filter(trajectory=self.trajectory)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
