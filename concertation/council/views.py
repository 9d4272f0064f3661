"""Pages of the Conseil du Numérique en Santé: meetings, working groups, applications."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from esante import ratelimits
from esante.exports import paris_stamp, spreadsheet_safe
from esante.formguards import honeypot_tripped
from esante.i18n import french
from esante.rules import is_dns_team

from .. import services
from .forms import ApplicationForm
from .models import Application, CouncilMeeting, EthicsPilot, WorkingGroup


def _council_link() -> dict:
    """The breadcrumb link to the council's home, its title in the active language."""
    return {"url": "/conseil/", "title": gettext("Conseil du Numérique en Santé")}


def council_home(request):
    now = timezone.now()
    meetings = CouncilMeeting.objects.filter(is_published=True)
    groups = WorkingGroup.objects.filter(is_published=True).annotate(
        member_count=Count("applications", filter=Q(applications__status="accepted"))
    )
    return render(
        request,
        "concertation/council/home.html",
        {
            "next_meeting": meetings.filter(starts_at__gte=now).order_by("starts_at").first(),
            "past_meetings": meetings.filter(starts_at__lt=now).order_by("-starts_at"),
            "groups": groups,
            "pilot_count": EthicsPilot.objects.count(),
            "following": _follows(request.user),
            "breadcrumb_data": {"current": _council_link()["title"]},
        },
    )


def meeting_detail(request, slug):
    meeting = get_object_or_404(
        CouncilMeeting.objects.filter(is_published=True).prefetch_related(
            "working_groups", "consultations"
        ),
        slug=slug,
    )
    return render(
        request,
        "concertation/council/meeting_detail.html",
        {
            "meeting": meeting,
            "breadcrumb_data": {"links": [_council_link()], "current": french(meeting.title)},
        },
    )


def _group_page(request, group, *, form=None, status=200):
    own = None
    if request.user.is_authenticated:
        own = group.applications.filter(user=request.user).exclude(status="withdrawn").first()
    if form is None and request.user.is_authenticated and own is None:
        form = ApplicationForm(
            initial={
                "organisation": request.user.organisation,
                "stakeholder_type": request.user.stakeholder_type,
            }
        )
    members = group.applications.filter(status="accepted", consent_public=True).select_related(
        "user"
    )
    return render(
        request,
        "concertation/council/group_detail.html",
        {
            "group": group,
            "own": own,
            "form": form,
            "open": group.accepts_applications(),
            "members": members,
            "member_count": group.applications.filter(status="accepted").count(),
            "can_export": _can_export(request.user, group),
            "following": _follows(request.user, group),
            "breadcrumb_data": {"links": [_council_link()], "current": french(group.name)},
        },
        status=status,
    )


def _get_group(slug):
    return get_object_or_404(
        WorkingGroup.objects.filter(is_published=True)
        .select_related("meeting")
        .prefetch_related(Prefetch("deliverables")),
        slug=slug,
    )


def group_detail(request, slug):
    return _group_page(request, _get_group(slug))


@login_required
@require_POST
def group_apply(request, slug):
    group = _get_group(slug)
    if honeypot_tripped(request.POST):
        return redirect(group.get_absolute_url())
    if limited := ratelimits.refuse(request, ratelimits.APPLICATION_USER):
        return limited
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _group_page(request, group, form=form, status=400)
    try:
        services.application_create(user=request.user, group=group, **form.cleaned_data)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect(group.get_absolute_url())
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return _group_page(request, group, form=form, status=400)
    messages.success(
        request,
        gettext(
            "Votre candidature est enregistrée. Vous serez prévenu par courriel de la décision."
        ),
    )
    return redirect(group.get_absolute_url())


@login_required
@require_POST
def application_withdraw(request, pk):
    application = get_object_or_404(Application.objects.select_related("group"), pk=pk)
    try:
        services.application_withdraw(user=request.user, application=application)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("Votre candidature est retirée."))
    return redirect(application.group.get_absolute_url())


def _can_export(user, group) -> bool:
    if not user.is_authenticated:
        return False
    return is_dns_team(user) or group.leads.filter(pk=user.pk).exists()


@login_required
def group_members_csv(request, slug):
    group = _get_group(slug)
    if not _can_export(request.user, group):
        raise PermissionDenied(gettext("Réservé aux pilotes du groupe et à l'équipe DNS."))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="membres-{group.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    # Column headings for the person reading the file: no code reads them back.
    writer.writerow(
        [
            gettext("Nom"),
            gettext("Adresse électronique"),
            gettext("Organisme"),
            gettext("Type d'acteur"),
            gettext("Depuis le"),
        ]
    )
    for application in group.applications.filter(status="accepted").select_related("user"):
        writer.writerow(
            [
                spreadsheet_safe(application.user.public_name),
                application.user.email,
                spreadsheet_safe(application.organisation),
                application.user.get_stakeholder_type_display(),
                paris_stamp(application.decided_at, with_time=False),
            ]
        )
    return response


@login_required
@require_POST
def follow(request, slug=None):
    group = _get_group(slug) if slug else None
    following = services.follow_toggle(
        user=request.user, working_group=group, council=group is None
    )
    messages.success(
        request,
        gettext("Vous serez prévenu des échéances et des nouveautés.")
        if following
        else gettext("Vous ne suivez plus ce contenu."),
    )
    return redirect(group.get_absolute_url() if group else "concertation:council_home")


def _follows(user, group=None) -> bool:
    if not user.is_authenticated:
        return False
    if group is not None:
        return user.follows.filter(working_group=group).exists()
    return user.follows.filter(council=True).exists()


def ethics_cell(request):
    return render(
        request,
        "concertation/council/ethics.html",
        {
            "pilots": EthicsPilot.objects.all(),
            "breadcrumb_data": {
                "links": [_council_link()],
                "current": gettext("Cellule d'éthique"),
            },
        },
    )
