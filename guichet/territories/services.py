"""Every write of the territories app: loading the COG and caching geocoded addresses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction

from guichet.territories.centres import Centres
from guichet.territories.cog import Problem, Source
from guichet.territories.geocoding import GeocodeResult, GeocodeStatus, geocode, normalise_query
from guichet.territories.models import Commune, Department, GeocodedAddress, Postcode, Region
from guichet.territories.selectors import commune_code_for, geocoded_address_cached

BATCH_SIZE = 500


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass
class LoadReport:
    regions: Counts = field(default_factory=Counts)
    departments: Counts = field(default_factory=Counts)
    communes: Counts = field(default_factory=Counts)
    postcodes: Counts = field(default_factory=Counts)
    problems: list[Problem] = field(default_factory=list)
    centres_rows: int | None = None
    centres_applied: int = 0
    # Communes in the database that the source no longer lists: kept, since records may
    # point to them, and reported so that someone looks at them.
    missing_communes: list[str] = field(default_factory=list)
    without_coordinates: int = 0

    @property
    def changed(self) -> bool:
        kinds = (self.regions, self.departments, self.communes, self.postcodes)
        return any(counts.changed for counts in kinds)


@transaction.atomic
def territories_load(*, source: Source, centres: Centres | None = None) -> LoadReport:
    """Bring regions, departments, communes and postcodes in line with ``source``.

    Idempotent, in bulk, all or nothing. Coordinates come from ``centres`` when given; a commune
    the centres file does not list keeps the coordinates it had.
    """
    report = LoadReport(problems=[*source.problems, *(centres.problems if centres else [])])
    report.regions = _sync(
        Region, {r.code: {"name": r.name, "chef_lieu": r.chef_lieu} for r in source.regions}
    )
    report.departments = _sync(
        Department,
        {
            d.code: {"name": d.name, "chef_lieu": d.chef_lieu, "region_id": d.region}
            for d in source.departments
        },
    )
    wanted: dict[str, dict[str, Any]] = {
        c.code: {
            "name": c.name,
            "department_id": c.department,
            "region_id": c.region,
            "population": c.population,
        }
        for c in source.communes
    }
    if centres is not None:
        report.centres_rows = centres.rows
        current = {
            code: (latitude, longitude)
            for code, latitude, longitude in Commune.objects.values_list(
                "code", "latitude", "longitude"
            )
        }
        for code, values in wanted.items():
            latitude, longitude = centres.coordinates.get(code) or current.get(code, (None, None))
            values.update(latitude=latitude, longitude=longitude)
        report.centres_applied = len(centres.coordinates.keys() & wanted.keys())
    report.communes = _sync(Commune, wanted)
    report.postcodes = _sync_postcodes(
        {(postcode, c.code) for c in source.communes for postcode in c.postcodes}
    )
    report.missing_communes = sorted(
        set(Commune.objects.values_list("code", flat=True)) - wanted.keys()
    )
    report.without_coordinates = Commune.objects.filter(latitude__isnull=True).count()
    return report


def _sync(model: type[models.Model], wanted: dict[str, dict[str, Any]]) -> Counts:
    """Create or update rows of ``model`` keyed by primary key so that they hold ``wanted``."""
    counts = Counts()
    if not wanted:
        return counts
    names = list(next(iter(wanted.values())))
    existing = {row[0]: row[1:] for row in model._default_manager.values_list("pk", *names)}
    to_create, to_update = [], []
    for pk, values in wanted.items():
        current = existing.get(pk)
        if current is None:
            to_create.append(model(pk=pk, **values))
        elif current != tuple(values[name] for name in names):
            to_update.append(model(pk=pk, **values))
        else:
            counts.unchanged += 1
    model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    _update_rows(model, names, to_update)
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def _update_rows(model: type[models.Model], names: list[str], rows: list[models.Model]) -> None:
    """One UPDATE by primary key per row, sent with executemany.

    ``bulk_update`` spends about half a millisecond per row building CASE expressions: 20 s
    for a new centres file over every commune, against well under a second here. The values
    are plain strings, numbers and NULLs, which both SQLite and PostgreSQL take as they are.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = {field.attname: str(field.column) for field in model._meta.concrete_fields}
    key = str(model._meta.pk.column)
    assignments = ", ".join(f"{quote(columns[name])} = %s" for name in names)
    # Identifiers come from the model's metadata, values go as parameters.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(key)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*(getattr(row, n) for n in names), row.pk) for row in rows])


def _sync_postcodes(wanted: set[tuple[str, str]]) -> Counts:
    """Make the (postcode, commune) pairs exactly ``wanted``.

    Pairs of communes gone from the COG go too: their postcodes now serve the commune that
    absorbed them, and keeping them would make every lookup of that postcode ambiguous.
    """
    existing = {
        (code, commune): pk
        for pk, code, commune in Postcode.objects.values_list("pk", "code", "commune")
    }
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    for start in range(0, len(stale), BATCH_SIZE):
        Postcode.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
    new = [
        Postcode(code=code, commune_id=commune)
        for code, commune in sorted(wanted - existing.keys())
    ]
    Postcode.objects.bulk_create(new, batch_size=BATCH_SIZE)
    return Counts(created=len(new), deleted=len(stale), unchanged=len(wanted) - len(new))


def address_geocode(*, address: str) -> GeocodeResult:
    """Geocode a full address with the national address API, through the database cache.

    Every answer (found or not) is cached under the normalised address, so asking again makes
    no request. An unavailable service is not cached and never raises: callers show a message.
    """
    query = normalise_query(address)
    if not 3 <= len(query) <= 200:
        return GeocodeResult(query, GeocodeStatus.INVALID)
    cached = geocoded_address_cached(query)
    if cached is not None:
        return cached
    # The request runs outside any transaction: holding a write lock while waiting up to
    # GEOCODER_TIMEOUT seconds on the network would block every other writer.
    answer = geocode(query, url=settings.GEOCODER_URL, timeout=settings.GEOCODER_TIMEOUT)
    if answer.status == GeocodeStatus.UNAVAILABLE:
        return answer
    commune = Commune.objects.filter(code=commune_code_for(answer.citycode)).first()
    record, _created = GeocodedAddress.objects.update_or_create(
        query=query,
        defaults={
            "found": answer.status == GeocodeStatus.FOUND,
            "label": answer.label[:300],
            "commune": commune,
            "latitude": answer.latitude,
            "longitude": answer.longitude,
            "score": answer.score,
        },
    )
    return GeocodeResult.from_record(record)
