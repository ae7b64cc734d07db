"""Joining a live session without an account: the session's code, then a signed link.

The link carries ``{"m": meeting id, "p": participant id, "k": participant key}`` signed with
Django's ``TimestampSigner`` (salted for this use). It is valid for ``JOIN_LINK_MAX_AGE``
seconds (12 hours: one session day) and only while joining is open for the session.
Guessing codes is rate-limited per address: only *wrong* codes count, so a whole room behind
one Wi-Fi address can join.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from weefwerk.trajectories.models import JOIN_ALPHABET, Meeting

SALT = "weefwerk.workshop.join"
COOKIE_PREFIX = "ww_doe_mee_"


def max_age() -> int:
    return getattr(settings, "WORKSHOP_LINK_MAX_AGE", 12 * 60 * 60)


def guess_limit() -> tuple[int, int]:
    """(wrong codes allowed, per this many seconds) per address."""
    return (
        getattr(settings, "WORKSHOP_CODE_TRIES", 20),
        getattr(settings, "WORKSHOP_CODE_WINDOW", 10 * 60),
    )


class LinkInvalid(Exception):
    """The link was changed, is too old, or its participant is gone."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "forged", "expired" or "gone"


def make_token(participant) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object(
        {"m": participant.meeting_id, "p": participant.pk, "k": participant.key}, compress=True
    )


@dataclass(frozen=True)
class LinkData:
    meeting_id: int
    participant_id: int
    key: str


def read_token(token: str, *, now: float | None = None) -> LinkData:
    """The link's contents, or ``LinkInvalid``. ``now`` (a Unix time) is for tests."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        data = signer.unsign_object(token, max_age=None if now is not None else max_age())
        if now is not None:
            timestamp = signing.b62_decode(token.rsplit(signer.sep, 2)[1])
            if now - timestamp > max_age():
                raise signing.SignatureExpired("link too old")
    except signing.SignatureExpired as error:
        raise LinkInvalid("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkInvalid("forged") from error
    try:
        return LinkData(int(data["m"]), int(data["p"]), str(data["k"]))
    except (KeyError, TypeError, ValueError) as error:
        raise LinkInvalid("forged") from error


def resolve(token: str):
    """The participant of a valid link, with meeting and person loaded; or ``LinkInvalid``."""
    from weefwerk.workshop.models import Participant

    data = read_token(token)
    participant = (
        Participant.objects.select_related("meeting", "person")
        .filter(pk=data.participant_id, meeting_id=data.meeting_id, key=data.key)
        .first()
    )
    if participant is None:
        raise LinkInvalid("gone")
    return participant


def normalise_code(code: str) -> str:
    """Upper case, without spaces and dashes; '0' and 'O' or '1' and 'I' are never in codes."""
    return "".join(code.split()).replace("-", "").upper()


def meeting_for_code(code: str) -> Meeting | None:
    code = normalise_code(code)
    if not code or len(code) > 12 or any(c not in JOIN_ALPHABET for c in code):
        return None
    return Meeting.objects.select_related("trajectory").filter(join_code=code).first()


def is_open(meeting: Meeting) -> bool:
    return meeting.joining_open and meeting.status != Meeting.Status.CANCELLED


# --------------------------------------------------------------------------------------------
# Rate limit on wrong codes, per address.


def client_ip(request) -> str:
    """The client's address; behind the TLS proxy the last X-Forwarded-For entry (the one the
    proxy added), so a client cannot pick its own."""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "onbekend"


def _key(ip: str) -> str:
    return f"workshop:code-guess:{ip}"


def guesses_blocked(ip: str) -> bool:
    tries, _window = guess_limit()
    return (cache.get(_key(ip)) or 0) >= tries


def guess_failed(ip: str) -> int:
    _tries, window = guess_limit()
    key = _key(ip)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
