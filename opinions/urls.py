"""The public addresses of the opinions app (issue 18), inside the language prefix."""

app_name = "opinions"

urlpatterns: list = []
