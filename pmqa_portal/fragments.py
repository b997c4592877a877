"""Rendered page fragments kept in the shared cache under the versions of the tables they read.

A busy page renders its rows once per change of the underlying tables instead of
once per request: the key holds the fragment's name, what it varies on (the
query string, the reader's visibility scope) and the language; the entry holds
the tokens of the tables (`pmqa_portal.versions`) it was made under, so after a
write to any of them it is made again.
"""

import hashlib
from collections.abc import Callable

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from pmqa_portal import versions

# What `{% csrf_token %}` writes inside a cached fragment; each response puts the reader's own token there.
CSRF_PLACEHOLDER = "pmqa-csrf-placeholder-7f3c"
CSRF_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()
# Where render_with_body() puts a body kept as bytes.
BODY_MARKER = mark_safe("<!--pmqa-body-7f3c-->")  # noqa: S308  # nosec B308 B703 - a constant HTML comment
BODY_MARKER_BYTES = BODY_MARKER.encode()
# A fragment whose tables were written outside Django (psql) shows for at most this long.
FRAGMENT_SECONDS = 15 * 60


def key(name: str, vary) -> str:
    parts = [get_language() or "", *(str(part) for part in vary)]
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
    return f"pmqa:fragment:{name}:{digest}"


def render_fragment(template_name: str, context: dict, request) -> str:
    """A template rendered for the cache: its forms' CSRF fields hold a placeholder, not this reader's token."""
    return render_to_string(template_name, {**context, "csrf_token": CSRF_PLACEHOLDER}, request)


def cached(name: str, *, tables, vary=(), render: Callable[[], object], request=None):
    """The fragment from the cache, or `render()` stored there.

    `render()` returns rendered template HTML (or a tuple of it and plain values). With `request`,
    the CSRF placeholders of HTML made by render_fragment() get the reader's token (with_token()).
    """
    cache_key = key(name, vary)
    value, tokens = versions.lookup(cache_key, tables)
    if value is None:
        value = render()
        versions.store(cache_key, str(value) if isinstance(value, SafeString) else value, tokens, FRAGMENT_SECONDS)
    return with_token(value, request) if request is not None else value


def render_with_body(request, template_name: str, context: dict, body: bytes) -> HttpResponse:
    """The page with a large cached body (UTF-8 bytes) put in as bytes: a capture page of 500 points is
    some 700 KB, and decoding, joining and encoding it again would cost more than the rest of the request.
    The template writes `{{ body }}` where the body goes."""
    response = render(request, template_name, {**context, "body": BODY_MARKER})
    if CSRF_PLACEHOLDER_BYTES in body:
        body = body.replace(CSRF_PLACEHOLDER_BYTES, get_token(request).encode())
    response.content = response.content.replace(BODY_MARKER_BYTES, body, 1)
    return response


def with_token(html: str, request) -> SafeString:
    """Rendered HTML (escaped when it was rendered) with the reader's CSRF token in place of the placeholders."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    # The output of render_to_string, escaped when it was rendered; the token is letters and digits.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703
