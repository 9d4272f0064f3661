"""The staff action « Marquer comme doublons », for the list of contributions to answer
(concertation.admin.answers.ContributionAnsweringAdmin adds it to its `actions`; that module is
not this app's). Of the selected contributions, the oldest is the original and the others its
duplicates: an official answer to the original answers them too."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import services


@admin.action(description=_("Marquer comme doublons de la plus ancienne"), permissions=["answer"])
def mark_duplicates(modeladmin, request, queryset):
    contributions = list(queryset.order_by("created_at", "pk"))
    if len(contributions) < 2:
        modeladmin.message_user(
            request,
            gettext("Choisissez au moins deux contributions : la plus ancienne et ses doubles."),
            messages.ERROR,
        )
        return None
    original, *duplicates = contributions
    try:
        with transaction.atomic():
            for contribution in duplicates:
                services.duplicate_mark(
                    actor=request.user, contribution=contribution, original=original
                )
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        modeladmin.message_user(request, text, messages.ERROR)
        return None
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)s contribution marquée comme double de la contribution n° %(original)s : "
            "une réponse officielle à celle-ci lui répondra aussi.",
            "%(count)s contributions marquées comme doubles de la contribution n° %(original)s : "
            "une réponse officielle à celle-ci leur répondra aussi.",
            len(duplicates),
        )
        % {"count": len(duplicates), "original": original.pk},
        messages.SUCCESS,
    )
    return None
