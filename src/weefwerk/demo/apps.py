from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Fictional demo data: `weefwerk demo` builds a municipality to click around in."""

    name = "weefwerk.demo"
    label = "demo"
