"""The organisation form holds each text field to its limit and names the field."""

from __future__ import annotations

import pytest

from guichet.organisations.forms import OrganisationForm
from guichet.web.forms_limits import TEXT_MAX_CHARS


def _description_field() -> str:
    form = OrganisationForm()
    assert "description" in form.fields
    return str(form.fields["description"].label)


@pytest.mark.django_db
def test_long_description_refused_naming_the_field():
    """A description over the limit is refused with a French message naming the field."""
    label = _description_field()
    form = OrganisationForm(
        data={"name": "Atelier Lumière", "description": "a" * (TEXT_MAX_CHARS + 1)}
    )
    assert not form.is_valid()
    (message,) = form.errors["description"]
    assert label in message
    assert "20" in message  # the limit, grouped in French (« 20 000 »)


@pytest.mark.django_db
def test_description_at_the_limit_is_not_refused_for_its_length():
    """A description of exactly the limit raises no length error."""
    form = OrganisationForm(data={"name": "Atelier Lumière", "description": "a" * TEXT_MAX_CHARS})
    form.is_valid()
    assert "description" not in form.errors
