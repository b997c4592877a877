"""With DEBUG off the settings are strict: secure cookies, HSTS, `check --deploy` clean.

The settings module reads the environment once, at import, so each check runs in
a fresh interpreter with production-like variables.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "test-" + "k3y-w1th-enough-entropy-for-the-deploy-check-" * 2,
    "ALLOWED_HOSTS": "pmqa.example.go.th",
    "DATABASE_URL": "sqlite:///:memory:",
    # Read, never connected to, by the checks: production shares one cache between its processes.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def run(args, **extra_env):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; production never does.
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(PRODUCTION_ENV, **extra_env)
    return subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PRINT_SETTINGS = """
import django, json
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in [
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "AXES_ENABLED",
]}))
"""


def test_cookies_are_secure_and_hsts_is_on():
    result = run(["-c", PRINT_SETTINGS], DJANGO_SETTINGS_MODULE="pmqa_portal.settings")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["AXES_ENABLED"] is True


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["-c", PRINT_SETTINGS], DJANGO_SETTINGS_MODULE="pmqa_portal.settings", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
