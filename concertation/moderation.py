"""The moderation vocabulary shared by the admin, the services and the public notices."""

REASONS = [
    ("off_topic", "Hors sujet"),
    ("abuse", "Propos injurieux, diffamatoires ou haineux"),
    ("personal_data", "Données personnelles ou de santé"),
    ("advertising", "Publicité ou promotion commerciale"),
    ("duplicate", "Doublon"),
    ("illegal", "Contenu manifestement illicite"),
    ("other", "Autre motif (précisé)"),
]
REASON_LABELS = dict(REASONS)
