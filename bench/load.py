"""Pages under load: gunicorn with two workers on a prepared database, N clients on loopback.

    uv run --frozen python bench/load.py --clients 32 --seconds 20
    uv run --frozen python bench/load.py --size 100000 --clients 8 --kinds list,facets,map

Works on a copy of ``var/bench/size-<size>-*/guichet.sqlite3`` (prepared by ``bench/run.py``;
when there is none, a small catalogue is generated with ``guichet generate``), in a
temporary directory, with DEBUG off and the static files collected with their manifest,
as in production. Clients are threads with ``http.client`` asking for gzip. Each page kind
(home, list, facets, detail, search, match, map, and the trivial view ``/sante/``) is run
alone in turn, every client on it, for ``--seconds`` after ``--warmup``; ``--mix`` runs
them all at once instead. Prints one line per kind (requests/s, p50, p95, worst, 5xx,
bytes sent compressed) and one JSON object with ``--json``. Bounded: loopback only, a
fixed duration, the server stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from statistics import quantiles
from typing import Any
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
QUERIES = ["chatbot clients", "aide régionale IA", "maintenance prédictive machines"]
NEEDS = ["réduire la facture d'énergie de mon entreprise", "un chatbot pour ma boulangerie"]
KINDS = ("home", "list", "facets", "detail", "search", "match", "map", "trivial")


def prepared_database(size: int) -> Path | None:
    found = sorted((ROOT / "var" / "bench").glob(f"size-{size}-*/guichet.sqlite3"))
    return found[-1] if found else None


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy, WAL included, through SQLite's online backup."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def environment(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # the copied SQLite database, whatever the shell says
    env.pop("REDIS_URL", None)
    env.update(
        GUICHET_VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY="load-bench-only-not-for-production",  # noqa: S106 (a throw-away copy)
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own command, fixed arguments
        [sys.executable, "-m", "guichet", *args], cwd=ROOT, env=env, check=True
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def sample_slugs(database: Path, table: str, limit: int = 200) -> list[str]:
    with sqlite3.connect(database) as db:
        rows = db.execute(
            f"SELECT slug FROM {table} WHERE status = 'published' ORDER BY id LIMIT ?",  # noqa: S608
            (limit,),
        ).fetchall()
    return [row[0] for row in rows]


def synthetic_only(database: Path) -> bool:
    with sqlite3.connect(database) as db:
        real = db.execute(
            "SELECT COUNT(*) FROM catalogue_solution WHERE status = 'published' "
            "AND NOT is_synthetic"
        ).fetchone()[0]
    return real == 0


def paths(database: Path) -> dict[str, list[str]]:
    """A few addresses per page kind; the generated catalogues are synthetic (``synthetic=1``)."""
    side = "synthetic=1" if synthetic_only(database) else "synthetic=0"
    details = [f"/solutions/{s}/" for s in sample_slugs(database, "catalogue_solution")]
    details += [f"/dispositifs/{s}/" for s in sample_slugs(database, "catalogue_scheme", 50)]
    details += [f"/formations/{s}/" for s in sample_slugs(database, "catalogue_training", 50)]
    lists = ["solutions", "formations", "dispositifs", "evenements", "lieux"]
    return {
        "home": ["/"],
        "list": [f"/{name}/?{side}" for name in lists]
        + [f"/{name}/?{side}&page={p}" for name in lists for p in (2, 7)],
        "facets": [
            f"/solutions/?{side}&technique=vision",
            f"/solutions/?{side}&region=93",
            f"/formations/?{side}&level=beginner",
            f"/dispositifs/?{side}&aid_type=financement",
        ],
        "detail": details,
        "search": [f"/recherche/?{side}&q={quote_plus(q)}" for q in QUERIES],
        "match": [f"/trouver-de-l-aide/?{side}&need={quote_plus(n)}" for n in NEEDS],
        "map": [f"/carte/?{side}", f"/carte/points.json?{side}"],
        "trivial": ["/sante/"],
    }


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped at start-up")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/sante/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer in time")


class Client(threading.Thread):
    def __init__(self, port: int, plan: list[tuple[str, str]], stop_at: float, seed: int):
        super().__init__(daemon=True)
        self.port, self.plan, self.stop_at = port, plan, stop_at
        self.random = random.Random(seed)  # noqa: S311 - which page next, not a secret
        self.samples: list[tuple[str, float, int, int]] = []  # kind, seconds, status, bytes

    def run(self) -> None:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        headers = {"Accept-Encoding": "gzip", "Connection": "keep-alive"}
        while time.monotonic() < self.stop_at:
            kind, path = self.random.choice(self.plan)
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                body = response.read()
                status = response.status
            except Exception:  # counted as a failure (599), the client goes on
                conn.close()
                conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
                body, status = b"", 599
            self.samples.append((kind, time.perf_counter() - start, status, len(body)))
        conn.close()


def summary(samples: list[tuple[str, float, int, int]], seconds: float) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for kind in KINDS:
        times = sorted(t for k, t, _, _ in samples if k == kind)
        if not times:
            continue
        cuts = quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
        sizes = [b for k, _, _, b in samples if k == kind]
        report[kind] = {
            "requests": len(times),
            "per_second": round(len(times) / seconds, 1),
            "p50_ms": round(cuts[49] * 1000, 1),
            "p95_ms": round(cuts[94] * 1000, 1),
            "max_ms": round(times[-1] * 1000, 1),
            "errors_5xx": sum(1 for k, _, s, _ in samples if k == kind and s >= 500),
            "not_200": sum(1 for k, _, s, _ in samples if k == kind and s != 200),
            "mean_kb_sent": round(sum(sizes) / len(sizes) / 1024, 1),
        }
    return report


def run_phase(
    port: int, plan: list[tuple[str, str]], clients: int, warmup: float, seconds: float, seed: int
) -> dict[str, Any]:
    """``clients`` threads over ``plan`` for ``warmup`` seconds (not counted), then ``seconds``."""
    if warmup:
        warm_end = time.monotonic() + warmup
        warm = [Client(port, plan, warm_end, seed + i) for i in range(clients)]
        for client in warm:
            client.start()
        for client in warm:
            client.join()
    stop_at = time.monotonic() + seconds
    counted = [Client(port, plan, stop_at, seed + 1000 + i) for i in range(clients)]
    started = time.monotonic()
    for client in counted:
        client.start()
    for client in counted:
        client.join()
    return summary([s for c in counted for s in c.samples], time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=10000, help="prepared catalogue size")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20, help="per kind (or for the mix)")
    parser.add_argument("--warmup", type=float, default=5, help="seconds not counted, each")
    parser.add_argument("--mix", action="store_true", help="every kind at once, drawn in turn")
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated page kinds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if not 1 <= args.clients <= 256 or not 1 <= args.seconds <= 900:
        parser.error("1-256 clients, 1-900 seconds")
    kinds = [k for k in args.kinds.split(",") if k]
    if unknown := set(kinds) - set(KINDS):
        parser.error(f"unknown kinds: {sorted(unknown)}")

    work = Path(tempfile.mkdtemp(prefix="guichet-load-"))
    server = None
    try:
        env = environment(work)
        database = work / "guichet.sqlite3"
        source = prepared_database(args.size)
        if source is not None:
            copy_database(source, database)
        else:
            manage(env, "migrate", "--no-input", "-v", "0")
            manage(env, "generate", "--size", str(min(args.size, 2000)))
        manage(env, "collectstatic", "--no-input", "-v", "0")
        addresses = paths(database)
        plan = [(kind, path) for kind in kinds for path in addresses[kind]]
        # Each kind drawn as often as the others, whatever its number of addresses.
        weights = {kind: len(addresses[kind]) for kind in kinds}
        plan = [(k, p) for k, p in plan for _ in range(max(weights.values()) // weights[k])]

        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - our own server, loopback only
            [
                sys.executable,
                "-m",
                "gunicorn",
                "guichet.config.wsgi",
                f"--workers={args.workers}",
                f"--bind={HOST}:{port}",
                "--log-level=warning",
                "--timeout=120",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_until_up(port, server)
        report = {}
        if args.mix:
            report = run_phase(port, plan, args.clients, args.warmup, args.seconds, args.seed)
        else:
            # One kind at a time, each with every client: its own throughput and latency,
            # beside the trivial view's in the same run on the same server.
            for kind in kinds:
                alone = [(k, p) for k, p in plan if k == kind]
                report.update(
                    run_phase(port, alone, args.clients, args.warmup, args.seconds, args.seed)
                )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    lines = [
        f"size {args.size}, {args.clients} clients, {args.seconds:.0f} s "
        f"{'for the mix' if args.mix else 'per kind'}, "
        f"{args.workers} workers; {machine}; load average {os.getloadavg()[0]:.1f}",
        f"{'kind':<8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'5xx':>4} {'KB':>6}",
    ]
    lines += [
        f"{kind:<8} {row['per_second']:>7} {row['p50_ms']:>8} {row['p95_ms']:>8} "
        f"{row['max_ms']:>8} {row['errors_5xx']:>4} {row['mean_kb_sent']:>6}"
        for kind, row in report.items()
    ]
    if args.json:
        lines.append(json.dumps({"size": args.size, "clients": args.clients, "kinds": report}))
    sys.stdout.write("\n".join(lines) + "\n")
    if any(row["errors_5xx"] for row in report.values()):
        raise SystemExit("server errors during the run")


if __name__ == "__main__":
    main()
