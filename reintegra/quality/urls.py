from django.urls import path, register_converter

from reintegra.quality import views

app_name = "quality"


class StandardCodeConverter:
    """A catalogue code such as HOU-P-04. Codes that are not in the catalogue answer 404 in the view."""

    regex = "[A-Z]{3}-[PCA]-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StandardCodeConverter, "standard")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<standard:code>/", views.standard, name="standard"),
]
