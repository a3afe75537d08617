"""A firm's profile, as matching and the eligibility engine read it.

A profile is entered by hand (NAF code, headcount, creation date, legal form, commune) or starts
from a SIRET. There is no access to the Sirene register here: a SIRET is checked (Luhn, La Poste
rule) and gives the SIREN, nothing more; what it cannot tell stays unknown and every criterion
that needs it is "to check".

``parse_profile`` reads the JSON object of the API (``{"siret", "naf", "headcount", "created",
"legal_form", "commune"}``, every key optional) or the page's form values, and raises
``ProfileError`` with one French message per bad field, keyed ``profile.<field>``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from guichet.organisations.legal_forms import legal_form_error, legal_form_label
from guichet.organisations.naf import NafCode, NafError, parse_naf
from guichet.organisations.sizes import SizeCategory, size_category
from guichet.organisations.validators import normalise_number, siret_error
from guichet.search.profile_legal_forms import (
    LABELS,
    label_for_text,
    label_name,
    labels_for_insee_code,
    with_broader,
)
from guichet.territories.selectors import (
    FRANCE,
    Place,
    PlaceStatus,
    resolve_place,
    territory_codes_for_commune,
)

FIELDS = ("siret", "naf", "headcount", "created", "legal_form", "commune")
PREFIX = "profile"
MAX_HEADCOUNT = 10_000_000
# Overseas collectivities (not departments): the territories app gives each its own department
# and region code; national schemes do not always apply there.
OVERSEAS_COLLECTIVITIES = frozenset({"975", "977", "978", "984", "986", "987", "988", "989"})
EI_CODE = "1000"


class ProfileError(ValueError):
    """A profile that cannot be read; ``errors`` maps ``profile.<field>`` to a French message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class FirmPlace:
    """Where the firm is: one commune, or only a department or region (shared postcode)."""

    code: str  # as typed, normalised: a postcode or an INSEE code
    label: str
    territory_codes: frozenset[str]  # COM-, DEP-, REG-, PAYS- codes known to cover the firm
    commune_code: str | None = None
    department_code: str | None = None
    region_code: str | None = None
    coordinates: tuple[float, float] | None = None
    note: str = ""

    @property
    def is_precise(self) -> bool:
        """The commune is known, so every geographic code covering the firm is known."""
        return self.commune_code is not None

    @property
    def in_overseas_collectivity(self) -> bool:
        return self.department_code in OVERSEAS_COLLECTIVITIES


@dataclass(frozen=True)
class LegalForm:
    """A legal form given as an INSEE code (``5710``) or as a schema label (``SAS``)."""

    insee_code: str | None
    labels: frozenset[str]  # schema labels it falls under, broader ones included
    name: str

    @property
    def may_be_microentrepreneur(self) -> bool:
        """An EI may or may not be under the micro-entrepreneur regime: INSEE does not say."""
        return "EI" in self.labels and "Microentrepreneur" not in self.labels


@dataclass(frozen=True)
class FirmProfile:
    siret: str | None = None
    siren: str | None = None
    naf: NafCode | None = None
    headcount: int | None = None
    created: datetime.date | None = None
    legal_form: LegalForm | None = None
    place: FirmPlace | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def size_category(self) -> SizeCategory | None:
        """INSEE's category from the headcount alone (turnover and balance sheet are unknown)."""
        return size_category(self.headcount) if self.headcount is not None else None

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in ("siret", *_PROFILE_ATTRS))

    def unknown_hint(self) -> str:
        """What to add to a "to check" reason when the profile lacks a fact."""
        if self.siret:
            return "le SIRET seul ne permet pas de le connaître ici : renseignez-le"
        return "renseignez-le dans votre profil"


_PROFILE_ATTRS = ("naf", "headcount", "created", "legal_form", "place")


def parse_profile(data: object, *, today: datetime.date | None = None) -> FirmProfile:
    """Read a profile object; raise ``ProfileError`` naming each bad field."""
    if data is None:
        return FirmProfile()
    if not isinstance(data, Mapping):
        raise ProfileError({PREFIX: "Le profil doit être un objet JSON (des paires clé-valeur)."})
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key in data:
        if key not in FIELDS:
            errors[f"{PREFIX}.{key}"] = (
                f"Champ inconnu : le profil accepte {', '.join(FIELDS)}."
                if isinstance(key, str)
                else "Champ inconnu."
            )
    readers = {
        "siret": _read_siret,
        "naf": _read_naf,
        "headcount": _read_headcount,
        "created": lambda raw: _read_created(raw, today),
        "legal_form": _read_legal_form,
        "commune": _read_commune,
    }
    for name, reader in readers.items():
        raw = data.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        try:
            values[name] = reader(raw)
        except _FieldError as error:
            errors[f"{PREFIX}.{name}"] = str(error)
    if errors:
        raise ProfileError(errors)
    siret = values.get("siret")
    place: FirmPlace | None = values.get("commune")
    notes = (place.note,) if place is not None and place.note else ()
    return FirmProfile(
        siret=siret,
        siren=siret[:9] if siret else None,
        naf=values.get("naf"),
        headcount=values.get("headcount"),
        created=values.get("created"),
        legal_form=values.get("legal_form"),
        place=place,
        notes=notes,
    )


class _FieldError(ValueError):
    pass


def _text(raw: object, what: str) -> str:
    if not isinstance(raw, str):
        raise _FieldError(f"{what} s'écrit comme une chaîne de caractères, entre guillemets.")
    return raw.strip()


def _read_siret(raw: object) -> str:
    number = normalise_number(_text(raw, "Le SIRET"))
    error = siret_error(number)
    if error:
        raise _FieldError(str(error))
    return number


def _read_naf(raw: object) -> NafCode:
    try:
        return parse_naf(_text(raw, "Le code NAF"))
    except NafError as error:
        raise _FieldError(str(error)) from None


def _read_headcount(raw: object) -> int:
    message = (
        f"L'effectif est un nombre entier de salariés, de 0 à {MAX_HEADCOUNT:,}".replace(",", " ")
        + "."
    )
    if isinstance(raw, bool):
        raise _FieldError(message)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and re.fullmatch(r"\d+", digits := re.sub(r"[\s\u202f]", "", raw)):
        value = int(digits)
    else:
        raise _FieldError(message)
    if not 0 <= value <= MAX_HEADCOUNT:
        raise _FieldError(message)
    return value


_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _read_created(raw: object, today: datetime.date) -> datetime.date:
    text = _text(raw, "La date de création")
    french = _FRENCH_DATE.match(text)
    try:
        if french:
            day, month, year = (int(part) for part in french.groups())
            value = datetime.date(year, month, day)
        else:
            value = datetime.date.fromisoformat(text)
    except ValueError:
        raise _FieldError(
            f"« {text} » n'est pas une date : écrivez-la AAAA-MM-JJ (2019-03-15) ou JJ/MM/AAAA."
        ) from None
    if value > today:
        raise _FieldError("La date de création ne peut pas être dans le futur.")
    if value.year < 1800:
        raise _FieldError("La date de création doit être postérieure à 1800.")
    return value


def _read_legal_form(raw: object) -> LegalForm:
    text = _text(raw, "La forme juridique")
    if text.isdigit():
        error = legal_form_error(text)
        if error:
            raise _FieldError(error)
        return LegalForm(
            insee_code=text,
            labels=with_broader(labels_for_insee_code(text)),
            name=f"{legal_form_label(text)} ({text})",
        )
    label = label_for_text(text)
    if label is None:
        raise _FieldError(
            f"« {text} » n'est pas une forme juridique connue : donnez le code INSEE à quatre "
            f"chiffres (5710 pour une SAS) ou l'un de ces libellés : {', '.join(LABELS)}."
        )
    return LegalForm(
        insee_code=EI_CODE if label in ("EI", "Microentrepreneur") else None,
        labels=with_broader(frozenset({label})),
        name=label_name(label),
    )


def _read_commune(raw: object) -> FirmPlace:
    place = resolve_place(_text(raw, "La commune"))
    if place.status == PlaceStatus.UNKNOWN:
        raise _FieldError(place.message)
    return place_from_resolved(place)


def place_from_resolved(place: Place) -> FirmPlace:
    """The firm's place from a resolved code: precise for one commune, partial for several."""
    commune = place.commune
    region_code = place.region.code if place.region is not None else None
    department_code = place.department.code if place.department is not None else None
    if commune is not None:
        codes = territory_codes_for_commune(commune)
        label = commune.name
        if department_code:
            label = f"{commune.name} ({department_code})"
    else:
        # Several communes share the postcode: only what they have in common is known.
        codes = {FRANCE}
        if department_code:
            codes.add(f"DEP-{department_code}")
        if region_code:
            codes.add(f"REG-{region_code}")
        names = ", ".join(c.name for c in place.communes)
        label = f"code postal {place.code} ({names})"
    return FirmPlace(
        code=place.code,
        label=label,
        territory_codes=frozenset(codes),
        commune_code=commune.code if commune is not None else None,
        department_code=department_code,
        region_code=region_code,
        coordinates=place.coordinates,
        note=place.message,
    )
