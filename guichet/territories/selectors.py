"""Reads of the territories app: resolving codes, and the geography of a commune."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from guichet.territories.geocoding import GeocodeResult
from guichet.territories.models import Commune, Department, GeocodedAddress, Region
from guichet.territories.reference import municipal_arrondissements

CODE_RE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
FRANCE = "PAYS-99100"


class PlaceStatus(StrEnum):
    FOUND = "found"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


class CodeKind(StrEnum):
    """How to read a 5-character code: many postcodes are also another commune's INSEE code."""

    AUTO = "auto"
    POSTCODE = "postcode"
    INSEE = "insee"


@dataclass(frozen=True)
class Place:
    """What a code designates: one commune, several (shared postcode) or nothing."""

    code: str
    status: PlaceStatus
    communes: tuple[Commune, ...] = ()
    matched_as: CodeKind | None = None
    department: Department | None = None
    region: Region | None = None
    coordinates: tuple[float, float] | None = None
    message: str = ""
    # In automatic mode a postcode wins; this is the other commune whose INSEE code it is.
    also_insee_code_of: Commune | None = None

    @property
    def commune(self) -> Commune | None:
        return self.communes[0] if self.status == PlaceStatus.FOUND else None


def normalise_code(raw: str) -> str:
    """``" 2a 004 "`` → ``"2A004"``: people type spaces and lower case."""
    return re.sub(r"\s+", "", raw).upper()


def is_valid_code(code: str) -> bool:
    """Five digits, or 2A/2B and three digits (Corsica's INSEE codes)."""
    return bool(CODE_RE.match(code))


def commune_code_for(code: str) -> str:
    """The commune of a municipal arrondissement code (75108 → 75056); other codes unchanged.

    Useful for SIRENE and the address API, which give Paris, Lyon and Marseille addresses the
    arrondissement's code.
    """
    arrondissement = municipal_arrondissements().get(code)
    return arrondissement["commune"] if arrondissement else code


def _communes() -> QuerySet[Commune]:
    return Commune.objects.select_related("department__region", "region").prefetch_related(
        "postcodes"
    )


def resolve_place(code: str, kind: CodeKind = CodeKind.AUTO) -> Place:
    """Resolve a postcode or an INSEE commune code to its commune(s), department and region."""
    code = normalise_code(code)
    if not is_valid_code(code):
        return Place(code, PlaceStatus.UNKNOWN, message=_invalid_message(code))
    by_postcode: list[Commune] = []
    if kind != CodeKind.INSEE and code.isdigit():
        by_postcode = list(_communes().filter(postcodes__code=code).distinct().order_by("name"))
    by_insee = None
    if kind != CodeKind.POSTCODE:
        by_insee = _communes().filter(code=commune_code_for(code)).first()
    if by_postcode:
        other = by_insee if by_insee is not None and by_insee not in by_postcode else None
        return _place(code, by_postcode, CodeKind.POSTCODE, other)
    if by_insee is not None:
        return _place(code, [by_insee], CodeKind.INSEE, None)
    return Place(code, PlaceStatus.UNKNOWN, message=_unknown_message(code, kind))


def _place(
    code: str, communes: list[Commune], matched_as: CodeKind, other: Commune | None
) -> Place:
    departments = {commune.department for commune in communes}
    regions = {region_of_commune(commune) for commune in communes}
    department = departments.pop() if len(departments) == 1 else None
    region = regions.pop() if len(regions) == 1 else None
    notes = []
    if len(communes) > 1:
        status = PlaceStatus.AMBIGUOUS
        notes.append(
            _("Le code postal %(code)s dessert %(count)s communes : choisissez la vôtre.")
            % {"code": code, "count": len(communes)}
        )
        coordinates = None
    else:
        status = PlaceStatus.FOUND
        commune = communes[0]
        coordinates = _coordinates(commune)
        arrondissement = municipal_arrondissements().get(code)
        if matched_as == CodeKind.INSEE and arrondissement:
            notes.append(
                _("Le code %(code)s est celui de %(name)s, qui fait partie de %(commune)s.")
                % {"code": code, "name": arrondissement["name"], "commune": commune.name}
            )
    if other is not None:
        notes.append(
            _("Le code %(code)s est aussi le code commune (INSEE) d'une autre commune : %(name)s.")
            % {"code": code, "name": other.name}
        )
    return Place(
        code=code,
        status=status,
        communes=tuple(communes),
        matched_as=matched_as,
        department=department,
        region=region,
        coordinates=coordinates,
        message=" ".join(notes),
        also_insee_code_of=other,
    )


def _coordinates(commune: Commune) -> tuple[float, float] | None:
    if commune.latitude is None or commune.longitude is None:
        return None
    return (commune.latitude, commune.longitude)


def _invalid_message(code: str) -> str:
    return _(
        "« %(code)s » n'est ni un code postal ni un code commune : il faut 5 chiffres, "
        "ou 2A ou 2B suivis de 3 chiffres pour la Corse."
    ) % {"code": code}


def _unknown_message(code: str, kind: CodeKind) -> str:
    if kind == CodeKind.POSTCODE:
        return _("Le code postal %(code)s ne correspond à aucune commune connue.") % {"code": code}
    if kind == CodeKind.INSEE:
        return _("Le code commune %(code)s ne correspond à aucune commune connue.") % {"code": code}
    return _("Le code %(code)s ne correspond à aucune commune ni à aucun code postal connu.") % {
        "code": code
    }


def region_of_commune(commune: Commune) -> Region | None:
    """The commune's region, through its department when the commune row has none."""
    if commune.region is not None:
        return commune.region
    return commune.department.region if commune.department is not None else None


def territory_codes_for_commune(commune: Commune) -> set[str]:
    """The dispositif-aide geographic codes covering a commune: COM-, DEP-, REG- and PAYS-.

    Built from the foreign keys' values, so it costs no query when the commune row has its
    region (the loader always sets it).
    """
    codes = {f"COM-{commune.code}", FRANCE}
    if commune.department_id:
        codes.add(f"DEP-{commune.department_id}")
    region_code = commune.region_id
    if region_code is None and commune.department is not None:
        region_code = commune.department.region_id
    if region_code:
        codes.add(f"REG-{region_code}")
    return codes


def geocoded_address_cached(query: str) -> GeocodeResult | None:
    """The cached geocoder answer for a normalised query, if any."""
    record = GeocodedAddress.objects.select_related("commune").filter(query=query).first()
    return GeocodeResult.from_record(record, cached=True) if record is not None else None
