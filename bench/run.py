"""Search and matching benchmark: ``uv run --frozen python bench/run.py --sizes 10000 100000``.

For each size: a SQLite database of its own under ``--workdir`` (migrated, territories
loaded, a synthetic catalogue of that many entries generated with a fixed seed and mix,
the index paused during generation), kept and reused by later runs; then the index build
time (``search-index --rebuild``, every run) and, in ONE process (``measure.py``), the
latencies of our search, matching and the baselines (icontains, FTS5 default, tantivy),
and the relevance figures. Before it, the realistic mix (``mix.py``) runs in a process of
its own on a copy of the database: searches and writes, caches on and off.
The demo data get their own database for relevance on real entries (``--no-demo`` skips
it). Writes ``results.json`` and ``results.md`` in the workdir and prints the table.
See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SEED = 20260401
REFERENCE_DATE = "2026-06-01"
# Share of the total per kind. Organisations that own trainings (1 per 10), schemes
# (1 per 20) and places (1 per 2) are generated alongside and count in the total.
MIX = {
    "solutions": 0.35,
    "trainings": 0.20,
    "schemes": 0.10,
    "events": 0.15,
    "places": 0.04,
    "providers": 0.115,
}
TERRITORIES = [
    "load-territories",
    "--source",
    "node_modules/@etalab/decoupage-administratif/data",
    "--centres",
    "guichet/territories/data/communes-centres.csv",
]


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def counts_for(size: int) -> dict[str, int]:
    counts = {kind: round(size * share) for kind, share in MIX.items()}
    owners = -(-counts["trainings"] // 10) + -(-counts["schemes"] // 20) + -(-counts["places"] // 2)
    counts["providers"] += size - sum(counts.values()) - owners  # total exactly ``size``
    return counts


def env_for(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        GUICHET_VAR_DIR=str(var_dir),
        DEBUG="false",  # as in production: no query log kept for every SQL statement
        SECRET_KEY="bench-only-not-for-production",  # noqa: S106 (throw-away databases)
        SEARCH_BACKEND="",
        DJANGO_SETTINGS_MODULE="guichet.config.settings",
    )
    env.pop("DATABASE_URL", None)  # the embedded default, whatever the shell says
    env.pop("REDIS_URL", None)
    return env


def run(args: list[str], var_dir: Path, *, capture: bool = False) -> dict[str, Any]:
    """Run a child process; its wall time, peak RSS (os.wait4) and, if asked, its output."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own commands)
        args,
        cwd=ROOT,
        env=env_for(var_dir),
        stdout=subprocess.PIPE if capture else None,
        text=True,
    )
    output = process.stdout.read() if capture and process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode:
        sys.exit(f"failed ({process.returncode}): {' '.join(args)}")
    return {"seconds": seconds, "maxrss_mb": usage.ru_maxrss / 1024, "output": output}


def guichet(*args: str) -> list[str]:
    return [sys.executable, "-m", "guichet", *args]


def prepare(var_dir: Path, size: int | None) -> dict[str, Any]:
    """A database ready for measuring, made once: returns how it was made."""
    marker = var_dir / "prepared.json"
    if marker.exists():
        return json.loads(marker.read_text())
    var_dir.mkdir(parents=True, exist_ok=True)
    for leftover in var_dir.glob("guichet.sqlite3*"):
        leftover.unlink()  # an interrupted preparation starts again
    steps: dict[str, Any] = {}
    steps["migrate"] = run(guichet("migrate", "--no-input", "-v", "0"), var_dir)
    steps["territories"] = run(guichet(*TERRITORIES), var_dir)
    if size is None:
        steps["load_demo"] = run(guichet("load-demo"), var_dir)
    else:
        counts = counts_for(size)
        run(guichet("search-index", "--pause"), var_dir)
        options = [f"--{kind}={n}" for kind, n in counts.items()]
        steps["generate"] = run(
            guichet(
                "generate",
                *options,
                f"--seed={SEED}",
                f"--reference-date={REFERENCE_DATE}",
                "--no-progress",
            ),
            var_dir,
        )
        steps["counts"] = counts
    for step in steps.values():
        if isinstance(step, dict):
            step.pop("output", None)
    marker.write_text(json.dumps(steps, indent=2))
    return steps


def mix(var_dir: Path, ops: int) -> dict[str, Any]:
    """The realistic mix on a fresh copy of the database (its writes stay in the copy)."""
    copy_dir = var_dir / "mix"
    copy_dir.mkdir(exist_ok=True)
    for leftover in copy_dir.glob("guichet.sqlite3*"):
        leftover.unlink()
    source = sqlite3.connect(var_dir / "guichet.sqlite3")
    target = sqlite3.connect(copy_dir / "guichet.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    child = run(
        [sys.executable, str(BENCH_DIR / "mix.py"), f"--ops={ops}", f"--seed={SEED}"],
        copy_dir,
        capture=True,
    )
    report = json.loads(child["output"])
    report["maxrss_mb"] = child["maxrss_mb"]
    return report


def measure(var_dir: Path, *, synthetic: bool, repeats: int, relevance_only: bool) -> dict:
    args = [
        sys.executable,
        str(BENCH_DIR / "measure.py"),
        f"--synthetic={int(synthetic)}",
        f"--repeats={repeats}",
        f"--reference-date={REFERENCE_DATE}",
    ]
    if relevance_only:
        args.append("--relevance-only")
    child = run(args, var_dir, capture=True)
    report = json.loads(child["output"])
    report["wall_seconds"] = child["seconds"]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--repeats", type=int, default=3, help="Timed passes over the inputs.")
    parser.add_argument("--no-demo", action="store_true", help="Skip relevance on the demo data.")
    parser.add_argument(
        "--mix-ops", type=int, default=600, help="Operations of the realistic mix (0: skip it)."
    )
    parser.add_argument(
        "--mix-only", action="store_true", help="Run the realistic mix, not measure.py."
    )
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    results_file = workdir / "results.json"
    results: dict[str, Any] = json.loads(results_file.read_text()) if results_file.exists() else {}
    results["machine"] = machine()

    if not args.no_demo:
        var_dir = workdir / "demo"
        say("demo: preparing")
        prepared = prepare(var_dir, None)
        say("demo: measuring relevance")
        results["demo"] = {
            "prepared": prepared,
            "measure": measure(var_dir, synthetic=False, repeats=1, relevance_only=True),
        }
        save(results, workdir)

    for size in args.sizes:
        var_dir = workdir / f"size-{size}-seed-{SEED}"
        say(f"{size}: preparing (reused when already made)")
        prepared = prepare(var_dir, size)
        # A database made by an older checkout gets this one's migrations first.
        run(guichet("migrate", "--no-input", "-v", "0"), var_dir)
        say(f"{size}: rebuilding the index")
        rebuild = run(guichet("search-index", "--rebuild", "--no-progress"), var_dir, capture=True)
        results[str(size)] = {
            "commit": checkout(),
            "load_at_start": os.getloadavg(),
            "prepared": prepared,
            "rebuild": {
                "seconds": rebuild["seconds"],
                "maxrss_mb": rebuild["maxrss_mb"],
                "message": rebuild["output"].strip(),
            },
        }
        save(results, workdir)  # an interrupted measurement keeps the build figures
        if args.mix_ops:
            say(f"{size}: realistic mix ({args.mix_ops} operations, a process of its own)")
            results[str(size)]["mix"] = mix(var_dir, args.mix_ops)
            save(results, workdir)
        if args.mix_only:
            continue
        say(f"{size}: measuring (sections also land in {var_dir}/measure-partial.json)")
        results[str(size)]["measure"] = measure(
            var_dir, synthetic=True, repeats=args.repeats, relevance_only=False
        )
        save(results, workdir)
    say(table(results))


def checkout() -> str:
    """The commit measured, marked when the search code or the bench differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 (git, with our own arguments)
            ["git", *args],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "guichet", "bench")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if dirty else "")


def machine() -> dict[str, Any]:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = ""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    return {
        "commit": checkout(),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_at_start": os.getloadavg(),
    }


def save(results: dict[str, Any], workdir: Path) -> None:
    (workdir / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (workdir / "results.md").write_text(table(results) + "\n")


def _lat(figures: dict[str, float]) -> str:
    return f"{figures['p50_ms']:.1f} / {figures['p95_ms']:.1f}"


def _ratio(base: dict[str, float], ours: dict[str, float]) -> str:
    return f"{base['p50_ms'] / ours['p50_ms']:.1f}× / {base['p95_ms'] / ours['p95_ms']:.1f}×"


def table(results: dict[str, Any]) -> str:
    sizes = sorted((k for k in results if k.isdigit()), key=int)
    if not sizes:
        return ""
    head = "| | " + " | ".join(f"{int(s):,} entries".replace(",", " ") for s in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]

    def row(label: str, cell: Any) -> None:
        cells = []
        for size in sizes:
            try:
                cells.append(cell(results[size]))
            except (KeyError, ZeroDivisionError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("commit measured", lambda r: r.get("commit", "—"))
    row(
        "load average (1 min) at the start / end of the measuring process",
        lambda r: f"{r['load_at_start'][0]:.1f} / {r['measure']['load_at_end'][0]:.1f}",
    )
    row("index build (`search-index --rebuild`)", lambda r: f"{r['rebuild']['seconds']:.1f} s")
    row("  peak RSS of the rebuild", lambda r: f"{r['rebuild']['maxrss_mb']:.0f} MB")
    row(
        "generation (index paused), peak RSS",
        lambda r: (
            f"{r['prepared']['generate']['seconds']:.0f} s, "
            f"{r['prepared']['generate']['maxrss_mb']:.0f} MB"
        ),
    )
    row(
        "FTS5-default table build (baseline)",
        lambda r: f"{r['measure']['fts5_default_build']['seconds']:.1f} s",
    )
    row(
        "tantivy index build (baseline, in memory, 1 thread)",
        lambda r: f"{r['measure']['tantivy_build']['seconds']:.1f} s",
    )
    bases_of = {
        "search": ("icontains", "fts5_default", "tantivy"),
        "search_needs": ("fts5_default", "tantivy"),
        "search_facets": ("icontains", "fts5_default"),
        "matching": ("icontains", "fts5_default"),
    }
    for section, title in (
        ("search", "search, all kinds + type counts"),
        ("search_needs", "search, the 30 needs of `needs.txt`, all kinds"),
        ("search_facets", "search, `type=solutions` + its facets"),
        ("matching", "matching (48 profile × need pairs)"),
    ):
        ours = "ours"
        label = "ours, a new query (answer cache off)" if section != "matching" else "ours"
        row(
            f"{title}: {label}, p50 / p95 ms", lambda r, s=section, o=ours: _lat(r["measure"][s][o])
        )
        row(
            f"  {label}, CPU time only, p50 / p95 ms",
            lambda r, s=section, o=ours: _lat(r["measure"][s][o]["cpu"]),
        )
        for base in bases_of[section]:
            row(f"  {base}, p50 / p95 ms", lambda r, s=section, b=base: _lat(r["measure"][s][b]))
            row(
                f"  speed-up vs {base} (p50 / p95)",
                lambda r, s=section, b=base, o=ours: _ratio(r["measure"][s][b], r["measure"][s][o]),
            )
    row(
        "matching: items returned per call, min / median / max; calls with none",
        lambda r: "{items_min} / {items_median} / {items_max}; {pairs_with_nothing}".format(
            **r["measure"]["matching"]["returned"]
        ),
    )
    row(
        "search, WARM (cached answer), all kinds / solutions+facets p95 ms",
        lambda r: (
            f"{r['measure']['search_warm']['all_kinds']['p95_ms']:.2f} / "
            f"{r['measure']['search_warm']['solutions_facets']['p95_ms']:.2f}"
        ),
    )
    row("peak RSS of the measuring process", lambda r: f"{r['measure']['maxrss_mb']:.0f} MB")
    for system in ("ours", "fts5_default", "tantivy", "icontains"):
        row(
            f"nDCG@10 / recall@20, {system} (generated, judged rules)",
            lambda r, s=system: (
                f"{r['measure']['relevance'][s]['ndcg_at_10']:.2f} / "
                f"{r['measure']['relevance'][s]['recall_at_20']:.2f}"
            ),
        )
    row("judged queries with relevant entries", lambda r: str(r["measure"]["relevance"]["queries"]))
    text = "\n".join(lines) + mix_table(results, sizes)
    demo = results.get("demo", {}).get("measure", {}).get("relevance")
    if demo:
        text += (
            f"\n\nDemo data ({demo['queries']} judged queries with relevant demo entries), "
            "nDCG@10 / recall@20:\n\n| system | nDCG@10 | recall@20 |\n|---|---|---|\n"
            + "\n".join(
                f"| {s} | {demo[s]['ndcg_at_10']:.2f} | {demo[s]['recall_at_20']:.2f} |"
                for s in ("ours", "fts5_default", "tantivy", "icontains")
                if s in demo
            )
        )
    return text


def mix_table(results: dict[str, Any], sizes: list[str]) -> str:
    """The realistic mix (``mix.py``), caches on and off, beside tantivy's p50."""
    sizes = [s for s in sizes if "mix" in results[s]]
    if not sizes:
        return ""
    head = "| realistic mix | " + " | ".join(f"{int(s):,} entries".replace(",", " ") for s in sizes)
    lines = [head + " |", "|---" * (len(sizes) + 1) + "|"]

    def row(label: str, cell: Any) -> None:
        cells = []
        for size in sizes:
            try:
                cells.append(cell(results[size]["mix"], results[size]))
            except (KeyError, ZeroDivisionError, TypeError):
                cells.append("—")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    row("commit measured", lambda m, r: r.get("commit", "—"))
    row(
        "operations: searches, writes (publish / edit / taxonomy)",
        lambda m, r: (
            f"{m['searches']}, "
            + " / ".join(str(m["writes"][k]["n"]) for k in ("publish", "edit", "taxonomy"))
        ),
    )
    modes = (
        ("on", "ON (answer cache, as served)"),
        ("off", "OFF (every answer from SQL)"),
    )
    for mode, label in modes:
        row(f"search, {label}: p50 / p95 ms", lambda m, r, o=mode: _lat(m[o]))
    row(
        "ON vs OFF (OFF time / ON time, p50 / p95; above 1× ON is faster)",
        lambda m, r: _ratio(m["off"], m["on"]),
    )
    for mode, label in modes:
        row(
            f"  CPU time only, {label.split(' (')[0]}: p50 / p95 ms",
            lambda m, r, o=mode: _lat(m[o]["cpu"]),
        )
    row(
        "  ON vs OFF in CPU time (p50 / p95)",
        lambda m, r: _ratio(m["off"]["cpu"], m["on"]["cpu"]),
    )
    for part, label in (
        ("after_write", "first search after each write"),
        ("query", "fixed 2-3-word queries"),
        ("need", "natural-language needs"),
        ("typed", "`type=solutions` + facets"),
    ):
        row(
            f"  {label}: ON; OFF, p50 / p95 ms",
            lambda m, r, p=part: "; ".join(_lat(m[o][p]) for o in ("on", "off")),
        )
    row(
        "  searches the answer cache could serve (same request since the last write)",
        lambda m, r: str(m["repeats_since_last_write"]),
    )
    row(
        "  searches with no result; ON ≠ OFF answers",
        lambda m, r: f"{m['zero_result_searches']}; {len(m['mismatches'])}",
    )
    row(
        "write, p50 ms: publish / edit + publish revision / use case change",
        lambda m, r: " / ".join(
            f"{m['writes'][k].get('p50_ms', m['writes'][k].get('max_ms', 0)):.0f}"
            for k in ("publish", "edit", "taxonomy")
        ),
    )
    row(
        "tantivy p50 ms (fixed queries; needs), from measure.py",
        lambda m, r: (
            f"{r['measure']['search']['tantivy']['p50_ms']:.2f}; "
            f"{r['measure']['search_needs']['tantivy']['p50_ms']:.2f}"
        ),
    )
    row(
        "tantivy p50 ms over the same pool of queries and needs: wall; CPU",
        lambda m, r: (
            f"{r['measure']['search_pool']['tantivy']['p50_ms']:.2f}; "
            f"{r['measure']['search_pool']['tantivy']['cpu']['p50_ms']:.2f}"
        ),
    )
    row(
        "mix ON p50 / tantivy p50, CPU time (goal: ≤ 3×)",
        lambda m, r: f"{m['on']['cpu']['p50_ms'] / _tantivy(r)['cpu']['p50_ms']:.1f}×",
    )
    row(
        "mix ON p50 / tantivy p50, wall time",
        lambda m, r: f"{m['on']['p50_ms'] / _tantivy(r)['p50_ms']:.1f}×",
    )
    return "\n\n" + "\n".join(lines)


def _tantivy(r: dict[str, Any]) -> dict[str, Any]:
    """tantivy's figures over the mix's pool (fixed queries and needs together)."""
    return r["measure"]["search_pool"]["tantivy"]


if __name__ == "__main__":
    main()
