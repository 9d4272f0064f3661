"""The OpenAPI document's error answers, added to every operation (a postprocessing hook of
drf-spectacular): each is documented, so that a client, and schemathesis in CI, know them."""

ERROR = {
    "type": "object",
    "description": "Une erreur, expliquée en français.",
    "properties": {
        "detail": {"type": "string", "description": "Message d'erreur, en français."},
        "errors": {
            "type": "object",
            "description": "Pour une réponse 400 : les messages de chaque paramètre refusé.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}


def _error(description: str, *, headers: dict | None = None) -> dict:
    answer = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Erreur"}}},
    }
    if headers:
        answer["headers"] = headers
    return answer


RETRY_AFTER = {
    "Retry-After": {
        "description": "Secondes à attendre avant de réessayer.",
        "schema": {"type": "integer"},
    }
}


def error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Erreur"] = ERROR
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(
                "304",
                {"description": "Non modifié : la copie désignée par If-None-Match est à jour."},
            )
            if "{" in path:
                responses.setdefault("404", _error("Ressource introuvable ou non publique."))
            else:
                responses.setdefault("400", _error("Paramètre de filtre ou curseur invalide."))
            responses.setdefault(
                "429",
                _error("Trop de requêtes depuis cette adresse.", headers=RETRY_AFTER),
            )
    return result
