"""``guichet generate`` fills a realistic, synthetic, reproducible catalogue over real communes."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from guichet.audit.models import AuditEntry
from guichet.catalogue.models import (
    Event,
    Place,
    Scheme,
    SchemeTerritory,
    Solution,
    Training,
    TrainingSession,
)
from guichet.catalogue.taxonomy import USE_CASES
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation
from guichet.organisations.validators import siren_error, siret_error
from guichet.territories.centres import read_centres
from guichet.territories.cog import read_source
from guichet.territories.models import Region
from guichet.territories.services import territories_load

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "territories" / "tests" / "fixtures"
ENTRIES: list[type[Any]] = [Solution, Training, Scheme, Event, Place]
SMALL = {
    "providers": 5,
    "solutions": 20,
    "trainings": 12,
    "schemes": 8,
    "events": 6,
    "places": 4,
}


@pytest.fixture
def communes(db: None) -> None:
    """The territories test fixture: a dozen real communes, Marseille by far the largest."""
    source = read_source(FIXTURES / "cog")
    known = {commune.code for commune in source.communes}
    territories_load(source=source, centres=read_centres(FIXTURES / "centres.csv", known))


def generate(seed: int = 3, **counts: int) -> str:
    arguments = [f"--{name}={value}" for name, value in (counts or SMALL).items()]
    out = StringIO()
    call_command(
        "generate",
        *arguments,
        f"--seed={seed}",
        "--reference-date=2025-01-15",
        "--no-progress",
        stdout=out,
    )
    return out.getvalue()


def _rows(queryset: models.QuerySet[Any], *exclude: str) -> list[tuple[Any, ...]]:
    skipped = {"id", "created_at", "updated_at", *exclude}
    names = [
        f.attname
        for f in queryset.model._meta.concrete_fields
        if f.attname not in skipped and f.attname != "owner_id"
    ]
    if any(f.attname == "owner_id" for f in queryset.model._meta.concrete_fields):
        names.append("owner__slug")
    return sorted(tuple(str(v) for v in row) for row in queryset.values_list(*names))


def export() -> dict[str, list[tuple[Any, ...]]]:
    """Everything generated, without database ids or timestamps, in a stable order."""
    data: dict[str, list[tuple[Any, ...]]] = {
        "organisations": _rows(Organisation.objects.all()),
        "roles": sorted(Organisation.objects.values_list("slug", "roles__code")),
        "sessions": _rows(TrainingSession.objects.all(), "training_id")
        + sorted(TrainingSession.objects.values_list("training__slug", "starts_on")),
        "territories": sorted(
            SchemeTerritory.objects.values_list("scheme__slug", "code", "excluded")
        ),
    }
    for model in ENTRIES:
        data[model.__name__] = _rows(model.objects.all())
    for model, name in [
        (Solution, "use_cases"),
        (Solution, "sectors"),
        (Solution, "business_functions"),
        (Training, "techniques"),
        (Scheme, "aid_types"),
        (Scheme, "audiences"),
    ]:
        data[f"{model.__name__}.{name}"] = sorted(
            model.objects.values_list("slug", f"{name}__pk").order_by()
        )
    return data


def erase() -> None:
    for model in ENTRIES:
        model.objects.all().delete()
    Organisation.objects.all().delete()


def test_generate_creates_what_was_asked(communes: None) -> None:
    """Each kind gets its count; owners for trainings, schemes and places come along."""
    output = generate()
    assert Solution.objects.count() == 20
    assert Training.objects.count() == 12
    assert Scheme.objects.count() == 8
    assert Event.objects.count() == 6
    assert Place.objects.count() == 4
    assert Organisation.objects.filter(roles__code="provider").count() == 5
    assert Organisation.objects.filter(roles__code="training_body").count() == 2
    assert Organisation.objects.filter(roles__code="financer").count() == 1
    assert Organisation.objects.filter(roles__code="place").count() == 2
    assert TrainingSession.objects.count() >= 12
    assert SchemeTerritory.objects.filter(excluded=False).count() >= 8
    assert "solutions : +20 (déjà en base : 0)" in output
    assert "fiches fictives ajoutées" in output


def test_same_seed_gives_the_same_catalogue(communes: None) -> None:
    """Generating twice with one seed, from an empty catalogue, writes identical data."""
    generate(seed=11)
    first = export()
    erase()
    generate(seed=11)
    assert export() == first


def test_another_seed_gives_another_catalogue(communes: None) -> None:
    """Two seeds give different titles, and live side by side."""
    generate(seed=1)
    titles_1 = set(Solution.objects.values_list("title", flat=True))
    generate(seed=2)
    titles_2 = set(Solution.objects.exclude(title__in=titles_1).values_list("title", flat=True))
    assert Solution.objects.count() == 40
    assert titles_2


def test_second_run_with_the_same_seed_adds_nothing(communes: None) -> None:
    """A second run finds the seed's rows, adds none and writes no journal entry."""
    generate()
    before = export()
    journal = AuditEntry.objects.count()
    output = generate()
    assert export() == before
    assert AuditEntry.objects.count() == journal
    assert "solutions : +0 (déjà en base : 20)" in output


def test_larger_counts_top_up_to_a_single_run(communes: None) -> None:
    """Raising a count adds the missing rows: the result equals one run with that count."""
    generate(providers=5, solutions=10)
    generate(providers=5, solutions=25)
    topped_up = export()
    erase()
    generate(providers=5, solutions=25)
    assert export() == topped_up


def test_everything_generated_is_marked_synthetic(communes: None) -> None:
    """Every organisation and entry is flagged synthetic, named fictive, and published."""
    generate()
    for organisation in Organisation.objects.all():
        assert organisation.is_synthetic
        assert organisation.name.endswith(" (fictif)")
    for model in ENTRIES:
        assert not model.objects.filter(is_synthetic=False).exists()
        assert set(model.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
        assert not model.objects.real().exists()


def test_slugs_are_unique_and_say_fictif(communes: None) -> None:
    """Slugs carry the seed and never collide, even across seeds."""
    generate(seed=5)
    generate(seed=6)
    models_with_slugs: list[Any] = [Organisation, *ENTRIES]
    for model in models_with_slugs:
        slugs = list(model.objects.values_list("slug", flat=True))
        assert len(slugs) == len(set(slugs))
        assert all(re.match(r"^fictif-[56]-[a-z]+\d+-[a-z0-9-]+$", slug) for slug in slugs)


def test_texts_are_french_and_drawn_from_the_use_cases(communes: None) -> None:
    """Descriptions are French sentences naming the taxonomy's use cases and keywords."""
    generate()
    names = {case.name.lower() for case in USE_CASES}
    for solution in Solution.objects.all():
        assert "La solution s'appuie sur" in solution.description
        assert "Cas d'usage : " in solution.description
        assert any(name in solution.description.lower() for name in names)
        codes = set(solution.use_cases.values_list("code", flat=True))
        assert codes and codes <= {case.code for case in USE_CASES}
    assert all(" de " in t.description for t in Training.objects.all())


def test_identifiers_pass_the_insee_checks(communes: None) -> None:
    """SIREN and SIRET are valid, the SIRET extends the SIREN, and no SIREN repeats."""
    generate(providers=40, solutions=0, trainings=0, schemes=0, events=0, places=0)
    sirens = list(Organisation.objects.values_list("siren", "siret"))
    for siren, siret in sirens:
        assert siren_error(siren) is None
        assert siret_error(siret) is None
        assert siret.startswith(siren)
    assert len({siren for siren, _ in sirens}) == len(sirens)


def test_generated_rows_pass_model_validation(communes: None) -> None:
    """Choices, codes, URLs and numbers are all valid for the models' own checks."""
    generate()
    validated: list[Any] = [Organisation, *ENTRIES, TrainingSession]
    for model in validated:
        for row in model.objects.all():
            row.full_clean()


def test_schemes_name_real_territories(communes: None) -> None:
    """Geographic codes are well-formed and regional ones name regions that exist."""
    generate(providers=1, schemes=60, solutions=0, trainings=0, events=0, places=0)
    codes = list(SchemeTerritory.objects.values_list("code", flat=True))
    assert all(re.match(r"^(REG|DEP|COM|PAYS)-[0-9AB]+$", code) for code in codes)
    regions = {code.removeprefix("REG-") for code in codes if code.startswith("REG-")}
    assert regions <= set(Region.objects.values_list("code", flat=True))
    for scheme in Scheme.objects.all():
        owner = scheme.owner
        assert scheme.carriers == [
            {"nom": owner.name, "siren": owner.siren, "roles": ["financeur"]}
        ]


def test_organisations_follow_the_population(communes: None) -> None:
    """Organisations sit in real communes, the most populous one most often."""
    generate(providers=60, solutions=0, trainings=0, schemes=0, events=0, places=0)
    placed = Counter(Organisation.objects.values_list("commune__name", flat=True))
    assert None not in placed
    assert placed.most_common(1)[0][0] == "Marseille"


def test_region_option_keeps_organisations_in_the_region(communes: None) -> None:
    """With --region, every organisation is in one of that region's communes."""
    call_command(
        "generate", "--providers=10", "--seed=1", "--region=94", "--no-progress", stdout=StringIO()
    )
    regions = set(Organisation.objects.values_list("commune__region_id", flat=True))
    assert regions == {"94"}


def test_one_journal_entry_per_run(communes: None) -> None:
    """A run is recorded as one entry in the audit journal, not one per row."""
    before = AuditEntry.objects.count()
    generate()
    entries = AuditEntry.objects.order_by("-id")[: AuditEntry.objects.count() - before]
    assert len(entries) == 1
    assert "Génération de données de synthèse (graine 3)" in entries[0].comment


def test_without_communes_the_command_says_what_to_do(db: None) -> None:
    """With no commune loaded, the command fails in French and names load-territories."""
    with pytest.raises(CommandError, match="guichet load-territories"):
        generate()
    assert not Organisation.objects.exists()


def test_solutions_need_providers(communes: None) -> None:
    """Solutions without any provider of the seed are refused before anything is written."""
    with pytest.raises(CommandError, match="--providers"):
        generate(solutions=5)
    assert not Organisation.objects.exists()
    assert not Solution.objects.exists()


def test_bad_arguments_are_refused_in_french(communes: None) -> None:
    """A negative count or a malformed date is an error naming the value."""
    with pytest.raises(CommandError, match="entier positif"):
        call_command("generate", "--providers=-3", "--seed=1", stdout=StringIO())
    with pytest.raises(CommandError, match="AAAA-MM-JJ"):
        call_command("generate", "--seed=1", "--reference-date=15/01/2025", stdout=StringIO())
