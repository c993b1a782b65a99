"""Countries typed by name, found as one types, saved as codes, read back as names."""

import pytest
from django.urls import reverse

from reintegra.cases.models import Case, Person
from reintegra.cases.tests.test_views import registration
from reintegra.core.forms import CountriesField, country_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Vietnam", "VN"),
        ("viet nam", "VN"),
        ("VN", "VN"),
        ("vnm", "VN"),
        ("  Laos ", "LA"),
        ("Burma", "MM"),
        ("Thailand", "TH"),
    ],
)
def test_a_country_is_found_by_name_alias_or_code(typed, code):
    assert country_code(typed) == code


@pytest.mark.parametrize("typed", ["Atlantis", "X", "ZZ", "Viet", "a" * 500, "VN\x00"])
def test_what_is_not_a_country_is_not_guessed(typed):
    assert country_code(typed) is None


def test_the_field_keeps_the_order_typed_and_drops_repeats():
    assert CountriesField(label="Countries").clean(["Thailand", "vn", "THA", ""]) == ["TH", "VN"]


def test_registration_saves_typed_countries_and_shows_them_back(as_worker):
    data = registration(nationalities=["Viet Nam", "Laos"])
    data["case-origin_countries"] = ["Vietnam"]
    data["case-exploitation_countries"] = ["thailand", "MY"]
    response = as_worker.post(reverse("cases:register"), data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert Person.objects.get().nationalities == ["VN", "LA"]
    assert (case.origin_countries, case.exploitation_countries) == (["VN"], ["TH", "MY"])
    page = as_worker.get(response.url).content.decode()
    assert "Vietnam, Laos" in page and "Thailand, Malaysia" in page
    edit = as_worker.get(reverse("cases:edit_case", args=[case.pk])).content.decode()
    assert 'value="Thailand"' in edit and 'value="Malaysia"' in edit


def test_an_unknown_country_is_refused_with_the_name_and_changes_nothing(as_worker):
    response = as_worker.post(reverse("cases:register"), registration(nationalities=["Vietnam", "Atlantis"]))
    page = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists()
    assert "Not a country we know: “Atlantis”" in page
    assert 'value="Atlantis"' in page and 'value="Vietnam"' in page  # the typing is kept


def test_the_boxes_are_named_and_share_one_list_per_field(as_worker):
    page = as_worker.get(reverse("cases:register")).content.decode()
    assert page.count("<datalist") == 3 and page.count('<option value="Vietnam">') == 3
    assert 'aria-label="Nationalities, country 2"' in page
    assert 'list="countries-id_person-nationalities"' in page
