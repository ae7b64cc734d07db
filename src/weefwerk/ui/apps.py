from django.apps import AppConfig


class UiConfig(AppConfig):
    """Shared page components: the form-field include's template tags and the base layout."""

    name = "weefwerk.ui"
    label = "ui"
