"""What the search indexes for each kind of entry: one SQL ``SELECT`` per kind.

Each kind of entry becomes a *document* with four weighted fields: ``title``,
``summary``, ``tags`` (the taxonomy the entry is filed under and what kind of thing it
is) and ``body`` (the long texts, the owner's name, the commune). The same ``SELECT``
feeds the database triggers that keep the index in step with the catalogue, the full
rebuild, and the highlighter (which needs the raw texts of the results), so the three
can never disagree.

Documents have a 64-bit number that says what they are: ``kind × 2 + synthetic`` in the
high bits and the entry's id in the low 40 bits. Ranges of numbers are then "real
schemes", "all trainings"..., which both backends filter on cheaply.
"""

# ruff: noqa: S608 - SQL assembled from this module's constants and identifiers taken
# from the code (model tables, columns); every value travels as a query parameter.

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import connection, models
from django.urls import NoReverseMatch, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import Event, Place, Scheme, Solution, Training, TrainingSession
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation
from guichet.territories.models import Commune

ID_BITS = 40
ID_SPAN = 1 << ID_BITS


@dataclass(frozen=True)
class Related:
    """A table whose rows change the document of the entry they point to."""

    table: str
    column: str  # the column holding the entry's id
    watched: tuple[str, ...] = ()  # for updates: the columns that matter (none: no update)
    # A new row only adds words to one field: ``field`` gets the text of SQL ``text``
    # (over the new row, alias NEW). Lets SQLite append instead of recomputing (bulk loads).
    field: str = ""
    text: str = ""


@dataclass(frozen=True)
class Source:
    kind: str  # the name used in URLs, the API and catalogue.filters.FILTERSETS
    number: int
    model: type[models.Model]
    label: Any  # French, plural
    label_one: Any
    url_names: tuple[str, ...]  # tried in turn with the slug, then the id
    title: str  # SQL expressions over the entry's row "e"
    summary: Sequence[str]
    tags: Sequence[str]
    body: Sequence[str]
    public: str
    deadline: str = "{null_time}"
    published: str = "e.published_at"
    joins: str = ""
    watched: tuple[str, ...] = ()  # the entry's own columns the document reads
    related: tuple[Related, ...] = field(default_factory=tuple)
    owned: bool = True  # has an owner organisation whose name is in the body

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def doc_range(self, *, synthetic: bool) -> tuple[int, int]:
        """Document numbers [low, high) of this kind's real entries, or synthetic ones.

        Like the catalogue, search shows one side only, never both mixed.
        """
        low = (self.number * 2 + int(synthetic)) << ID_BITS
        return low, low + ID_SPAN


def _m2m(
    model: type[models.Model], name: str, row: str = "t.name", field: str = "tags"
) -> tuple[str, Related]:
    """SQL aggregating ``row`` over the rows (alias "t") linked through ``model.name``,
    and the link table as a Related that adds ``row`` to ``field``."""
    through = model._meta.get_field(name).remote_field.through  # type: ignore[union-attr]
    own = next(f.column for f in through._meta.fields if f.is_relation and f.related_model is model)
    other = next(
        f
        for f in through._meta.fields
        if f.is_relation and f.related_model is not model and f.column != own
    )
    target = other.related_model._meta
    sql = (
        f"(SELECT {_agg(row)} FROM {through._meta.db_table} x "
        f"JOIN {target.db_table} t ON t.{target.pk.column} = x.{other.column} "
        f"WHERE x.{own} = e.id)"
    )
    text = (
        f"(SELECT {row} FROM {target.db_table} t WHERE t.{target.pk.column} = NEW.{other.column})"
    )
    return sql, Related(through._meta.db_table, own, field=field, text=text)


def _agg(expression: str) -> str:
    return "{agg_open}" + expression + "{agg_close}"


def _choices(column: str, choices: Iterable[tuple[str, Any]]) -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{_quote(str(label))}'" for code, label in choices)
    return f"CASE {column} {whens} ELSE '' END"


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _commune(column: str = "e.commune_id") -> str:
    return f"(SELECT c.name FROM {Commune._meta.db_table} c WHERE c.code = {column})"


PUBLISHED = f"e.status = '{Status.PUBLISHED}'"
OWNER_JOIN = f"JOIN {Organisation._meta.db_table} o ON o.id = e.owner_id"
PUBLISHABLE_COLUMNS = ("title", "summary", "description", "status", "is_synthetic", "owner_id")


def _sources() -> tuple[Source, ...]:
    name_keywords = "t.name || ' ' || CAST(t.keywords AS TEXT)"
    sol_uses, sol_uses_rel = _m2m(Solution, "use_cases", name_keywords)
    sol_tech, sol_tech_rel = _m2m(Solution, "techniques")
    sol_func, sol_func_rel = _m2m(Solution, "business_functions")
    sol_sect, sol_sect_rel = _m2m(Solution, "sectors", field="body")
    tra_uses, tra_uses_rel = _m2m(Training, "use_cases", name_keywords)
    tra_tech, tra_tech_rel = _m2m(Training, "techniques")
    sch_aids, sch_aids_rel = _m2m(Scheme, "aid_types")
    sch_aud, sch_aud_rel = _m2m(Scheme, "audiences")
    org_roles, org_roles_rel = _m2m(Organisation, "roles")
    org_sect, org_sect_rel = _m2m(Organisation, "sectors", field="body")
    sessions = TrainingSession._meta.db_table
    return (
        Source(
            kind="solutions",
            number=1,
            model=Solution,
            label=_("Solutions d'IA"),
            label_one=_("Solution d'IA"),
            url_names=("catalogue:solution_detail", "catalogue:solution"),
            title="e.title",
            summary=("e.summary",),
            tags=(
                "'solution'",
                sol_uses,
                sol_tech,
                sol_func,
            ),
            body=(
                "e.description",
                "e.client_references",
                "o.name",
                sol_sect,
            ),
            public=PUBLISHED,
            joins=OWNER_JOIN,
            watched=(*PUBLISHABLE_COLUMNS, "client_references", "published_at"),
            related=(sol_uses_rel, sol_tech_rel, sol_func_rel, sol_sect_rel),
        ),
        Source(
            kind="trainings",
            number=2,
            model=Training,
            label=_("Formations"),
            label_one=_("Formation"),
            url_names=("catalogue:training_detail", "catalogue:training"),
            title="e.title",
            summary=("e.summary",),
            tags=(
                "'formation'",
                _choices("e.level", Training.Level.choices),
                _choices("e.modality", Training.Modality.choices),
                tra_uses,
                tra_tech,
            ),
            body=(
                "e.description",
                "e.objectives",
                "e.expected_results",
                "e.content",
                "e.audience",
                "e.prerequisites",
                "o.name",
                f"(SELECT {_agg('c.name')} FROM {sessions} s "
                f"JOIN {Commune._meta.db_table} c ON c.code = s.commune_id "
                "WHERE s.training_id = e.id)",
            ),
            public=PUBLISHED,
            joins=OWNER_JOIN,
            watched=(
                *PUBLISHABLE_COLUMNS,
                "objectives",
                "expected_results",
                "content",
                "audience",
                "prerequisites",
                "level",
                "modality",
                "published_at",
            ),
            related=(
                tra_uses_rel,
                tra_tech_rel,
                Related(
                    sessions,
                    "training_id",
                    ("commune_id", "training_id"),
                    field="body",
                    text=_commune("NEW.commune_id"),
                ),
            ),
        ),
        Source(
            kind="schemes",
            number=3,
            model=Scheme,
            label=_("Dispositifs d'aide"),
            label_one=_("Dispositif d'aide"),
            url_names=("catalogue:scheme_detail", "catalogue:scheme"),
            title="e.title",
            summary=("e.summary", "e.promise"),
            tags=(
                "'dispositif'",
                sch_aids,
                sch_aud,
            ),
            body=(
                "e.description",
                "e.eligibility_text",
                "e.amount_text",
                "CAST(e.carriers AS TEXT)",
                "CAST(e.parent_programmes AS TEXT)",
                "o.name",
            ),
            public=PUBLISHED,
            deadline="e.closes_at",
            joins=OWNER_JOIN,
            watched=(
                *PUBLISHABLE_COLUMNS,
                "promise",
                "eligibility_text",
                "amount_text",
                "carriers",
                "parent_programmes",
                "closes_at",
                "published_at",
            ),
            related=(sch_aids_rel, sch_aud_rel),
        ),
        Source(
            kind="events",
            number=4,
            model=Event,
            label=_("Événements"),
            label_one=_("Événement"),
            url_names=("catalogue:event_detail", "catalogue:event"),
            title="e.title",
            summary=("e.summary",),
            tags=("'événement'", "e.theme", "CASE WHEN e.is_online THEN 'en ligne' ELSE '' END"),
            body=("e.description", "e.venue", "e.address", _commune(), "o.name"),
            public=PUBLISHED,
            deadline="e.starts_at",
            joins=OWNER_JOIN,
            watched=(
                *PUBLISHABLE_COLUMNS,
                "theme",
                "is_online",
                "venue",
                "address",
                "commune_id",
                "starts_at",
                "published_at",
            ),
        ),
        Source(
            kind="places",
            number=5,
            model=Place,
            label=_("Lieux"),
            label_one=_("Lieu"),
            url_names=("catalogue:place_detail", "catalogue:place"),
            title="e.title",
            summary=("e.summary",),
            tags=("'lieu'",),
            body=(
                "e.description",
                "e.services",
                "e.audience",
                "e.address",
                _commune(),
                "o.name",
            ),
            public=PUBLISHED,
            joins=OWNER_JOIN,
            watched=(
                *PUBLISHABLE_COLUMNS,
                "services",
                "audience",
                "address",
                "commune_id",
                "published_at",
            ),
        ),
        Source(
            kind="organisations",
            number=6,
            model=Organisation,
            label=_("Organisations"),
            label_one=_("Organisation"),
            url_names=("organisations:detail",),
            title="e.name",
            summary=(),
            tags=(org_roles,),
            body=("e.description", _commune(), org_sect),
            # A self-registered organisation stays out until the Region validates it.
            public="e.status = 'validated'",
            published="e.created_at",
            watched=("name", "description", "commune_id", "is_synthetic", "status"),
            related=(org_roles_rel, org_sect_rel),
            owned=False,
        ),
    )


SOURCES: tuple[Source, ...] = _sources()
KINDS: dict[str, Source] = {s.kind: s for s in SOURCES}
BY_NUMBER: dict[int, Source] = {s.number: s for s in SOURCES}


def doc_number(source: Source, entry_id: int, *, synthetic: bool) -> int:
    return ((source.number * 2 + int(synthetic)) << ID_BITS) + entry_id


def split_doc_number(number: int) -> tuple[Source, int, bool]:
    high, entry_id = divmod(number, ID_SPAN)
    return BY_NUMBER[high // 2], entry_id, bool(high % 2)


# --- SQL --------------------------------------------------------------------------------------

_DIALECTS = {
    "sqlite": {"agg_open": "group_concat(", "agg_close": ", ' ')", "null_time": "NULL"},
    "postgresql": {
        "agg_open": "string_agg(",
        "agg_close": ", ' ')",
        "null_time": "CAST(NULL AS timestamptz)",
    },
}


def _text(parts: Sequence[str]) -> str:
    """The parts, one per line (the highlighter cuts snippets at line ends)."""
    if not parts:
        return "''"
    return " || '\n' || ".join(f"COALESCE({p}, '')" for p in parts)


def select_sql(source: Source, where: str, vendor: str) -> str:
    """The documents of ``source`` whose entry row ``e`` satisfies ``where``.

    Columns: doc, entry_id, slug, title, summary, tags, body, public, synthetic,
    deadline, published.
    """
    synthetic = "CASE WHEN e.is_synthetic THEN 1 ELSE 0 END"
    sql = (
        f"SELECT ({source.number * 2} + {synthetic}) * {ID_SPAN} + e.id AS doc, "
        f"e.id AS entry_id, e.slug AS slug, "
        f"COALESCE({source.title}, '') AS title, "
        f"{_text(source.summary)} AS summary, "
        f"{_text(source.tags)} AS tags, "
        f"{_text(source.body)} AS body, "
        f"CASE WHEN {source.public} THEN 1 ELSE 0 END AS public, "
        f"{synthetic} AS synthetic, "
        f"{source.deadline} AS deadline, "
        f"{source.published} AS published "
        f"FROM {source.table} e {source.joins} "
        f"WHERE {where}"
    )
    for key, value in _DIALECTS[vendor].items():
        sql = sql.replace("{" + key + "}", value)
    return sql


@dataclass(frozen=True)
class Document:
    """The raw texts of an indexed entry, as the index saw them."""

    kind: str
    entry_id: int
    slug: str
    title: str
    summary: str
    tags: str
    body: str
    synthetic: bool
    deadline: Any
    published: Any

    @property
    def source(self) -> Source:
        return KINDS[self.kind]

    @property
    def url(self) -> str:
        return entry_url(self.source, self.slug, self.entry_id)


def load_documents(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Document]:
    """The documents of these (kind, entry id) pairs, read from the catalogue tables."""
    wanted: dict[str, list[int]] = {}
    for kind, entry_id in pairs:
        wanted.setdefault(kind, []).append(int(entry_id))
    out: dict[tuple[str, int], Document] = {}
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for kind, ids in wanted.items():
            source = KINDS[kind]
            marks = ", ".join(["%s"] * len(ids))
            cursor.execute(select_sql(source, f"e.id IN ({marks})", vendor), ids)
            for row in cursor.fetchall():
                (
                    _,
                    entry_id,
                    slug,
                    title,
                    summary,
                    tags,
                    body,
                    _,
                    synthetic,
                    deadline,
                    published,
                ) = row
                out[(kind, entry_id)] = Document(
                    kind,
                    entry_id,
                    slug,
                    title,
                    summary,
                    tags,
                    body,
                    bool(synthetic),
                    deadline,
                    published,
                )
    return out


def entry_url(source: Source, slug: str, entry_id: int) -> str:
    """The entry's public page, when the catalogue serves one."""
    template = _url_template(source.kind, get_urlconf())
    if template is None:
        return ""
    by, pattern = template
    return pattern.replace(_PLACEHOLDER[by], slug if by == "slug" else str(entry_id))


_PLACEHOLDER = {"slug": "search-slug-placeholder", "id": "999999999"}


@lru_cache(maxsize=64)
def _url_template(kind: str, urlconf: Any) -> tuple[str, str] | None:
    """A reversed URL with a placeholder: ``reverse`` costs a fraction of a millisecond."""
    for name in KINDS[kind].url_names:
        for by, value in _PLACEHOLDER.items():
            try:
                return by, reverse(name, args=[value], urlconf=urlconf)
            except NoReverseMatch:
                continue
    return None
