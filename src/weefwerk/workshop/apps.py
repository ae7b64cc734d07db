from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopConfig(AppConfig):
    """Live sessions: join by code, sticky notes from phones, the wall, voting and photos."""

    name = "weefwerk.workshop"
    label = "workshop"
    verbose_name = _("Live sessies")
