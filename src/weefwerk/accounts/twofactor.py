"""Two-factor authentication with an authenticator app (TOTP), on top of django-otp."""

import segno
from django.conf import settings
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from weefwerk.trajectories.models import Membership, Role


def confirmed_device(user):
    return next(iter(devices_for_user(user, confirmed=True)), None)


def needs_two_factor(user) -> bool:
    """Whether this user must use a second factor before going on.

    Anyone who set one up uses it. When the instance requires it, administrators and
    facilitators must set one up.
    """
    if not user.is_authenticated:
        return False
    if confirmed_device(user) is not None:
        return True
    if not settings.REQUIRE_2FA:
        return False
    return user.is_staff or Membership.objects.filter(user=user, role=Role.FACILITATOR).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device that the setup page shows; one per user, made on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code, with a text alternative beside it."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR-code")
