"""The reads of the public themes section (issue 18): two queries whatever the number of themes
and contributions (the figures are stored on the themes by themes.services.themes_recount)."""

from collections import defaultdict

from concertation.models import Consultation, Contribution

from .models import Theme, ThemeMembership


def public_themes(consultation: Consultation) -> list[Theme]:
    """The visible themes of a closed consultation, largest first, each with `.examples`: its
    representative contributions (published ones only). Hidden and merged themes are left
    out; nothing at all before the consultation closes."""
    if consultation.state != Consultation.State.CLOSED:
        return []
    themes = list(
        Theme.objects.filter(
            consultation=consultation, hidden=False, merged_into__isnull=True, size__gt=0
        ).order_by("-size", "pk")
    )
    if not themes:
        return []
    examples = defaultdict(list)
    for membership in (
        ThemeMembership.objects.filter(
            theme__in=themes,
            representative=True,
            contribution__status=Contribution.Status.PUBLISHED,
        )
        .select_related("contribution__chapter__consultation", "contribution__paragraph")
        .order_by("-weight")
    ):
        examples[membership.theme_id].append(membership.contribution)
    for theme in themes:
        theme.examples = examples[theme.pk]
    return themes
