"""Content negotiation of the API: JSON, whatever the Accept header asks (one representation:
no 406 for a client that asks for text/html or nothing in particular)."""

from rest_framework.negotiation import BaseContentNegotiation


class JsonOnly(BaseContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type

    def select_parser(self, request, parsers):
        return None
