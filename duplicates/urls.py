"""The public addresses of the duplicates app (issue 18), inside the language prefix."""

app_name = "duplicates"

urlpatterns: list = []
