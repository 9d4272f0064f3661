"""Cursor pagination on every list: a page is read from an index in order, whatever its depth,
and nothing is counted (no COUNT(*) over 500,000 contributions). Each view names its ordering,
a stable one ending with a unique column."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination

from .filters import CONTROL_RE, MAX_ID

INVALID_CURSOR = (
    "Curseur invalide : reprenez l'adresse « next » ou « previous » d'une réponse précédente."
)


class Cursor(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    invalid_cursor_message = INVALID_CURSOR
    cursor_query_description = (
        "Position dans la liste : la valeur donnée par les adresses « next » et « previous »."
    )
    page_size_query_description = "Nombre de résultats par page (20 par défaut, 100 au plus)."

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise ValidationError({"cursor": [INVALID_CURSOR]}) from None
        if cursor is not None and cursor.position is not None and not self._valid(cursor.position):
            raise ValidationError({"cursor": [INVALID_CURSOR]})
        return cursor

    def _valid(self, position: str) -> bool:
        """The position is compared with the first ordering column: it must be a value of it."""
        if CONTROL_RE.search(position):
            return False
        field = self._model._meta.get_field(self.ordering[0].lstrip("-"))
        try:
            value = field.to_python(position)
        except (DjangoValidationError, ValueError, OverflowError):
            return False
        if isinstance(value, int):
            return -MAX_ID <= value <= MAX_ID
        if hasattr(value, "year"):
            return 1900 <= value.year <= 9998
        return True

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        properties = page["properties"]
        properties["next"]["description"] = "Adresse de la page suivante, ou null à la fin."
        properties["previous"]["description"] = "Adresse de la page précédente, ou null."
        properties["results"]["description"] = "Les objets de cette page."
        for name in ("next", "previous"):
            properties[name]["example"] = (
                "https://concertation.example/api/v1/contributions/?cursor=cD0yMA%3D%3D"
            )
        return page


def cursor(*ordering: str) -> type[Cursor]:
    """A pagination class reading the list in this order."""
    return type("Cursor", (Cursor,), {"ordering": ordering})
