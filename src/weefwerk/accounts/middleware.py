from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from weefwerk.accounts.twofactor import needs_two_factor

# Paths a user who still owes a second factor may open.
OPEN_PREFIXES = ("/account/", "/static/", "/toegankelijkheid", "/.well-known/", "/i18n/")


class TwoFactorMiddleware:
    """Sends a logged-in user who needs a second factor to set it up or enter a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and needs_two_factor(user)
        ):
            next_url = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:two_factor')}?{next_url}")
        return self.get_response(request)
