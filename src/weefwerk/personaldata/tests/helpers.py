"""Generic looks at the whole database: every text column of every model, every row."""

import json

from django.apps import apps
from django.db import models


def text_columns(model):
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def traces(*terms: str) -> list[str]:
    """Every place in the database where one of ``terms`` occurs (case-insensitive)."""
    wanted = [t.lower() for t in terms if t]
    found = []
    for model in apps.get_models():
        fields = text_columns(model)
        if not fields:
            continue
        names = [f.name for f in fields]
        for pk, *values in model._base_manager.values_list("pk", *names):
            for name, value in zip(names, values, strict=True):
                if value is None:
                    continue
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                for term in wanted:
                    if term in text.lower():
                        found.append(f"{model._meta.label}#{pk}.{name} holds {term!r}")
    return found


def database_content() -> dict:
    """Every row of every model, as plain values, for comparing two moments."""
    content = {}
    for model in apps.get_models():
        rows = list(model._base_manager.order_by("pk").values())
        content[model._meta.label] = rows
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            content[f"{model._meta.label}.{field.name}"] = list(
                through.objects.order_by("pk").values()
            )
    return content
