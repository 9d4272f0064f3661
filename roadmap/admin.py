from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Action, Axis, Milestone, NewsItem, Programme, RegionalIndicator, Roadmap


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "start_year",
        "end_year",
        "status",
        "concertation_until",
        "is_published",
    ]
    list_filter = ["status", "is_published", "is_demo"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [AxisInline]


@admin.register(Axis)
class AxisAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "roadmap"]
    list_filter = ["roadmap"]
    search_fields = ["title"]
    list_select_related = ["roadmap"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "roadmap", "axis", "status", "progress", "lead", "is_demo"]
    list_display_links = ["number", "title"]
    list_filter = ["roadmap", "status", "is_demo", "axis"]
    list_editable = ["status", "progress"]
    search_fields = ["title", "summary", "body", "lead"]
    list_select_related = ["roadmap", "axis"]
    autocomplete_fields = ["axis"]
    inlines = [MilestoneInline]


class RegionalIndicatorInline(admin.TabularInline):
    model = RegionalIndicator
    extra = 0
    autocomplete_fields = ["region"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "roadmap", "is_published"]
    list_filter = ["is_published", "roadmap"]
    search_fields = ["name", "acronym", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RegionalIndicatorInline]


@admin.register(RegionalIndicator)
class RegionalIndicatorAdmin(admin.ModelAdmin):
    list_display = ["label", "region", "programme", "display_value", "date", "source"]
    list_filter = ["programme", "region", "date"]
    search_fields = ["label", "source", "region__name", "programme__name"]
    list_select_related = ["region", "programme"]
    autocomplete_fields = ["region"]
    date_hierarchy = "date"

    @admin.display(description=_("valeur"))
    def display_value(self, obj):
        return obj.display_value


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "published_on", "place", "region", "is_published"]
    list_filter = ["kind", "is_published", "region"]
    search_fields = ["title", "summary", "body", "place"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["region"]
    date_hierarchy = "published_on"
