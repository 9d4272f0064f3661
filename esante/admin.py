from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import notifications
from .models import Notification, OutboxMessage, Region, Unsubscription, User


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "ars_name", "is_overseas"]
    list_filter = ["is_overseas"]
    search_fields = ["name", "ars_name", "code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "stakeholder_type",
        "region",
        "is_staff",
        "is_active",
        "date_joined",
    ]
    list_filter = ["stakeholder_type", "region", "is_staff", "is_active", "groups"]
    search_fields = ["email", "display_name", "organisation"]
    list_select_related = ["region"]
    filter_horizontal = ["groups", "user_permissions", "editor_regions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profil public"),
            {
                "fields": [
                    "display_name",
                    "stakeholder_type",
                    "organisation",
                    "region",
                    "declaration_of_interests",
                ]
            },
        ),
        (
            _("Rôles"),
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "editor_regions"],
                "description": _(
                    "« Équipe DNS » édite les contenus nationaux et modère ; « Équipe ARS » publie "
                    "pour les régions cochées ci-dessous. Les deux doivent avoir le statut équipe."
                ),
            },
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Notifications waiting for the broker, or already handed to it."""

    list_display = ["created_at", "task", "kwargs", "published_at", "attempts", "last_error"]
    list_filter = [("published_at", admin.EmptyFieldListFilter), "task"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Sent, pending and failed notifications; a failed one can be sent again."""

    list_display = ["created_at", "kind", "key", "email", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "key"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "kind", "key", "email", "user", "payload", "status", "attempts", "last_error",
        "created_at", "enqueued_at", "sent_at",
    ]  # fmt: skip
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Renvoyer les notifications en échec"), permissions=["change"])
    def retry(self, request, queryset):
        count = queryset.filter(status=Notification.Status.FAILED).update(
            status=Notification.Status.PENDING, enqueued_at=None, attempts=0
        )
        notifications.enqueue_pending()
        self.message_user(
            request,
            ngettext(
                "%(count)d notification remise en file d'envoi.",
                "%(count)d notifications remises en file d'envoi.",
                count,
            )
            % {"count": count},
        )


@admin.register(Unsubscription)
class UnsubscriptionAdmin(admin.ModelAdmin):
    list_display = ["email", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["email"]
