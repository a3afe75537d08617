"""Settings helpers fail loudly on bad values instead of guessing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guichet.config.env import ConfigurationError, env_bool, env_colour, env_int, env_list, env_str


def test_booleans_accept_french_and_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """ "oui", "true", "1" are true; "non", "false", "0" are false."""
    for word, expected in [
        ("oui", True),
        ("true", True),
        ("1", True),
        ("non", False),
        ("0", False),
    ]:
        monkeypatch.setenv("X_FLAG", word)
        assert env_bool("X_FLAG") is expected


def test_a_typo_in_a_boolean_stops_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """DEBUG=ture is an error naming the variable, not a silent False."""
    monkeypatch.setenv("X_FLAG", "ture")
    with pytest.raises(ConfigurationError, match="X_FLAG"):
        env_bool("X_FLAG")


def test_integers_and_minimums(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whole numbers are parsed; words and values under the minimum are refused."""
    monkeypatch.setenv("X_PORT", "2525")
    assert env_int("X_PORT", 25) == 2525
    monkeypatch.setenv("X_PORT", "twenty")
    with pytest.raises(ConfigurationError, match="X_PORT"):
        env_int("X_PORT", 25)
    monkeypatch.setenv("X_PORT", "0")
    with pytest.raises(ConfigurationError, match="minimum"):
        env_int("X_PORT", 25, minimum=1)


def test_lists_colours_and_secret_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Comma lists are trimmed, colours checked, and NAME_FILE reads a secret from a file."""
    monkeypatch.setenv("X_HOSTS", " a.example, b.example ,")
    assert env_list("X_HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("X_COLOUR", "blue")
    with pytest.raises(ConfigurationError, match="#RRGGBB"):
        env_colour("X_COLOUR", "#000000")
    secret = tmp_path / "secret"
    secret.write_text("s3cr3t\n")
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env_str("X_SECRET") == "s3cr3t"


def test_production_without_secret_key_refuses_to_start(tmp_path: Path) -> None:
    """With DEBUG off and no SECRET_KEY, importing the settings fails with a clear message."""
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "GUICHET_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "import guichet.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_sqlite_is_the_embedded_default_with_wal(tmp_path: Path) -> None:
    """Without DATABASE_URL the settings choose SQLite in WAL mode with a busy timeout."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "true",
        "GUICHET_VAR_DIR": str(tmp_path),
    }
    code = (
        "from guichet.config import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE']); print(d['OPTIONS']['init_command'])"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert "sqlite3" in result.stdout
    assert "journal_mode=WAL" in result.stdout
    assert "busy_timeout=" in result.stdout
