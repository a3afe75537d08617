"""``guichet import-schemes``: files it cannot read, options, owners of new schemes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from guichet.audit.models import AuditEntry
from guichet.catalogue.models import Scheme
from guichet.catalogue.workflow import Status
from guichet.organisations.models import Organisation, Role
from guichet.organisations.tests.factories import OrganisationFactory

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
PRO = FIXTURES / "dispositifs-professionnels.csv"
BASE = FIXTURES / "dispositifs.csv"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import-schemes", *args, stdout=out)
    return out.getvalue()


def without_column(source: Path, column: str, target: Path) -> Path:
    """A copy of ``source`` without ``column`` (header and cells)."""
    with source.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    with target.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([row[:index] + row[index + 1 :] for row in rows])
    return target


@pytest.mark.django_db
def test_fixture_files_import_with_counts() -> None:
    """Both fixture files are read, their schema detected and every row published."""
    report = run(str(PRO))
    assert "schéma dispositif-aide-professionnels (v0.2.0), 3 lignes de données" in report
    assert "Créés : 3 ; mis à jour : 0 ; inchangés : 0 ; refusés : 0." in report
    assert Scheme.objects.filter(status=Status.PUBLISHED).count() == 3
    report = run(str(BASE))
    assert "schéma dispositif-aide (v0.2.0)" in report
    assert "Créés : 0 ; mis à jour : 0 ; inchangés : 3 ; refusés : 0." in report


@pytest.mark.django_db
def test_missing_file_fails_in_french(tmp_path: Path) -> None:
    """A file that does not exist stops the command with a French message naming it."""
    with pytest.raises(CommandError, match=r"Le fichier .*absent\.csv est introuvable"):
        run(str(tmp_path / "absent.csv"))


@pytest.mark.django_db
def test_latin1_file_is_refused_with_the_line(tmp_path: Path) -> None:
    """A file saved in Latin-1 is refused: the message says UTF-8 and where the bad byte is."""
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(PRO.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    with pytest.raises(CommandError) as error:
        run(str(latin1))
    message = str(error.value)
    assert "n'est pas encodé en UTF-8" in message
    assert "ligne 2" in message
    assert "Latin-1" in message
    assert not Scheme.objects.exists()


@pytest.mark.django_db
def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 file starting with a byte order mark (as spreadsheets write it) is read."""
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + PRO.read_bytes())
    assert "Créés : 3" in run(str(bom))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b'{"id": "65d5b6c7-102c-4440-ac3b-768f708edc0a", "titre": "x"}\n',
        b"nom;adresse;ville\nDupont;1 rue de la Paix;Paris\n",
    ],
    ids=["binary", "json", "other-csv"],
)
def test_not_a_schemes_csv_is_refused(tmp_path: Path, content: bytes) -> None:
    """A binary file, JSON, or a CSV of something else is refused as not a schemes CSV."""
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=r"n'est pas un fichier CSV"):
        run(str(path))


@pytest.mark.django_db
def test_empty_file_is_refused(tmp_path: Path) -> None:
    """An empty file is refused with a message saying so."""
    path = tmp_path / "vide.csv"
    path.write_bytes(b"")
    with pytest.raises(CommandError, match=r"vide\.csv est vide"):
        run(str(path))


@pytest.mark.django_db
def test_missing_mandatory_column_is_named(tmp_path: Path) -> None:
    """A file without a required column is refused, naming the column; nothing is imported."""
    broken = without_column(PRO, "cibles", tmp_path / "sans-cibles.csv")
    with pytest.raises(CommandError, match=r"Colonnes obligatoires absentes .*: cibles\."):
        run(str(broken))
    assert not Scheme.objects.exists()


@pytest.mark.django_db
def test_missing_professional_column_is_named(tmp_path: Path) -> None:
    """A file with professional columns but without ciblage_secteur_activite names it."""
    broken = without_column(PRO, "ciblage_secteur_activite", tmp_path / "sans-secteur.csv")
    with pytest.raises(CommandError, match=r"dispositif-aide-professionnels\) : ciblage_secteur"):
        run(str(broken))


@pytest.mark.django_db
def test_missing_optional_column_is_reported_not_refused(tmp_path: Path) -> None:
    """A file without an optional column is imported, and the report names the column."""
    report = run(str(without_column(PRO, "promesse", tmp_path / "sans-promesse.csv")))
    assert "Créés : 3" in report
    assert "Colonnes facultatives absentes" in report
    assert "promesse" in report


@pytest.mark.django_db
def test_failure_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From the command line, an unreadable file ends with a non-zero status and the message."""
    broken = without_column(PRO, "titre", tmp_path / "sans-titre.csv")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["guichet", "import-schemes", str(broken)])
    assert exit_info.value.code != 0
    assert "titre" in capsys.readouterr().err


@pytest.mark.django_db
def test_semicolon_separator_is_read_and_reported(tmp_path: Path) -> None:
    """A file saved with semicolons by a French spreadsheet is read, with a remark."""
    with PRO.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    path = tmp_path / "points-virgules.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    report = run(str(path))
    assert "Créés : 3" in report
    assert "Séparateur « ; »" in report


@pytest.mark.django_db
def test_dry_run_writes_nothing() -> None:
    """With --dry-run the report counts what would happen and the database is unchanged."""
    report = run(str(PRO), "--dry-run")
    assert "Simulation (--dry-run)" in report
    assert "Créés : 3" in report
    assert not Scheme.objects.exists()
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_owner_option_owns_new_schemes() -> None:
    """--owner SLUG makes that organisation the owner of every new scheme."""
    region = OrganisationFactory.create(name="Région Sud", slug="region-sud")
    run(str(PRO), "--owner", "region-sud")
    assert set(Scheme.objects.values_list("owner", flat=True)) == {region.pk}


@pytest.mark.django_db
def test_unknown_owner_is_refused() -> None:
    """An --owner slug no organisation has stops the command before reading the file."""
    with pytest.raises(CommandError, match=r"Aucune organisation .* « inconnue »"):
        run(str(PRO), "--owner", "inconnue")


@pytest.mark.django_db
def test_owner_is_first_carrier_found_by_siren_or_created() -> None:
    """Without --owner, a scheme belongs to its first carrier: found by SIREN, else created."""
    ademe = OrganisationFactory.create(name="Agence de la transition", siren="385290309")
    report = run(str(PRO))
    example = Scheme.objects.get(external_id="65d5b6c7-102c-4440-ac3b-768f708edc0a")
    assert example.owner == ademe
    corsica = Scheme.objects.get(external_id="3f1c9a52-7d2e-4b8a-9c61-0a4e2d5b8f17")
    assert corsica.owner.name == "Collectivité de Corse"
    assert list(corsica.owner.roles.values_list("code", flat=True)) == [Role.Code.FINANCER]
    assert "Organisations propriétaires créées (rôle financeur) : " in report
    assert "Collectivité de Corse, Région Sud." in report
