from django import template

register = template.Library()

# Utrecht component classes per Django widget type.
WIDGET_CLASSES = {
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "checkboxselectmultiple": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "clearablefile": "utrecht-textbox utrecht-textbox--html-input ww-file",
    "file": "utrecht-textbox utrecht-textbox--html-input ww-file",
}
DEFAULT_CLASS = "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def widget_class(bound_field) -> str:
    css = WIDGET_CLASSES.get(bound_field.widget_type, DEFAULT_CLASS)
    if bound_field.errors:
        css += " ww-invalid"
    return css


@register.simple_tag
def render_widget(bound_field):
    """The field's control with Utrecht classes, aria-invalid and a link to its messages."""
    attrs = {"class": widget_class(bound_field)}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
        described.append(f"{bound_field.auto_id}_error")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)
