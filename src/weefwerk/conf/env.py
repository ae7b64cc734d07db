"""The one place where settings read the environment."""

import os

_TRUE = {"1", "true", "yes", "on", "ja"}


def config(name: str, default=None, *, cast=str, split: bool = False):
    """Read ``name`` from the environment, cast it, or return ``default``.

    ``cast=bool`` understands 1/true/yes/on; ``split=True`` turns a comma-separated value
    into a list of stripped, non-empty strings.
    """
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if split:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if cast is bool:
        return raw.strip().lower() in _TRUE
    return cast(raw)
