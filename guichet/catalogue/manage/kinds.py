"""The kinds of entries the provider space manages, and which organisations publish each."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.manage.forms import (
    EntryForm,
    EventForm,
    PlaceForm,
    SchemeForm,
    SolutionForm,
    TrainingForm,
)
from guichet.catalogue.models import Event, Place, Publishable, Scheme, Solution, Training
from guichet.organisations.models import Organisation, Role


@dataclass(frozen=True)
class Kind:
    code: str  # the URL segment: /espace/solutions/12/
    model: type[Publishable]
    form: type[EntryForm]
    label: Promise
    label_plural: Promise
    add_label: Promise
    # Organisations holding one of these roles publish this kind of entry.
    roles: frozenset[str]
    # Public pages are another part of the catalogue; linked when they exist.
    public_url_name: str

    def __str__(self) -> str:
        return self.code


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            "solutions",
            Solution,
            SolutionForm,
            _("solution d'IA"),
            _("Solutions d'IA"),
            _("Ajouter une solution d'IA"),
            frozenset({Role.Code.PROVIDER}),
            "catalogue:solution_detail",
        ),
        Kind(
            "formations",
            Training,
            TrainingForm,
            _("formation"),
            _("Formations"),
            _("Ajouter une formation"),
            frozenset({Role.Code.TRAINING_BODY}),
            "catalogue:training_detail",
        ),
        Kind(
            "dispositifs",
            Scheme,
            SchemeForm,
            _("dispositif"),
            _("Dispositifs d'aide et d'accompagnement"),
            _("Ajouter un dispositif"),
            frozenset({Role.Code.FINANCER}),
            "catalogue:scheme_detail",
        ),
        Kind(
            "evenements",
            Event,
            EventForm,
            _("événement"),
            _("Événements"),
            _("Ajouter un événement"),
            frozenset(
                {
                    Role.Code.PROVIDER,
                    Role.Code.TRAINING_BODY,
                    Role.Code.FINANCER,
                    Role.Code.RESEARCH_LAB,
                    Role.Code.PLACE,
                }
            ),
            "catalogue:event_detail",
        ),
        Kind(
            "lieux",
            Place,
            PlaceForm,
            _("lieu"),
            _("Lieux d'acculturation à l'IA"),
            _("Ajouter un lieu"),
            frozenset({Role.Code.PLACE}),
            "catalogue:place_detail",
        ),
    )
}
KIND_OF_MODEL: dict[type[Publishable], Kind] = {kind.model: kind for kind in KINDS.values()}


def kind_of(entry: Publishable) -> Kind:
    return KIND_OF_MODEL[type(entry)]


def kinds_for(organisation: Organisation) -> list[Kind]:
    """The kinds of entries ``organisation`` publishes, from its roles."""
    roles = {role.code for role in organisation.roles.all()}
    return [kind for kind in KINDS.values() if kind.roles & roles]


def public_url(entry: Publishable) -> str:
    """The public page of a published entry, or "" when there is none (yet)."""
    if not entry.is_public:
        return ""
    try:
        return reverse(kind_of(entry).public_url_name, kwargs={"slug": entry.slug})
    except NoReverseMatch:
        return ""


class KindConverter:
    """URL converter: ``<kind:kind>`` matches a kind's code and gives the ``Kind``."""

    regex = "|".join(KINDS)

    def to_python(self, value: str) -> Kind:
        return KINDS[value]

    def to_url(self, value: Kind | str) -> str:
        return value.code if isinstance(value, Kind) else value
