from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """A whole trajectory as one file (export and import), and instance-wide backup and restore."""

    name = "weefwerk.archive"
    label = "archive"
    verbose_name = _("Archief")
