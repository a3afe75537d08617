from __future__ import annotations

from typing import Any

from django.forms import BoundField
from django.forms.renderers import TemplatesSetting


class GuichetBoundField(BoundField):
    """A field whose input names its error message and help text for screen readers."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.auto_id and not self.use_fieldset:
            described_by = []
            if self.errors:
                described_by.append(f"{self.auto_id}_error")
            if self.help_text:
                described_by.append(f"{self.auto_id}_helptext")
            if described_by:
                attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class GuichetFormRenderer(TemplatesSetting):
    """Renders every form with the house templates: labelled fields, errors tied to fields."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
    bound_field_class = GuichetBoundField
