"""Relevance on the demo data: ``uv run --frozen python bench/relevance.py [--workdir DIR]``.

Builds (once) a throw-away SQLite database in ``--workdir`` (``GUICHET_VAR_DIR``):
migrated, territories loaded, ``load-demo`` (the regional plans' facts and the fictional
examples), and the etalab example scheme file imported (a third-party text, Licence
Ouverte, from the test fixtures). Then, in this one process, ranks every judged query
with our search and the two baselines of ``guichet.search.relevance.baselines``
(FTS5 default, FTS5 with French stemming) and prints nDCG@10 and recall@20 per half of
the judged set (``tune``, ``report``) and over all. Writes ``relevance.json`` and
``relevance.md`` in the workdir. See docs/relevance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from statistics import mean
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TERRITORIES = (
    "--source",
    "node_modules/@etalab/decoupage-administratif/data",
    "--centres",
    "guichet/territories/data/communes-centres.csv",
)
ETALAB_FILE = (
    ROOT / "guichet/catalogue/tests/fixtures/etalab/dispositif-aide-professionnels/exemple.csv"
)
SYSTEMS = ("ours", "fts5_default", "fts5_french")


def setup(workdir: Path) -> None:
    """Django on the workdir's own database, whatever the shell points at."""
    workdir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        GUICHET_VAR_DIR=str(workdir),
        DEBUG="false",
        SECRET_KEY="relevance-bench-only",  # noqa: S106 (a throw-away database)
        SEARCH_BACKEND="",
        DJANGO_SETTINGS_MODULE="guichet.config.settings",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(workdir: Path) -> None:
    """Migrate, load the territories, the demo and the etalab example, once."""
    from io import StringIO

    from django.core.management import call_command

    marker = workdir / "relevance-prepared"
    if marker.exists():
        return
    out = StringIO()
    call_command("migrate", "--no-input", verbosity=0, stdout=out)
    call_command("load-territories", *TERRITORIES, stdout=out)
    call_command("load-demo", stdout=out)
    call_command("import-schemes", str(ETALAB_FILE), stdout=out)
    marker.write_text("ok\n")


def measure() -> dict[str, Any]:
    from guichet.search.relevance import judged
    from guichet.search.relevance.baselines import Fts5Baseline
    from guichet.search.relevance.metrics import ndcg_at, recall_at
    from guichet.search.selectors import parse_search, search

    def ours(q: str) -> list[tuple[str, int]]:
        params, errors = parse_search({"q": q, "page_size": "20"})
        if errors:
            raise SystemExit(f"bad query {q!r}: {errors}")
        found = search(params, with_facets=False, cached=False)
        return [(r.kind, r.id) for r in found.results]

    default = Fts5Baseline("fts5_default", french=False)
    french = Fts5Baseline("fts5_french", french=True)
    default.build()
    french.build()
    rankers: dict[str, Callable[[str], list[tuple[str, int]]]] = {
        "ours": ours,
        "fts5_default": default.rank,
        "fts5_french": french.rank,
    }

    per_query: dict[str, dict[str, Any]] = {}
    for query in judged.load_queries():
        grades = judged.judgements(query, synthetic=False)
        if not any(g > 0 for g in grades.values()):
            continue
        row: dict[str, Any] = {"half": query.half, "source": query.source, "q": query.q}
        for name, rank in rankers.items():
            ranking = rank(query.q)
            row[name] = (ndcg_at(ranking, grades, 10), recall_at(ranking, grades, 20))
        per_query[query.id] = row
    default.drop()
    french.drop()

    summary: dict[str, Any] = {}
    for half in (*judged.HALVES, "all"):
        rows = [r for r in per_query.values() if half in ("all", r["half"])]
        summary[half] = {"queries": len(rows)}
        for name in SYSTEMS:
            summary[half][name] = {
                "ndcg_at_10": mean(r[name][0] for r in rows) if rows else 0.0,
                "recall_at_20": mean(r[name][1] for r in rows) if rows else 0.0,
            }
    third = [r for r in per_query.values() if r["source"] != judged.TEAM]
    summary["third_party"] = {"queries": len(third)}
    for name in SYSTEMS:
        summary["third_party"][name] = {
            "ndcg_at_10": mean(r[name][0] for r in third) if third else 0.0,
            "recall_at_20": mean(r[name][1] for r in third) if third else 0.0,
        }
    return {"summary": summary, "per_query": per_query}


def table(summary: dict[str, Any]) -> str:
    labels = {
        "tune": "tune half",
        "report": "report half",
        "all": "all",
        "third_party": "third-party texts",
    }
    lines = [
        "| judged queries | n | ours | FTS5 default | FTS5 French | ours − FTS5 French |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in labels.items():
        part = summary[key]

        def cell(name: str, part: dict[str, Any] = part) -> str:
            return f"{part[name]['ndcg_at_10']:.3f} / {part[name]['recall_at_20']:.3f}"

        gain = part["ours"]["ndcg_at_10"] - part["fts5_french"]["ndcg_at_10"]
        lines.append(
            f"| {label} | {part['queries']} | {cell('ours')} | {cell('fts5_default')} | "
            f"{cell('fts5_french')} | {gain:+.3f} |"
        )
    return "nDCG@10 / recall@20 on the demo data\n\n" + "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "relevance")
    parser.add_argument("--per-query", action="store_true", help="Print every query's figures.")
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    setup(workdir)
    prepare(workdir)
    report = measure()
    text = table(report["summary"])
    (workdir / "relevance.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (workdir / "relevance.md").write_text(text)
    sys.stdout.write(text)
    if args.per_query:
        for query_id, row in sorted(report["per_query"].items()):
            figures = "  ".join(f"{name} {row[name][0]:.2f}" for name in SYSTEMS)
            sys.stdout.write(f"{query_id} [{row['half']}] {figures}  {row['q']}\n")


if __name__ == "__main__":
    main()
