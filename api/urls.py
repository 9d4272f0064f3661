"""/api/v1/: the read-only public API (issue 17)."""

app_name = "api"

urlpatterns: list = []
