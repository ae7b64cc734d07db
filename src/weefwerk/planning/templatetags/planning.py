from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def duration_clock(value: timedelta) -> str:
    """0:45 for an offset from the start, when a session has no start time yet."""
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


@register.filter
def last_end(timed):
    return timed[-1].end if timed else None
