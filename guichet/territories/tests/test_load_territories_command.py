"""The load-territories command: reports, idempotence and clear failures."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from guichet.territories.models import Commune

from .conftest import FIXTURES


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load-territories", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_first_run_reports_counts_per_kind(cog_dir: Path) -> None:
    """The first run says how many regions, departments, communes and postcodes it created."""
    out, err = run("--source", str(cog_dir), "--centres", str(FIXTURES / "centres.csv"))
    # The migration already loaded the real regions and departments: the fixture's match.
    assert "Régions : 0 créées, 0 mises à jour, 5 inchangées." in out
    assert "Départements : 0 créés, 0 mis à jour, 6 inchangés." in out
    assert "Communes : 9 créées, 0 mises à jour, 0 inchangées." in out
    assert "Codes postaux : 20 créés, 0 supprimés, 0 inchangés." in out
    assert "Centres : 8 lignes lues, 8 retenues, 0 rejetées." in out
    assert "Communes sans coordonnées : 1." in out
    assert "Aucun changement" not in out
    assert err == ""
    assert Commune.objects.count() == 9


@pytest.mark.django_db
def test_second_run_says_nothing_changed(cog_dir: Path) -> None:
    """Run twice, the command changes nothing the second time and says so."""
    run("--source", str(cog_dir), "--centres", str(FIXTURES / "centres.csv"))
    out, _err = run("--source", str(cog_dir), "--centres", str(FIXTURES / "centres.csv"))
    assert "Communes : 0 créées, 0 mises à jour, 9 inchangées." in out
    assert "Aucun changement : la base était à jour." in out


@pytest.mark.django_db
def test_bad_centres_rows_are_reported_with_their_line(cog_dir: Path) -> None:
    """Each rejected centres row appears on stderr with its line number and field."""
    out, err = run("--source", str(cog_dir), "--centres", str(FIXTURES / "centres-with-errors.csv"))
    assert "Centres : 7 lignes lues, 2 retenues, 5 rejetées." in out
    assert "centres-with-errors.csv, ligne 4, champ « latitude »" in err
    assert "centres-with-errors.csv, ligne 3, champ « code_insee » : commune inconnue" in err
    assert Commune.objects.get(code="13055").latitude is None


@pytest.mark.django_db
def test_unusable_source_entries_are_reported_and_skipped(tmp_path: Path, cog_dir: Path) -> None:
    """A commune of an unknown department, or listed twice, is reported with its entry number."""
    shutil.copytree(cog_dir, tmp_path, dirs_exist_ok=True)
    communes = json.loads((cog_dir / "communes.json").read_text())
    communes.append({"code": "99001", "nom": "Nulle-part", "departement": "99", "region": "93",
                     "type": "commune-actuelle"})  # fmt: skip
    communes.append({**communes[0], "nom": "Doublon"})
    (tmp_path / "communes.json").write_text(json.dumps(communes))
    out, err = run("--source", str(tmp_path))
    assert "communes.json, entrée 15, champ « departement » : département 99 inconnu" in err
    assert "communes.json, entrée 16, champ « code » : commune 01015 déjà lue (entrée 1)" in err
    assert "Communes : 9 créées" in out
    assert Commune.objects.get(code="01015").name == "Arboys en Bugey"


@pytest.mark.django_db
def test_vanished_communes_are_reported(cog_dir: Path) -> None:
    """Communes in the database but not in the source are listed, and kept."""
    Commune.objects.create(code="2A999", name="Commune disparue", department_id="2A")
    _out, err = run("--source", str(cog_dir))
    assert "1 communes en base ne figurent plus dans la source" in err
    assert "2A999" in err
    assert Commune.objects.filter(code="2A999").exists()


@pytest.mark.django_db
def test_missing_directory_fails_in_french(tmp_path: Path) -> None:
    """A source directory that does not exist stops the command with a French message."""
    with pytest.raises(CommandError, match=r"Le dossier .* est introuvable"):
        run("--source", str(tmp_path / "absent"))


@pytest.mark.django_db
def test_missing_file_fails_naming_it(tmp_path: Path, cog_dir: Path) -> None:
    """A source directory without communes.json is refused, naming the file."""
    shutil.copy(cog_dir / "regions.json", tmp_path)
    shutil.copy(cog_dir / "departements.json", tmp_path)
    with pytest.raises(CommandError, match=r"communes\.json est introuvable"):
        run("--source", str(tmp_path))


@pytest.mark.django_db
def test_invalid_json_fails_with_its_line(tmp_path: Path, cog_dir: Path) -> None:
    """A file that is not valid JSON is refused with the line of the error; nothing is loaded."""
    shutil.copytree(cog_dir, tmp_path, dirs_exist_ok=True)
    (tmp_path / "communes.json").write_text('[\n{"code": "01001",\n')
    with pytest.raises(CommandError, match=r"communes\.json n'est pas du JSON valide \(ligne 3\)"):
        run("--source", str(tmp_path))
    assert not Commune.objects.exists()


@pytest.mark.django_db
def test_failure_exits_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From the command line, a missing source ends with a non-zero exit status."""
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["guichet", "load-territories", "--source", str(tmp_path / "x")])
    assert exit_info.value.code != 0
    assert "introuvable" in capsys.readouterr().err
