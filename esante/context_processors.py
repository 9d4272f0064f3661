from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext


def site(request):
    """The main navigation, with the current section marked for aria-current."""
    path = request.path
    home = reverse("home")  # "/" in French, "/en/" in English
    items = [
        (gettext("Accueil"), home),
        (gettext("Feuille de route"), reverse("roadmap:roadmap_list")),
        (gettext("Concertation"), reverse("concertation:consultation_list")),
        (gettext("Conseil"), reverse("concertation:council_home")),
        (gettext("Événements"), reverse("events:event_list")),
        (gettext("Actualités"), reverse("roadmap:news_list")),
        (gettext("Régions"), reverse("region_list")),
    ]
    nav = [
        {
            "label": label,
            "url": url,
            "current": path == url if url == home else path.startswith(url),
        }
        for label, url in items
    ]
    return {"SITE_NAME": settings.SITE_NAME, "main_nav": nav}
