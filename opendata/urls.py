"""/donnees/: the open data (issue 17). Every page and file here is public.

The HTML pages, the schemas and the catalogue go through the anonymous page cache; the
downloads carry their own ETag and Last-Modified (opendata.views)."""

from django.urls import path

from esante.pagecache import cache_public_page

from . import views

app_name = "opendata"

urlpatterns = [
    path("", cache_public_page(views.index), name="index"),
    path("catalogue.jsonld", cache_public_page(views.catalogue), name="catalogue"),
    path("archive.zip", views.archive_download, name="archive"),
    path("<slug:slug>/", cache_public_page(views.dataset_page), name="dataset"),
    path("<slug:slug>/schema.json", cache_public_page(views.dataset_schema), name="dataset_schema"),
    path("<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    path("<slug:slug>.json", views.dataset_json, name="dataset_json"),
]
