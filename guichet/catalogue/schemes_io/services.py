"""``schemes_import``: the one write of this package. Audited, idempotent, in short batches.

Every row is read and checked before anything is written: every reason to refuse it is
reported at once. Accepted rows create or update the scheme whose ``external_id`` is the
row's ``id``; a row equal to the stored scheme is left alone, so importing the same file
twice changes nothing the second time.

Rows are then written ``BATCH_SIZE`` at a time, each batch its own transaction (each row a
savepoint in it): on SQLite one writer holds the database at a time, and a single
transaction for a whole file kept every sign-in and form waiting, then failing, until the
import ended. A dry run makes the same checks and counts without opening any transaction.
"""

from __future__ import annotations

import datetime
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.audit.services import audit_record
from guichet.catalogue.models import AidType, Scheme
from guichet.catalogue.schemes_io.columns import (
    BY_NAME,
    GEO_EXCLUDED,
    GEO_INCLUDED,
    GEO_TARGETS,
    M2M_TARGETS,
    CellError,
    Context,
    read_cell,
    stored_value,
)
from guichet.catalogue.schemes_io.formulas import starts_like_formula
from guichet.catalogue.schemes_io.reading import Record, SchemeFile
from guichet.catalogue.schemes_io.report import ImportReport, RowNote
from guichet.catalogue.services import scheme_set_territories, unique_slug
from guichet.catalogue.workflow import RevisionStatus, Status
from guichet.organisations.models import Organisation, Role
from guichet.organisations.services import organisation_create
from guichet.organisations.validators import normalise_number, siren_error

TARGET_COLUMN = {column.target: column.name for column in BY_NAME.values()}
GEO_LABELS = {
    GEO_INCLUDED: "éligibilité géographique",
    GEO_EXCLUDED: "exclusions géographiques",
}


@dataclass
class _Row:
    record: Record
    external_id: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    refusals: list[RowNote] = field(default_factory=list)
    warnings: list[RowNote] = field(default_factory=list)

    def refuse(self, column: str, message: str) -> None:
        self.refusals.append(RowNote(self.record.line, column, message, self.external_id))

    def warn(self, column: str, message: str) -> None:
        self.warnings.append(RowNote(self.record.line, column, message, self.external_id))


def _read(record: Record, source: SchemeFile, context: Context) -> _Row:
    row = _Row(record)
    raw_id = record.values.get("id", "").strip()
    try:
        row.external_id = str(uuid.UUID(raw_id))
    except ValueError:
        row.external_id = raw_id
    if record.width_error:
        row.refuse("", record.width_error)
    required = set(source.table.required)
    for name in source.columns:
        column = BY_NAME[name]
        try:
            value, cell = read_cell(column, record.values.get(name, ""), name in required, context)
        except CellError as error:
            row.refuse(name, str(error))
            continue
        row.values[column.target] = value
        for warning in cell.warnings:
            row.warn(name, warning)
    _check_together(row)
    return row


def _check_together(row: _Row) -> None:
    """Rules between two columns of the same row."""
    opens, closes = row.values.get("opens_at"), row.values.get("closes_at")
    if opens and closes and closes < opens:
        row.refuse(
            "date_cloture",
            _("la clôture (%(closes)s) précède l'ouverture (%(opens)s)")
            % {"closes": closes.isoformat(), "opens": opens.isoformat()},
        )
    low, high = row.values.get("headcount_min"), row.values.get("headcount_max")
    if low is not None and high is not None and high < low:
        row.refuse(
            "eligibilite_effectif_maximal",
            _("l'effectif maximal (%(high)s) est inférieur à l'effectif minimal (%(low)s)")
            % {"high": high, "low": low},
        )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return value


def _label(target: str) -> str:
    if target in GEO_LABELS:
        return GEO_LABELS[target]
    return str(getattr(Scheme._meta.get_field(target), "verbose_name", target))


# Rows read together, then written in transactions of at most BATCH_SIZE rows and about
# BATCH_SECONDS: the site's own writes (a sign-in, a form) then wait well under SQLite's busy
# timeout while an import runs, even on a loaded machine.
BATCH_SIZE = 200
BATCH_SECONDS = 0.5
# Pause between two transactions on SQLite. Its waiting writers retry every 100 ms at most and
# nobody queues: without a pause the import would take the lock back before they see it free.
SQLITE_PAUSE_SECONDS = 0.1


@dataclass
class _Importer:
    source: SchemeFile
    owner: Organisation | None
    report: ImportReport
    context: Context
    dry_run: bool = False
    transactions: int = 0
    owners: dict[tuple[str, str], Organisation] = field(default_factory=dict)
    now: datetime.datetime = field(default_factory=timezone.now)

    def run(self) -> None:
        rows = [_read(record, self.source, self.context) for record in self.source.records]
        seen: dict[str, int] = {}
        for row in rows:
            if row.external_id in seen and not row.refusals:
                row.refuse(
                    "id",
                    _("identifiant déjà utilisé ligne %(line)s de ce fichier")
                    % {"line": seen[row.external_id]},
                )
            seen.setdefault(row.external_id, row.record.line)
        for start in range(0, len(rows), BATCH_SIZE):
            self.batch(rows[start : start + BATCH_SIZE])

    def batch(self, rows: list[_Row]) -> None:
        """Write (or, in a dry run, only check) ``rows``: what is stored is read outside any
        transaction, then the rows are written in short transactions."""
        accepted = [row for row in rows if not row.refusals]
        existing = {
            scheme.external_id: scheme
            for scheme in Scheme.objects.filter(
                external_id__in=[row.external_id for row in accepted]
            )
            .select_related("owner")
            .prefetch_related("aid_types", "audiences", "territories")
        }
        if self.dry_run:
            for row in accepted:
                self.attempt(row, existing.get(row.external_id))
        else:
            pending = iter(accepted)
            while self.transaction(pending, existing):
                pass
        for row in rows:
            if row.refusals:
                self.report.refused.append(row.record.line)
                self.report.refusals.extend(row.refusals)
            else:
                self.report.warnings.extend(row.warnings)

    def transaction(self, pending: Iterator[_Row], existing: dict[str | None, Scheme]) -> bool:
        """Write rows from ``pending`` in one transaction of about ``BATCH_SECONDS`` (at
        least one row); False once there is none left."""
        row = next(pending, None)
        if row is None:
            return False
        if self.transactions and connection.vendor == "sqlite":
            time.sleep(SQLITE_PAUSE_SECONDS)
        self.transactions += 1
        deadline = time.monotonic() + BATCH_SECONDS
        with transaction.atomic():
            while row is not None:
                self.attempt(row, existing.get(row.external_id))
                if time.monotonic() >= deadline:
                    break
                row = next(pending, None)
        return row is not None

    def attempt(self, row: _Row, scheme: Scheme | None) -> None:
        """Write one row, or refuse it with the database's reasons and undo its writes."""
        owners, created = dict(self.owners), len(self.report.organisations_created)
        counts = (len(self.report.created), len(self.report.updated))
        try:
            if self.dry_run:
                self.write(row, scheme)
            else:
                with transaction.atomic():
                    self.write(row, scheme)
        except ValidationError as error:
            # The row's savepoint is rolled back, with any organisation it created.
            self.owners = owners
            del self.report.organisations_created[created:]
            del self.report.created[counts[0] :]
            del self.report.updated[counts[1] :]
            for target, messages in error.message_dict.items():
                for message in messages:
                    row.refuse(TARGET_COLUMN.get(target, ""), message)

    def write(self, row: _Row, scheme: Scheme | None) -> None:
        if scheme is None:
            self.create(row)
            self.report.created.append(row.record.line)
            return
        changes = {
            target: {"label": _label(target), "old": _plain(old), "new": _plain(new)}
            for target, new in row.values.items()
            if (old := stored_value(scheme, target)) != new
        }
        if not changes:
            self.report.unchanged.append(row.record.line)
            return
        if scheme.revision_status == RevisionStatus.SUBMITTED:
            row.warn(
                "",
                _(
                    "la fiche a une modification proposée par son organisation, en attente de "
                    "modération : elle n'est pas touchée par l'import"
                ),
            )
        self.save(scheme, row, changes)
        self.report.updated.append(row.record.line)

    def create(self, row: _Row) -> None:
        owner = self.owner or self.owner_for(row)
        scheme = Scheme(
            owner=owner,
            status=Status.PUBLISHED,
            published_at=self.now,
            slug=unique_slug(Scheme, row.values.get("title", "")),
        )
        changes = {
            target: {"label": _label(target), "old": None, "new": _plain(value)}
            for target, value in row.values.items()
            if value not in ("", None, [])
        }
        self.save(scheme, row, changes)

    def save(self, scheme: Scheme, row: _Row, changes: dict[str, Any]) -> None:
        for target, value in row.values.items():
            if target not in M2M_TARGETS and target not in GEO_TARGETS:
                setattr(scheme, target, value)
        if self.dry_run:
            # The checks the database would make, without writing; an owner still to be
            # created has no key yet.
            scheme.full_clean(exclude=["owner"] if scheme.owner.pk is None else None)
            return
        scheme.full_clean()
        scheme.save()
        if "aid_types" in row.values:
            for code in row.values["aid_types"]:
                if code in self.context.new_aid_types:
                    AidType.objects.get_or_create(code=code, defaults={"name": code[:100]})
            scheme.aid_types.set(row.values["aid_types"])
        if "audiences" in row.values:
            scheme.audiences.set(row.values["audiences"])
        for target in GEO_TARGETS:
            if target in row.values:
                scheme_set_territories(
                    scheme=scheme, codes=row.values[target], excluded=target == GEO_EXCLUDED
                )
        audit_record(
            actor=None,
            instance=scheme,
            action="import",
            changes=changes,
            comment=_("Import du fichier %(name)s (schéma %(schema)s), ligne %(line)s.")
            % {
                "name": self.source.name,
                "schema": self.source.table.name,
                "line": row.record.line,
            },
        )

    def owner_for(self, row: _Row) -> Organisation:
        """The organisation of the row's first carrier: found by SIREN, else by name, else
        created with the financer role (in a dry run, checked and not saved)."""
        carrier = row.values["carriers"][0]
        name = carrier["nom"].strip()[:200]
        siren = normalise_number(str(carrier.get("siren") or ""))
        if siren and siren_error(siren):
            siren = ""
        key = (siren, name.lower())
        if key in self.owners:
            return self.owners[key]
        organisations = Organisation.objects.real().order_by("pk")
        owner = (organisations.filter(siren=siren).first() if siren else None) or (
            organisations.filter(name__iexact=name).first()
        )
        if owner is None:
            owner = self.new_owner(name, siren)
            self.report.organisations_created.append(name)
        self.owners[key] = owner
        return owner

    def new_owner(self, name: str, siren: str) -> Organisation:
        if starts_like_formula(name):
            # A public organisation named « =HYPERLINK(…) » would carry the formula into
            # every export and spreadsheet of organisations: the row is refused instead.
            raise ValidationError(
                {
                    "carriers": _(
                        "le nom du premier porteur « %(name)s » commence par « %(start)s », "
                        "comme une formule de tableur : aucune organisation n'est créée à ce "
                        "nom ; corrigez le nom, donnez le SIREN d'une organisation existante "
                        "ou indiquez --owner"
                    )
                    % {"name": name, "start": name[0]}
                }
            )
        try:
            if self.dry_run:
                owner = Organisation(name=name, siren=siren)
                owner.full_clean(exclude=["slug"])
                return owner
            return organisation_create(
                actor=None,
                data={"name": name, "siren": siren, "roles": [Role.Code.FINANCER]},
            )
        except ValidationError as error:
            reason = _("organisation %(name)s impossible à créer : %(error)s") % {
                "name": name,
                "error": "; ".join(error.messages),
            }
            raise ValidationError({"carriers": reason}) from error


def schemes_import(
    *, source: SchemeFile, owner: Organisation | None = None, dry_run: bool = False
) -> ImportReport:
    """Create or update the schemes of ``source``, published, audited as imported by the
    system. New schemes belong to ``owner``, or to their first carrier's organisation.
    Rows are written in batches of ``BATCH_SIZE``, one transaction each. With ``dry_run``
    everything is checked and counted the same way, and nothing is written: no transaction,
    no row, no audit entry, no change to the search index."""
    report = ImportReport(
        file_name=source.name,
        schema=source.table.name,
        version=source.table.version,
        dry_run=dry_run,
        rows=len(source.records),
        notices=list(source.notices),
    )
    importer = _Importer(
        source=source,
        owner=owner,
        report=report,
        context=Context.load(source.table),
        dry_run=dry_run,
    )
    importer.run()
    return report
