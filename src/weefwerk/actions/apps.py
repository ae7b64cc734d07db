from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    """Change wishes, agreements, the year of follow-up meetings and the reminders."""

    name = "weefwerk.actions"
    label = "actions"
    verbose_name = _("Afspraken")
