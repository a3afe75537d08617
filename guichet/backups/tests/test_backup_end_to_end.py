"""A running demo, backed up and restored into a fresh directory, answers the same.

Everything runs in subprocesses on SQLite, as an operator would: one process prepares the
demo (migrate, load-territories with the small fixture files, load-demo), another serves
it, ``guichet backup`` saves it while it serves, ``guichet restore`` puts it into another
GUICHET_VAR_DIR, and a fresh process in each directory reads the catalogue (rows per table)
and a search. Slow-ish (seven Python processes) but kept in the suite: it is the only test
of the two commands from a shell.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from .processes import FIXTURES, PREPARE, REPO, compared, environment, guichet, python


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        return response.status


@pytest.fixture
def served_demo(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A demo database in its own GUICHET_VAR_DIR, served on a loopback port."""
    var_dir = tmp_path / "source"
    python(var_dir, PREPARE, str(FIXTURES / "cog"), str(FIXTURES / "centres.csv"))
    (var_dir / "media" / "logos").mkdir(parents=True)
    (var_dir / "media" / "logos" / "fournil.png").write_bytes(b"\x89PNG demo logo")
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [
            sys.executable,
            "-m",
            "guichet",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
            "--skip-checks",
        ],
        env=environment(var_dir),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(f"{url}/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        yield var_dir, url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_backup_of_a_running_demo_restores_into_a_fresh_directory(
    served_demo: tuple[Path, str], tmp_path: Path
) -> None:
    """The restored copy has the same rows per table, search answers and uploaded files."""
    source, url = served_demo
    archive = tmp_path / "sauvegardes" / "demo.tar.gz"

    out = guichet(source, "backup", "--output", str(archive))
    assert "Sauvegarde écrite" in out
    assert get(f"{url}/recherche/?q=chatbot") == 200, "the site serves after the backup"

    target = tmp_path / "fresh"
    out = guichet(target, "restore", str(archive))
    assert "Base SQLite restaurée" in out
    assert "Index « sqlite » en ordre" in out

    before, after = compared(source), compared(target)
    assert before["counts"]["catalogue.Solution"] > 0
    assert before["search"], "the demo should answer « chatbot »"
    assert after == before
    restored = target / "media" / "logos" / "fournil.png"
    assert restored.read_bytes() == b"\x89PNG demo logo"
