"""The maps of a network: several views of the same elements and connections, each with its
own places (KUMU calls these maps, and its backups bring them along)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from weefwerk.networkmap import services
from weefwerk.networkmap.forms_maps import NetworkMapCreateForm, NetworkMapForm
from weefwerk.networkmap.models import NetworkMap
from weefwerk.trajectories.access import TrajectoryMixin
from weefwerk.trajectories.generic import ScopedDeleteView, ScopedUpdateView


def map_url(network_map) -> str:
    url = reverse("networkmap:map", args=[network_map.trajectory_id])
    return f"{url}?kaart={network_map.pk}"


class MapListView(TrajectoryMixin, FormView):
    """Every map with how many elements have a place on it; editors add a new one."""

    template_name = "networkmap/map_list.html"
    form_class = NetworkMapCreateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "trajectory": self.trajectory}

    def get_initial(self):
        maps = self.trajectory.network_maps.order_by("pk")
        # Starting from the places of the first map is what most people want.
        return {"name": _("Kaart %(n)s") % {"n": maps.count() + 1}, "copy_from": maps.first()}

    def get_context_data(self, **kwargs):
        maps = self.trajectory.network_maps.order_by("pk").annotate(placed=Count("positions"))
        elements = self.trajectory.network_elements.count()
        rows = [{"map": m, "url": map_url(m), "placed": m.placed} for m in maps]
        return super().get_context_data(rows=rows, elements=elements, **kwargs)

    def form_valid(self, form):
        network_map = services.map_create(
            self.trajectory,
            name=form.cleaned_data["name"],
            copy_from=form.cleaned_data.get("copy_from"),
        )
        messages.success(self.request, _("„%(name)s” is gemaakt.") % {"name": network_map})
        return redirect(map_url(network_map))


class MapRenameView(ScopedUpdateView):
    model = NetworkMap
    form_class = NetworkMapForm
    template_name = "networkmap/object_form.html"
    success_url_name = "networkmap:maps"
    title = gettext_lazy("Kaart hernoemen")


class MapDeleteView(ScopedDeleteView):
    model = NetworkMap
    success_url_name = "networkmap:maps"
    consequence = gettext_lazy(
        "Alleen de plekken op deze kaart gaan weg. Elementen en verbindingen blijven."
    )

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_success_url())

    def delete(self, obj):
        services.map_delete(obj)
