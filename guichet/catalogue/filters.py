"""One definition of each catalogue filter, used by the pages, the API and the exports.

A ``FilterSet`` lists the filters of one entity type. ``parse`` reads a query
string (a Django ``QueryDict`` or any mapping of lists) and returns the cleaned
values plus, for each bad parameter, a French message naming it. ``apply``
narrows a queryset; ``facet_counts`` counts, for each choice filter, how many
entries each value would give with the other filters kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from guichet.catalogue.models import (
    AidType,
    Audience,
    BusinessFunction,
    Event,
    Place,
    Scheme,
    SchemeTerritory,
    Solution,
    Technique,
    Training,
    UseCase,
)
from guichet.organisations.models import ActivitySection, Organisation, Role
from guichet.territories.models import Commune, Department, Region

Choices = Callable[[], list[tuple[str, str]]]


@dataclass(frozen=True)
class Filter:
    """One query parameter. ``lookup`` builds the Q object for a cleaned value."""

    param: str
    label: str
    kind: str  # "choice" (one value), "multi" (several values, OR), "bool", "date"
    lookup: Callable[[Any], Q]
    choices: Choices | None = None
    facet: bool = True  # counted in facets (choice and multi only)
    help: str = ""
    # The field holding this facet's codes, so that all its values are counted in one
    # GROUP BY query. None for computed lookups (a scheme's regions): counted value by value.
    group: str | None = None
    # True when an entry can reach the same code twice through ``group`` (two sessions of a
    # training in one region): the count must then be DISTINCT.
    group_repeats: bool = False


@dataclass
class Parsed:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class FilterSet:
    name: str
    filters: tuple[Filter, ...]

    def by_param(self) -> dict[str, Filter]:
        return {f.param: f for f in self.filters}


TRUE = {"1", "true", "oui", "on", "yes"}
FALSE = {"0", "false", "non", "off", "no"}


def _getlist(query: Mapping[str, Any], key: str) -> list[str]:
    if hasattr(query, "getlist"):
        values = query.getlist(key)
    else:
        raw = query.get(key)
        values = raw if isinstance(raw, list) else ([] if raw is None else [raw])
    return [str(v).strip() for v in values if str(v).strip() != ""]


def parse(filterset: FilterSet, query: Mapping[str, Any]) -> Parsed:
    """Clean the parameters of ``filterset`` found in ``query``; unknown keys are ignored."""
    parsed = Parsed()
    for flt in filterset.filters:
        raw = _getlist(query, flt.param)
        if not raw:
            continue
        if flt.kind == "bool":
            word = raw[-1].lower()
            if word in TRUE:
                parsed.values[flt.param] = True
            elif word in FALSE:
                parsed.values[flt.param] = False
            else:
                parsed.errors[flt.param] = (
                    f"Le paramètre « {flt.param} » attend oui ou non (1 ou 0), pas « {raw[-1]} »."
                )
        elif flt.kind == "date":
            try:
                parsed.values[flt.param] = datetime.date.fromisoformat(raw[-1])
            except ValueError:
                parsed.errors[flt.param] = (
                    f"Le paramètre « {flt.param} » attend une date AAAA-MM-JJ, pas « {raw[-1]} »."
                )
        else:
            allowed = {code for code, _ in flt.choices()} if flt.choices else None
            values = raw if flt.kind == "multi" else raw[-1:]
            bad = [v for v in values if allowed is not None and v not in allowed]
            if bad:
                parsed.errors[flt.param] = (
                    f"Le paramètre « {flt.param} » ne connaît pas la valeur « {bad[0]} »."
                )
            else:
                parsed.values[flt.param] = values if flt.kind == "multi" else values[0]
    return parsed


def apply(
    filterset: FilterSet, queryset: QuerySet, values: Mapping[str, Any], *, skip: str = ""
) -> QuerySet:
    """Narrow ``queryset`` by every cleaned value except the filter named ``skip``."""
    by_param = filterset.by_param()
    for param, value in values.items():
        if param == skip or param not in by_param:
            continue
        queryset = queryset.filter(by_param[param].lookup(value))
    return queryset.distinct() if values else queryset


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(
    filterset: FilterSet,
    queryset: QuerySet,
    values: Mapping[str, Any],
) -> dict[str, list[FacetValue]]:
    """For each facet, the entries each of its values would give, other filters kept."""
    facets: dict[str, list[FacetValue]] = {}
    for flt in filterset.filters:
        if not flt.facet or flt.kind not in {"choice", "multi"} or flt.choices is None:
            continue
        others = {param: value for param, value in values.items() if param != flt.param}
        # Entries matching the other filters; a subquery, so no join multiplies rows.
        base = (
            queryset.filter(pk__in=apply(filterset, queryset, others).values("pk"))
            if others
            else queryset
        )
        if flt.group:
            counts = dict(
                base.order_by()
                .values_list(flt.group)
                .annotate(n=Count("pk", distinct=flt.group_repeats))
                .values_list(flt.group, "n")
            )
        else:
            model = queryset.model
            counts = {
                code: base.filter(
                    pk__in=model.objects.filter(flt.lookup(code)).values("pk")
                ).count()
                for code, _ in flt.choices()
            }
        facets[flt.param] = _facet_values(flt, counts, values)
    return facets


def _facet_values(
    flt: Filter,
    counts: Mapping[Any, int],
    values: Mapping[str, Any],
) -> list[FacetValue]:
    selected = values.get(flt.param)
    chosen = set(selected if isinstance(selected, list) else [selected] if selected else [])
    choices = flt.choices() if flt.choices else []
    return [
        FacetValue(code, label, counts.get(code, 0), code in chosen)
        for code, label in choices
        if counts.get(code) or code in chosen
    ]


# --- choices -------------------------------------------------------------------------------


def _regions() -> list[tuple[str, str]]:
    return list(Region.objects.order_by("name").values_list("code", "name"))


def _departments() -> list[tuple[str, str]]:
    return [
        (c, f"{n} ({c})")
        for c, n in Department.objects.order_by("code").values_list("code", "name")
    ]


def _pairs(model: Any) -> Choices:
    return lambda: list(model.objects.order_by("name").values_list("pk", "name"))


def _sections() -> list[tuple[str, str]]:
    return [(c, f"{c} – {n}") for c, n in ActivitySection.objects.values_list("code", "name")]


def _enum(choices: Sequence[tuple[str, Any]]) -> Choices:
    return lambda: [(code, str(label)) for code, label in choices if code]


# --- territory lookups ------------------------------------------------------------------------


def _commune_region(prefix: str) -> Callable[[str], Q]:
    return lambda code: Q(**{f"{prefix}commune__region_id": code})


def _commune_department(prefix: str) -> Callable[[str], Q]:
    return lambda code: Q(**{f"{prefix}commune__department_id": code})


def scheme_available_in_region(code: str) -> Q:
    """Schemes whose geographic eligibility covers some or all of region ``code``.

    A national scheme (PAYS-99100), one for the region, or one for a department or
    commune inside it; a scheme excluding the whole region is left out.
    """
    departments = [
        f"DEP-{d}" for d in Department.objects.filter(region_id=code).values_list("pk", flat=True)
    ]
    in_region_commune = Exists(
        Commune.objects.filter(region_id=code, code=Substr(OuterRef("code"), 5))
    )
    covering = SchemeTerritory.objects.filter(excluded=False).filter(
        Q(code__in=["PAYS-99100", f"REG-{code}", *departments])
        | (Q(code__startswith="COM-") & in_region_commune)
    )
    excluded = SchemeTerritory.objects.filter(excluded=True, code=f"REG-{code}")
    return Q(pk__in=covering.values("scheme")) & ~Q(pk__in=excluded.values("scheme"))


def scheme_available_in_department(code: str) -> Q:
    department = Department.objects.filter(pk=code).first()
    region_code = department.region_id if department else ""
    in_department_commune = Exists(
        Commune.objects.filter(department_id=code, code=Substr(OuterRef("code"), 5))
    )
    covering = SchemeTerritory.objects.filter(excluded=False).filter(
        Q(code__in=["PAYS-99100", f"REG-{region_code}", f"DEP-{code}"])
        | (Q(code__startswith="COM-") & in_department_commune)
    )
    excluded = SchemeTerritory.objects.filter(
        excluded=True, code__in=[f"REG-{region_code}", f"DEP-{code}"]
    )
    return Q(pk__in=covering.values("scheme")) & ~Q(pk__in=excluded.values("scheme"))


def scheme_open_on(day: datetime.date) -> Q:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    end = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return (Q(opens_at__isnull=True) | Q(opens_at__lte=start)) & (
        Q(closes_at__isnull=True) | Q(closes_at__gte=end)
    )


def _open_now(value: bool) -> Q:
    today = timezone.localdate()
    return scheme_open_on(today) if value else ~scheme_open_on(today)


# --- the filter sets --------------------------------------------------------------------------

REGION = "region"
DEPARTMENT = "department"

SOLUTIONS = FilterSet(
    "solutions",
    (
        Filter(
            REGION,
            "Région",
            "choice",
            _commune_region("owner__"),
            _regions,
            group="owner__commune__region_id",
        ),
        Filter(
            DEPARTMENT,
            "Département",
            "choice",
            _commune_department("owner__"),
            _departments,
            facet=False,
        ),
        Filter(
            "sector",
            "Secteur (NAF)",
            "multi",
            lambda v: Q(sectors__code__in=_as_list(v)),
            _sections,
            group="sectors__code",
        ),
        Filter(
            "function",
            "Fonction de l'entreprise",
            "multi",
            lambda v: Q(business_functions__code__in=_as_list(v)),
            _pairs(BusinessFunction),
            group="business_functions__code",
        ),
        Filter(
            "technique",
            "Technique",
            "multi",
            lambda v: Q(techniques__code__in=_as_list(v)),
            _pairs(Technique),
            group="techniques__code",
        ),
        Filter(
            "use_case",
            "Cas d'usage",
            "multi",
            lambda v: Q(use_cases__code__in=_as_list(v)),
            _pairs(UseCase),
            group="use_cases__code",
        ),
    ),
)

TRAININGS = FilterSet(
    "trainings",
    (
        Filter(
            REGION,
            "Région",
            "choice",
            _commune_region("sessions__"),
            _regions,
            group="sessions__commune__region_id",
            group_repeats=True,
        ),
        Filter(
            DEPARTMENT,
            "Département",
            "choice",
            _commune_department("sessions__"),
            _departments,
            facet=False,
        ),
        Filter(
            "level",
            "Niveau",
            "multi",
            lambda v: Q(level__in=_as_list(v)),
            _enum(Training.Level.choices),
            group="level",
        ),
        Filter(
            "modality",
            "Modalité",
            "multi",
            lambda v: Q(modality__in=_as_list(v)),
            _enum(Training.Modality.choices),
            group="modality",
        ),
        Filter(
            "technique",
            "Technique",
            "multi",
            lambda v: Q(techniques__code__in=_as_list(v)),
            _pairs(Technique),
            group="techniques__code",
        ),
        Filter("cpf", "Éligible au CPF", "bool", lambda v: Q(cpf_eligible=v)),
        Filter(
            "starts_after", "Session à partir du", "date", lambda d: Q(sessions__starts_on__gte=d)
        ),
        Filter(
            "starts_before", "Session avant le", "date", lambda d: Q(sessions__starts_on__lte=d)
        ),
    ),
)

SCHEMES = FilterSet(
    "schemes",
    (
        Filter(REGION, "Région", "choice", scheme_available_in_region, _regions),
        Filter(
            DEPARTMENT,
            "Département",
            "choice",
            scheme_available_in_department,
            _departments,
            facet=False,
        ),
        Filter(
            "aid_type",
            "Type d'aide",
            "multi",
            lambda v: Q(aid_types__code__in=_as_list(v)),
            _pairs(AidType),
            group="aid_types__code",
        ),
        Filter(
            "audience",
            "Public",
            "multi",
            lambda v: Q(audiences__code__in=_as_list(v)),
            _pairs(Audience),
            group="audiences__code",
        ),
        Filter("open_now", "Ouvert aujourd'hui", "bool", _open_now),
        Filter(
            "closes_after",
            "Clôture après le",
            "date",
            lambda d: Q(closes_at__isnull=True) | Q(closes_at__date__gte=d),
        ),
    ),
)

EVENTS = FilterSet(
    "events",
    (
        Filter(
            REGION, "Région", "choice", _commune_region(""), _regions, group="commune__region_id"
        ),
        Filter(
            DEPARTMENT, "Département", "choice", _commune_department(""), _departments, facet=False
        ),
        Filter("online", "En ligne", "bool", lambda v: Q(is_online=v)),
        Filter(
            "after",
            "À partir du",
            "date",
            lambda d: Q(starts_at__date__gte=d) | Q(ends_at__date__gte=d),
        ),
        Filter("before", "Avant le", "date", lambda d: Q(starts_at__date__lte=d)),
    ),
)

PLACES = FilterSet(
    "places",
    (
        Filter(
            REGION, "Région", "choice", _commune_region(""), _regions, group="commune__region_id"
        ),
        Filter(
            DEPARTMENT, "Département", "choice", _commune_department(""), _departments, facet=False
        ),
    ),
)

ORGANISATIONS = FilterSet(
    "organisations",
    (
        Filter(
            REGION, "Région", "choice", _commune_region(""), _regions, group="commune__region_id"
        ),
        Filter(
            DEPARTMENT, "Département", "choice", _commune_department(""), _departments, facet=False
        ),
        Filter(
            "role",
            "Rôle",
            "multi",
            lambda v: Q(roles__code__in=_as_list(v)),
            _pairs(Role),
            group="roles__code",
        ),
        Filter(
            "sector",
            "Secteur (NAF)",
            "multi",
            lambda v: Q(sectors__code__in=_as_list(v)),
            _sections,
            group="sectors__code",
        ),
    ),
)

FILTERSETS: dict[str, FilterSet] = {
    fs.name: fs for fs in (SOLUTIONS, TRAININGS, SCHEMES, EVENTS, PLACES, ORGANISATIONS)
}
MODELS: dict[str, type] = {
    "solutions": Solution,
    "trainings": Training,
    "schemes": Scheme,
    "events": Event,
    "places": Place,
    "organisations": Organisation,
}


def _as_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else [value]


__all__ = [
    "FILTERSETS",
    "MODELS",
    "FacetValue",
    "Filter",
    "FilterSet",
    "Parsed",
    "apply",
    "facet_counts",
    "parse",
    "scheme_available_in_department",
    "scheme_available_in_region",
    "scheme_open_on",
]
