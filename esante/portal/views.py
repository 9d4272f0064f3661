"""The pages that compose several apps: home, the regions, the account page. The core of
`esante` (users, regions, notifications) imports no app; these pages may read them all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from concertation import selectors as concertation_selectors
from concertation.models import Consultation
from events import selectors as event_selectors
from roadmap import selectors as roadmap_selectors

from ..forms import ProfileForm
from ..models import Region

HOME_NEWS = 3
HOME_EVENTS = 3
ACCOUNT_CONTRIBUTIONS_PER_PAGE = 20


def home(request):
    consultations = [
        c
        for c in concertation_selectors.consultation_list()
        if c.state != Consultation.State.CLOSED
    ]
    return render(
        request,
        "home.html",
        {
            "consultations": consultations,
            "events": event_selectors.public_events().upcoming()[:HOME_EVENTS],
            "roadmap": roadmap_selectors.current_roadmap(),
            "news": roadmap_selectors.news_list()[:HOME_NEWS],
            "programmes": roadmap_selectors.programme_list(),
        },
    )


def region_list(request):
    counts = roadmap_selectors.region_indicator_counts()
    regions = list(Region.objects.all())
    for region in regions:
        region.indicator_count = counts.get(region.pk, 0)
    return render(
        request,
        "esante/region_list.html",
        {
            "metropolitan": [r for r in regions if not r.is_overseas],
            "overseas": [r for r in regions if r.is_overseas],
            "map_regions": event_selectors.region_event_counts(),
            "breadcrumb_data": {"current": gettext("Régions")},
        },
    )


def region_detail(request, slug):
    region = get_object_or_404(Region, slug=slug)
    return render(
        request,
        "esante/region_detail.html",
        {
            "region": region,
            "indicators": roadmap_selectors.region_indicators(region=region),
            "upcoming_events": event_selectors.public_events().filter(region=region).upcoming(),
            "past_events": event_selectors.public_events()
            .filter(region=region)
            .past()
            .order_by("-starts_at")[:6],
            "news": roadmap_selectors.news_list().filter(region=region)[:HOME_NEWS],
            "breadcrumb_data": {
                "links": [{"url": reverse("region_list"), "title": gettext("Régions")}],
                "current": region.name,
            },
        },
    )


@login_required
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Votre profil a été enregistré."))
        return redirect("account")
    # « Mes contributions »: each one, what the DNS team answered and the change it led to;
    # paginated by `?page=`, the pages linking back to the section.
    contributions = Paginator(
        concertation_selectors.user_contributions(user=request.user),
        ACCOUNT_CONTRIBUTIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    concertation_selectors.attach_trail(contributions=list(contributions.object_list))
    return render(
        request,
        "esante/account.html",
        {
            "form": form,
            "contributions": contributions,
            "follows": concertation_selectors.user_follows(user=request.user),
            "applications": request.user.applications.select_related("group").exclude(
                status="withdrawn"
            ),
            "breadcrumb_data": {"current": gettext("Mon compte")},
        },
    )
