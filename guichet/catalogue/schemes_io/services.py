"""``schemes_import``: the one write of this package. Atomic, audited, idempotent.

A row is read in full before anything is written: every reason to refuse it is reported at
once. Accepted rows create or update the scheme whose ``external_id`` is the row's ``id``; a
row equal to the stored scheme is left alone, so importing the same file twice changes
nothing the second time.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
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


@dataclass
class _Importer:
    source: SchemeFile
    owner: Organisation | None
    report: ImportReport
    context: Context
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
        existing = {
            scheme.external_id: scheme
            for scheme in Scheme.objects.filter(external_id__in=list(seen))
            .select_related("owner")
            .prefetch_related("aid_types", "audiences", "territories")
        }
        for row in rows:
            if not row.refusals:
                owners, created = dict(self.owners), len(self.report.organisations_created)
                try:
                    with transaction.atomic():
                        self.write(row, existing.get(row.external_id))
                except ValidationError as error:
                    # The row's savepoint is rolled back, with any organisation it created.
                    self.owners = owners
                    del self.report.organisations_created[created:]
                    for target, messages in error.message_dict.items():
                        for message in messages:
                            row.refuse(TARGET_COLUMN.get(target, ""), message)
            if row.refusals:
                self.report.refused.append(row.record.line)
                self.report.refusals.extend(row.refusals)
            else:
                self.report.warnings.extend(row.warnings)

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
        created with the financer role."""
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
            try:
                owner = organisation_create(
                    actor=None,
                    data={"name": name, "siren": siren, "roles": [Role.Code.FINANCER]},
                )
            except ValidationError as error:
                reason = _("organisation %(name)s impossible à créer : %(error)s") % {
                    "name": name,
                    "error": "; ".join(error.messages),
                }
                raise ValidationError({"carriers": reason}) from error
            self.report.organisations_created.append(name)
        self.owners[key] = owner
        return owner


@transaction.atomic
def schemes_import(
    *, source: SchemeFile, owner: Organisation | None = None, dry_run: bool = False
) -> ImportReport:
    """Create or update the schemes of ``source``, published, audited as imported by the
    system. New schemes belong to ``owner``, or to their first carrier's organisation.
    With ``dry_run`` everything is checked and counted, then rolled back."""
    report = ImportReport(
        file_name=source.name,
        schema=source.table.name,
        version=source.table.version,
        dry_run=dry_run,
        rows=len(source.records),
        notices=list(source.notices),
    )
    importer = _Importer(
        source=source, owner=owner, report=report, context=Context.load(source.table)
    )
    importer.run()
    if dry_run:
        transaction.set_rollback(True)
    return report
