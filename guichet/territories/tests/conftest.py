from __future__ import annotations

from pathlib import Path

import pytest

from guichet.territories.centres import read_centres
from guichet.territories.cog import Source, read_source
from guichet.territories.services import LoadReport, territories_load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[3]
PACKAGE_DATA = REPO_ROOT / "node_modules" / "@etalab" / "decoupage-administratif" / "data"


@pytest.fixture
def cog_dir() -> Path:
    return FIXTURES / "cog"


@pytest.fixture
def source(cog_dir: Path) -> Source:
    return read_source(cog_dir)


@pytest.fixture
def loaded(db: None, source: Source) -> LoadReport:
    """The fixture communes loaded with their centres."""
    known = {commune.code for commune in source.communes}
    return territories_load(source=source, centres=read_centres(FIXTURES / "centres.csv", known))
