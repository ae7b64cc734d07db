from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupingConfig(AppConfig):
    """Attendance, who has met whom, and the group screens on agenda items."""

    name = "weefwerk.grouping"
    label = "grouping"
    verbose_name = _("Groepsindeling")
