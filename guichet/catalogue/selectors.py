"""Reads of the catalogue shared by the public pages, the API and the exports.

``entry_queryset`` is the published, ordered list of one kind; ``entry_search``
narrows it with cleaned filter values; ``entry_page`` does the whole list page
(parse, filter, count facets, paginate). Synthetic entries are never mixed with
real ones: the ``synthetic`` parameter (1 or 0) picks one side, real by default.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from guichet.catalogue import filters
from guichet.catalogue.models import (
    Event,
    Place,
    Publishable,
    Scheme,
    Solution,
    Training,
    TrainingSession,
)
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation, Role
from guichet.territories.models import Commune, Department, Region

PAGE_SIZE = 20
SYNTHETIC_PARAM = "synthetic"
FRANCE = "PAYS-99100"
GEO_ORDER = {"PAYS": 0, "REG": 1, "DEP": 2, "COM": 3}

KIND_MODELS: dict[str, type[Publishable]] = {
    "solutions": Solution,
    "trainings": Training,
    "schemes": Scheme,
    "events": Event,
    "places": Place,
}


T = TypeVar("T")
# Only bounds memory: a cached answer is keyed on the data version, which every write moves.
CACHE_SECONDS = 600
_data_version: Callable[[], Any] | None = None


def use_data_version(source: Callable[[], Any] | None) -> None:
    """Say how to read the version of the data that every write moves.

    ``search`` keeps such a counter (``search.selectors.data_version``), but the catalogue
    may not import ``search``: the ``web`` app, above both, plugs it in at start-up.
    ``None`` (the default) means no caching: every read is computed.
    """
    global _data_version  # set once at start-up, read by every request
    _data_version = source


def cached_at_version(name: str, parts: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or its answer cached at the current data version and day.

    What every visitor sees alike (home figures, facet counts). A write moves the version,
    so no answer outlives the data it counts; the day is in the key for "open today".
    Without a version (no source, or an unknown database), nothing is cached.
    """
    version = _data_version() if _data_version is not None else None
    if version is None:
        return compute()
    digest = hashlib.sha256(repr((parts, version, timezone.localdate())).encode()).hexdigest()
    key = f"catalogue:{name}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


class UnknownKind(ValueError):
    """A kind that is not one of ``KIND_MODELS``."""


def _model(kind: str) -> type[Publishable]:
    try:
        return KIND_MODELS[kind]
    except KeyError:
        raise UnknownKind(kind) from None


def parse_synthetic(query: Mapping[str, Any]) -> tuple[bool, str]:
    """The ``synthetic`` switch: ``(value, error)``; the error names the parameter, in French."""
    raw = (
        query.getlist(SYNTHETIC_PARAM) if hasattr(query, "getlist") else query.get(SYNTHETIC_PARAM)
    )
    if isinstance(raw, list):
        raw = raw[-1] if raw else None
    raw = str(raw).strip() if raw is not None else ""
    if not raw:
        return False, ""
    word = raw.lower()
    if word in filters.TRUE:
        return True, ""
    if word in filters.FALSE:
        return False, ""
    return False, (
        f"Le paramètre « {SYNTHETIC_PARAM} » attend 1 (données de synthèse) ou 0 "
        f"(données réelles), pas « {raw} »."
    )


def _next_session() -> Subquery:
    # A subquery, not Min(): a session filter must not change which session is next.
    return Subquery(
        TrainingSession.objects.filter(training=OuterRef("pk"), starts_on__gte=timezone.localdate())
        .order_by("starts_on")
        .values("starts_on")[:1]
    )


def _sessions() -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=TrainingSession.objects.select_related("commune__department").order_by(
            "starts_on", "pk"
        ),
    )


def _with_rows(kind: str, entries: QuerySet) -> QuerySet:
    """What list rows and the API show, fetched in a fixed number of queries, in list order."""
    entries = entries.select_related("owner__commune__department")
    if kind == "solutions":
        return entries.prefetch_related(
            "use_cases", "business_functions", "sectors", "techniques"
        ).order_by("title", "pk")
    if kind == "trainings":
        return (
            entries.prefetch_related("use_cases", "techniques", _sessions())
            .annotate(next_session_on=_next_session())
            .order_by(F("next_session_on").asc(nulls_last=True), "title", "pk")
        )
    if kind == "schemes":
        return entries.prefetch_related("aid_types", "audiences", "territories").order_by(
            F("closes_at").asc(nulls_last=True), "title", "pk"
        )
    if kind == "events":
        return entries.select_related("commune__department").order_by(
            F("starts_at").asc(nulls_last=True), "title", "pk"
        )
    return entries.select_related("commune__department").order_by("title", "pk")


def published_entries(kind: str, *, synthetic: bool = False) -> QuerySet:
    """Published entries of one kind, real ones or synthetic ones, never both."""
    return _model(kind).objects.published().filter(is_synthetic=synthetic)


def entry_queryset(kind: str, *, synthetic: bool = False) -> QuerySet:
    """Every published entry of one kind with its relations, in the list pages' order."""
    return _with_rows(kind, published_entries(kind, synthetic=synthetic))


def entry_search(kind: str, values: Mapping[str, Any], *, synthetic: bool = False) -> QuerySet:
    """``entry_queryset`` narrowed by cleaned filter values (``filters.parse(...).values``).

    The filters go into a subquery so that the outer query needs no DISTINCT over
    wide rows (descriptions), which PostgreSQL would sort at 100,000 entries.
    """
    entries = published_entries(kind, synthetic=synthetic)
    if values:
        matching = filters.apply(filters.FILTERSETS[kind], entries, values)
        entries = entries.filter(pk__in=matching.values("pk"))
    return _with_rows(kind, entries)


@dataclass(frozen=True)
class ListResult:
    """One page of a list: entries, facet counts, cleaned values and errors by parameter."""

    kind: str
    items: list[Any]
    page: Page
    facets: dict[str, list[filters.FacetValue]]
    values: dict[str, Any]
    errors: dict[str, str]
    count: int
    synthetic: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def entry_page(
    kind: str,
    query: Mapping[str, Any],
    page_number: Any = 1,
    *,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> ListResult:
    """Parse ``query``, filter, count facets and return page ``page_number`` of ``kind``.

    With a bad parameter, ``errors`` says why and no entry is listed; facets are
    still counted from the good parameters so that the form can be corrected.
    """
    filterset = filters.FILTERSETS[kind]
    parsed = filters.parse(filterset, query)
    synthetic, synthetic_error = parse_synthetic(query)
    errors = dict(parsed.errors)
    if synthetic_error:
        errors[SYNTHETIC_PARAM] = synthetic_error
    facets = (
        cached_at_version(
            "facets",
            (kind, synthetic, sorted(parsed.values.items())),
            lambda: filters.facet_counts(
                filterset, published_entries(kind, synthetic=synthetic), parsed.values
            ),
        )
        if with_facets
        else {}
    )
    entries = (
        entry_search(kind, parsed.values, synthetic=synthetic)
        if not errors
        else published_entries(kind).none()
    )

    # Page through ids, then fetch the page's rows: sorting 100,000 narrow rows is far
    # cheaper than sorting whole rows with their descriptions. The count and the page's
    # ids are the same for every visitor: cached at the data version.
    def page_ids() -> tuple[int, int, list[int]]:
        found = Paginator(entries.values_list("pk", flat=True), page_size).get_page(page_number)
        return found.paginator.count, found.number, list(found.object_list)

    count, number, ids = (
        cached_at_version(
            "page",
            (kind, synthetic, sorted(parsed.values.items()), str(page_number), page_size),
            page_ids,
        )
        if not errors
        else page_ids()
    )
    page = Page(ids, number, Paginator(range(count), page_size))
    rows = {row.pk: row for row in _with_rows(kind, _model(kind).objects.filter(pk__in=ids))}
    return ListResult(
        kind=kind,
        items=[rows[pk] for pk in ids],
        page=page,
        facets=facets,
        values=parsed.values,
        errors=errors,
        count=page.paginator.count,
        synthetic=synthetic,
    )


def count_published(kind: str) -> int:
    """Published real entries of one kind, for the home page."""
    return published_entries(kind).count()


ORGANISATION_PAGE_KINDS = ("solutions", "trainings", "events", "places")
ORGANISATION_PAGE_LIMIT = 50


@dataclass(frozen=True)
class OwnEntries:
    """The first published entries of one kind an organisation owns, and how many it has."""

    kind: str
    entries: list[Any]
    count: int


def published_entries_of(
    organisation: Organisation, *, limit: int = ORGANISATION_PAGE_LIMIT
) -> list[OwnEntries]:
    """What an organisation's public page lists: its published entries by kind, list order.

    Drafts, pending and archived entries never appear; an organisation of synthetic data
    lists its synthetic entries, a real one its real entries. Kinds without any are left out.
    """
    found = []
    for kind in ORGANISATION_PAGE_KINDS:
        entries = published_entries(kind, synthetic=organisation.is_synthetic).filter(
            owner=organisation
        )
        rows = list(_with_rows(kind, entries)[:limit])
        if rows:
            count = len(rows) if len(rows) < limit else entries.count()
            found.append(OwnEntries(kind=kind, entries=rows, count=count))
    return found


# --- detail pages -----------------------------------------------------------------------------


def entry_detail(kind: str, slug: str) -> Any:
    """One entry of any state with what its detail page shows; raises ``DoesNotExist``.

    Whether the visitor may see it is the view's business (``permissions.can_view_entry``).
    """
    return _with_rows(kind, _model(kind).objects.all()).get(slug=slug)


@dataclass(frozen=True)
class Territory:
    code: str
    label: str
    known: bool = True

    def __str__(self) -> str:
        return self.label


@dataclass
class SchemeGeography:
    included: list[Territory] = field(default_factory=list)
    excluded: list[Territory] = field(default_factory=list)


def territory_labels(codes: list[str]) -> dict[str, Territory]:
    """Decode dispositif-aide geographic codes: REG-93 → its region, DEP-2A, COM-13055, PAYS-.

    Three queries at most, whatever the number of codes.
    """
    wanted: dict[str, set[str]] = {"REG": set(), "DEP": set(), "COM": set()}
    for code in codes:
        prefix, _, value = code.partition("-")
        if prefix in wanted:
            wanted[prefix].add(value)
    regions = dict(Region.objects.filter(pk__in=wanted["REG"]).values_list("pk", "name"))
    departments = dict(Department.objects.filter(pk__in=wanted["DEP"]).values_list("pk", "name"))
    communes = {
        c.pk: c
        for c in Commune.objects.filter(pk__in=wanted["COM"]).only("pk", "name", "department_id")
    }
    labels: dict[str, Territory] = {}
    for code in codes:
        prefix, _, value = code.partition("-")
        label: str | None = None
        if code == FRANCE:
            label = "France entière"
        elif prefix == "REG" and value in regions:
            label = regions[value]
        elif prefix == "DEP" and value in departments:
            label = f"{departments[value]} ({value})"
        elif prefix == "COM" and value in communes:
            commune = communes[value]
            label = f"{commune.name} ({commune.department_id or value})"
        labels[code] = Territory(code, label or code, known=label is not None)
    return labels


def scheme_geography(scheme: Scheme) -> SchemeGeography:
    """The scheme's covered and excluded territories, by name (uses prefetched rows)."""
    stored = scheme.territories.all()
    labels = territory_labels([row.code for row in stored])
    # Broadest first: France, regions, departments, then communes, each by name.
    rows = sorted(
        stored,
        key=lambda row: (GEO_ORDER.get(row.code.partition("-")[0], 9), labels[row.code].label),
    )
    geography = SchemeGeography()
    for row in rows:
        (geography.excluded if row.excluded else geography.included).append(labels[row.code])
    return geography


# --- map --------------------------------------------------------------------------------------

MAP_LIMIT = 1000
MAP_KINDS = ("providers", "sessions", "events", "places")


@dataclass(frozen=True)
class MapPoint:
    title: str
    url: str
    commune: str
    latitude: float | None
    longitude: float | None
    when: Any = None  # a session's date or an event's start
    online: bool = False

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class MapLayer:
    kind: str  # one of MAP_KINDS
    points: list[MapPoint]
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > len(self.points)


def _position(row: dict[str, Any]) -> tuple[float | None, float | None]:
    """The entry's own position when it has one, else its commune's centre."""
    for prefix in ("", "commune__"):
        lat, lon = row.get(f"{prefix}latitude"), row.get(f"{prefix}longitude")
        if lat is not None and lon is not None:
            return lat, lon
    return None, None


def _layer(kind: str, rows: QuerySet, limit: int, build: Any, offset: int = 0) -> MapLayer:
    total = rows.count()
    points = []
    for row in rows[offset : offset + limit]:
        lat, lon = _position(row)
        points.append(build(row, row.get("commune__name") or "", lat, lon))
    return MapLayer(kind, points, total)


_COMMUNE = ("commune__name", "commune__latitude", "commune__longitude")


def map_layers(
    *, region: str = "", synthetic: bool = False, limit: int = MAP_LIMIT, offset: int = 0
) -> list[MapLayer]:
    """Providers, training sessions, events and places with a position when one is known.

    Entries without coordinates are kept (the page lists them as "position inconnue").
    Each layer holds ``limit`` points at most, from the ``offset``-th on (a page of the
    map's list); ``total`` says how many there are.
    """
    in_region = {"commune__region_id": region} if region else {}
    providers = (
        Organisation.objects.public()
        .filter(roles__code=Role.Code.PROVIDER, is_synthetic=synthetic, **in_region)
        .order_by("name", "pk")
    )
    sessions = TrainingSession.objects.filter(
        training__status=Status.PUBLISHED, training__is_synthetic=synthetic, **in_region
    ).order_by("-starts_on", "training__title", "pk")
    events = published_entries("events", synthetic=synthetic).filter(**in_region)
    places = published_entries("places", synthetic=synthetic).filter(**in_region)
    return [
        _layer(
            "providers",
            providers.values("name", "slug", "latitude", "longitude", *_COMMUNE),
            limit,
            offset=offset,
            build=lambda r, c, lat, lon: MapPoint(
                r["name"], reverse("organisations:detail", args=[r["slug"]]), c, lat, lon
            ),
        ),
        _layer(
            "sessions",
            sessions.values("training__title", "training__slug", "starts_on", *_COMMUNE),
            limit,
            offset=offset,
            build=lambda r, c, lat, lon: MapPoint(
                r["training__title"],
                reverse("catalogue:training_detail", args=[r["training__slug"]]),
                c,
                lat,
                lon,
                when=r["starts_on"],
            ),
        ),
        _layer(
            "events",
            events.order_by(F("starts_at").desc(nulls_last=True), "title", "pk").values(
                "title", "slug", "starts_at", "is_online", "latitude", "longitude", *_COMMUNE
            ),
            limit,
            offset=offset,
            build=lambda r, c, lat, lon: MapPoint(
                r["title"],
                reverse("catalogue:event_detail", args=[r["slug"]]),
                c,
                lat,
                lon,
                when=r["starts_at"],
                online=r["is_online"],
            ),
        ),
        _layer(
            "places",
            places.order_by("title", "pk").values(
                "title", "slug", "latitude", "longitude", *_COMMUNE
            ),
            limit,
            offset=offset,
            build=lambda r, c, lat, lon: MapPoint(
                r["title"], reverse("catalogue:place_detail", args=[r["slug"]]), c, lat, lon
            ),
        ),
    ]


def map_markers(layers: list[MapLayer]) -> list[dict[str, Any]]:
    """The located points as plain data for the map script (``json_script``)."""
    return [
        {
            "kind": layer.kind,
            "title": point.title,
            "url": point.url,
            "commune": point.commune,
            "lat": round(point.latitude, 5),
            "lon": round(point.longitude, 5),
        }
        for layer in layers
        for point in layer.points
        if point.latitude is not None and point.longitude is not None
    ]
