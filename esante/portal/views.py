"""The pages that compose several apps: home, the regions, the account page. The core of
`esante` (users, regions, notifications) imports no app; these pages may read them all."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from concertation import selectors as concertation_selectors
from concertation import stats as concertation_stats
from concertation.models import Consultation
from events import selectors as event_selectors
from roadmap import selectors as roadmap_selectors

from .. import privacy
from ..forms import ProfileForm
from ..models import Region

HOME_NEWS = 3
HOME_EVENTS = 3
ACCOUNT_CONTRIBUTIONS_PER_PAGE = 20


def home(request):
    consultations = [
        c for c in concertation_stats.consultation_list() if c.state != Consultation.State.CLOSED
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


# --- « Mes données » (RGPD, issue 15) ----------------------------------------------------------


@never_cache
@require_POST
@login_required
def personal_data_download(request):
    """The archive of one's data, served on the POST that asks for it (with its CSRF token):
    there is no link to it that anybody could reuse, signed in or not (cf. Decidim
    GHSA-767h-63j4-5226), and it is never cached."""
    data = privacy.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"mes-donnees-concertation-esante-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class AccountDeleteForm(forms.Form):
    KEEP = "keep"
    ERASE = "erase"

    password = forms.CharField(
        label=_("Votre mot de passe"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Pour confirmer que c'est bien vous."),
    )
    contributions = forms.ChoiceField(
        label=_("Vos contributions publiées"),
        choices=[
            (KEEP, _("Les garder publiées sous le nom « Contributeur anonyme »")),
            (ERASE, _("Les supprimer")),
        ],
        initial=KEEP,
        widget=forms.RadioSelect,
        help_text=_(
            "Dans les deux cas, les réponses des autres participants restent publiées ; une "
            "contribution supprimée à laquelle quelqu'un a répondu est remplacée par la mention "
            "« Contribution supprimée par son auteur »."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password


@never_cache
@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        # Signed out first: what the deletion records (the audit's history) must not name as
        # its author an account that no longer exists at commit.
        logout(request)
        privacy.account_delete(
            user=user,
            keep_contributions=form.cleaned_data["contributions"] == AccountDeleteForm.KEEP,
        )
        messages.success(
            request, gettext("Votre compte et vos données personnelles ont été supprimés.")
        )
        return redirect("home")
    return render(
        request,
        "esante/privacy_account_delete.html",
        {
            "form": form,
            "breadcrumb_data": {
                "links": [{"url": reverse("account"), "title": gettext("Mon compte")}],
                "current": gettext("Supprimer mon compte"),
            },
        },
    )
