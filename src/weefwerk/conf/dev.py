"""Development defaults: DEBUG on, local SQLite, console e-mail. Everything else from base."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

from weefwerk.conf.settings import *  # noqa: E402,F403
