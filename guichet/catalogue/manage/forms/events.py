"""The forms of events and places: a date, a place, a commune."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guichet.catalogue.manage.fields import (
    clean_commune,
    commune_initial,
    commune_name_field,
    formfield_for,
    postcode_field,
)
from guichet.catalogue.manage.forms.base import EntryForm
from guichet.catalogue.models import Event, Place

TIME_ZONES = [
    ("Europe/Paris", gettext_lazy("Heure de Paris (France métropolitaine)")),
    ("America/Guadeloupe", gettext_lazy("Guadeloupe, Martinique, Saint-Martin")),
    ("America/Cayenne", gettext_lazy("Guyane")),
    ("Indian/Reunion", gettext_lazy("La Réunion")),
    ("Indian/Mayotte", gettext_lazy("Mayotte")),
    ("America/Miquelon", gettext_lazy("Saint-Pierre-et-Miquelon")),
    ("Pacific/Noumea", gettext_lazy("Nouvelle-Calédonie")),
    ("Pacific/Tahiti", gettext_lazy("Polynésie française")),
    ("Pacific/Wallis", gettext_lazy("Wallis-et-Futuna")),
    ("UTC", gettext_lazy("Temps universel (UTC)")),
]
DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(EntryForm):
    time_zone = forms.ChoiceField(label=gettext_lazy("Fuseau horaire"), choices=TIME_ZONES)
    postcode = postcode_field()
    commune_name = commune_name_field()

    class Meta:
        model = Event
        formfield_callback = formfield_for
        fields = [
            "title",
            "summary",
            "description",
            "starts_at",
            "ends_at",
            "time_zone",
            "is_online",
            "venue",
            "address",
            "postcode",
            "commune_name",
            "theme",
            "registration_url",
            "website",
        ]
        widgets = {"starts_at": DATETIME_LOCAL, "ends_at": DATETIME_LOCAL}
        help_texts = {
            "starts_at": gettext_lazy("Date et heure, dans le fuseau horaire choisi."),
            "venue": gettext_lazy("Nom du lieu, par exemple Palais des congrès."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The catalogue may hold undated events from sources; a new one is dated.
        self.fields["starts_at"].required = True
        zone_name = self.initial.get("time_zone") or "Europe/Paris"
        if zone_name not in dict(TIME_ZONES):
            field = cast(forms.ChoiceField, self.fields["time_zone"])
            field.choices = [*TIME_ZONES, (zone_name, zone_name)]
        zone = zoneinfo.ZoneInfo(zone_name)
        # Show times as the organiser gave them, in the event's own zone.
        for name in ("starts_at", "ends_at"):
            value = self.initial.get(name)
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                self.initial[name] = timezone.make_naive(value, zone)
        commune = self.initial.get("commune", self.instance.commune)
        for key, value in commune_initial(commune).items():
            self.initial.setdefault(key, value)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zone_name = cleaned.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                value = cleaned.get(name)
                if isinstance(value, datetime.datetime):
                    # The field read the time in the server's zone; read it in the event's.
                    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                    cleaned[name] = timezone.make_aware(naive, zone)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends < starts:
            self.add_error("ends_at", _("La fin ne peut précéder le début."))
        clean_commune(self)
        if (
            not cleaned.get("is_online")
            and not cleaned.get("venue")
            and not cleaned.get("address")
            and not cleaned.get("commune")
            and "postcode" not in self.errors
        ):
            self.add_error("venue", _("Indiquez le lieu de l'événement, ou cochez « en ligne »."))
        return cleaned


class PlaceForm(EntryForm):
    postcode = postcode_field()
    commune_name = commune_name_field()
    opening_hours = forms.CharField(
        label=gettext_lazy("Horaires d'ouverture"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Par exemple : du mardi au samedi, de 10 h à 18 h."),
    )

    class Meta:
        model = Place
        formfield_callback = formfield_for
        fields = [
            "title",
            "summary",
            "description",
            "address",
            "postcode",
            "commune_name",
            "opening_hours",
            "services",
            "audience",
            "website",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        hours = self.initial.get("opening_hours")
        if isinstance(hours, dict):
            self.initial["opening_hours"] = hours.get("texte") or "\n".join(
                f"{day} : {value}" for day, value in hours.items()
            )
        commune = self.initial.get("commune", self.instance.commune)
        for key, value in commune_initial(commune).items():
            self.initial.setdefault(key, value)

    def clean_opening_hours(self) -> dict[str, str]:
        text = (self.cleaned_data.get("opening_hours") or "").strip()
        return {"texte": text} if text else {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        clean_commune(self)
        return cleaned
