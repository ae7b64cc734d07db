"""Small helpers for the account tests: log in through the real form, compute TOTP codes."""

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "geheim-wachtwoord-123"  # the factories' password


def log_in(client, email, password=PASSWORD, **extra):
    """Post the login form, as a browser would (so django-axes and django-otp take part)."""
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app shows now. Forgets the last used code, so tests may log in
    twice within one 30-second window without tripping the replay protection."""
    device.refresh_from_db()
    device.last_t = -1
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = code_for(device)
    return f"{(int(right) + 1) % 10**device.digits:0{device.digits}d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
