"""A realistic mix of searches and writes, on a process the benchmark never warmed.

Run by ``run.py`` as a process of its own, on a copy of a prepared database (the writes
stay in the copy). The process starts cold: nothing is read ahead. Then, in a fixed
order drawn from ``--seed``:

- 95 % searches, each drawn from the fixed queries (``queries.txt``) and the
  natural-language needs (``needs.txt``), three in four over every kind, one in four with
  ``type=solutions`` and its facets; each one timed twice, the modes interleaved
  (each goes first in turn):
  - ``on``: ``search(params)`` as the page calls it, with the answer cache;
  - ``off``: ``cached=False`` (every answer from SQL), as ``measure.py``'s ``ours``;
- 5 % writes, through the services a user's action goes through, so that every trigger
  and version moves as in production: a solution created, submitted and published by a
  moderator; a published entry's title and summary edited and the revision published;
  a use case renamed or its keywords edited, saved as the admin saves it.

The database connection is closed after every operation, as at the end of a request
(SQLite runs with ``CONN_MAX_AGE = 0``): each search opens its own connection, like a
request under gunicorn. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from statistics import quantiles
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from guichet.accounts.models import User  # noqa: E402
from guichet.catalogue.models import Solution, Training, UseCase  # noqa: E402
from guichet.catalogue.services import entry_create, entry_edit, entry_transition  # noqa: E402
from guichet.catalogue.workflow import Status  # noqa: E402
from guichet.organisations.models import Organisation  # noqa: E402
from guichet.search.selectors import parse_search, search  # noqa: E402

WRITE_SHARE = 0.05
TYPED_SHARE = 0.25
WRITES = ("publish", "edit", "taxonomy")


def lines_of(name: str) -> list[str]:
    text = (BENCH_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def percentiles(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"n": 0}
    if len(samples) == 1:
        only = samples[0] * 1000
        return {"p50_ms": only, "p95_ms": only, "p99_ms": only, "max_ms": only, "n": 1}
    cuts = quantiles(samples, n=100, method="inclusive")
    return {
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "p99_ms": cuts[98] * 1000,
        "max_ms": max(samples) * 1000,
        "n": len(samples),
    }


def plan(ops: int, seed: int) -> list[tuple[str, Any]]:
    """The operations, in order: ("search", (source, q, type)) or ("write", kind)."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible draw, not a secret)
    pool = [("query", q) for q in lines_of("queries.txt")] + [
        ("need", q) for q in lines_of("needs.txt")
    ]
    writes = set(rng.sample(range(1, ops), round(ops * WRITE_SHARE)))
    steps: list[tuple[str, Any]] = []
    for index in range(ops):
        if index in writes:
            steps.append(("write", WRITES[sum(s[0] == "write" for s in steps) % len(WRITES)]))
        else:
            source, q = rng.choice(pool)
            kind = "solutions" if rng.random() < TYPED_SHARE else ""
            steps.append(("search", (source, q, kind)))
    return steps


class Writer:
    """The writes of the mix, as a moderator's and an owner's actions would make them."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed + 1)  # noqa: S311
        self.count = 0
        self.moderator: User | None = None

    def _moderator(self) -> User:
        if self.moderator is None:
            self.moderator = User.objects.create_user(
                email=f"moderation-bench-{self.rng.randrange(10**9)}@region.example",
                region_role=User.RegionRole.MODERATOR,
            )
        return self.moderator

    def publish(self) -> str:
        owners = Organisation.objects.filter(is_synthetic=True, roles__code="provider")
        owner = owners.order_by("pk")[self.rng.randrange(min(owners.count(), 1000))]
        use_case = self.rng.choice(list(UseCase.objects.order_by("code")))
        entry = entry_create(
            actor=None,
            model=Solution,
            owner=owner,
            data={
                "title": f"Assistant {use_case.name.lower()} n° {self.count} (banc)",
                "summary": "Une solution publiée pendant le banc d'essai, pour les PME.",
                "description": f"{use_case.name} : {', '.join(use_case.keywords)}.",
                "use_cases": [use_case.pk],
            },
            is_synthetic=True,
        )
        entry_transition(actor=self._moderator(), entry=entry, name="submit")
        entry_transition(actor=self._moderator(), entry=entry, name="publish")
        return f"published solution {entry.pk}"

    def edit(self) -> str:
        model = Solution if self.count % 2 else Training
        published = model.objects.filter(is_synthetic=True, status=Status.PUBLISHED)
        entry = published.order_by("pk")[self.rng.randrange(min(published.count(), 5000))]
        entry_edit(
            actor=self._moderator(),
            entry=entry,
            data={
                "title": f"{entry.title[:150]} – édition {self.count}",
                "summary": f"{entry.summary[:400]} Mis à jour pour les TPE et PME.",
            },
        )
        entry_transition(actor=self._moderator(), entry=entry, name="publish_revision")
        return f"edited {model.__name__.lower()} {entry.pk}"

    def taxonomy(self) -> str:
        use_case = self.rng.choice(list(UseCase.objects.order_by("code")))
        # As the admin saves a change form: one atomic save of the row.
        with transaction.atomic():
            if self.count % 2:
                use_case.name = f"{use_case.name.split(' (')[0]} (rév. {self.count})"
                what = "renamed"
            else:
                use_case.keywords = [*use_case.keywords, f"mot-clé {self.count}"]
                what = "keywords of"
            use_case.save()
        return f"{what} use case {use_case.pk}"

    def run(self, kind: str) -> str:
        self.count += 1
        return getattr(self, kind)()


MODES = ("on", "off")


def one_search(q: str, kind: str, *, mode: str) -> int:
    """The result count of one search in a mode: ``on`` (with the answer cache, as the
    page runs) or ``off`` (every answer from SQL)."""
    params, errors = parse_search({"q": q, "type": kind, "synthetic": "1"})
    if errors:
        raise SystemExit(f"bad search parameters for {q!r}: {errors}")
    if mode == "on":
        return search(params).count
    return search(params, cached=False).count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ops", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20260401)
    args = parser.parse_args()
    steps = plan(args.ops, args.seed)
    writer = Writer(args.seed)
    samples: dict[str, list[float]] = {mode: [] for mode in MODES}
    # CPU time of this thread too: on a shared machine, wall time also holds the waits for
    # a core, which the CPU time leaves out.
    cpu: dict[str, list[float]] = {mode: [] for mode in MODES}
    by_source: dict[str, dict[str, list[float]]] = {
        mode: {"query": [], "need": [], "typed": [], "after_write": []} for mode in samples
    }
    writes: dict[str, list[float]] = {kind: [] for kind in WRITES}
    log: list[str] = []
    seen_since_write: set[tuple[str, str]] = set()
    repeats = zero = 0
    mismatches: list[str] = []
    after_write = False
    started = time.perf_counter()
    for index, (what, detail) in enumerate(steps):
        if what == "write":
            began = time.perf_counter()
            log.append(writer.run(detail))
            writes[detail].append(time.perf_counter() - began)
            connection.close()
            seen_since_write.clear()
            after_write = True
            continue
        source, q, kind = detail
        if (q, kind) in seen_since_write:
            repeats += 1  # the answer cache may serve it: same request, same version
        seen_since_write.add((q, kind))
        counts = {}
        turn = index % len(MODES)  # each mode goes first in turn
        for mode in MODES[turn:] + MODES[:turn]:
            began, began_cpu = time.perf_counter(), time.thread_time()
            counts[mode] = one_search(q, kind, mode=mode)
            seconds = time.perf_counter() - began
            cpu[mode].append(time.thread_time() - began_cpu)
            connection.close()
            samples[mode].append(seconds)
            by_source[mode][source].append(seconds)
            if kind:
                by_source[mode]["typed"].append(seconds)
            if after_write:
                by_source[mode]["after_write"].append(seconds)
        after_write = False
        if len(set(counts.values())) > 1:  # a stale answer: reported, not hidden
            mismatches.append(f"{q!r} ({kind or 'all'}): {counts}")
        zero += counts["on"] == 0
    report: dict[str, Any] = {
        "ops": len(steps),
        "searches": len(samples["on"]),
        "repeats_since_last_write": repeats,
        "zero_result_searches": zero,
        "mismatches": mismatches,
        "seconds": time.perf_counter() - started,
        "writes": {kind: percentiles(values) for kind, values in writes.items()},
        "write_log": log,
    }
    for mode in samples:
        report[mode] = percentiles(samples[mode]) | {
            part: percentiles(values) for part, values in by_source[mode].items()
        }
        report[mode]["cpu"] = percentiles(cpu[mode])
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
