from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from guichet.branding.models import (
    LEGAL_FIELDS,
    LOGO_CONTENT_TYPES,
    MAX_LOGO_BYTES,
    RegionIdentity,
)
from guichet.web.forms_limits import LimitedFormMixin


class RegionIdentityForm(LimitedFormMixin, forms.ModelForm):
    logo_file = forms.FileField(
        label=_("Nouveau logo"),
        required=False,
        help_text=_("PNG, SVG, JPEG ou WebP, 512 Ko au plus."),
    )
    remove_logo = forms.BooleanField(label=_("Retirer le logo actuel"), required=False)

    class Meta:
        model = RegionIdentity
        fields = [
            "name",
            "label_name",
            "insee_code",
            "primary_colour",
            "secondary_colour",
            "contact_email",
            "logo_alt",
            *LEGAL_FIELDS,
        ]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "secondary_colour": forms.TextInput(attrs={"type": "color"}),
            "accessibility_audit_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_logo_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.content_type not in LOGO_CONTENT_TYPES:
            raise ValidationError(
                _("Format non accepté (%(type)s) : envoyez un fichier PNG, SVG, JPEG ou WebP."),
                params={"type": upload.content_type},
            )
        if upload.size and upload.size > MAX_LOGO_BYTES:
            raise ValidationError(_("Le fichier dépasse 512 Ko : réduisez-le avant de l'envoyer."))
        return upload

    def _post_clean(self) -> None:
        # The service validates and saves; the form must not touch the instance first.
        pass
