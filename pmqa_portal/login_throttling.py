"""Helpers django-axes calls (settings: AXES_USERNAME_CALLABLE)."""

from django.conf import settings

# django-axes stores the typed username in a 255-character column; Django's login
# form does not stop a longer one before authenticating, and PostgreSQL would then
# refuse the row and turn a failed login into a server error.
STORED_USERNAME_LENGTH = 255


def typed_username(request, credentials: dict | None) -> str | None:
    """The username a login attempt gave, cut to the length django-axes stores."""
    source = credentials if credentials else getattr(request, "POST", {})
    username = source.get(settings.AXES_USERNAME_FORM_FIELD) if source else None
    if username is None:
        return None
    return str(username)[:STORED_USERNAME_LENGTH]
