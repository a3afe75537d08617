"""Geographic eligibility codes of the schema: ``PAYS-99100``, ``REG-94``, ``DEP-2A``,
``COM-2A004``, checked against the territories the platform knows.

Regions and departments are always in the database (territories migration 0002), so an
unknown ``REG-`` or ``DEP-`` code is refused. Communes are there only once
``guichet load-territories`` has run: until then a ``COM-`` code is checked for its form only.

An overseas collectivity (Saint-Pierre-et-Miquelon, Wallis-et-Futuna, Polynésie française…)
is written by its COG code after ``COM-`` (``COM-975``), as carriers do; the platform keeps it
as one department and one region of its own (territories migration 0002), so it is stored as
``DEP-975``, the code a firm there is matched on (search's geographic eligibility).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guichet.territories.models import Commune, Department, Region
from guichet.territories.selectors import commune_code_for

CODE_RE = re.compile(r"^(PAYS|REG|DEP|COM)-([0-9AB]+)$")
FORMS = {
    "PAYS": re.compile(r"^99\d{3}$"),
    "REG": re.compile(r"^\d{2,3}$"),
    "DEP": re.compile(r"^(\d{2,3}|2[AB])$"),
    "COM": re.compile(r"^(\d{5}|2[AB]\d{3})$"),
}
# COG codes of the overseas collectivities (each one department and region on the platform).
OVERSEAS_COLLECTIVITIES = frozenset({"975", "977", "978", "984", "986", "987", "988", "989"})
PREFIX_ORDER = {"PAYS": 0, "REG": 1, "DEP": 2, "COM": 3}


class GeoCodeError(ValueError):
    pass


def overseas_collectivity(code: str) -> str | None:
    """``DEP-975`` for ``COM-975``: the stored code of an overseas collectivity written as a
    whole by its COG code; None for any other code."""
    prefix, _sep, number = code.partition("-")
    if prefix == "COM" and number in OVERSEAS_COLLECTIVITIES:
        return f"DEP-{number}"
    return None


def sort_key(code: str) -> tuple[int, str]:
    """Country first, then regions, departments and communes, each in code order."""
    prefix, _sep, rest = code.partition("-")
    return (PREFIX_ORDER.get(prefix, 9), rest)


@dataclass
class GeoIndex:
    """The codes the platform knows, read once per import."""

    regions: frozenset[str]
    departments: frozenset[str]
    communes: frozenset[str]

    @classmethod
    def load(cls) -> GeoIndex:
        return cls(
            regions=frozenset(Region.objects.values_list("code", flat=True)),
            departments=frozenset(Department.objects.values_list("code", flat=True)),
            communes=frozenset(Commune.objects.values_list("code", flat=True)),
        )

    def check(self, code: str) -> None:
        """Raise ``GeoCodeError`` with a French reason when ``code`` is not a known code."""
        match = CODE_RE.match(code)
        if not match:
            raise GeoCodeError(
                _(
                    "« %(code)s » n'est pas un code géographique du schéma "
                    "(PAYS-99100, REG-93, DEP-2A, COM-13055…)"
                )
                % {"code": code}
            )
        prefix, number = match.groups()
        if not FORMS[prefix].match(number):
            raise GeoCodeError(
                _("« %(code)s » : %(number)s n'est pas un code %(kind)s")
                % {"code": code, "number": number, "kind": _kind(prefix)}
            )
        if prefix == "REG" and number not in self.regions:
            raise GeoCodeError(
                _("« %(code)s » : aucune région n'a le code %(number)s")
                % {"code": code, "number": number}
            )
        if prefix == "DEP" and number not in self.departments:
            raise GeoCodeError(
                _("« %(code)s » : aucun département n'a le code %(number)s")
                % {"code": code, "number": number}
            )
        if prefix == "COM" and commune_code_for(number) != number:
            raise GeoCodeError(
                _(
                    "« %(code)s » est un arrondissement municipal, pas une commune : "
                    "utilisez COM-%(commune)s"
                )
                % {"code": code, "commune": commune_code_for(number)}
            )
        if prefix == "COM" and self.communes and number not in self.communes:
            raise GeoCodeError(
                _("« %(code)s » : aucune commune n'a le code %(number)s")
                % {"code": code, "number": number}
            )


def _kind(prefix: str) -> str:
    return {
        "PAYS": _("de pays (99 suivi de 3 chiffres)"),
        "REG": _("de région"),
        "DEP": _("de département"),
        "COM": _("de commune (5 caractères INSEE)"),
    }[prefix]
