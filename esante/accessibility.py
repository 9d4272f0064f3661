"""What the accessibility statement says is measured, and what the browser tests measure.

tests/e2e runs axe-core on every page of ``CHECKED_PAGES`` and every journey of
``CHECKED_JOURNEYS`` exists as a browser test, so the statement (pages/accessibility.html)
cannot claim a check the suite does not run. The statement is a French legal document: these
labels are not translated.
"""

# The axe-core build shipped by axe-playwright-python (checked by a test).
AXE_CORE_VERSION = "4.12.1"
STATEMENT_DATE = "2026-12-01"

# Page type, example checked with the demo content.
CHECKED_PAGES = [
    ("Accueil", "/"),
    ("Accueil (interface en anglais)", "/en/"),
    ("Éditions de la feuille de route", "/feuille-de-route/"),
    ("Feuille de route", "/feuille-de-route/2023-2027/"),
    ("Action de la feuille de route", "/feuille-de-route/2023-2027/actions/1/"),
    ("Liste des concertations", "/concertation/"),
    ("Consultation", "/concertation/feuille-de-route-2023-2027/"),
    (
        "Chapitre et contributions",
        "/concertation/feuille-de-route-2023-2027/axe-1-prevention-et-citoyen-acteur/",
    ),
    (
        "Versions d'un chapitre",
        "/concertation/feuille-de-route-2023-2027/axe-1-prevention-et-citoyen-acteur/versions/",
    ),
    (
        "Chapitre avec réponses officielles",
        "/concertation/doctrine-technique-2019/securite-des-systemes-d-information/",
    ),
    ("Résultats d'une consultation", "/concertation/doctrine-technique-2019/resultats/"),
    (
        "Contributions ayant reçu une réponse officielle",
        "/concertation/doctrine-technique-2019/resultats/reponses/",
    ),
    (
        "Ce qui a changé depuis la consultation",
        "/concertation/doctrine-technique-2019/resultats/changements/",
    ),
    ("Recherche", "/recherche/?q=securite"),
    ("Liste des événements", "/evenements/"),
    ("Événement", "/evenements/tour-des-regions-2023-rouen/"),
    ("Liste des régions (carte et tableau)", "/regions/"),
    ("Région", "/regions/normandie/"),
    ("Conseil du numérique en santé", "/conseil/"),
    ("Groupe de travail du Conseil", "/conseil/groupes/formation/"),
    ("Cellule d'éthique", "/conseil/cellule-ethique/"),
    ("Actualités", "/actualites/"),
    ("Actualité", "/actualites/tour-des-regions-2023-2027-rouen-actions-regionales/"),
    ("Données ouvertes", "/donnees/"),
    ("Jeu de données ouvertes", "/donnees/contributions/"),
    ("Création de compte", "/comptes/signup/"),
    ("Connexion", "/comptes/login/"),
    ("Plan du site", "/plan-du-site/"),
    ("Déclaration d'accessibilité", "/accessibilite/"),
]

# Journeys proven in a real browser (the test function names are checked too).
CHECKED_JOURNEYS = [
    (
        "test_comment_on_a_paragraph_with_the_keyboard_only",
        "Contribuer sur un paragraphe au clavier seul",
    ),
    (
        "test_account_and_forms_with_errors_are_accessible",
        "Formulaires refusés et espace personnel : erreurs liées aux champs, sans défaut grave",
    ),
    (
        "test_focus_moves_to_the_error_summary",
        "Le focus va au récapitulatif des erreurs après un envoi refusé",
    ),
    (
        "test_pages_reflow_at_320_pixels",
        "Affichage à 320 pixels de large (zoom 400 %) sans défilement horizontal",
    ),
    (
        "test_the_dark_theme_persists_and_stays_accessible",
        "Thème sombre des paramètres d'affichage : conservé d'une page à l'autre, "
        "sans défaut grave",
    ),
    (
        "test_language_switcher_without_javascript",
        "Changement de langue sans JavaScript",
    ),
]
