from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def join_if_list(value) -> str:
    """A custom field's value as text: lists joined with commas, yes/no in Dutch."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    return str(value)
