from guichet.api.serializers.entries import (
    EventSerializer,
    PlaceSerializer,
    SchemeSerializer,
    SolutionSerializer,
    TrainingSerializer,
)
from guichet.api.serializers.organisations import OrganisationSerializer

__all__ = [
    "EventSerializer",
    "OrganisationSerializer",
    "PlaceSerializer",
    "SchemeSerializer",
    "SolutionSerializer",
    "TrainingSerializer",
]
