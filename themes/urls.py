"""The public addresses of the themes app (issue 18), inside the language prefix."""

app_name = "themes"

urlpatterns: list = []
