from guichet.catalogue.models.base import BusinessFunction, Publishable, Technique, UseCase
from guichet.catalogue.models.events import Event, Place
from guichet.catalogue.models.schemes import AidType, Audience, Scheme, SchemeTerritory
from guichet.catalogue.models.solutions import Solution
from guichet.catalogue.models.trainings import Training, TrainingSession

__all__ = [
    "AidType",
    "Audience",
    "BusinessFunction",
    "Event",
    "Place",
    "Publishable",
    "Scheme",
    "SchemeTerritory",
    "Solution",
    "Technique",
    "Training",
    "TrainingSession",
    "UseCase",
]
