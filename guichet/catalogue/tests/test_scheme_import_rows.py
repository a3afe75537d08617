"""``schemes_import``, row by row: refused rows named with line and column, corrections warned."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from guichet.catalogue.models import AidType, Scheme
from guichet.territories.models import Commune

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
EXAMPLE_ID = "65d5b6c7-102c-4440-ac3b-768f708edc0a"
CORSICA_ID = "3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17"
MINIMAL_ID = "b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05"
# Where each fixture row starts in the file (the example's eligibility spans 6 lines).
LINE = {EXAMPLE_ID: 2, CORSICA_ID: 8, MINIMAL_ID: 11}


def broken_copy(tmp_path: Path, row_id: str, **cells: str) -> Path:
    """A copy of the professional fixture with some cells of one row changed."""
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["id"] == row_id:
            row.update(cells)
    path = tmp_path / "copie.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path: Path) -> str:
    out = io.StringIO()
    call_command("import-schemes", str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_bad_date_refuses_the_row_naming_line_and_column(tmp_path: Path) -> None:
    """A closing date that is not a date refuses its row; the report gives line and column."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, date_cloture="2026-13-45T10:00:00Z"))
    assert "Créés : 2 ; mis à jour : 0 ; inchangés : 0 ; refusés : 1." in report
    assert (
        f"ligne 11 (id {MINIMAL_ID}), colonne date_cloture : « 2026-13-45T10:00:00Z » "
        "n'est pas une date ISO 8601 valide" in report
    )
    assert not Scheme.objects.filter(external_id=MINIMAL_ID).exists()


@pytest.mark.django_db
def test_french_date_is_refused_not_guessed(tmp_path: Path) -> None:
    """A date written day/month/year is refused rather than guessed."""
    report = run(broken_copy(tmp_path, CORSICA_ID, date_ouverture="05/01/2026"))
    assert "ligne 8" in report
    assert "colonne date_ouverture : « 05/01/2026 » n'est pas une date ISO 8601" in report


@pytest.mark.django_db
def test_bad_geographic_code_refuses_the_row(tmp_path: Path) -> None:
    """An unknown region code refuses its row, naming eligibilite_geographique."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, eligibilite_geographique="REG-93|REG-99"))
    assert "refusés : 1." in report
    assert (
        "ligne 11 (id b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05), colonne eligibilite_geographique : "
        "« REG-99 » : aucune région n'a le code 99" in report
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Bretagne", "n'est pas un code géographique du schéma"),
        ("DEP-999", "aucun département n'a le code 999"),
        ("COM-2C004", "n'est pas un code géographique du schéma"),
        ("COM-75108", "est un arrondissement municipal, pas une commune : utilisez COM-75056"),
        ("PAYS-100", "100 n'est pas un code de pays (99 suivi de 3 chiffres)"),
        ("REG-84,DEP-01", "n'est pas un code géographique du schéma"),
    ],
)
def test_malformed_geographic_codes_are_refused(tmp_path: Path, value: str, reason: str) -> None:
    """Codes that are not PAYS/REG/DEP/COM codes of real territories are refused with why."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, eligibilite_geographique_exclusions=value))
    assert "refusés : 1." in report
    assert "colonne eligibilite_geographique_exclusions" in report
    assert reason in report


@pytest.mark.django_db
def test_commune_codes_are_checked_once_communes_are_loaded(tmp_path: Path) -> None:
    """With communes loaded, a commune code no commune has is refused; Ajaccio passes."""
    Commune.objects.create(code="2A004", name="Ajaccio", department_id="2A", region_id="94")
    report = run(broken_copy(tmp_path, MINIMAL_ID, eligibilite_geographique="COM-13999"))
    assert "« COM-13999 » : aucune commune n'a le code 13999" in report
    assert Scheme.objects.filter(external_id=CORSICA_ID).exists()


@pytest.mark.django_db
def test_corsica_is_stored_exactly_with_a_warning() -> None:
    """Corsican codes are kept as the COG writes them, with a warning about the official pattern."""
    report = run(PRO)
    corsica = Scheme.objects.get(external_id=CORSICA_ID)
    assert sorted(corsica.territories.values_list("code", "excluded")) == [
        ("COM-2A004", True),
        ("DEP-2B", True),
        ("REG-94", False),
    ]
    assert "codes corses COM-2A004, DEP-2B gardés tels quels" in report


@pytest.mark.django_db
def test_description_over_schema_length_is_kept_whole_with_a_warning(tmp_path: Path) -> None:
    """A description over the schema's 5,000 characters is imported whole, warned by line."""
    text = "Texte long, conditions et montants compris. " * 120
    report = run(broken_copy(tmp_path, MINIMAL_ID, description=text))
    assert "refusés : 0." in report
    assert (
        f"ligne 11 (id {MINIMAL_ID}), colonne description : {len(text)} caractères pour 5000 au "
        "plus dans le schéma officiel : texte gardé en entier, jamais tronqué" in report
    )
    assert Scheme.objects.get(external_id=MINIMAL_ID).description == text


@pytest.mark.django_db
def test_promise_over_schema_length_is_still_refused(tmp_path: Path) -> None:
    """A promise over 180 characters is refused: the platform's field holds no more."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, promesse="x" * 200))
    assert "colonne promesse : 200 caractères pour 180 au plus (limite du schéma)" in report
    assert not Scheme.objects.filter(external_id=MINIMAL_ID).exists()


@pytest.mark.django_db
def test_every_problem_of_a_row_is_reported_at_once(tmp_path: Path) -> None:
    """A row with several problems lists each of them, so that one correction round suffices."""
    report = run(
        broken_copy(tmp_path, MINIMAL_ID, titre="", cibles="entreprises", date_mise_a_jour="hier")
    )
    assert "colonne titre : valeur obligatoire manquante" in report
    assert "colonne cibles : « entreprises » n'est pas un public du schéma" in report
    assert "colonne date_mise_a_jour : « hier »" in report
    assert "refusés : 1." in report


@pytest.mark.django_db
def test_id_that_is_not_a_uuid_is_refused(tmp_path: Path) -> None:
    """The schema requires a UUID as id: another identifier refuses the row, saying so."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, id="DSP000123"))
    assert "ligne 11 (id DSP000123), colonne id : « DSP000123 » n'est pas un UUID" in report


@pytest.mark.django_db
def test_uuid_in_capitals_is_written_in_its_usual_form(tmp_path: Path) -> None:
    """An id in capitals is the same UUID: stored lower case, with a warning."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, id=MINIMAL_ID.upper()))
    assert "refusés : 0." in report
    assert Scheme.objects.filter(external_id=MINIMAL_ID).exists()
    assert "écrit sous sa forme usuelle" in report


@pytest.mark.django_db
def test_same_id_twice_refuses_the_second_row(tmp_path: Path) -> None:
    """Two rows with the same id: the first is imported, the second refused naming the first."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, id=CORSICA_ID))
    assert "Créés : 2" in report
    assert f"ligne 11 (id {CORSICA_ID}), colonne id : identifiant déjà utilisé ligne 8" in report


@pytest.mark.django_db
def test_row_with_missing_cells_is_refused(tmp_path: Path) -> None:
    """A row with fewer cells than the header is refused rather than shifted into wrong fields."""
    path = tmp_path / "courte.csv"
    lines = PRO.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]) + f"{MINIMAL_ID},Titre seul\r\n", encoding="utf-8")
    report = run(path)
    assert (
        "ligne 11 (id b7e2c4d1-0f3a-4c59-8e21-6d9a7f1b3c05) : la ligne compte 2 valeurs" in report
    )


@pytest.mark.django_db
def test_dates_without_time_are_read_in_french_time_with_a_warning(tmp_path: Path) -> None:
    """A closing date without time closes at the end of that day in Paris, with a warning."""
    report = run(broken_copy(tmp_path, CORSICA_ID, date_cloture="2026-06-30"))
    corsica = Scheme.objects.get(external_id=CORSICA_ID)
    assert corsica.closes_at == datetime.datetime(2026, 6, 30, 21, 59, 59, tzinfo=datetime.UTC)
    assert "colonne date_cloture : date sans heure : lue comme 2026-06-30 23:59:59" in report


@pytest.mark.django_db
def test_small_mistakes_are_corrected_and_warned(tmp_path: Path) -> None:
    """Case, spaces, repeated values and an unescaped apostrophe are corrected and reported."""
    path = broken_copy(
        tmp_path,
        MINIMAL_ID,
        cibles="Professionnels|associations",
        eligibilite_geographique=" reg-93 ",
        ciblage_naf="62.01z|62.01z",
        porteurs="{ nom: 'Chambre de commerce et d'industrie', roles: ['instructeur'] }",
    )
    report = run(path)
    assert "refusés : 0." in report
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert list(scheme.audiences.values_list("code", flat=True)) == [
        "associations",
        "professionnels",
    ]
    assert scheme.naf_included == ["62.01Z"]
    assert scheme.carriers == [
        {"nom": "Chambre de commerce et d'industrie", "roles": ["instructeur"]}
    ]
    assert "colonne cibles : « Professionnels » lu comme « professionnels »" in report
    assert "colonne eligibilite_geographique : « reg-93 » lu comme « REG-93 »" in report
    assert "colonne ciblage_naf : valeurs écrites en majuscules" in report
    assert "colonne porteurs : apostrophe non échappée" in report
    assert "colonne porteurs : objet seul placé dans une liste" in report


@pytest.mark.django_db
def test_unknown_aid_type_is_kept_and_added(tmp_path: Path) -> None:
    """An aid type the platform does not know is added to its list, with a warning."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, types_aides="accompagnement|prêt d'honneur"))
    assert AidType.objects.filter(code="prêt d'honneur").exists()
    scheme = Scheme.objects.get(external_id=MINIMAL_ID)
    assert sorted(scheme.aid_types.values_list("code", flat=True)) == [
        "accompagnement",
        "prêt d'honneur",
    ]
    assert "type d'aide « prêt d'honneur » inconnu de la plateforme : ajouté" in report


@pytest.mark.django_db
def test_unreadable_carriers_are_refused(tmp_path: Path) -> None:
    """Carriers that are not an object list are refused with where the notation breaks."""
    report = run(broken_copy(tmp_path, MINIMAL_ID, porteurs="[{ nom: 'Région Sud', roles: [ }]"))
    assert "colonne porteurs : notation illisible au caractère" in report
    assert "refusés : 1." in report


@pytest.mark.django_db
def test_closing_before_opening_is_refused(tmp_path: Path) -> None:
    """A scheme closing before it opens is refused, naming date_cloture."""
    report = run(broken_copy(tmp_path, CORSICA_ID, date_cloture="2025-12-31T00:00:00Z"))
    assert "colonne date_cloture : la clôture (2025-12-31T00:00:00+00:00) précède" in report
