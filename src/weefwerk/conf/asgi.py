import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weefwerk.conf.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402

# WebSocket routes join here when the live-session app lands.
application = ProtocolTypeRouter({"http": django_asgi_app})
