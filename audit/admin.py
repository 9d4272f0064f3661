from django.contrib import admin
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from esante.rules import is_dns_team

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The « Journal d'audit »: read only, for the DNS team. Nobody adds, changes or deletes a
    line, superusers included; a POST to any of its pages is refused."""

    list_display = ["date", "author", "action", "object_type", "object_repr", "changed_fields"]
    list_filter = ["action", "content_type", "created_at"]
    search_fields = ["object_repr", "actor_label"]
    list_select_related = ["content_type"]
    date_hierarchy = "created_at"
    actions = None
    list_per_page = 50
    fields = [
        "date",
        "author",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changed_fields",
        "history_id",
    ]
    readonly_fields = fields

    @admin.display(description=_("date (heure de Paris)"), ordering="created_at")
    def date(self, entry):
        return date_format(timezone.localtime(entry.created_at), "d/m/Y H:i:s")

    @admin.display(description=_("auteur"), ordering="actor_label")
    def author(self, entry):
        return entry.actor_label or _("tâche automatique ou commande")

    @admin.display(description=_("type d'objet"), ordering="content_type")
    def object_type(self, entry):
        return entry.content_type.model_class()._meta.verbose_name

    @admin.display(description=_("changements"))
    def changed_fields(self, entry):
        if not entry.changes:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong> : {} → {}</li>",
                (
                    (change["field"], change["old"] or "∅", change["new"] or "∅")
                    for change in entry.changes
                ),
            ),
        )

    def has_module_permission(self, request):
        return is_dns_team(request.user) and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().changeform_view(request, object_id, form_url, extra_context)
