"""Display helpers of the public catalogue pages: unknown values, codes decoded, JSON-LD."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django import template
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from guichet.catalogue.jsonld import is_day_only, zone_of
from guichet.organisations.legal_forms import legal_form_label
from guichet.organisations.naf import SECTIONS as NAF_SECTIONS
from guichet.organisations.naf import NafError, parse_naf

register = template.Library()

SIZE_CATEGORIES = {
    "MIC": "micro-entreprise",
    "PME": "PME",
    "ETI": "entreprise de taille intermédiaire (ETI)",
    "GE": "grande entreprise",
}
WEEK = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# The characters json.dumps leaves that would end or confuse a <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _unknown() -> SafeString:
    return format_html('<span class="unknown">{}</span>', _("non renseigné"))


@register.filter
def or_unknown(value: Any) -> Any:
    """The value, or "non renseigné" marked as unknown. Zero is a value, not an unknown."""
    if value is None or value == "" or value == [] or value == {}:
        return _unknown()
    return value


@register.simple_tag
def unknown() -> SafeString:
    return _unknown()


@register.filter
def yes_no(value: bool | None) -> Any:
    """True/False/None as oui/non/non renseigné."""
    if value is None:
        return _unknown()
    return _("oui") if value else _("non")


@register.filter
def size_categories(codes: Any) -> list[str]:
    """MIC, PME, ETI, GE (dispositif-aide-professionnels) by their names."""
    return [SIZE_CATEGORIES.get(str(code), str(code)) for code in codes or []]


@register.filter
def legal_forms(values: Any) -> list[str]:
    """Four-digit INSEE categories by their names; forms already written out as they are."""
    labels = []
    for value in values or []:
        text = str(value).strip()
        labels.append(legal_form_label(text) if text.isdigit() and len(text) == 4 else text)
    return labels


@register.filter
def naf(code: str) -> str:
    """A NAF code with the name of its section (A–U) or division."""
    code = str(code).strip()
    if code.upper() in NAF_SECTIONS:
        return f"{code.upper()} – {NAF_SECTIONS[code.upper()]}"
    try:
        parsed = parse_naf(code)
    except NafError:
        return code
    return f"{parsed.code} – {parsed.division_name}"


@register.filter
def opening_hours(hours: Any) -> list[tuple[str, str]]:
    """Hours as (day, text) rows in week order; other keys (``texte``...) come last."""
    if not isinstance(hours, dict):
        return []
    rows = [(day.capitalize(), str(hours[day])) for day in WEEK if hours.get(day)]
    rows += [
        ("" if key == "texte" else str(key).capitalize(), str(value))
        for key, value in hours.items()
        if key not in WEEK and value
    ]
    return rows


@register.simple_tag
def local_moment(moment: datetime.datetime | None, zone_name: str) -> SafeString:
    """A ``<time>`` in the entry's own time zone: "samedi 14 février 2026 à 09:30".

    Midnight is taken for "time not given" (sources often give the day only).
    """
    if moment is None:
        return _unknown()
    local = moment.astimezone(zone_of(zone_name))
    if is_day_only(local):
        day = formats.date_format(local, "l j F Y")
        return format_html('<time datetime="{}">{}</time>', local.date().isoformat(), day)
    text = _("%(day)s à %(time)s") % {
        "day": formats.date_format(local, "l j F Y"),
        "time": formats.time_format(local, "H:i"),
    }
    return format_html('<time datetime="{}">{}</time>', local.isoformat(), text)


@register.simple_tag
def zone_label(moment: datetime.datetime | None, zone_name: str) -> str:
    """The zone and its offset on that day: "Europe/Paris, UTC+01:00"."""
    zone = zone_of(zone_name)
    offset = (moment or datetime.datetime.now(datetime.UTC)).astimezone(zone).strftime("%z")
    return f"{zone.key}, UTC{offset[:3]}:{offset[3:]}"


@register.simple_tag
def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` with the data, safe inside HTML."""
    payload = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    # The payload cannot close the element: <, > and & are escaped above.
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter
def join_names(items: Any, separator: str = ", ") -> Any:
    """Names of related rows (``entry.techniques.all``) joined, or "non renseigné"."""
    names = [escape(str(item)) for item in items]
    return mark_safe(escape(separator).join(names)) if names else _unknown()  # noqa: S308
