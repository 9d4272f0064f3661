"""The duplicates staff marked, for the team that answers: each with its original, who marked it
and when. Marked from the list of contributions to answer (duplicates.admin_actions) or here;
removing a mark goes through the service too."""

from django import forms
from django.contrib import admin

from . import services
from .models import DuplicateMark


class DuplicateMarkForm(forms.ModelForm):
    class Meta:
        model = DuplicateMark
        fields = ["contribution", "original"]

    def clean(self):
        cleaned = super().clean()
        contribution, original = cleaned.get("contribution"), cleaned.get("original")
        error = (
            contribution
            and original
            and services.mark_error(contribution=contribution, original=original)
        )
        if error:
            raise forms.ValidationError(error)
        return cleaned


@admin.register(DuplicateMark)
class DuplicateMarkAdmin(admin.ModelAdmin):
    form = DuplicateMarkForm
    list_display = ["contribution", "original", "marked_by", "marked_at"]
    list_select_related = ["marked_by"]
    raw_id_fields = ["contribution", "original"]
    readonly_fields = ["marked_by", "marked_at"]
    fields = ["contribution", "original", "marked_by", "marked_at"]
    date_hierarchy = "marked_at"

    def _answers(self, request):
        return request.user.has_perm("concertation.answer")

    def has_view_permission(self, request, obj=None):
        return self._answers(request)

    def has_add_permission(self, request):
        return self._answers(request)

    def has_change_permission(self, request, obj=None):
        return self._answers(request)

    def has_delete_permission(self, request, obj=None):
        return self._answers(request)

    def has_module_permission(self, request):
        return self._answers(request)

    def save_model(self, request, obj, form, change):
        mark = services.duplicate_mark(
            actor=request.user, contribution=obj.contribution, original=obj.original
        )
        obj.pk, obj.marked_by, obj.marked_at = mark.pk, mark.marked_by, mark.marked_at

    def delete_model(self, request, obj):
        services.duplicate_unmark(actor=request.user, contribution=obj.contribution)

    def delete_queryset(self, request, queryset):
        for mark in queryset.select_related("contribution"):
            services.duplicate_unmark(actor=request.user, contribution=mark.contribution)
