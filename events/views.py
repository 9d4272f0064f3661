import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from esante import ratelimits
from esante.emailnorm import normalise_email
from esante.formguards import honeypot_tripped
from esante.i18n import french
from esante.models import Region

from . import selectors, services
from .filters import EventFilter
from .forms import VisitorRegistrationForm
from .ical import build_calendar
from .models import Registration

SLUG_RE = re.compile(r"[-a-z0-9]{1,50}")


def event_list(request):
    event_filter = EventFilter(request.GET or None, queryset=selectors.public_events())
    events = list(event_filter.qs)
    now = timezone.now()
    upcoming = [e for e in events if e.ends_at >= now]
    past = sorted((e for e in events if e.ends_at < now), key=lambda e: e.starts_at, reverse=True)
    regions = selectors.region_event_counts()
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            "filter_errors": event_filter.is_bound
            and (not event_filter.is_valid() or event_filter.month_is_invalid),
            "upcoming": upcoming,
            "past": past,
            "regions": regions,
            "max_count": max([r.upcoming_count + r.past_count for r in regions] or [0]),
            "breadcrumb_data": {"current": gettext("Événements")},
        },
    )


def _event_page(request, event, *, form=None, status=200):
    registration = selectors.registration_of(event=event, user=request.user)
    seats_left = None
    if event.capacity is not None:
        seats_left = max(event.capacity - event.confirmed_count, 0)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "state": event.registration_state(),
            "seats_left": seats_left,
            "registration": registration,
            "form": form or VisitorRegistrationForm(),
            "breadcrumb_data": {
                "links": [{"url": reverse("events:event_list"), "title": gettext("Événements")}],
                "current": french(event.title),
            },
        },
        status=status,
    )


def event_detail(request, slug):
    return _event_page(request, selectors.event_get(slug=slug))


@require_POST
def register(request, slug):
    event = selectors.event_get(slug=slug)
    form = VisitorRegistrationForm(request.POST)
    user = request.user if request.user.is_authenticated else None
    if user is None:
        # A visitor's registration e-mails the address typed: limited per client address and
        # per mailbox, so the site cannot be used to send mail to strangers (esante.ratelimits).
        if honeypot_tripped(request.POST):
            return redirect(event.get_absolute_url())
        if limited := ratelimits.refuse(request, ratelimits.REGISTRATION_IP):
            return limited
        if not form.is_valid():
            return _event_page(request, event, form=form, status=400)
        if limited := ratelimits.refuse(
            request,
            ratelimits.REGISTRATION_EMAIL,
            value=normalise_email(form.cleaned_data["email"]).lower(),
        ):
            return limited
    try:
        registration = services.registration_request(
            event=event,
            user=user,
            name=form.cleaned_data.get("name", "") if user is None else "",
            email=form.cleaned_data.get("email", "") if user is None else "",
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return _event_page(request, event, form=form, status=400)
    text = {
        Registration.Status.PENDING: gettext(
            "Presque fini : ouvrez le lien envoyé à %(email)s pour confirmer votre inscription."
        )
        % {"email": registration.email},
        Registration.Status.CONFIRMED: gettext(
            "Vous êtes inscrit. Un courriel de confirmation vous a été envoyé, avec l'invitation "
            "pour votre agenda et le lien d'annulation."
        ),
        Registration.Status.WAITLISTED: gettext(
            "L'événement est complet : vous êtes sur la liste d'attente. Vous serez inscrit et "
            "prévenu si une place se libère."
        ),
    }[registration.status]
    messages.success(request, text)
    return redirect(event.get_absolute_url())


def registration_confirm(request, token):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        try:
            registration = services.registration_confirm(token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(registration.event.get_absolute_url())
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                request,
                gettext(
                    "Votre inscription est confirmée. Un courriel récapitulatif vous a été envoyé."
                ),
            )
        else:
            messages.info(
                request, gettext("L'événement est complet : vous êtes sur la liste d'attente.")
            )
        return redirect(registration.event.get_absolute_url())
    return render(
        request,
        "events/registration_action.html",
        {
            "registration": registration,
            "action": "confirm",
            "breadcrumb_data": {"current": gettext("Confirmer mon inscription")},
        },
    )


def registration_cancel(request, token):
    registration = get_object_or_404(Registration.objects.select_related("event"), token=token)
    if request.method == "POST":
        try:
            services.registration_cancel(token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                gettext("Votre inscription est annulée. Merci d'avoir libéré votre place."),
            )
        return redirect(registration.event.get_absolute_url())
    return render(
        request,
        "events/registration_action.html",
        {
            "registration": registration,
            "action": "cancel",
            "breadcrumb_data": {"current": gettext("Annuler mon inscription")},
        },
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, slug):
    event = selectors.event_get(slug=slug)
    return _ics_response(build_calendar([event], name=event.title), f"{event.slug}.ics")


def calendar_feed(request):
    events = selectors.public_events().order_by("starts_at")
    # Real str, not lazy: the name goes into the iCalendar data.
    name = gettext("Concertation e-santé — événements")
    region_slug = request.GET.get("region")
    if region_slug:
        if not SLUG_RE.fullmatch(region_slug):
            raise Http404
        region = get_object_or_404(Region, slug=region_slug)
        events = events.filter(region=region)
        name = gettext("Concertation e-santé — événements en %(region)s") % {"region": region.name}
    return _ics_response(build_calendar(events, name=name), "evenements.ics")
