"""guichet search-index: checks the index, rebuilds it with a progress bar."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from guichet.catalogue.models import Solution
from guichet.search.backends import get_backend
from guichet.search.tests.entries import owner, published

pytestmark = pytest.mark.django_db


def test_check_reports_a_sound_index():
    """Without options, the command checks the index and says it is in order."""
    published(Solution, owner(), title="Tri de documents")
    out = StringIO()
    call_command("search-index", stdout=out)
    assert "en ordre" in out.getvalue()
    assert "solutions 1" in out.getvalue()


def test_rebuild_reindexes_everything():
    """--rebuild indexes the public catalogue again and says how many entries."""
    published(Solution, owner(), title="Tri de documents")
    out, err = StringIO(), StringIO()
    call_command("search-index", "--rebuild", stdout=out, stderr=err)
    assert "reconstruit : 2 fiches publiques" in out.getvalue()  # the solution and its owner
    assert "Indexation" in err.getvalue()  # the progress bar


def test_pause_then_rebuild_for_bulk_loads():
    """--pause stops following the catalogue; --rebuild catches up and follows again."""
    call_command("search-index", "--pause", stdout=StringIO())
    solution = published(Solution, owner(), title="Chargement massif")
    assert get_backend().size()["solutions"] == 0
    call_command("search-index", "--rebuild", "--no-progress", stdout=StringIO())
    assert get_backend().size()["solutions"] == 1
    solution.delete()
    assert get_backend().size()["solutions"] == 0


def test_check_fails_when_triggers_are_missing():
    """Missing triggers (say, after a restore) make the check fail loudly."""
    get_backend().uninstall()
    try:
        with pytest.raises(CommandError, match="déclencheurs manquent"):
            call_command("search-index", stdout=StringIO())
    finally:
        get_backend().install()
