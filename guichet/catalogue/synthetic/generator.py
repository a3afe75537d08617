"""Writing a synthetic catalogue in bulk: organisations first, then the entries they own.

Rows are composed in memory one batch at a time and written with ``bulk_create`` (many-to-
many links and children included), one transaction per batch: a million rows never sit in
memory together, and an interrupted run keeps the batches it finished. The audited
services would cost a query or more per field at this scale, so rows are written directly;
their invariants are kept by construction (slugs unique by seed, kind and index; codes
drawn from the vocabularies in the database) and the run is recorded as one audit entry.

A row is identified by its slug (``fictif-<seed>-<kind><index>-...``). A second run with
the same seed skips the rows already there: the same counts create nothing; larger counts
add the missing rows, and when the owners stay the same (same ``--providers``...) the
result is exactly what a single run with the larger counts makes. Rows already written keep
their owner: an entry draws it among the seed's organisations present when it is written.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import connections, models, reset_queries, router, transaction

from guichet.audit.services import audit_record
from guichet.catalogue.models import Event, Place, Scheme, Solution, Training
from guichet.catalogue.synthetic.events import EVENT_KIND, PLACE_KIND, event_row, place_row
from guichet.catalogue.synthetic.organisations import (
    FINANCERS,
    ORGANISATION_KINDS,
    PLACE_HOSTS,
    PROVIDERS,
    TRAINING_BODIES,
    OrganisationKind,
    organisation_row,
)
from guichet.catalogue.synthetic.schemes import scheme_row
from guichet.catalogue.synthetic.solutions import solution_row
from guichet.catalogue.synthetic.trainings import training_row
from guichet.catalogue.synthetic.world import (
    Owner,
    Row,
    World,
    index_of,
    row_random,
    slug_prefix,
    world_load,
)
from guichet.organisations.models import Organisation

# How many entries one synthetic organisation owns, for the owners generated alongside.
TRAININGS_PER_BODY = 10
SCHEMES_PER_FINANCER = 20
PLACES_PER_HOST = 2
DEFAULT_BATCH_SIZE = 1000

Builder = Callable[[World, int, random.Random, Owner], Row]


class MissingOwnersError(Exception):
    """Entries were asked for, but no synthetic organisation of this seed can own them."""


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, count: int, label: str) -> None: ...


@dataclass(frozen=True)
class Counts:
    providers: int = 0
    solutions: int = 0
    trainings: int = 0
    schemes: int = 0
    events: int = 0
    places: int = 0

    def organisations(self) -> dict[OrganisationKind, int]:
        """Providers as asked; training bodies, financers and places' hosts to own the rest."""
        return {
            PROVIDERS: self.providers,
            TRAINING_BODIES: math.ceil(self.trainings / TRAININGS_PER_BODY),
            FINANCERS: math.ceil(self.schemes / SCHEMES_PER_FINANCER),
            PLACE_HOSTS: math.ceil(self.places / PLACES_PER_HOST),
        }


@dataclass(frozen=True)
class EntryKind:
    code: str  # in the slug: fictif-42-sol17-...
    count: str  # the attribute of Counts that says how many
    label: str
    model: type[models.Model]
    build: Builder
    # The organisations that may own it; None: any synthetic organisation of the seed.
    owners: OrganisationKind | None
    child_fk: str = ""  # attname of the parent key on the children (sessions, territories)


ENTRY_KINDS = (
    EntryKind("sol", "solutions", "solutions", Solution, solution_row, PROVIDERS),
    EntryKind(
        "for", "trainings", "formations", Training, training_row, TRAINING_BODIES, "training_id"
    ),
    EntryKind("dis", "schemes", "dispositifs", Scheme, scheme_row, FINANCERS, "scheme_id"),
    EntryKind(EVENT_KIND, "events", "événements", Event, event_row, None),
    EntryKind(PLACE_KIND, "places", "lieux", Place, place_row, PLACE_HOSTS),
)
ORGANISATION_LABELS = {
    PROVIDERS: "offreurs",
    TRAINING_BODIES: "organismes de formation",
    FINANCERS: "financeurs",
    PLACE_HOSTS: "structures porteuses de lieux",
}


@dataclass
class GenerateReport:
    seed: int
    created: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


@dataclass
class _Task:
    label: str
    kind: str
    model: type[models.Model]
    wanted: int
    present: bytearray  # 1 at each index below ``wanted`` already in the database
    in_database: int  # rows of this kind and seed in the database, whatever their index

    @property
    def missing(self) -> int:
        return self.wanted - self.present.count(1)


def synthetic_generate(
    *,
    counts: Counts,
    seed: int,
    world: World | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    **world_options: Any,
) -> GenerateReport:
    """Add the synthetic rows of ``seed`` that are missing, up to ``counts``.

    ``world_options`` (``reference_day``, ``region``) go to ``world_load`` when no ``world``
    is given. Raises ``NoCommuneError`` or ``MissingOwnersError`` before writing anything.
    """
    started = time.monotonic()
    world = world or world_load(seed=seed, **world_options)
    report = GenerateReport(seed=seed)
    organisation_tasks = {
        kind: _task(ORGANISATION_LABELS[kind], seed, kind.code, Organisation, wanted)
        for kind, wanted in counts.organisations().items()
    }
    entry_tasks = [
        (kind, _task(kind.label, seed, kind.code, kind.model, getattr(counts, kind.count)))
        for kind in ENTRY_KINDS
    ]
    _check_owners(organisation_tasks, entry_tasks)
    tasks = [*organisation_tasks.values(), *(task for _, task in entry_tasks)]
    if progress:
        progress.start(sum(task.missing for task in tasks))
    first: list[models.Model] = []

    def write(task: _Task, rows: list[Row], child_fk: str = "") -> None:
        saved = _write_batch(task.model, rows, child_fk)
        # With DEBUG on, Django keeps the last 9,000 queries; ours are batches of a thousand
        # rows, megabytes each: dropping them keeps the memory flat up to a million rows.
        reset_queries()
        if not first and saved:
            first.append(saved[0])
        if progress:
            progress.advance(len(rows), task.label)

    for organisation_kind, task in organisation_tasks.items():
        for batch in _batches(task, batch_size):
            rows = [
                organisation_row(world, organisation_kind, i, row_random(seed, task.kind, i))
                for i in batch
            ]
            write(task, rows)
    pools = {kind: _owners(seed, kind) for kind in ORGANISATION_KINDS}
    everyone = [owner for kind in ORGANISATION_KINDS for owner in pools[kind]]
    for entry_kind, task in entry_tasks:
        pool = pools[entry_kind.owners] if entry_kind.owners else everyone
        for batch in _batches(task, batch_size):
            rows = []
            for i in batch:
                rng = row_random(seed, task.kind, i)
                rows.append(entry_kind.build(world, i, rng, pool[rng.randrange(len(pool))]))
            write(task, rows, entry_kind.child_fk)
    for task in tasks:
        report.created[task.label] = task.missing
        report.present[task.label] = task.wanted - task.missing
    report.seconds = time.monotonic() - started
    if first:
        _audit(first[0], report)
    return report


def _task(label: str, seed: int, kind: str, model: type[models.Model], wanted: int) -> _Task:
    """What is asked of one kind, and which of those rows the database already holds."""
    prefix = slug_prefix(seed, kind)
    mine = model._default_manager.filter(is_synthetic=True, slug__startswith=prefix)
    present = bytearray(wanted)
    if not wanted:
        return _Task(label, kind, model, wanted, present, mine.count())
    in_database = 0
    for slug in mine.values_list("slug", flat=True).iterator(chunk_size=20_000):
        in_database += 1
        index = index_of(slug, prefix)
        if index < wanted:
            present[index] = 1
    return _Task(label, kind, model, wanted, present, in_database)


def _check_owners(
    organisation_tasks: dict[OrganisationKind, _Task],
    entry_tasks: list[tuple[EntryKind, _Task]],
) -> None:
    """Every entry to write will find an owner: fail before writing anything otherwise."""
    for entry_kind, task in entry_tasks:
        if not task.missing:
            continue
        kinds = [entry_kind.owners] if entry_kind.owners else list(ORGANISATION_KINDS)
        if not any(
            organisation_tasks[k].in_database + organisation_tasks[k].missing for k in kinds
        ):
            raise MissingOwnersError(
                f"Impossible de générer des {entry_kind.label} : aucune organisation fictive de "
                "cette graine ne peut en être propriétaire. Ajoutez --providers N (N ≥ 1)."
            )


def _batches(task: _Task, size: int) -> Iterator[list[int]]:
    """The missing indices of a task, in order, ``size`` at a time."""
    batch: list[int] = []
    for index in range(task.wanted):
        if task.present[index]:
            continue
        batch.append(index)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _owners(seed: int, kind: OrganisationKind) -> list[Owner]:
    """The seed's organisations of one kind, in index order (what entries draw owners from)."""
    prefix = slug_prefix(seed, kind.code)
    rows = Organisation.objects.filter(is_synthetic=True, slug__startswith=prefix).values_list(
        "pk", "slug", "name", "siren", "commune_id", "website"
    )
    ordered = sorted(rows.iterator(chunk_size=20_000), key=lambda row: index_of(row[1], prefix))
    return [Owner(pk, name, siren, commune, site) for pk, _, name, siren, commune, site in ordered]


def _write_batch(model: type[models.Model], rows: list[Row], child_fk: str) -> list[Any]:
    with transaction.atomic():
        saved = model._default_manager.bulk_create([row.instance for row in rows])
        for name in rows[0].m2m:
            pairs = [
                (entry.pk, code)
                for entry, row in zip(saved, rows, strict=True)
                for code in row.m2m[name]
            ]
            _link(model, name, pairs)
        children = []
        for entry, row in zip(saved, rows, strict=True):
            for child in row.children:
                setattr(child, child_fk, entry.pk)
                children.append(child)
        if children:
            type(children[0])._default_manager.bulk_create(children)
    return saved


def _link(model: type[models.Model], name: str, pairs: list[tuple[Any, str]]) -> None:
    """Many-to-many links in one ``executemany``: model instances would cost ten times more."""
    relation = model._meta.get_field(name)
    through: Any = getattr(relation.remote_field, "through", None)
    if not isinstance(relation, models.ManyToManyField) or through is None:
        raise TypeError(f"{model.__name__}.{name} is not a many-to-many field")
    if not pairs:
        return
    connection = connections[router.db_for_write(through)]
    quote = connection.ops.quote_name
    table = quote(through._meta.db_table)
    columns = f"{quote(relation.m2m_column_name())}, {quote(relation.m2m_reverse_name())}"
    # Names come from the model and are quoted; the values are parameters.
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, pairs)


def _audit(instance: models.Model, report: GenerateReport) -> None:
    """One journal entry per run, attached to the first row it wrote."""
    counts = ", ".join(f"{count} {label}" for label, count in report.created.items() if count)
    audit_record(
        actor=None,
        instance=instance,
        action="create",
        comment=(
            f"Génération de données de synthèse (graine {report.seed}) : {counts}. "
            "Toutes ces fiches sont marquées « donnée de synthèse »."
        ),
    )
