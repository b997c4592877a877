"""Every page carries a Content-Security-Policy that forbids inline script."""

from django.urls import reverse


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_pages_send_the_policy(client, db):
    directives = policy(client.get(reverse("login")))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert sorted(directives["img-src"]) == sorted(["'self'", "data:"])
    assert directives["font-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_no_unsafe_keyword_anywhere(client, db):
    header = client.get(reverse("home"))["Content-Security-Policy"]
    assert "unsafe" not in header
    assert "nonce" not in header


def test_admin_sends_the_policy_too(client_for, administrator):
    response = client_for(administrator).get(reverse("admin:index"))
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_htmx_is_told_not_to_inject_its_indicator_style(client, db):
    content = client.get(reverse("home")).content.decode()
    assert '"includeIndicatorStyles": false' in content


def test_other_security_headers(client, db):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
