"""The one shape of a refused query: HTTP 400 with ``{"errors": {param: message}}``."""

from __future__ import annotations

from rest_framework import status
from rest_framework.exceptions import APIException


class InvalidQuery(APIException):
    """Raised for any bad query parameter; each message names its parameter, in French."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_query"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__({"errors": errors})
