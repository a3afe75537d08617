"""Every latency and relevance figure of one database, in ONE process (run by ``run.py``).

The database is the one Django's settings point at (``GUICHET_VAR_DIR``). Systems are
interleaved query by query (ours, then each baseline, for the same query) so that a busy
machine slows them alike and the ratios stay meaningful. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from statistics import mean, quantiles
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")

import django  # noqa: E402

django.setup()

from baselines import Fts5Default, Icontains  # noqa: E402
from django.db import connection  # noqa: E402
from tantivy_baseline import Tantivy  # noqa: E402

from guichet.search.matching import match  # noqa: E402
from guichet.search.profile import parse_profile  # noqa: E402
from guichet.search.relevance import judged  # noqa: E402
from guichet.search.relevance.metrics import ndcg_at, recall_at  # noqa: E402
from guichet.search.selectors import parse_search, search  # noqa: E402


def load_queries(name: str = "queries.txt") -> list[str]:
    lines = (BENCH_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = quantiles(samples, n=100, method="inclusive")
    return {"p50_ms": cuts[49] * 1000, "p95_ms": cuts[94] * 1000, "n": len(samples)}


def timed(call: Callable[[], Any]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def latencies(
    systems: dict[str, Callable[[Any], Any]],
    inputs: list[Any],
    repeats: int,
    keep: dict[str, list[float]] | None = None,
) -> dict[str, dict[str, float]]:
    """One untimed pass (pages into SQLite's cache, per-connection memos), then ``repeats``
    timed passes, the systems interleaved for each input; the samples go to ``keep``."""
    for item in inputs:
        for call in systems.values():
            call(item)
    samples: dict[str, list[float]] = {name: [] for name in systems}
    # CPU time of this thread as well: on a shared machine the wall time also holds the
    # waits for a core, which this leaves out.
    cpu: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(repeats):
        for item in inputs:
            for name, call in systems.items():
                began = time.thread_time()
                samples[name].append(timed(partial(call, item)))
                cpu[name].append(time.thread_time() - began)
    if keep is not None:
        keep.update(samples)
        keep.update({f"{name}:cpu": values for name, values in cpu.items()})
    return {
        name: percentiles(values) | {"cpu": percentiles(cpu[name])}
        for name, values in samples.items()
    }


def ours_params(q: str, *, synthetic: bool, kind: str = "") -> Any:
    params, errors = parse_search({"q": q, "type": kind, "synthetic": "1" if synthetic else "0"})
    if errors:
        raise SystemExit(f"bad search parameters for {q!r}: {errors}")
    return params


def relevance(synthetic: bool, rankers: dict[str, Callable[[str], list[Any]]]) -> dict[str, Any]:
    """nDCG@10 and recall@20 for each ranker, as ``judged.evaluate`` computes them; the
    judgements are resolved once and shared by the three systems (they cost more than the
    searches on a large catalogue). ``check_ours`` below cross-checks with ``evaluate``."""
    out: dict[str, Any] = {}
    per_system: dict[str, list[tuple[float, float]]] = {name: [] for name in rankers}
    queries = 0
    for query in judged.load_queries():
        grades = judged.judgements(query, synthetic=synthetic)
        if not any(g > 0 for g in grades.values()):
            continue
        queries += 1
        for name, rank in rankers.items():
            ranking = list(rank(query.q))
            per_system[name].append((ndcg_at(ranking, grades, 10), recall_at(ranking, grades, 20)))
    for name, scores in per_system.items():
        out[name] = {
            "ndcg_at_10": mean(s[0] for s in scores) if scores else 0.0,
            "recall_at_20": mean(s[1] for s in scores) if scores else 0.0,
        }
    out["queries"] = queries
    return out


def checkpoint(report: dict[str, Any]) -> None:
    """What is measured so far, for a run stopped before the end (1M entries)."""
    from django.conf import settings

    partial = Path(settings.VAR_DIR) / "measure-partial.json"
    partial.write_text(json.dumps(report, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--synthetic", type=int, choices=(0, 1), default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reference-date", type=datetime.date.fromisoformat, required=True)
    parser.add_argument("--relevance-only", action="store_true")
    parser.add_argument("--check-evaluate", action="store_true")
    args = parser.parse_args()
    synthetic = bool(args.synthetic)
    report: dict[str, Any] = {}

    icontains = Icontains(synthetic=synthetic)
    fts5 = Fts5Default(synthetic=synthetic)
    seconds, rows = fts5.build()
    report["fts5_default_build"] = {"seconds": seconds, "rows": rows}
    tantivy = Tantivy(synthetic=synthetic)
    seconds, rows = tantivy.build()
    report["tantivy_build"] = {"seconds": seconds, "rows": rows}

    def ours_rank(q: str) -> list[Any]:
        found = search(ours_params(q, synthetic=synthetic), with_facets=False, cached=False)
        return [(r.kind, r.id) for r in found.results]

    rankers = {
        "ours": ours_rank,
        "icontains": icontains.rank,
        "fts5_default": fts5.rank,
        "tantivy": tantivy.rank,
    }
    started = time.perf_counter()
    report["relevance"] = relevance(synthetic, rankers)
    report["relevance"]["seconds"] = time.perf_counter() - started
    checkpoint(report)
    if args.check_evaluate:
        evaluation = judged.evaluate(ours_rank, synthetic=synthetic)
        report["relevance"]["evaluate_ours"] = {
            "queries": evaluation.queries,
            "ndcg_at_10": evaluation.ndcg_at_10,
            "recall_at_20": evaluation.recall_at_20,
        }

    if not args.relevance_only:
        queries = load_queries()

        def new_query(q: str, kind: str = "") -> Any:
            """A query answered from SQL (the answer cache off), as a request sees it."""
            return search(ours_params(q, synthetic=synthetic, kind=kind), cached=False)

        report["search"] = latencies(
            {
                "ours": new_query,
                "icontains": lambda q: icontains.search(q),
                "fts5_default": lambda q: fts5.search(q),
                "tantivy": tantivy.search,
            },
            queries,
            args.repeats,
            keep=(query_samples := {}),
        )
        checkpoint(report)
        # Whole sentences (bench/needs.txt), as a firm writes its need in the search box.
        report["search_needs"] = latencies(
            {
                "ours": new_query,
                "fts5_default": lambda q: fts5.search(q),
                "tantivy": tantivy.search,
            },
            load_queries("needs.txt"),
            args.repeats,
            keep=(need_samples := {}),
        )
        # Queries and needs together, as the mix draws them.
        report["search_pool"] = {
            name: percentiles(query_samples[name] + need_samples[name])
            | {"cpu": percentiles(query_samples[f"{name}:cpu"] + need_samples[f"{name}:cpu"])}
            for name in ("ours", "fts5_default", "tantivy")
        }
        checkpoint(report)
        report["search_facets"] = latencies(
            {
                "ours": partial(new_query, kind="solutions"),
                "icontains": lambda q: icontains.search(q, kind="solutions"),
                "fts5_default": lambda q: fts5.search(q, kind="solutions"),
            },
            queries,
            args.repeats,
        )
        checkpoint(report)

        # Warm: the same call twice, the second one timed (the answer comes from the cache).
        def warm(kind: str) -> dict[str, float]:
            samples = []
            for q in queries:
                params = ours_params(q, synthetic=synthetic, kind=kind)
                search(params)
                samples.append(timed(partial(search, params)))
            return percentiles(samples)

        report["search_warm"] = {"all_kinds": warm(""), "solutions_facets": warm("solutions")}
        checkpoint(report)

        spec = json.loads((BENCH_DIR / "matching.json").read_text(encoding="utf-8"))
        profiles = [parse_profile(p, today=args.reference_date) for p in spec["profiles"]]
        pairs = [(p, need) for p in profiles for need in spec["needs"]]
        report["matching"] = latencies(
            {
                "ours": lambda pair: match(
                    pair[0], pair[1], on=args.reference_date, synthetic=synthetic
                ),
                "icontains": lambda pair: icontains.match(pair[1]),
                "fts5_default": lambda pair: fts5.match(pair[1]),
            },
            pairs,
            args.repeats,
        )
        # What each match returned, so that a match finding nothing cannot pass as fast.
        found = []
        for profile, need in pairs:
            result = match(profile, need, on=args.reference_date, synthetic=synthetic)
            found.append(
                {
                    "solutions": len(result.solutions),
                    "eligible_schemes": len(result.eligible_schemes),
                    "schemes_to_check": len(result.schemes_to_check),
                    "trainings": len(result.trainings),
                }
            )
        totals = sorted(sum(f.values()) for f in found)
        report["matching"]["returned"] = {
            "pairs": len(found),
            "items_min": totals[0],
            "items_median": totals[len(totals) // 2],
            "items_max": totals[-1],
            "pairs_with_nothing": sum(t == 0 for t in totals),
            "pairs_without_solution": sum(f["solutions"] == 0 for f in found),
            "pairs_without_scheme": sum(
                f["eligible_schemes"] + f["schemes_to_check"] == 0 for f in found
            ),
            "pairs_without_training": sum(f["trainings"] == 0 for f in found),
            "per_pair": found,
        }

    with connection.cursor() as cursor:
        cursor.execute("SELECT sqlite_version()")
        report["sqlite_version"] = cursor.fetchone()[0]
    report["load_at_end"] = os.getloadavg()
    report["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
