from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Session reports, the managers' update and the trajectory summary, as HTML, PDF and Word."""

    name = "weefwerk.reports"
    label = "reports"
    verbose_name = _("Verslagen")
