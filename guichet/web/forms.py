from django.forms.renderers import TemplatesSetting


class GuichetFormRenderer(TemplatesSetting):
    """Renders every form with the house templates: labelled fields, errors tied to fields."""

    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
