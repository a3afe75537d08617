"""Legal forms: INSEE's "catégories juridiques", level III (four digits).

Only the forms most often met among the platform's organisations are named
here; any other four-digit code of the nomenclature is accepted and shown
by its code.
"""

from __future__ import annotations

import re

COMMON_LEGAL_FORMS: dict[str, str] = {
    "1000": "Entrepreneur individuel",
    "5202": "Société en nom collectif",
    "5485": "Société d'exercice libéral à responsabilité limitée",
    "5498": "SARL unipersonnelle",
    "5499": "Société à responsabilité limitée (SARL)",
    "5599": "SA à conseil d'administration",
    "5699": "SA à directoire",
    "5710": "Société par actions simplifiée (SAS)",
    "5720": "Société par actions simplifiée à associé unique (SASU)",
    "5785": "Société d'exercice libéral par actions simplifiée",
    "6220": "Groupement d'intérêt économique (GIE)",
    "6540": "Société civile immobilière",
    "7210": "Commune et commune nouvelle",
    "7220": "Département",
    "7229": "Autre collectivité territoriale",
    "7230": "Région",
    "7383": "Établissement public national à caractère scientifique, culturel et professionnel",
    "7389": "Établissement public national à caractère administratif",
    "9210": "Association non déclarée",
    "9220": "Association déclarée",
    "9300": "Fondation",
}

_CODE = re.compile(r"^\d{4}$")


def legal_form_error(code: str) -> str | None:
    if not _CODE.match(code or ""):
        return (
            "Une catégorie juridique INSEE s'écrit en quatre chiffres, "
            "par exemple 5710 pour une SAS."
        )
    return None


def legal_form_label(code: str) -> str:
    return COMMON_LEGAL_FORMS.get(code, f"catégorie juridique {code}")
