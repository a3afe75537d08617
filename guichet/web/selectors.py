"""What the home page shows, in order: one way in per audience, the catalogue, the other parts."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.selectors import KIND_MODELS, cached_at_version, count_published
from guichet.organisations.models import Organisation

AUDIENCE = "audience"
CATALOGUE = "catalogue"
PLATFORM = "platform"
# The providers' space belongs to the catalogue's management pages, mounted at /espace/.
SPACE_URL_NAME = "catalogue_manage:dashboard"
SPACE_PATH = "/espace/"


def _url(name: str, fallback: str | None = None) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None
    count: int | None = None


@dataclass(frozen=True)
class Section:
    """One block of the home page; ``group`` says under which heading it goes."""

    title: str
    text: str
    url_name: str = ""
    count: int | None = None
    group: str = PLATFORM
    links: tuple[Link, ...] = ()

    @property
    def url(self) -> str | None:
        return _url(self.url_name) if self.url_name else None


def _audiences(counts: dict[str, int]) -> list[Section]:
    space = _url(SPACE_URL_NAME, SPACE_PATH)
    schemes = Link(
        str(_("Les dispositifs d'aide")), _url("catalogue:scheme_list"), counts["schemes"]
    )
    solutions = Link(
        str(_("Les solutions d'IA")), _url("catalogue:solution_list"), counts["solutions"]
    )
    trainings = Link(str(_("Les formations")), _url("catalogue:training_list"), counts["trainings"])
    return [
        Section(
            str(_("Je suis une TPE/PME")),
            str(_("Trouver une aide pour financer un projet, une solution d'IA, une formation.")),
            group=AUDIENCE,
            links=(schemes, solutions, trainings),
        ),
        Section(
            str(_("Je propose des solutions d'IA")),
            str(_("Présenter votre entreprise et vos offres aux TPE et PME de la région.")),
            group=AUDIENCE,
            links=(Link(str(_("Inscrire mon organisation ou me connecter")), space), solutions),
        ),
        Section(
            str(_("Je forme à l'IA")),
            str(_("Publier vos formations et leurs sessions, annoncer vos événements.")),
            group=AUDIENCE,
            links=(Link(str(_("Publier mes formations")), space), trainings),
        ),
        Section(
            str(_("Je finance ou j'accompagne")),
            str(_("Faire connaître vos dispositifs d'aide et vos lieux d'accompagnement.")),
            group=AUDIENCE,
            links=(
                Link(str(_("Publier mes dispositifs")), space),
                schemes,
                Link(str(_("Les lieux")), _url("catalogue:place_list"), counts["places"]),
            ),
        ),
    ]


def _catalogue(counts: dict[str, int]) -> list[Section]:
    def block(title: str, text: str, url_name: str, kind: str | None = None) -> Section:
        count = counts[kind] if kind else None
        return Section(title, text, url_name, count, group=CATALOGUE)

    return [
        block(
            str(_("Solutions d'IA")),
            str(_("Les offres des entreprises de l'IA, par usage et par technique.")),
            "catalogue:solution_list",
            "solutions",
        ),
        block(
            str(_("Formations")),
            str(_("Se former à l'IA : niveaux, modalités et prochaines sessions.")),
            "catalogue:training_list",
            "trainings",
        ),
        block(
            str(_("Dispositifs d'aide")),
            str(_("Financements, diagnostics et accompagnements ouverts aux entreprises.")),
            "catalogue:scheme_list",
            "schemes",
        ),
        block(
            str(_("Événements")),
            str(_("Salons, conférences et ateliers autour de l'IA.")),
            "catalogue:event_list",
            "events",
        ),
        block(
            str(_("Lieux")),
            str(_("Tiers-lieux et lieux d'acculturation à l'IA.")),
            "catalogue:place_list",
            "places",
        ),
        block(
            str(_("Carte")),
            str(_("Les offreurs, les formations, les événements et les lieux sur une carte.")),
            "catalogue:map",
        ),
    ]


def _count_everything() -> dict[str, int]:
    counts = {kind: count_published(kind) for kind in KIND_MODELS}
    counts["organisations"] = Organisation.objects.real().count()
    return counts


def home_counts() -> dict[str, int]:
    """The home page's figures: six counts over whole tables, the same for every visitor.

    Cached at the search's data version (``catalogue.selectors.cached_at_version``): every
    write to the entries or the organisations moves it, so a figure is never stale.
    """
    return cached_at_version("home-counts", (), _count_everything)


def home_sections() -> list[Section]:
    """Every block of the home page, grouped in order: audiences, catalogue, platform.

    Counts are of published real entries (synthetic ones are never counted here).
    """
    counts = home_counts()
    return [
        *_audiences(counts),
        *_catalogue(counts),
        Section(
            str(_("Organisations")),
            str(
                _(
                    "Offreurs de solutions, organismes de formation, financeurs "
                    "et lieux de la région."
                )
            ),
            "organisations:list",
            counts["organisations"],
        ),
        Section(
            str(_("Territoires")),
            str(
                _("Retrouver une commune, son département et sa région à partir d'un code postal.")
            ),
            "territories:lookup",
        ),
        Section(
            str(_("Espace personnel")),
            str(_("Se connecter pour mettre à jour la fiche de son organisation.")),
            "accounts:dashboard",
        ),
    ]
