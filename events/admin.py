"""Events in the admin, behind the regional wall: an "Équipe ARS" member sees, edits, exports
and publishes only the events of their own regions. Enforced in the queryset, the region
choices, on save, in bulk actions and in exports, not only hidden in the interface."""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from esante.exports import paris_stamp, spreadsheet_safe
from esante.models import Region
from esante.rules import is_dns_team

from . import rules as event_rules
from . import services
from .models import AgendaItem, Event, EventDocument, Persona, Registration, Speaker


def editable_regions(user):
    return Region.objects.all() if is_dns_team(user) else user.editor_regions.all()


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


class DocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 0


class PersonaInline(admin.StackedInline):
    model = Persona
    extra = 0


class RegistrationInline(admin.TabularInline):
    model = Registration
    fields = ["name", "email", "status", "created_at", "confirmed_at", "cancelled_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind", "title", "slug", "region", "status", "city", "venue", "address",
            "online_url", "starts_at", "ends_at", "summary", "body", "capacity",
            "registration_opens_at", "registration_closes_at", "attendance", "report",
            "results", "programmes", "is_demo",
        ]  # fmt: skip

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and "region" in self.fields:
            self.fields["region"].queryset = editable_regions(user)

    def clean_region(self):
        region = self.cleaned_data["region"]
        if not editable_regions(self.user).filter(pk=region.pk).exists():
            raise forms.ValidationError(gettext("Vous ne pouvez publier que pour votre région."))
        return region


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "region", "starts_at", "status", "seats", "export_link"]
    list_filter = ["status", "kind", "region", "is_demo"]
    search_fields = ["title", "city", "summary"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["region"]
    filter_horizontal = ["programmes"]
    actions = ["publish", "cancel", "export_registrants"]
    inlines = [AgendaInline, SpeakerInline, PersonaInline, DocumentInline, RegistrationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).for_editor(request.user).with_seats()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)

        class Form(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return Form

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("events.change_event", obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("events.delete_event", obj)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_event", obj)

    def save_model(self, request, obj, form, change):
        # The wall again, on the saved object itself: neither a forged region nor an event
        # moved out of one's regions gets through.
        if not event_rules.can_manage_event(request.user, obj):
            raise PermissionDenied
        if change:
            stored = Event.objects.select_related("region").get(pk=obj.pk)
            if not event_rules.can_manage_event(request.user, stored):
                raise PermissionDenied
        super().save_model(request, obj, form, change)

    @admin.display(description=_("inscrits / places"))
    def seats(self, obj):
        capacity = obj.capacity if obj.capacity is not None else "∞"
        return gettext("%(confirmed)s / %(capacity)s (+%(waiting)s en attente)") % {
            "confirmed": obj.confirmed_count,
            "capacity": capacity,
            "waiting": obj.waitlist_count,
        }

    @admin.display(description=_("export"))
    def export_link(self, obj):
        url = reverse("admin:events_event_registrants", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Inscrits (CSV)"))

    def _set_status(self, request, queryset, status) -> int:
        done = 0
        for event in queryset:
            services.event_set_status(user=request.user, event=event, status=status)
            done += 1
        return done

    @admin.action(description=_("Publier"), permissions=["change"])
    def publish(self, request, queryset):
        done = self._set_status(request, queryset, Event.Status.PUBLISHED)
        message = ngettext("%(count)d événement publié.", "%(count)d événements publiés.", done)
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Annuler (les inscrits sont prévenus)"), permissions=["change"])
    def cancel(self, request, queryset):
        done = self._set_status(request, queryset, Event.Status.CANCELLED)
        message = ngettext("%(count)d événement annulé.", "%(count)d événements annulés.", done)
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Exporter les inscrits (CSV)"), permissions=["view"])
    def export_registrants(self, request, queryset):
        return registrants_csv(request.user, queryset)

    def get_urls(self):
        return [
            path(
                "<int:pk>/inscrits.csv",
                self.admin_site.admin_view(self.registrants_view),
                name="events_event_registrants",
            ),
            *super().get_urls(),
        ]

    def registrants_view(self, request, pk):
        event = get_object_or_404(Event.objects.for_editor(request.user), pk=pk)
        return registrants_csv(request.user, [event])


def registrants_csv(user, events) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="inscrits.csv"'
    response.write("\ufeff")  # So that spreadsheet software reads the accents right.
    writer = csv.writer(response, delimiter=";")
    # Headers for people reading the spreadsheet; no code reads them back.
    writer.writerow(
        [
            gettext("Événement"),
            gettext("Date"),
            gettext("Nom"),
            gettext("Adresse électronique"),
            gettext("Statut"),
            gettext("Inscrit le"),
        ]
    )
    for event in events:
        if not event_rules.can_manage_event(user, event):
            raise PermissionDenied
        for registration in event.registrations.exclude(status="cancelled").order_by("created_at"):
            writer.writerow(
                [
                    event.title,
                    paris_stamp(event.starts_at, with_time=False),
                    spreadsheet_safe(registration.name),
                    spreadsheet_safe(registration.email),
                    registration.get_status_display(),
                    paris_stamp(registration.created_at),
                ]
            )
    return response


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status", "event__region"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event", "event__region"]
    readonly_fields = [
        "event",
        "user",
        "name",
        "email",
        "status",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "promoted_at",
        "cancelled_at",
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_dns_team(request.user):
            return queryset
        return queryset.filter(event__region__in=request.user.editor_regions.all())

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("events.view_registration", obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
