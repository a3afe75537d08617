"""parse_profile: a firm's profile from the API's JSON object or the page's form."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import guichet.territories.tests as territory_tests
from guichet.search.profile import FirmProfile, ProfileError, parse_profile
from guichet.territories.centres import read_centres
from guichet.territories.cog import read_source
from guichet.territories.services import territories_load

TODAY = datetime.date(2026, 3, 1)
TERRITORY_FIXTURES = Path(territory_tests.__file__).resolve().parent / "fixtures"


@pytest.fixture
def communes(db: None) -> None:
    """The territories app's fixture communes: Marseille, Aix, Ajaccio and its neighbours..."""
    source = read_source(TERRITORY_FIXTURES / "cog")
    known = {commune.code for commune in source.communes}
    territories_load(source=source, centres=read_centres(TERRITORY_FIXTURES / "centres.csv", known))


def parse(**fields: object) -> FirmProfile:
    return parse_profile(fields, today=TODAY)


def errors_of(data: object) -> dict[str, str]:
    with pytest.raises(ProfileError) as caught:
        parse_profile(data, today=TODAY)
    return caught.value.errors


def test_empty_profile_knows_nothing() -> None:
    """No profile, or an empty one, is a profile where every fact is unknown."""
    assert parse_profile(None).is_empty
    assert parse_profile({}).is_empty
    assert parse(naf="", headcount=None).is_empty


def test_siret_gives_the_siren_and_nothing_else() -> None:
    """A valid SIRET typed with spaces gives its SIREN; the other facts stay unknown."""
    profile = parse(siret="732 829 320 00074")
    assert profile.siret == "73282932000074"
    assert profile.siren == "732829320"
    assert profile.naf is None and profile.headcount is None and profile.place is None


def test_bad_siret_is_refused_naming_the_field() -> None:
    """A SIRET whose check digit is wrong is refused under profile.siret."""
    assert errors_of({"siret": "73282932000079"}) == {
        "profile.siret": "Ce numéro SIRET n'existe pas : sa clé de contrôle est fausse."
    }


def test_naf_is_normalised_and_a_bad_one_refused() -> None:
    """6201z becomes 62.01Z in section J; « 99.99 » is refused under profile.naf."""
    naf = parse(naf="6201z").naf
    assert naf is not None and naf.code == "62.01Z" and naf.section == "J"
    assert "profile.naf" in errors_of({"naf": "ABC"})


def test_headcount_accepts_integers_and_digit_strings() -> None:
    """12 and « 1 200 » are headcounts; the category comes from the headcount."""
    assert parse(headcount=12).headcount == 12
    profile = parse(headcount="1 200")
    assert profile.headcount == 1200
    assert profile.size_category is not None and profile.size_category.value == "eti"


@pytest.mark.parametrize("bad", [-1, "douze", 12.5, True, [12], {"n": 12}])
def test_headcount_of_the_wrong_type_is_refused(bad: object) -> None:
    """Negative numbers, words, decimals, booleans, lists and objects are not headcounts."""
    assert set(errors_of({"headcount": bad})) == {"profile.headcount"}


def test_creation_date_in_iso_or_french_form() -> None:
    """2019-03-15 and 15/03/2019 are the same day."""
    assert parse(created="2019-03-15").created == datetime.date(2019, 3, 15)
    assert parse(created="15/03/2019").created == datetime.date(2019, 3, 15)


@pytest.mark.parametrize("bad", ["2019-02-30", "hier", "2027-01-01", 2019])
def test_bad_creation_date_is_refused(bad: object) -> None:
    """Impossible dates, words, future dates and numbers are refused under profile.created."""
    assert set(errors_of({"created": bad})) == {"profile.created"}


def test_legal_form_by_insee_code_or_label() -> None:
    """5720 is a SASU (and so a SAS); « sarl » is the SARL label."""
    sasu = parse(legal_form="5720").legal_form
    assert sasu is not None and sasu.labels == {"SASU", "SAS"} and sasu.insee_code == "5720"
    sarl = parse(legal_form="sarl").legal_form
    assert sarl is not None and sarl.labels == {"SARL"}


def test_ei_may_be_a_micro_entrepreneur() -> None:
    """An EI (1000) may be a micro-entrepreneur; a declared micro-entrepreneur is one."""
    ei = parse(legal_form="1000").legal_form
    micro = parse(legal_form="Micro-entrepreneur").legal_form
    assert ei is not None and ei.may_be_microentrepreneur
    assert micro is not None and not micro.may_be_microentrepreneur
    assert micro.labels == {"Microentrepreneur", "EI"}


def test_unknown_legal_form_is_refused_with_the_accepted_labels() -> None:
    """« SPA » is neither an INSEE code nor a label: the message lists the labels."""
    message = errors_of({"legal_form": "SPA"})["profile.legal_form"]
    assert "5710" in message and "SASU" in message
    assert "profile.legal_form" in errors_of({"legal_form": "57"})


def test_commune_by_insee_code_gives_every_covering_code(communes: None) -> None:
    """2A004 is Ajaccio: COM-2A004, DEP-2A, REG-94 and France, with its centre."""
    place = parse(commune="2A004").place
    assert place is not None and place.is_precise
    assert place.territory_codes == {"COM-2A004", "DEP-2A", "REG-94", "PAYS-99100"}
    assert place.label == "Ajaccio (2A)"
    assert place.coordinates is not None


def test_commune_by_postcode(communes: None) -> None:
    """97400 is the postcode of Saint-Denis (La Réunion)."""
    place = parse(commune="97400").place
    assert place is not None and place.commune_code == "97411"
    assert "REG-04" in place.territory_codes


def test_shared_postcode_gives_a_partial_place_and_a_note(communes: None) -> None:
    """20167 serves three communes of 2A: department and region known, commune not."""
    profile = parse(commune="20167")
    place = profile.place
    assert place is not None and not place.is_precise
    assert place.territory_codes == {"DEP-2A", "REG-94", "PAYS-99100"}
    assert profile.notes and "20167 dessert 3 communes" in profile.notes[0]


def test_unknown_commune_is_refused_naming_the_field(communes: None) -> None:
    """A code matching no commune is refused under profile.commune with the reason."""
    assert errors_of({"commune": "99999"}) == {
        "profile.commune": "Le code 99999 ne correspond à aucune commune ni à aucun code postal "
        "connu."
    }
    assert "profile.commune" in errors_of({"commune": 13055})


def test_every_bad_field_is_named_at_once() -> None:
    """Several bad fields give several messages, and an unknown key is named too."""
    errors = errors_of({"naf": "x", "headcount": "x", "colour": "blue"})
    assert set(errors) == {"profile.naf", "profile.headcount", "profile.colour"}


def test_profile_must_be_an_object() -> None:
    """A list or a string is not a profile."""
    assert set(errors_of(["62.01Z"])) == {"profile"}
    assert set(errors_of("62.01Z")) == {"profile"}
