"""Typed readers of environment variables that fail loudly on a bad value.

Every setting comes through these helpers so that a typo in production
(``DEBUG=ture``, ``EMAIL_PORT=twenty``) stops the start-up with a message
naming the variable instead of silently running with a default.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on", "oui", "vrai"}
FALSE_WORDS = {"0", "false", "no", "off", "non", "faux", ""}


class ConfigurationError(RuntimeError):
    """A setting read from the environment is missing or malformed."""


def _raw(name: str) -> str | None:
    """The variable's value, or the content of the file named by ``<NAME>_FILE``.

    The ``_FILE`` form lets container secrets (mounted files) stay out of the
    process environment.
    """
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        path = Path(file_name)
        if not path.is_file():
            raise ConfigurationError(f"{name}_FILE points to {file_name!r}, which is not a file.")
        return path.read_text(encoding="utf-8").strip()
    return os.environ.get(name)


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ConfigurationError(f"The environment variable {name} is required.")
        if default is None:
            return ""
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    value = _raw(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigurationError(
        f"{name}={value!r} is not a boolean: use one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ConfigurationError(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name}={number} is below the minimum {minimum}.")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def env_colour(name: str, default: str) -> str:
    value = env_str(name, default)
    if not _COLOUR.match(value):
        raise ConfigurationError(f"{name}={value!r} is not a colour of the form #RRGGBB.")
    return value.lower()
