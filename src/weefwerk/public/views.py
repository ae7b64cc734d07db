from datetime import date, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView


def home(request):
    if request.user.is_authenticated:
        return redirect("trajectories:list")
    return redirect("accounts:login")


class AccessibilityView(TemplateView):
    template_name = "public/accessibility.html"

    def get_context_data(self, **kwargs):
        contact = settings.ACCESSIBILITY_CONTACT
        return super().get_context_data(
            contact=contact,
            contact_is_email="@" in contact and "://" not in contact,
            reviewed=date.fromisoformat(settings.ACCESSIBILITY_REVIEWED),
            **kwargs,
        )


@require_GET
def security_txt(request):
    """RFC 9116: where to report a vulnerability. Expires a year ahead, as the RFC advises."""
    expires = (timezone.now() + timedelta(days=365)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
