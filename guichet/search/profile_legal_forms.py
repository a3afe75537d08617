"""Legal forms as the etalab ``dispositif-aide-professionnels`` schema names them; INSEE codes.

Schemes list eligible and excluded legal forms with short labels (``EI``, ``Microentrepreneur``,
``EURL``, ``SASU``, ``SARL``, ``SAS``, ``SA``, ``SNC``, ``SCS``, ``SCA``, ``SICA``, ``GAEC``,
``GIE``: the schema's example, which is the reference list we have); Sirene gives a firm's
"catégorie juridique" as a four-digit INSEE code. This module maps the codes to the labels.

Two facts shape the mapping:
- micro-entrepreneur is a tax and social regime of the entrepreneur individuel, not a legal
  form: INSEE code 1000 covers both, so whether an EI is a micro-entrepreneur is unknown;
- some labels are special cases of others: an EURL is a SARL with one partner (INSEE 5498,
  "SARL unipersonnelle"), a SASU a SAS with one, a micro-entrepreneur an EI. A scheme open to
  SARL is open to an EURL; a scheme excluding SARL excludes an EURL too.
"""

from __future__ import annotations

import re

# Label → French name shown to people.
LABELS: dict[str, str] = {
    "EI": "entreprise individuelle (EI)",
    "Microentrepreneur": "micro-entrepreneur",
    "EURL": "EURL (SARL à associé unique)",
    "SARL": "SARL",
    "SASU": "SASU (SAS à associé unique)",
    "SAS": "SAS",
    "SA": "société anonyme (SA)",
    "SNC": "société en nom collectif (SNC)",
    "SCS": "société en commandite simple (SCS)",
    "SCA": "société en commandite par actions (SCA)",
    "SICA": "société d'intérêt collectif agricole (SICA)",
    "GAEC": "groupement agricole d'exploitation en commun (GAEC)",
    "GIE": "groupement d'intérêt économique (GIE)",
}

# A label counts as each label it is a special case of.
BROADER: dict[str, str] = {"EURL": "SARL", "SASU": "SAS", "Microentrepreneur": "EI"}

_ALIASES = {
    "MICROENTREPRISE": "Microentrepreneur",
    "AUTOENTREPRENEUR": "Microentrepreneur",
    "ENTREPRISEINDIVIDUELLE": "EI",
    "ENTREPRENEURINDIVIDUEL": "EI",
}
_BY_KEY = {re.sub(r"[^A-Z0-9]", "", label.upper()): label for label in LABELS} | _ALIASES

# INSEE "catégories juridiques" (level III) → labels. Codes not listed here have no label of
# the schema (a SCI, an association...): a scheme restricting legal forms is then "to check".
_EXACT: dict[str, frozenset[str]] = {
    "1000": frozenset({"EI"}),
    "5202": frozenset({"SNC"}),
    "5203": frozenset({"SNC"}),  # SNC coopérative
    "5306": frozenset({"SCS"}),
    "5307": frozenset({"SCS"}),  # SCS coopérative
    "5308": frozenset({"SCA"}),
    "5309": frozenset({"SCA"}),  # SCA coopérative
    "5370": frozenset({"SCA"}),  # société de participations financières de profession libérale
    "5385": frozenset({"SCA"}),  # société d'exercice libéral en commandite par actions
    "5432": frozenset({"SARL", "SICA"}),
    "5498": frozenset({"EURL"}),  # SARL unipersonnelle
    "5532": frozenset({"SA", "SICA"}),
    "5632": frozenset({"SA", "SICA"}),
    "5720": frozenset({"SASU"}),
    "6220": frozenset({"GIE"}),
    "6532": frozenset({"SICA"}),  # société civile d'intérêt collectif agricole
    "6533": frozenset({"GAEC"}),
}
# Whole ranges of the nomenclature: every 54xx is a kind of SARL (SELARL, SARL coopérative...),
# every 55xx and 56xx a société anonyme, every 57xx a SAS (5720, the SASU, is listed above).
_PREFIXES: dict[str, frozenset[str]] = {
    "54": frozenset({"SARL"}),
    "55": frozenset({"SA"}),
    "56": frozenset({"SA"}),
    "57": frozenset({"SAS"}),
}


def label_for_text(value: str) -> str | None:
    """The schema label a person or a scheme typed (``sarl``, ``Micro-entrepreneur``), if known."""
    return _BY_KEY.get(re.sub(r"[^A-Z0-9]", "", value.upper()))


def labels_for_insee_code(code: str) -> frozenset[str]:
    """The schema labels an INSEE legal-form code falls under; empty when none applies."""
    if code in _EXACT:
        return _EXACT[code]
    return _PREFIXES.get(code[:2], frozenset())


def with_broader(labels: frozenset[str]) -> frozenset[str]:
    """The labels and those they are special cases of (an EURL is also a SARL)."""
    return labels | {BROADER[label] for label in labels if label in BROADER}


def label_name(label: str) -> str:
    return LABELS.get(label, label)
