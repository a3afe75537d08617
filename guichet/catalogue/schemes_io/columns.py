"""One table from the etalab columns to the ``Scheme`` fields, with how each is read and written.

Reading turns a CSV cell into the value the model keeps, or raises ``CellError`` with a French
reason; corrections it makes are reported as warnings on the ``Cell``. Writing turns the
model's value back into the schema's notation. Relations are read into a canonical order (aid
types and audiences by code, territories country → region → department → commune) so that a
value read from a file compares equal to the one stored.
"""

from __future__ import annotations

import datetime
import json
import re
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from guichet.catalogue.models import AidType, Audience, Scheme
from guichet.catalogue.schemes_io.formulas import restore, starts_like_formula
from guichet.catalogue.schemes_io.geography import (
    GeoCodeError,
    GeoIndex,
    overseas_collectivity,
    sort_key,
)
from guichet.catalogue.schemes_io.jslike import NotationError, parse_object_list
from guichet.catalogue.schemes_io.spec import TableSpec
from guichet.organisations.validators import siren_error

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE_ONLY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INTEGER_RE = re.compile(r"^[+-]?\d+$")
NAF_RE = re.compile(r"^([A-U]|\d{2}|\d{2}\.\d|\d{2}\.\d{2}|\d{2}\.\d{2}[A-Z])$")
SIZE_CATEGORIES = ("MIC", "PME", "ETI", "GE")
MAX_INTEGER = 2_147_483_647  # PositiveIntegerField on PostgreSQL
# Dates outside this range are typing mistakes (0001-01-01, 9999-12-31), and the far ones
# cannot even be converted to UTC: refused with the row, like any other bad value.
FIRST_DAY = datetime.date(1800, 1, 1)
LAST_DAY = datetime.date(2100, 12, 31)
GEO_INCLUDED = "geo_included"
GEO_EXCLUDED = "geo_excluded"


class CellError(ValueError):
    """A value the platform cannot take; the message is the French reason."""


@dataclass
class Context:
    """What reading needs beyond the cell: the schema, the known territories and aid types."""

    table: TableSpec
    geo: GeoIndex
    aid_types: dict[str, str]  # lower-case code or name → code
    audiences: frozenset[str]
    new_aid_types: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, table: TableSpec) -> Context:
        aid_types: dict[str, str] = {}
        for code, name in AidType.objects.values_list("code", "name"):
            aid_types[name.lower()] = code
        for code in AidType.objects.values_list("code", flat=True):
            aid_types[code.lower()] = code
        return cls(
            table=table,
            geo=GeoIndex.load(),
            aid_types=aid_types,
            audiences=frozenset(Audience.objects.values_list("code", flat=True)),
        )


@dataclass
class Cell:
    column: str
    text: str
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


Reader = Callable[[Cell, Context], Any]
Writer = Callable[[Any], str]


@dataclass(frozen=True)
class Column:
    name: str  # in the CSV
    target: str  # a Scheme field, or GEO_INCLUDED / GEO_EXCLUDED
    read: Reader
    write: Writer
    empty: Any = ""
    multiline: bool = False
    # Free text, the only cells that may begin like a spreadsheet formula: the export
    # neutralises them, the import reads them back (formulas.py).
    free_text: bool = False


# Reading ---------------------------------------------------------------------------------


# Long texts over the schema's limit are kept whole with a warning: cutting them would drop
# eligibility conditions or amounts, and the platform stores them in full (TextField).
LONG_TEXT_TARGETS = ("description",)


def _limit(cell: Cell, context: Context, target: str, value: str) -> str:
    schema_limit = context.table.max_length(cell.column)
    if schema_limit is not None and len(value) > schema_limit and target in LONG_TEXT_TARGETS:
        cell.warn(
            _(
                "%(length)s caractères pour %(limit)s au plus dans le schéma officiel : texte "
                "gardé en entier, jamais tronqué ; l'export le signale comme non conforme"
            )
            % {"length": len(value), "limit": schema_limit}
        )
    elif schema_limit is not None and len(value) > schema_limit:
        raise CellError(
            _(
                "%(length)s caractères pour %(limit)s au plus (limite du schéma) : "
                "raccourcissez le texte, il n'est pas tronqué à l'import"
            )
            % {"length": len(value), "limit": schema_limit}
        )
    model_limit = getattr(Scheme._meta.get_field(target), "max_length", None)
    if model_limit is not None and len(value) > model_limit:
        raise CellError(
            _("%(length)s caractères pour %(limit)s au plus (limite de la plateforme)")
            % {"length": len(value), "limit": model_limit}
        )
    return value


def _text(target: str) -> Reader:
    def read(cell: Cell, context: Context) -> str:
        return _limit(cell, context, target, cell.text)

    return read


def _read_id(cell: Cell, context: Context) -> str:
    try:
        canonical = str(uuid.UUID(cell.text))
    except ValueError:
        raise CellError(
            _(
                "« %(value)s » n'est pas un UUID, comme le schéma le demande pour l'identifiant "
                "(par exemple 65d5b6c7-102c-4440-ac3b-768f708edc0a) : attribuez-en un à chaque "
                "dispositif et gardez-le d'un fichier à l'autre"
            )
            % {"value": cell.text}
        ) from None
    if canonical != cell.text:
        cell.warn(
            _("identifiant « %(value)s » écrit sous sa forme usuelle %(canonical)s")
            % {"value": cell.text, "canonical": canonical}
        )
    return canonical


def _read_url(cell: Cell, context: Context) -> str:
    value = _limit(cell, context, "source_url", cell.text)
    try:
        if not re.match(r"^https?://", value):
            raise ValidationError("scheme")
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise CellError(
            _("« %(value)s » n'est pas une adresse web complète (https://…)") % {"value": value}
        ) from None
    return value


def _items(cell: Cell) -> list[str]:
    """The values of a pipe-separated cell, without blanks or repeats (both reported)."""
    raw = cell.text.split("|")
    items = [item.strip() for item in raw]
    if any(not item for item in items):
        cell.warn(_("valeurs vides entre les « | » retirées"))
    result: list[str] = []
    for item in items:
        if item and item not in result:
            result.append(item)
    if len(result) < len([item for item in items if item]):
        cell.warn(_("valeurs répétées retirées"))
    return result


def _pipe(check: Callable[[str], str | None] | None = None, upper: bool = False) -> Reader:
    """A pipe-separated list kept in order; ``check`` returns a reason to refuse an item."""

    def read(cell: Cell, context: Context) -> list[str]:
        items = _items(cell)
        if upper and any(item != item.upper() for item in items):
            cell.warn(_("valeurs écrites en majuscules, comme le schéma le demande"))
            items = list(dict.fromkeys(item.upper() for item in items))
        if check:
            for item in items:
                reason = check(item)
                if reason:
                    raise CellError(reason)
        return items

    return read


def _check_naf(item: str) -> str | None:
    if NAF_RE.match(item):
        return None
    return _(
        "« %(value)s » n'est pas un code NAF (section A à U, division 62, groupe 62.0, "
        "classe 62.01 ou sous-classe 62.01Z)"
    ) % {"value": item}


def _check_size(item: str) -> str | None:
    if item in SIZE_CATEGORIES:
        return None
    return _("« %(value)s » n'est pas une catégorie d'entreprise (MIC, PME, ETI ou GE)") % {
        "value": item
    }


def _read_aid_types(cell: Cell, context: Context) -> list[str]:
    codes: list[str] = []
    for item in _items(cell):
        code = context.aid_types.get(item.lower())
        if code is None and starts_like_formula(item):
            # A new aid type joins the platform's public list: never one named like a formula.
            raise CellError(
                _(
                    "type d'aide « %(value)s » inconnu, qui commence comme une formule de "
                    "tableur : il n'est pas ajouté à la liste de la plateforme"
                )
                % {"value": item}
            )
        if code is None:
            if len(item) > getattr(AidType._meta.get_field("code"), "max_length", 0):
                raise CellError(
                    _("type d'aide « %(value)s » trop long pour la plateforme") % {"value": item}
                )
            # The schema's list of aid types grows with its users: a new value is kept.
            cell.warn(
                _("type d'aide « %(value)s » inconnu de la plateforme : ajouté à sa liste")
                % {"value": item}
            )
            context.aid_types[item.lower()] = item
            context.new_aid_types.add(item)
            code = item
        elif code != item:
            cell.warn(
                _("type d'aide « %(value)s » lu comme « %(code)s »") % {"value": item, "code": code}
            )
        codes.append(code)
    return sorted(set(codes))


def _read_audiences(cell: Cell, context: Context) -> list[str]:
    codes: list[str] = []
    for item in _items(cell):
        code = " ".join(item.lower().split())
        if code not in context.audiences:
            raise CellError(
                _(
                    "« %(value)s » n'est pas un public du schéma (professionnels, particuliers, "
                    "associations ou secteur public)"
                )
                % {"value": item}
            )
        if code != item:
            cell.warn(_("« %(value)s » lu comme « %(code)s »") % {"value": item, "code": code})
        codes.append(code)
    return sorted(set(codes))


def _read_geo(cell: Cell, context: Context) -> list[str]:
    codes: list[str] = []
    for item in _items(cell):
        code = "".join(item.split()).upper()
        if code != item:
            cell.warn(_("« %(value)s » lu comme « %(code)s »") % {"value": item, "code": code})
        collectivity = overseas_collectivity(code)
        if collectivity is not None:
            cell.warn(
                _(
                    "« %(value)s » (collectivité d'outre-mer entière) enregistré comme "
                    "« %(code)s », son code sur la plateforme"
                )
                % {"value": code, "code": collectivity}
            )
            code = collectivity
        try:
            context.geo.check(code)
        except GeoCodeError as error:
            raise CellError(str(error)) from None
        codes.append(code)
    corsican = [code for code in codes if "-2A" in code or "-2B" in code]
    if corsican:
        cell.warn(
            _(
                "codes corses %(codes)s gardés tels quels, bien que le motif du schéma officiel "
                "ne prévoie pas 2A et 2B ; l'export les signale"
            )
            % {"codes": ", ".join(corsican)}
        )
    return sorted(set(codes), key=sort_key)


def _datetime(role: str) -> Reader:
    """An ISO 8601 date and time. A date alone is read as the start of that day in French
    time, or its end for a closing date; a time without offset as French time."""

    def read(cell: Cell, context: Context) -> datetime.datetime:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        text = cell.text
        if DATE_ONLY_RE.match(text):
            try:
                day = datetime.date.fromisoformat(text)
            except ValueError:
                raise _bad_date(text) from None
            _check_range(day, text)
            time = datetime.time(23, 59, 59) if role == "close" else datetime.time(0, 0)
            value = datetime.datetime.combine(day, time, tzinfo=zone)
            cell.warn(
                _("date sans heure : lue comme %(value)s (heure de Paris)")
                % {"value": value.strftime("%Y-%m-%d %H:%M:%S")}
            )
            return value.astimezone(datetime.UTC)
        if "T" not in text and " " not in text:
            raise _bad_date(text)
        try:
            value = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise _bad_date(text) from None
        _check_range(value.date(), text)
        if value.tzinfo is None:
            cell.warn(_("heure sans fuseau horaire : lue comme heure de Paris"))
            value = value.replace(tzinfo=zone)
        return value.astimezone(datetime.UTC)

    return read


def _check_range(day: datetime.date, text: str) -> None:
    """Refuse a day outside 1800-2100 (the local day as written, before any conversion)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CellError(_("date hors de la plage 1800-2100 (« %(value)s »)") % {"value": text})


def _bad_date(text: str) -> CellError:
    return CellError(
        _(
            "« %(value)s » n'est pas une date ISO 8601 valide "
            "(attendu par exemple 2025-10-15T15:00:00Z)"
        )
        % {"value": text}
    )


def _read_integer(cell: Cell, context: Context) -> int:
    if not INTEGER_RE.match(cell.text):
        raise CellError(_("« %(value)s » n'est pas un nombre entier") % {"value": cell.text})
    value = int(cell.text)
    if value < 0:
        raise CellError(_("%(value)s : un nombre positif est attendu") % {"value": value})
    if value > MAX_INTEGER:
        raise CellError(_("%(value)s : nombre trop grand") % {"value": value})
    return value


def _objects(cell: Cell) -> list[dict[str, Any]]:
    try:
        value, corrections = parse_object_list(cell.text)
    except NotationError as error:
        raise CellError(str(error)) from None
    for correction in corrections:
        cell.warn(correction)
    return value


def _read_carriers(cell: Cell, context: Context) -> list[dict[str, Any]]:
    carriers = _objects(cell)
    if not carriers:
        raise CellError(_("au moins un porteur est attendu"))
    for carrier in carriers:
        name = carrier.get("nom")
        if not isinstance(name, str) or not name.strip():
            raise CellError(_("chaque porteur doit avoir un nom (nom: '…')"))
        siren = carrier.get("siren")
        if siren not in (None, ""):
            reason = siren_error(str(siren))
            if reason:
                cell.warn(
                    _("SIREN « %(siren)s » de %(name)s gardé tel quel mais douteux : %(reason)s")
                    % {"siren": siren, "name": name, "reason": reason}
                )
    return carriers


def _read_legal_basis(cell: Cell, context: Context) -> list[dict[str, Any]]:
    references = _objects(cell)
    for reference in references:
        if not all(
            isinstance(reference.get(key), str) and reference[key].strip()
            for key in ("libelle", "lien")
        ):
            raise CellError(
                _("chaque base juridique doit avoir un libellé (libelle) et un lien (lien)")
            )
    return references


# Writing ---------------------------------------------------------------------------------


def _write_text(value: Any) -> str:
    return "" if value is None else str(value)


def _write_list(value: Any) -> str:
    return "|".join(value or [])


def _write_datetime(value: Any) -> str:
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _write_objects(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value else ""


COLUMNS: tuple[Column, ...] = (
    Column("id", "external_id", _read_id, _write_text),
    Column("titre", "title", _text("title"), _write_text, free_text=True),
    Column("promesse", "promise", _text("promise"), _write_text, free_text=True),
    Column(
        "description",
        "description",
        _text("description"),
        _write_text,
        multiline=True,
        free_text=True,
    ),
    Column(
        "eligibilite",
        "eligibility_text",
        _text("eligibility_text"),
        _write_text,
        multiline=True,
        free_text=True,
    ),
    Column("types_aides", "aid_types", _read_aid_types, _write_list, empty=[], free_text=True),
    Column("porteurs", "carriers", _read_carriers, _write_objects, empty=[]),
    Column(
        "programmes_parents",
        "parent_programmes",
        _pipe(),
        _write_list,
        empty=[],
        free_text=True,
    ),
    Column("url_source", "source_url", _read_url, _write_text),
    Column("cibles", "audiences", _read_audiences, _write_list, empty=[]),
    Column("eligibilite_geographique", GEO_INCLUDED, _read_geo, _write_list, empty=[]),
    Column("eligibilite_geographique_exclusions", GEO_EXCLUDED, _read_geo, _write_list, empty=[]),
    Column("date_ouverture", "opens_at", _datetime("open"), _write_datetime, empty=None),
    Column("date_cloture", "closes_at", _datetime("close"), _write_datetime, empty=None),
    Column(
        "date_mise_a_jour", "source_updated_at", _datetime("update"), _write_datetime, empty=None
    ),
    Column("base_juridique", "legal_basis", _read_legal_basis, _write_objects, empty=[]),
    Column("eligibilite_effectif_minimal", "headcount_min", _read_integer, _write_text, empty=None),
    Column("eligibilite_effectif_maximal", "headcount_max", _read_integer, _write_text, empty=None),
    Column(
        "eligibilite_categorie_taille_entreprise",
        "size_categories",
        _pipe(_check_size, upper=True),
        _write_list,
        empty=[],
    ),
    Column(
        "eligibilite_annees_existence_minimal",
        "min_years_existence",
        _read_integer,
        _write_text,
        empty=None,
    ),
    Column(
        "eligibilite_forme_juridique",
        "legal_forms",
        _pipe(),
        _write_list,
        empty=[],
        free_text=True,
    ),
    Column(
        "eligibilite_forme_juridique_exclusions",
        "legal_forms_excluded",
        _pipe(),
        _write_list,
        empty=[],
        free_text=True,
    ),
    Column(
        "ciblage_secteur_activite",
        "activity_sectors",
        _pipe(),
        _write_list,
        empty=[],
        free_text=True,
    ),
    Column("ciblage_naf", "naf_included", _pipe(_check_naf, upper=True), _write_list, empty=[]),
    Column(
        "ciblage_naf_exclusions",
        "naf_excluded",
        _pipe(_check_naf, upper=True),
        _write_list,
        empty=[],
    ),
    Column(
        "chainage_paiement",
        "payment_chaining",
        _text("payment_chaining"),
        _write_text,
        free_text=True,
    ),
)
BY_NAME = {column.name: column for column in COLUMNS}
M2M_TARGETS = ("aid_types", "audiences")
GEO_TARGETS = (GEO_INCLUDED, GEO_EXCLUDED)


def read_cell(column: Column, text: str, required: bool, context: Context) -> tuple[Any, Cell]:
    """The value of one cell, with the corrections made; raises ``CellError``."""
    cell = Cell(column.name, text)
    if CONTROL_RE.search(cell.text):
        cell.text = CONTROL_RE.sub("", cell.text)
        cell.warn(_("caractères de contrôle invisibles retirés"))
    if not column.multiline:
        cell.text = cell.text.strip()
    if column.free_text:
        cell.text = restore(cell.text)
    if not cell.text.strip():
        if required:
            raise CellError(_("valeur obligatoire manquante"))
        return column.empty, cell
    return column.read(cell, context), cell


def stored_value(scheme: Scheme, target: str) -> Any:
    """What ``scheme`` holds for ``target``, in the form ``read_cell`` gives.

    Relations come from ``prefetch_related("aid_types", "audiences", "territories")``.
    """
    if target in M2M_TARGETS:
        return sorted(item.pk for item in getattr(scheme, target).all())
    if target in GEO_TARGETS:
        excluded = target == GEO_EXCLUDED
        return sorted(
            {t.code for t in scheme.territories.all() if t.excluded == excluded}, key=sort_key
        )
    return getattr(scheme, target)
