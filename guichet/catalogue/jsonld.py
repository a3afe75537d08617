"""schema.org descriptions of catalogue entries, embedded as JSON-LD in their detail pages.

Each builder takes an entry and the absolute URL of its page and returns a plain
dict; unknown values are left out rather than sent empty.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from guichet.catalogue.models import Event, Place, Publishable, Scheme, Solution, Training
from guichet.catalogue.selectors import scheme_geography
from guichet.catalogue.taxonomy import PRICE_RANGES
from guichet.organisations.models import Organisation
from guichet.territories.models import Commune

CONTEXT = "https://schema.org"
DEFAULT_ZONE = "Europe/Paris"
COURSE_MODES = {"on_site": "onsite", "remote": "online", "blended": "blended"}
DAYS = {
    "lundi": "Monday",
    "mardi": "Tuesday",
    "mercredi": "Wednesday",
    "jeudi": "Thursday",
    "vendredi": "Friday",
    "samedi": "Saturday",
    "dimanche": "Sunday",
}
# "9h-18h", "9 h 30 – 18 h", "09:00-12:30"
HOURS = re.compile(
    r"^\s*(\d{1,2})\s*(?:h|:)\s*(\d{2})?\s*[-–à]+\s*(\d{1,2})\s*(?:h|:)\s*(\d{2})?\s*$"
)


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop keys whose value is unknown (None, empty string or list)."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _address(address: str, commune: Commune | None, postcode: str = "") -> dict[str, Any] | None:
    if not address and commune is None:
        return None
    return _clean(
        {
            "@type": "PostalAddress",
            "streetAddress": address,
            "postalCode": postcode,
            "addressLocality": commune.name if commune else "",
            "addressRegion": commune.department.name if commune and commune.department else "",
            "addressCountry": "FR",
        }
    )


def _geo(latitude: float | None, longitude: float | None) -> dict[str, Any] | None:
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}


def organization(organisation: Organisation, url: str = "") -> dict[str, Any]:
    """The owner of an entry, as a schema.org Organization."""
    coordinates = organisation.coordinates
    identifiers = [
        {"@type": "PropertyValue", "propertyID": name, "value": value}
        for name, value in (("SIREN", organisation.siren), ("SIRET", organisation.siret))
        if value
    ]
    return _clean(
        {
            "@type": "Organization",
            "@id": url,
            "name": organisation.name,
            "url": url,
            "sameAs": organisation.website,
            "description": organisation.description,
            "email": organisation.email,
            "telephone": organisation.phone,
            "identifier": identifiers,
            "address": _address(organisation.address, organisation.commune, organisation.postcode),
            "geo": _geo(*coordinates) if coordinates else None,
        }
    )


def _base(entry: Publishable, kind: str, url: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": kind,
        "@id": url,
        "url": url,
        "name": entry.title,
        "description": entry.summary or entry.description,
    }


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else format(amount.normalize(), "f")


def solution(entry: Solution, url: str, owner_url: str = "") -> dict[str, Any]:
    return _clean(
        {
            **_base(entry, "Service", url),
            "provider": organization(entry.owner, owner_url),
            "serviceType": [use_case.name for use_case in entry.use_cases.all()],
            "category": [function.name for function in entry.business_functions.all()],
            "audience": _clean(
                {
                    "@type": "BusinessAudience",
                    "audienceType": ", ".join(s.name for s in entry.sectors.all()),
                }
            )
            if entry.sectors.all()
            else None,
            "offers": {
                "@type": "Offer",
                "description": PRICE_RANGES.get(entry.price_range, entry.price_range),
                "priceCurrency": "EUR",
            }
            if entry.price_range
            else None,
            "sameAs": entry.website,
        }
    )


def _iso_duration(hours: Decimal | None) -> str | None:
    if hours is None:
        return None
    minutes = int(hours * 60)
    return f"PT{minutes // 60}H" + (f"{minutes % 60}M" if minutes % 60 else "")


def training(entry: Training, url: str, owner_url: str = "") -> dict[str, Any]:
    instances = []
    for session in entry.sessions.all():
        location = None
        if session.commune is not None or session.address:
            location = _clean(
                {
                    "@type": "Place",
                    "name": session.commune.name if session.commune else session.address,
                    "address": _address(session.address, session.commune),
                }
            )
        instances.append(
            _clean(
                {
                    "@type": "CourseInstance",
                    "courseMode": COURSE_MODES.get(entry.modality),
                    "startDate": session.starts_on.isoformat(),
                    "endDate": session.ends_on.isoformat() if session.ends_on else None,
                    "location": location,
                    "maximumAttendeeCapacity": session.seats,
                    "url": session.registration_url,
                }
            )
        )
    credentials = [f"RNCP{entry.rncp_code}" if entry.rncp_code else ""]
    credentials += [f"RS{entry.rs_code}" if entry.rs_code else ""]
    return _clean(
        {
            **_base(entry, "Course", url),
            "provider": organization(entry.owner, owner_url),
            "teaches": entry.objectives,
            "educationalLevel": entry.get_level_display() if entry.level else None,
            "coursePrerequisites": entry.prerequisites,
            "educationalCredentialAwarded": [c for c in credentials if c],
            "timeRequired": _iso_duration(entry.duration_hours),
            "offers": {
                "@type": "Offer",
                "price": _money(entry.price_eur),
                "priceCurrency": "EUR",
                "category": "Paid" if entry.price_eur else "Free",
            }
            if entry.price_eur is not None
            else None,
            "about": [technique.name for technique in entry.techniques.all()],
            "hasCourseInstance": instances,
            "sameAs": entry.url,
        }
    )


def zone_of(name: str) -> zoneinfo.ZoneInfo:
    """The event's time zone; Paris when the stored name is not a known zone."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(DEFAULT_ZONE)


def is_day_only(local: datetime.datetime) -> bool:
    """Midnight local time: the source gave the day, not the hour."""
    return local.hour == 0 and local.minute == 0 and local.second == 0


def _in_zone(moment: datetime.datetime | None, name: str) -> str | None:
    if moment is None:
        return None
    local = moment.astimezone(zone_of(name))
    return local.date().isoformat() if is_day_only(local) else local.isoformat()


def event(entry: Event, url: str, owner_url: str = "") -> dict[str, Any]:
    place = _clean(
        {
            "@type": "Place",
            "name": entry.venue or (entry.commune.name if entry.commune else ""),
            "address": _address(entry.address, entry.commune),
            "geo": _geo(entry.latitude, entry.longitude),
        }
    )
    locations: list[dict[str, Any]] = [place] if len(place) > 1 else []
    if entry.is_online:
        locations.append(
            _clean({"@type": "VirtualLocation", "url": entry.website or entry.registration_url})
        )
    if entry.is_online and locations[:-1]:
        mode = "https://schema.org/MixedEventAttendanceMode"
    elif entry.is_online:
        mode = "https://schema.org/OnlineEventAttendanceMode"
    else:
        mode = "https://schema.org/OfflineEventAttendanceMode"
    return _clean(
        {
            **_base(entry, "Event", url),
            "startDate": _in_zone(entry.starts_at, entry.time_zone),
            "endDate": _in_zone(entry.ends_at, entry.time_zone) if entry.ends_at else None,
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": mode,
            "location": locations[0] if len(locations) == 1 else locations,
            "organizer": organization(entry.owner, owner_url),
            "about": entry.theme,
            "offers": {"@type": "Offer", "url": entry.registration_url}
            if entry.registration_url
            else None,
            "sameAs": entry.website,
        }
    )


def _quantity(minimum: int | None, maximum: int | None) -> dict[str, Any] | None:
    if minimum is None and maximum is None:
        return None
    return _clean({"@type": "QuantitativeValue", "minValue": minimum, "maxValue": maximum})


def scheme(entry: Scheme, url: str, owner_url: str = "") -> dict[str, Any]:
    geography = scheme_geography(entry)
    audience = _clean(
        {
            "@type": "BusinessAudience",
            "audienceType": ", ".join(a.name for a in entry.audiences.all()),
            "numberOfEmployees": _quantity(entry.headcount_min, entry.headcount_max),
            "yearsInOperation": _quantity(entry.min_years_existence, None),
        }
    )
    return _clean(
        {
            **_base(entry, "GovernmentService", url),
            "description": entry.promise or entry.summary or entry.description,
            "provider": organization(entry.owner, owner_url),
            "serviceType": [aid_type.name for aid_type in entry.aid_types.all()],
            "areaServed": [
                {"@type": "AdministrativeArea", "name": territory.label}
                for territory in geography.included
            ],
            "audience": audience if len(audience) > 1 else None,
            "availableChannel": {"@type": "ServiceChannel", "serviceUrl": entry.application_url}
            if entry.application_url
            else None,
            "sameAs": entry.source_url,
            "identifier": entry.external_id,
        }
    )


def opening_hours(hours: dict[str, Any]) -> list[dict[str, Any]]:
    """Hours written like "9h-18h" per day, as OpeningHoursSpecification; free text is left out."""
    specifications = []
    for day, text in hours.items():
        match = HOURS.match(str(text))
        if day.lower() not in DAYS or not match:
            continue
        opens_h, opens_m, closes_h, closes_m = match.groups()
        specifications.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{DAYS[day.lower()]}",
                "opens": f"{int(opens_h):02d}:{opens_m or '00'}",
                "closes": f"{int(closes_h):02d}:{closes_m or '00'}",
            }
        )
    return specifications


def place(entry: Place, url: str, owner_url: str = "") -> dict[str, Any]:
    """A Place has no property for who runs it: the owner comes beside it in a graph."""
    described = _place(entry, url)
    described.pop("@context")
    return {"@context": CONTEXT, "@graph": [described, organization(entry.owner, owner_url)]}


def _place(entry: Place, url: str) -> dict[str, Any]:
    return _clean(
        {
            **_base(entry, "Place", url),
            "address": _address(entry.address, entry.commune),
            "geo": _geo(entry.latitude, entry.longitude)
            or (_geo(entry.commune.latitude, entry.commune.longitude) if entry.commune else None),
            "openingHoursSpecification": opening_hours(entry.opening_hours or {}),
            "amenityFeature": [
                {"@type": "LocationFeatureSpecification", "name": line.strip(), "value": True}
                for line in entry.services.splitlines()
                if line.strip()
            ],
            "sameAs": entry.website,
            "publicAccess": True,
        }
    )


BUILDERS: dict[str, Callable[[Any, str, str], dict[str, Any]]] = {
    "solutions": solution,
    "trainings": training,
    "schemes": scheme,
    "events": event,
    "places": place,
}


def entry_jsonld(kind: str, entry: Any, url: str, owner_url: str = "") -> dict[str, Any]:
    """The JSON-LD object of an entry of ``kind``, whose page is at ``url``."""
    return BUILDERS[kind](entry, url, owner_url)
