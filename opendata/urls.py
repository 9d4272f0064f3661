"""/donnees/: the open data (issue 17)."""

app_name = "opendata"

urlpatterns: list = []
