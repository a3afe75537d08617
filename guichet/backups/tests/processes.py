"""Running the ``guichet`` command and fresh Python processes on a GUICHET_VAR_DIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "guichet" / "territories" / "tests" / "fixtures"
PREPARE = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("load-territories", "--source", sys.argv[1], "--centres", sys.argv[2])
call_command("load-demo")
"""
# What a visitor and an operator would compare, printed as JSON by a fresh process.
COMPARE = """
import json, django
django.setup()
from guichet.backups.selectors import live_counts
from guichet.search.selectors import parse_search, search
params, errors = parse_search({"q": "chatbot"})
found = search(params, cached=False)
print(json.dumps({
    "counts": live_counts(),
    "search": [[r.kind, r.slug, r.title] for r in found.results],
    "total": found.count,
}))
"""


def environment(var_dir: Path, *, database_url: str = "") -> dict[str, str]:
    """The demo's environment in ``var_dir``: SQLite there unless ``database_url`` is given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "MEDIA_ROOT", "STATIC_ROOT", "SEARCH_BACKEND"}
    }
    env.update(
        DEBUG="true",
        SECRET_KEY="x",
        GUICHET_VAR_DIR=str(var_dir),
        DJANGO_SETTINGS_MODULE="guichet.config.settings",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run(
    var_dir: Path, arguments: list[str], *, database_url: str = ""
) -> subprocess.CompletedProcess[str]:
    """``python ARGUMENTS`` from the repository, in ``var_dir``'s environment."""
    return subprocess.run(  # noqa: S603 - our own code and commands
        [sys.executable, *arguments],
        env=environment(var_dir, database_url=database_url),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def guichet(var_dir: Path, *arguments: str, database_url: str = "") -> str:
    """The ``guichet`` command's output; it must succeed."""
    result = run(var_dir, ["-m", "guichet", *arguments], database_url=database_url)
    assert result.returncode == 0, f"guichet {' '.join(arguments)}:\n{result.stderr}"
    return result.stdout


def python(var_dir: Path, code: str, *arguments: str, database_url: str = "") -> str:
    """The output of ``python -c CODE``; it must succeed."""
    result = run(var_dir, ["-c", code, *arguments], database_url=database_url)
    assert result.returncode == 0, result.stderr
    return result.stdout


def compared(var_dir: Path, *, database_url: str = "") -> dict:
    """Rows per main table and the answer to « chatbot », read by a fresh process."""
    output = python(var_dir, COMPARE, database_url=database_url)
    return json.loads(output.strip().splitlines()[-1])
