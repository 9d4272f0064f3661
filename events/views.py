import itertools
import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
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
from .ical import build_calendar, calendar_chunks
from .models import Registration

SLUG_RE = re.compile(r"[-a-z0-9]{1,50}")

# Twenty cards: a screenful or two, about 45 KB of HTML with the map (2.1 MB for 2,000 events
# when the list was not paginated, issue 16).
EVENTS_PER_PAGE = 20

# A feed of more events than this is streamed, event by event, rather than built in memory.
FEED_IN_ONE_PIECE = 300


def event_list(request):
    now = timezone.now()
    event_filter = EventFilter(request.GET or None, queryset=selectors.public_events())
    # get_page: a page number that is not one (« abc », « 0 », a NUL) shows the first page, one
    # past the end the last, as on the other lists of the site.
    page = Paginator(selectors.upcoming_first(event_filter.qs, now=now), EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    events = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/event_list.html",
        {
            "filter": event_filter,
            "filter_errors": event_filter.is_bound
            and (not event_filter.is_valid() or event_filter.month_is_invalid),
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "query": query.urlencode(),
            "period": event_filter.form.cleaned_data.get("periode")
            if event_filter.is_bound and event_filter.is_valid()
            else "",
            # The page is ordered upcoming first: each part keeps its order.
            "upcoming": [e for e in events if e.ends_at >= now],
            "past": [e for e in events if e.ends_at < now],
            "regions": selectors.region_event_counts(),
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
    """Upcoming events and those of the past year (selectors.calendar_events), not every event
    ever held. A long feed is streamed: its rows are read by batches and written one by one."""
    # Real str, not lazy: the name goes into the iCalendar data.
    name = gettext("Concertation e-santé — événements")
    region = None
    region_slug = request.GET.get("region")
    if region_slug:
        if not SLUG_RE.fullmatch(region_slug):
            raise Http404
        region = get_object_or_404(Region, slug=region_slug)
        name = gettext("Concertation e-santé — événements en %(region)s") % {"region": region.name}
    events = selectors.calendar_events(region=region)
    head = list(events[: FEED_IN_ONE_PIECE + 1])
    if len(head) <= FEED_IN_ONE_PIECE:
        return _ics_response(build_calendar(head, name=name), "evenements.ics")
    rest = selectors.following_events(events, after=head[-1])
    response = StreamingHttpResponse(
        calendar_chunks(itertools.chain(head, rest), name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="evenements.ics"'
    return response
