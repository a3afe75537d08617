"""The forms of the provider space: one per kind of entry, training sessions, decisions."""

from guichet.catalogue.manage.forms.base import HELPER_FIELDS, DecisionForm, EntryForm
from guichet.catalogue.manage.forms.events import EventForm, PlaceForm
from guichet.catalogue.manage.forms.schemes import SchemeForm
from guichet.catalogue.manage.forms.solutions import SolutionForm
from guichet.catalogue.manage.forms.trainings import (
    BaseSessionFormSet,
    SessionForm,
    SessionFormSet,
    TrainingForm,
)

__all__ = [
    "HELPER_FIELDS",
    "BaseSessionFormSet",
    "DecisionForm",
    "EntryForm",
    "EventForm",
    "PlaceForm",
    "SchemeForm",
    "SessionForm",
    "SessionFormSet",
    "SolutionForm",
    "TrainingForm",
]
