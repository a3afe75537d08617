"""Production settings pass `check --deploy`; the demo on http keeps working; pages send the
security headers and contain no inline script."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

PROJECT = Path(__file__).resolve().parents[3]
# The two HSTS options a Region decides for its own domain stay off by default.
ACCEPTED_WARNINGS = {"security.W005", "security.W021"}


def run_with(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL"}}
    for key in ("DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"):
        clean.pop(key, None)
    return subprocess.run(  # noqa: S603 (the test's own arguments)
        [sys.executable, *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "guichet.config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT,
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path: Path) -> None:
    """With only what .env.example asks for, `check --deploy` has nothing to say."""
    result = run_with(
        {
            "DEBUG": "false",
            "SECRET_KEY": "k" * 20 + "production-only-4f9c2b7e1d3a5c8e0b6f" * 2,
            "ALLOWED_HOSTS": "ia.region.example",
            "BEHIND_TLS_PROXY": "true",
            "GUICHET_VAR_DIR": str(tmp_path),
        },
        "-m",
        "django",
        "check",
        "--deploy",
    )

    warnings = set(re.findall(r"\((security\.W\d+)\)", result.stdout + result.stderr))
    assert result.returncode == 0, result.stderr
    assert warnings <= ACCEPTED_WARNINGS, result.stderr


def test_the_demo_on_plain_http_is_not_sent_to_https(tmp_path: Path) -> None:
    """DEBUG on, no TLS front end: no https redirect, no secure-only cookies, no HSTS."""
    result = run_with(
        {"DEBUG": "true", "GUICHET_VAR_DIR": str(tmp_path)},
        "-c",
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False", "0"]


@pytest.mark.django_db
def test_pages_send_the_security_headers(client: Client) -> None:
    """CSP without inline script, nosniff, referrer, frames, features, HSTS over https."""
    response = client.get("/", secure=True)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce
    assert f'<style nonce="{nonce.group(1)}">' in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"] == "max-age=31536000"


def test_no_template_holds_an_inline_script() -> None:
    """Every <script> has a src or is a JSON data block; no on*= handler attributes."""
    offenders = []
    for template in sorted(PROJECT.glob("guichet/**/templates/**/*.html")):
        html = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(f"{template.relative_to(PROJECT)}: {tag}")
        for handler in re.findall(r"\son[a-z]+=\"", html):
            offenders.append(f"{template.relative_to(PROJECT)}: {handler.strip()}")
    assert offenders == []
