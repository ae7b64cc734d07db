"""Settings for every environment. Development and test modules only set defaults."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from weefwerk.conf.env import config

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(config("WEEFWERK_HOME", str(Path.cwd())))
VAR_DIR = Path(config("WEEFWERK_VAR", str(BASE_DIR / "var")))

DEBUG = config("DEBUG", False, cast=bool)
SECRET_KEY = config("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-change-me"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = config("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], split=True)
CSRF_TRUSTED_ORIGINS = config("CSRF_TRUSTED_ORIGINS", [], split=True)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "channels",
    "weefwerk.accounts",
    "weefwerk.trajectories",
    "weefwerk.people",
    "weefwerk.planning",
    "weefwerk.grouping",
    "weefwerk.networkmap",
    "weefwerk.cases",
    "weefwerk.workshop",
    "weefwerk.actions",
    "weefwerk.reports",
    "weefwerk.archive",
    "weefwerk.personaldata",
    "weefwerk.public",
    "weefwerk.ui",
    "weefwerk.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weefwerk.ui.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "weefwerk.personaldata.middleware.AuditUserMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "weefwerk.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "weefwerk.conf.urls"
ASGI_APPLICATION = "weefwerk.conf.asgi.application"
WSGI_APPLICATION = "weefwerk.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        config("DATABASE_URL", f"sqlite:///{VAR_DIR / 'weefwerk.sqlite3'}"),
        conn_max_age=config("DATABASE_CONN_MAX_AGE", 0, cast=int),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = config("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "weefwerk",
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "weefwerk.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "trajectories:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor authentication (authenticator app). BIO asks for it on accounts reachable over
# the internet; when on, facilitators and administrators must set it up before they go on.
REQUIRE_2FA = config("REQUIRE_2FA", False, cast=bool)
OTP_TOTP_ISSUER = config("OTP_TOTP_ISSUER", "Weefwerk")

# Login throttling: lock a username + address pair after five failures for an hour.
AXES_FAILURE_LIMIT = config("AXES_FAILURE_LIMIT", 5, cast=int)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "weefwerk.accounts.forms.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Behind the TLS proxy every request comes from the proxy: take the client from X-Forwarded-For.
if config("BEHIND_HTTPS_PROXY", False, cast=bool):
    AXES_IPWARE_PROXY_COUNT = config("PROXY_COUNT", 1, cast=int)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(config("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(config("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": config(
            "STATICFILES_BACKEND",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

EMAIL_BACKEND = config("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = config("EMAIL_HOST", "localhost")
EMAIL_PORT = config("EMAIL_PORT", 25, cast=int)
EMAIL_HOST_USER = config("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = config("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = config("EMAIL_USE_TLS", False, cast=bool)
DEFAULT_FROM_EMAIL = config("DEFAULT_FROM_EMAIL", "Weefwerk <noreply@weefwerk.invalid>")

# Coordinated vulnerability disclosure (/.well-known/security.txt).
SECURITY_CONTACT = config("SECURITY_CONTACT", "mailto:security@weefwerk.invalid")
SECURITY_POLICY_URL = config("SECURITY_POLICY_URL", "")
# The accessibility statement (/toegankelijkheid): whom to contact, and when it was last reviewed.
ACCESSIBILITY_CONTACT = config("ACCESSIBILITY_CONTACT", "")
ACCESSIBILITY_REVIEWED = config("ACCESSIBILITY_REVIEWED", "2026-12-03")

# Calendar files: each session's UID is "weefwerk-meeting-<id>@<this>". Set it once to the
# instance's own domain and never change it, or calendars will show every session twice.
CALENDAR_UID_DOMAIN = config("CALENDAR_UID_DOMAIN", "weefwerk.invalid")

# The instance's address, for links in e-mails sent without a request (reminders).
WEEFWERK_BASE_URL = config("WEEFWERK_BASE_URL", "http://127.0.0.1:8000")
# Follow-up: reminder this many days before a follow-up meeting; dots per person when voting.
ACTIONS_REMINDER_DAYS_AHEAD = config("ACTIONS_REMINDER_DAYS_AHEAD", 7, cast=int)
ACTIONS_DOTS_PER_PERSON = config("ACTIONS_DOTS_PER_PERSON", 3, cast=int)
# Seconds the group optimiser may use on a click ("maak groepen") and for the forecast.
WEEFWERK_GROUPS_SECONDS = config("WEEFWERK_GROUPS_SECONDS", 2.0, cast=float)
WEEFWERK_FORECAST_SECONDS = config("WEEFWERK_FORECAST_SECONDS", 2.0, cast=float)

# Uploads: imports are read in memory; keep them bounded.
IMPORT_MAX_BYTES = config("IMPORT_MAX_BYTES", 5 * 1024 * 1024, cast=int)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# Django 6 behaviour now: a URL typed without a scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = config("SECURE_COOKIES", not DEBUG, cast=bool)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if config("BEHIND_HTTPS_PROXY", False, cast=bool) else None
)
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every layout step at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"}},
}
