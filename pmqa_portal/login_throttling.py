"""Limits on guessing at the sign-in pages: the client's address, the helpers django-axes calls
(settings: AXES_CLIENT_IP_CALLABLE, AXES_USERNAME_CALLABLE) and the password-reset limit."""

import hashlib
import ipaddress
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

# django-axes stores the typed username in a 255-character column; Django's login
# form does not stop a longer one before authenticating, and PostgreSQL would then
# refuse the row and turn a failed login into a server error.
STORED_USERNAME_LENGTH = 255

# A person who forgot their password asks again once or twice while the mail is on its way;
# more than that to one mailbox is someone filling it. One client address is shared by a
# whole office behind its NAT, so it may ask for more mailboxes.
PASSWORD_RESET_WINDOW = timedelta(hours=1)
PASSWORD_RESETS_PER_EMAIL = 3
PASSWORD_RESETS_PER_ADDRESS = 20


def client_address(request) -> str | None:
    """The address the person's request came from, as the trusted proxies in front of the portal saw it.

    Each of the settings.TRUSTED_PROXY_COUNT proxies appends the address it was reached from to
    X-Forwarded-For, so the Nth entry from the right was written by the outermost trusted proxy;
    anything to its left came from the client and may be forged. When the header is shorter than
    the chain or garbled, the request did not pass through the proxies, and the connecting address
    is all that is known.
    """
    connected = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return connected
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return connected
    try:
        return str(ipaddress.ip_address(forwarded[-proxies].strip()))
    except ValueError:
        return connected


def typed_username(request, credentials: dict | None) -> str | None:
    """The username a login attempt gave, cut to the length django-axes stores."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    if username is None:
        return None
    return str(username)[:STORED_USERNAME_LENGTH]


def password_reset_allowed(request, email: str) -> bool:
    """Whether a reset mail may be sent now: neither the client address nor the mailbox asked too often.

    Counted by what was typed, never by whether an account has that e-mail, so the answer tells
    nobody who is registered.
    """
    return _within_limit(f"address:{client_address(request)}", PASSWORD_RESETS_PER_ADDRESS) and _within_limit(
        f"email:{email.strip().lower()}", PASSWORD_RESETS_PER_EMAIL
    )


def _within_limit(subject: str, limit: int) -> bool:
    """Count one request for the subject in the current window; True while the count is within the limit.

    The cache only counts: when it cannot be reached the request goes through, since a person
    locked out of resetting their password is worse than a few extra mails.
    """
    key = "password-reset:" + hashlib.sha256(subject.encode()).hexdigest()
    try:
        cache.add(key, 0, timeout=int(PASSWORD_RESET_WINDOW.total_seconds()))
        return cache.incr(key) <= limit
    except ValueError:  # the window ended between add() and incr(): this request starts the next one
        return True
    except Exception:
        logger.warning("Password-reset limit not checked: the cache could not be reached.", exc_info=True)
        return True
