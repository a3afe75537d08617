"""LimitedFormMixin: every text field gets a length limit and every date 1800-2100, named."""

from __future__ import annotations

import datetime

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from guichet.web.forms_limits import LINE_MAX_CHARS, TEXT_MAX_CHARS, LimitedFormMixin


class SampleForm(LimitedFormMixin, forms.Form):
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea)
    title = forms.CharField(label="Titre", required=False)
    name = forms.CharField(label="Nom", required=False, max_length=150)
    email = forms.EmailField(label="Courriel", required=False)
    starts_on = forms.DateField(label="Date de début", required=False)
    starts_at = forms.DateTimeField(label="Début", required=False)


def errors_of(**data: str) -> dict[str, list[str]]:
    form = SampleForm(data)
    form.is_valid()
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def test_a_textarea_without_limit_gets_one_that_names_the_field() -> None:
    """A description one character too long is refused, naming « Description » and the limit."""
    errors = errors_of(description="a" * (TEXT_MAX_CHARS + 1))

    assert errors["description"] == [
        "« Description » contient 20\xa0001 caractères ; ce champ en admet au plus 20\xa0000."
    ]
    assert errors_of(description="a" * TEXT_MAX_CHARS) == {}


def test_a_one_line_field_without_limit_gets_the_line_limit() -> None:
    """A single-line field is held to LINE_MAX_CHARS, and the browser is told (maxlength)."""
    form = SampleForm()

    assert form.fields["title"].widget.attrs["maxlength"] == str(LINE_MAX_CHARS)
    assert "« Titre »" in errors_of(title="t" * (LINE_MAX_CHARS + 1))["title"][0]


def test_a_field_with_its_own_limit_keeps_it_with_one_named_message() -> None:
    """max_length=150 stays 150, and the refusal is said once, with the field's name."""
    errors = errors_of(name="n" * 151)

    assert errors["name"] == ["« Nom » contient 151 caractères ; ce champ en admet au plus 150."]


def test_an_e_mail_address_is_held_to_254_characters() -> None:
    """An address of 255 characters is refused naming the field."""
    long_address = "a" * 64 + "@" + ".".join(["d" * 62] * 3) + ".f"

    assert len(long_address) == 255
    assert any("« Courriel »" in message for message in errors_of(email=long_address)["email"])


def test_the_year_one_is_refused_naming_the_field() -> None:
    """0001-01-01, which the import once crashed on, is a French error on « Date de début »."""
    errors = errors_of(starts_on="0001-01-01", starts_at="2101-01-01 10:00")

    assert errors["starts_on"] == ["« Date de début » : indiquez une date entre 1800 et 2100."]
    assert errors["starts_at"] == ["« Début » : indiquez une date entre 1800 et 2100."]


@given(st.dates())
def test_dates_are_accepted_exactly_from_1800_to_2100(day: datetime.date) -> None:
    """Whatever the date, it passes if and only if its year is within 1800-2100."""
    errors = errors_of(starts_on=day.isoformat())

    assert ("starts_on" not in errors) == (1800 <= day.year <= 2100)


def test_each_form_gets_its_own_limits() -> None:
    """Building many forms does not pile up validators on the shared field definitions."""
    for _ in range(3):
        SampleForm()

    assert len(SampleForm().fields["title"].validators) == 2
    assert len(SampleForm.base_fields["title"].validators) == 1
