"""The e-mail that tells someone they were given access, with a link to choose a password."""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def password_link(request, user) -> str:
    """An absolute link to the page where ``user`` chooses a password (one use, a few days)."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def send_invitation(request, *, user, trajectory) -> None:
    """Invite a user who has no password yet to ``trajectory``."""
    context = {
        "user": user,
        "trajectory": trajectory,
        "inviter": request.user,
        "link": password_link(request, user),
        "login_url": request.build_absolute_uri(reverse("accounts:login")),
    }
    subject = render_to_string("accounts/invitation_subject.txt", context)
    body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
