"""The moderation vocabulary shared by the admin, the services and the public notices."""

from django.utils.translation import gettext_lazy as _

REASONS = [
    ("off_topic", _("Hors sujet")),
    ("abuse", _("Propos injurieux, diffamatoires ou haineux")),
    ("personal_data", _("Données personnelles ou de santé")),
    ("advertising", _("Publicité ou promotion commerciale")),
    ("duplicate", _("Doublon")),
    ("illegal", _("Contenu manifestement illicite")),
    ("other", _("Autre motif (précisé)")),
]
REASON_LABELS = dict(REASONS)
