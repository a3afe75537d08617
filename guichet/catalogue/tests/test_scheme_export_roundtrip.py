"""Import → export → import keeps every field: reference files, fixtures, generated schemes."""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from frictionless import Resource, Schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guichet.catalogue.models import Scheme
from guichet.catalogue.schemes_io.columns import BY_NAME
from guichet.catalogue.schemes_io.formulas import restore, starts_like_formula
from guichet.catalogue.schemes_io.jslike import parse_object_list
from guichet.catalogue.schemes_io.spec import SCHEMAS_DIR

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "schemes"
# Copies of the official files (Licence Ouverte 2.0), see fixtures/etalab/README.md.
REFERENCE = Path(__file__).resolve().parent / "fixtures" / "etalab"
SCHEMAS = ["dispositif-aide", "dispositif-aide-professionnels"]
FIELDS = [
    "external_id",
    "title",
    "promise",
    "description",
    "eligibility_text",
    "carriers",
    "parent_programmes",
    "source_url",
    "opens_at",
    "closes_at",
    "source_updated_at",
    "legal_basis",
    "headcount_min",
    "headcount_max",
    "size_categories",
    "min_years_existence",
    "legal_forms",
    "legal_forms_excluded",
    "activity_sectors",
    "naf_included",
    "naf_excluded",
    "payment_chaining",
]
UNORDERED = {"types_aides", "cibles", "eligibilite_geographique"}
UNORDERED |= {"eligibilite_geographique_exclusions"}
OBJECTS = {"porteurs", "base_juridique"}
MULTILINE_COLUMNS = {"description", "eligibilite"}
DATES = {"date_ouverture", "date_cloture", "date_mise_a_jour"}
LISTS = {
    "programmes_parents",
    "eligibilite_categorie_taille_entreprise",
    "eligibilite_forme_juridique",
    "eligibilite_forme_juridique_exclusions",
    "ciblage_secteur_activite",
    "ciblage_naf",
    "ciblage_naf_exclusions",
}


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Run the block in a transaction that is always rolled back: a fresh database after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def import_text(text: str, tmp_path: Path, name: str = "import.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    out = io.StringIO()
    call_command("import-schemes", str(path), stdout=out)
    return out.getvalue()


def export_text(schema: str) -> str:
    out = io.StringIO()
    call_command(
        "export-schemes",
        "--schema",
        schema,
        "--include-nonconforming",
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def snapshot() -> dict[str | None, dict[str, Any]]:
    """Every field the schema carries, for every scheme, by id."""
    schemes = {}
    for scheme in Scheme.objects.all():
        data = {name: getattr(scheme, name) for name in FIELDS}
        data["aid_types"] = sorted(scheme.aid_types.values_list("code", flat=True))
        data["audiences"] = sorted(scheme.audiences.values_list("code", flat=True))
        data["territories"] = sorted(scheme.territories.values_list("code", "excluded"))
        data["owner"] = scheme.owner.name
        data["status"] = scheme.status
        schemes[scheme.external_id] = data
    return schemes


def meaning(column: str, text: str) -> Any:
    """What a cell says, whatever its notation: sets, parsed objects, instants; the spaces
    around single-line values and list items, which the import trims, do not count, nor
    the apostrophe that neutralises a formula-like cell."""
    if column not in MULTILINE_COLUMNS:
        text = text.strip()
    if BY_NAME[column].free_text:
        text = restore(text)
    if text == "":
        return None
    if column in UNORDERED:
        return {item.strip() for item in text.split("|")}
    if column in LISTS:
        return [item.strip() for item in text.split("|")]
    if column in OBJECTS:
        return parse_object_list(text)[0] or None
    if column in DATES:
        return datetime.datetime.fromisoformat(text)
    return text


def rows_meaning(text: str) -> dict[str, dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return {row["id"]: {k: meaning(k, v) for k, v in row.items()} for row in reader}


def assert_round_trip(source_text: str, schema: str, tmp_path: Path) -> str:
    """Import ``source_text``, export it, import the export into an empty database: the
    export says what the source says, and both imports hold the same fields."""
    with rolled_back():
        assert "refusés : 0." in import_text(source_text, tmp_path)
        first = snapshot()
        exported = export_text(schema)
        assert f"inchangés : {len(first)}" in import_text(exported, tmp_path, "export.csv")
    with rolled_back():
        import_text(exported, tmp_path, "export.csv")
        assert snapshot() == first
        assert export_text(schema) == exported
    assert rows_meaning(exported) == rows_meaning(source_text)
    return exported


@pytest.mark.django_db
@pytest.mark.parametrize("schema", SCHEMAS)
def test_reference_examples_round_trip(tmp_path: Path, schema: str) -> None:
    """The official example files survive import → export → import with every field."""
    source = (REFERENCE / schema / "exemple.csv").read_text(encoding="utf-8")
    assert_round_trip(source, schema, tmp_path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("schema", "name"),
    [
        ("dispositif-aide", "dispositifs.csv"),
        ("dispositif-aide-professionnels", "dispositifs-professionnels.csv"),
    ],
)
def test_fixture_files_round_trip(tmp_path: Path, schema: str, name: str) -> None:
    """The fixture files (Corsica, JSON and JavaScript notations, offsets) round-trip too."""
    assert_round_trip((FIXTURES / name).read_text(encoding="utf-8"), schema, tmp_path)


@pytest.mark.parametrize("schema", SCHEMAS)
def test_committed_schemas_are_the_official_ones(schema: str) -> None:
    """The copies committed in schemes_io/schemas are the official schema files, unchanged."""
    committed = (SCHEMAS_DIR / schema / "schema.json").read_bytes()
    assert committed == (REFERENCE / schema / "schema.json").read_bytes()


# Generated schemes ----------------------------------------------------------------------

TEXT = st.characters(exclude_categories=("Cc", "Cs"))
MULTILINE = st.characters(exclude_categories=("Cc", "Cs"), include_characters="\n\r")


def words(max_size: int) -> st.SearchStrategy[str]:
    return st.text(TEXT, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def items(max_size: int = 30) -> st.SearchStrategy[str]:
    """A value of a pipe list, trimmed so that "a" and " a" are not drawn as two values."""
    return words(max_size).map(str.strip).filter(lambda s: "|" not in s)


def js(value: Any) -> str:
    """The schema's JavaScript-like notation, single quotes, keys unquoted."""
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[ " + ", ".join(js(item) for item in value) + " ]"
    return "{ " + ", ".join(f"{key}: {js(item)}" for key, item in value.items()) + " }"


def objects(value: list[dict[str, Any]], notation: str) -> str:
    return js(value) if notation == "js" else json.dumps(value, ensure_ascii=False)


GEO_CODES = [
    "PAYS-99100",
    "REG-93",
    "REG-94",
    "REG-84",
    "DEP-13",
    "DEP-2A",
    "DEP-2B",
    "DEP-971",
    "COM-13055",
    "COM-2A004",
    "COM-2B033",
]
moments = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1),
    max_value=datetime.datetime(2099, 12, 31),
    timezones=st.sampled_from([datetime.UTC, datetime.timezone(datetime.timedelta(hours=2))]),
)
carriers = st.lists(
    st.fixed_dictionaries(
        # No name beginning like a spreadsheet formula: the first carrier's would not become
        # an organisation, and its row is refused (test_scheme_import_formulas.py).
        {
            "nom": words(60).filter(lambda name: not starts_like_formula(name.strip())),
            "roles": st.lists(st.sampled_from(["financeur", "instructeur"])),
        },
        optional={"siren": st.from_regex(r"\d{9}", fullmatch=True)},
    ),
    min_size=1,
    max_size=3,
)
legal_basis = st.lists(
    st.fixed_dictionaries(
        {"libelle": words(40), "lien": st.just("https://www.legifrance.gouv.fr/")}
    ),
    max_size=2,
)
naf = st.from_regex(r"([A-U]|\d{2}|\d{2}\.\d|\d{2}\.\d{2}|\d{2}\.\d{2}[A-Z])", fullmatch=True)


def pipe(strategy: st.SearchStrategy[str], min_size: int = 0) -> st.SearchStrategy[str]:
    return st.lists(strategy, min_size=min_size, max_size=4, unique=True).map("|".join)


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), strategy)


@st.composite
def scheme_rows(draw: st.DrawFn) -> dict[str, str]:
    opening, closing = sorted(draw(st.lists(moments, min_size=2, max_size=2)))
    low = draw(st.integers(0, 5000))
    notation = draw(st.sampled_from(["js", "json"]))
    return {
        "id": str(draw(st.uuids())),
        "titre": draw(words(250)),
        "promesse": draw(optional(words(180))),
        "description": draw(st.text(MULTILINE, min_size=1, max_size=5000).filter(str.strip)),
        "eligibilite": draw(st.text(MULTILINE, min_size=1, max_size=300).filter(str.strip)),
        "types_aides": draw(
            pipe(st.sampled_from(["information", "financement", "accompagnement", "prêt"]), 1)
        ),
        "porteurs": objects(draw(carriers), notation),
        "programmes_parents": draw(pipe(items())),
        "url_source": draw(
            optional(st.from_regex(r"https://example\.org/[a-z0-9/-]{0,20}", fullmatch=True))
        ),
        "cibles": draw(
            pipe(
                st.sampled_from(
                    ["professionnels", "particuliers", "associations", "secteur public"]
                ),
                1,
            )
        ),
        "eligibilite_geographique": draw(pipe(st.sampled_from(GEO_CODES), 1)),
        "eligibilite_geographique_exclusions": draw(pipe(st.sampled_from(GEO_CODES))),
        "date_ouverture": draw(st.sampled_from(["", opening.isoformat()])),
        "date_cloture": draw(st.sampled_from(["", closing.isoformat()])),
        "date_mise_a_jour": draw(moments).isoformat(),
        "base_juridique": objects(draw(legal_basis), notation) if notation else "",
        "eligibilite_effectif_minimal": draw(st.sampled_from(["", str(low)])),
        "eligibilite_effectif_maximal": draw(
            st.sampled_from(["", str(low + draw(st.integers(0, 9999)))])
        ),
        "eligibilite_categorie_taille_entreprise": draw(
            pipe(st.sampled_from(["MIC", "PME", "ETI", "GE"]))
        ),
        "eligibilite_annees_existence_minimal": draw(optional(st.integers(0, 50).map(str))),
        "eligibilite_forme_juridique": draw(pipe(items(20))),
        "eligibilite_forme_juridique_exclusions": draw(pipe(items(20))),
        "ciblage_secteur_activite": draw(pipe(items(), 1)),
        "ciblage_naf": draw(pipe(naf)),
        "ciblage_naf_exclusions": draw(pipe(naf)),
        "chainage_paiement": draw(optional(words(100))),
    }


def csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def validation_errors(text: str, tmp_path: Path) -> list[tuple[int, str, str]]:
    path = tmp_path / "valider.csv"
    path.write_text(text, encoding="utf-8", newline="")
    schema = "dispositif-aide-professionnels"
    descriptor = json.loads((SCHEMAS_DIR / schema / "schema.json").read_text(encoding="utf-8"))
    resource = Resource(
        path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)
    )
    return [tuple(e) for e in resource.validate().flatten(["rowNumber", "fieldName", "type"])]


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(scheme_rows(), min_size=1, max_size=3, unique_by=lambda row: row["id"]))
def test_generated_schemes_round_trip_and_validate(
    tmp_path: Path, rows: list[dict[str, str]]
) -> None:
    """Any valid schemes survive import → export → import, and their export validates
    except, exactly, the Corsican codes the official pattern forgets."""
    exported = assert_round_trip(csv_text(rows), "dispositif-aide-professionnels", tmp_path)
    exported_rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    expected = [
        (number, column, "constraint-error")
        for number, row in enumerate(exported_rows, start=2)
        for column in ("eligibilite_geographique", "eligibilite_geographique_exclusions")
        if "-2A" in row[column] or "-2B" in row[column]
    ]
    assert validation_errors(exported, tmp_path) == expected
