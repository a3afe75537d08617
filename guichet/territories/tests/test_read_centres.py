"""centres.read_centres: every unusable row is reported with its line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from guichet.territories.centres import read_centres
from guichet.territories.cog import SourceError

from .conftest import FIXTURES

KNOWN = {"2A004", "13055", "2B033", "97411", "13001"}


def test_bad_rows_are_reported_with_line_and_field() -> None:
    """Unknown code, non-numeric, out-of-range, duplicate and empty values: one problem each."""
    centres = read_centres(FIXTURES / "centres-with-errors.csv", KNOWN)
    problems = [(p.position, p.field) for p in centres.problems]
    assert problems == [
        (3, "code_insee"),
        (4, "latitude"),
        (5, "longitude"),
        (7, "code_insee"),
        (8, "latitude"),
    ]
    assert "99999" in centres.problems[0].reason
    assert "quarante-trois" in centres.problems[1].reason
    assert "ligne 2" in centres.problems[3].reason
    assert centres.rows == 7


def test_good_rows_are_kept_including_decimal_commas() -> None:
    """Valid rows give coordinates; a decimal comma is read as a decimal point."""
    centres = read_centres(FIXTURES / "centres-with-errors.csv", KNOWN)
    assert centres.coordinates == {
        "2A004": (41.9347926638, 8.70132275974),
        "97411": (-20.9329708192, 55.446867167),
    }


def test_not_a_number_is_not_a_coordinate(tmp_path: Path) -> None:
    """ "nan" and "inf" parse as floats in Python but are rejected as coordinates."""
    path = tmp_path / "centres.csv"
    path.write_text("code_insee,latitude,longitude\n2A004,nan,8.7\n2B033,42.7,inf\n")
    centres = read_centres(path, KNOWN)
    assert [(p.position, p.field) for p in centres.problems] == [(2, "latitude"), (3, "longitude")]
    assert centres.coordinates == {}


def test_missing_columns_stop_the_reading(tmp_path: Path) -> None:
    """A file without latitude/longitude columns is refused as a whole, naming them."""
    path = tmp_path / "centres.csv"
    path.write_text("code,lat,lon\n2A004,41.9,8.7\n")
    with pytest.raises(SourceError, match="code_insee, latitude, longitude"):
        read_centres(path, KNOWN)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """A centres file that does not exist is an error, not an empty file."""
    with pytest.raises(SourceError, match="introuvable"):
        read_centres(tmp_path / "absent.csv", KNOWN)
