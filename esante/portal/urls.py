"""The pages composing the apps, included at the root of the public site by esante/urls.py
(no namespace: `home`, `region_list`, `region_detail`, `account`)."""

from django.urls import path

from esante.pagecache import cache_public_page

from . import views

urlpatterns = [
    path("", cache_public_page(views.home), name="home"),
    path("regions/", cache_public_page(views.region_list), name="region_list"),
    path("regions/<slug:slug>/", cache_public_page(views.region_detail), name="region_detail"),
    path("mon-compte/", views.account, name="account"),
    path("mon-compte/mes-donnees/", views.personal_data_download, name="personal_data_download"),
    path("mon-compte/supprimer/", views.account_delete, name="account_delete"),
]
