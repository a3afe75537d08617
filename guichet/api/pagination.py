"""Page-number pagination with the pages' page size, refusing bad ``page``/``page_size`` values.

DRF's own class answers 404 for a bad page and silently ignores a bad page size;
a re-user is better told, with a 400 naming the parameter, like any other bad filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.views import APIView

from guichet.api.errors import InvalidQuery

# Same as the public list pages.
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _positive_int(raw: str) -> int | None:
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None


class GuichetPagination(PageNumberPagination):
    page_size = PAGE_SIZE
    page_query_param = "page"
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()
    page_query_description = "Numéro de la page de résultats, à partir de 1."
    page_size_query_description = (
        f"Nombre de résultats par page, de 1 à {MAX_PAGE_SIZE} ({PAGE_SIZE} par défaut, "
        "comme sur les pages du site)."
    )

    def _page_size(self, request: Request) -> tuple[int, str]:
        """``(size, error)``: the size asked for, or the default and why the one asked is bad."""
        param = self.page_size_query_param
        raw = request.query_params.get(param, "")
        size = _positive_int(raw) if raw != "" else self.page_size
        if size is None or size > self.max_page_size:
            return self.page_size, (
                f"Le paramètre « {param} » attend un nombre entier de 1 à {self.max_page_size}, "
                f"pas « {raw} »."
            )
        return size, ""

    def _page_number(self, request: Request) -> tuple[int, str]:
        param = self.page_query_param
        raw = request.query_params.get(param, "")
        number = _positive_int(raw) if raw != "" else 1
        if number is None:
            return 1, (
                f"Le paramètre « {param} » attend un numéro de page (entier à partir de 1), "
                f"pas « {raw} »."
            )
        return number, ""

    def get_page_size(self, request: Request) -> int:
        size, error = self._page_size(request)
        if error:
            raise InvalidQuery({self.page_size_query_param: error})
        return size

    def paginate_queryset(
        self, queryset: QuerySet | Sequence[Any], request: Request, view: APIView | None = None
    ) -> list[Any]:
        self.request = request
        size, size_error = self._page_size(request)
        number, number_error = self._page_number(request)
        errors = {self.page_size_query_param: size_error, self.page_query_param: number_error}
        if any(errors.values()):
            raise InvalidQuery({param: error for param, error in errors.items() if error})
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            pages = "qu'une" if paginator.num_pages == 1 else f"que {paginator.num_pages}"
            raise InvalidQuery(
                {
                    self.page_query_param: (
                        f"Le paramètre « {self.page_query_param} » demande la page {number}, "
                        f"mais il n'y en a {pages}."
                    )
                }
            )
        self.page = paginator.page(number)
        self.display_page_controls = paginator.num_pages > 1
        return list(self.page)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": self.page_query_description,
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": self.page_size_query_description,
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            },
        ]
