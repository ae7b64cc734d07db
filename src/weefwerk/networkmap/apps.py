from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkMapConfig(AppConfig):
    """The network map: elements, connections, tables with members, maps, snapshots."""

    name = "weefwerk.networkmap"
    label = "networkmap"
    verbose_name = _("Netwerkkaart")
