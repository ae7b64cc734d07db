import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weefwerk.conf.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from weefwerk.workshop.routing import websocket_urlpatterns  # noqa: E402

# HTTP through Django; WebSockets (live walls and phones) with the session's user, only from
# pages served by one of ALLOWED_HOSTS.
application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
