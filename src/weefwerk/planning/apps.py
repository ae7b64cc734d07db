from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    """Agendas, the kaasschaafmethode, scheduling, calendars, checklist, homework, feedback."""

    name = "weefwerk.planning"
    label = "planning"
    verbose_name = _("Planning")
