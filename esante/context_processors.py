from django.conf import settings
from django.urls import reverse


def site(request):
    """The main navigation, with the current section marked for aria-current."""
    path = request.path
    items = [
        ("Accueil", reverse("home")),
        ("Feuille de route", reverse("roadmap:roadmap_list")),
        ("Concertation", reverse("concertation:consultation_list")),
        ("Conseil", reverse("concertation:council_home")),
        ("Événements", reverse("events:event_list")),
        ("Actualités", reverse("roadmap:news_list")),
        ("Régions", reverse("region_list")),
    ]
    nav = [
        {
            "label": label,
            "url": url,
            "current": path == url if url == "/" else path.startswith(url),
        }
        for label, url in items
    ]
    return {"SITE_NAME": settings.SITE_NAME, "main_nav": nav}
