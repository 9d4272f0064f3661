from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import OutboxMessage, Region, User


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
            "Profil public",
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
            "Rôles",
            {
                "fields": ["is_active", "is_staff", "is_superuser", "groups", "editor_regions"],
                "description": (
                    "« Équipe DNS » édite les contenus nationaux et modère ; « Équipe ARS » publie "
                    "pour les régions cochées ci-dessous. Les deux doivent avoir le statut équipe."
                ),
            },
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
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
