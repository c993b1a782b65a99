"""The service directory through its pages: who reads it, who changes it, what bad input does,
and that a confidential place's street address never leaves the database."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import signed_in
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.directory import actions
from reintegra.directory.models import Location, Provider, Service

pytestmark = pytest.mark.django_db

SECRET_STREET = "44 Hiddenvale Alley"


def provider_with_service(coordinator, *, name="Hanoi Women's Clinic", services=1) -> Provider:
    provider = actions.save_provider(actor=coordinator, provider=None, values={"name": name, "country": "VN"})
    place = actions.save_location(
        actor=coordinator,
        provider=provider,
        location=None,
        values={"name": "Main clinic", "district": "Ba Đình", "province": "Hà Nội", "country": "VN"},
    )
    for number in range(services):
        actions.save_service(
            actor=coordinator,
            provider=provider,
            service=None,
            values={"name": f"Health check {number}", "languages": ["vi", "th"], "waiting_days": 3},
            areas=["MED"],
            locations=[place],
        )
    return provider


SERVICE_POST = {
    "name": "ကျန်းမာရေး စစ်ဆေးခြင်း clinic for returnees",
    "description": "Checks and tests",
    "areas": ["MED", "PSY"],
    "status": "active",
    "serves_children": "on",
    "serves_adults": "on",
    "minimum_age": "12",
    "maximum_age": "70",
    "genders": ["Feminine"],
    "nationalities": ["Myanmar", "Viet Nam"],
    "legal_status": "none",
    "exploitation_types": ["ForcedLabour"],
    "eligibility_notes": "Bring any paper you have; none is required.",
    "languages": ["my", "vi"],
    "free_of_charge": "on",
    "fees": "",
    "capacity": "40",
    "waiting_days": "5",
    "hours": "Mon-Sat 07:30-16:30",
    "contact_name": "Daw Khin",
    "phone": "+95 1 234 567",
    "email": "clinic@example.org",
}


@pytest.mark.parametrize("persona", ["worker", "supervisor", "admin", "analyst", "outsider"])
def test_members_read_the_directory_and_only_coordinators_change_it(request, coordinator, persona):
    provider = provider_with_service(coordinator)
    service = provider.services.get()
    place = provider.locations.get()
    client = signed_in(request.getfixturevalue(persona))
    page = client.get(reverse("directory:services")).content.decode()
    assert "Health check 0" in page and "Ba Đình" in page
    assert client.get(reverse("directory:service", args=[service.pk])).status_code == 200
    assert client.get(reverse("directory:provider", args=[provider.pk])).status_code == 200
    for url in (
        reverse("directory:add_provider"),
        reverse("directory:edit_provider", args=[provider.pk]),
        reverse("directory:add_location", args=[provider.pk]),
        reverse("directory:edit_location", args=[provider.pk, place.pk]),
        reverse("directory:add_service", args=[provider.pk]),
        reverse("directory:edit_service", args=[provider.pk, service.pk]),
        reverse("directory:import"),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {**SERVICE_POST, "country": "VN", "areas": ["LEG"]}).status_code == 404
    assert list(Provider.objects.values_list("name", flat=True)) == ["Hanoi Women's Clinic"]
    assert list(Service.objects.values_list("name", flat=True)) == ["Health check 0"]
    assert list(Location.objects.values_list("name", flat=True)) == ["Main clinic"]


def test_a_user_without_an_organisation_or_role_sees_no_directory(coordinator, django_user_model):
    provider_with_service(coordinator)
    stranger = django_user_model.objects.create_user(username="stranger", password="x" * 20)
    client = signed_in(stranger)
    assert client.get(reverse("directory:services")).status_code == 404
    assert client.get(reverse("directory:export_json")).status_code == 404


def test_a_coordinator_enters_a_service_and_reads_back_everything_typed(as_coordinator, coordinator):
    provider = provider_with_service(coordinator, services=0)
    place = provider.locations.get()
    response = as_coordinator.post(
        reverse("directory:add_service", args=[provider.pk]), {**SERVICE_POST, "locations": [place.pk]}
    )
    assert response.status_code == 302, response.content.decode()
    service = Service.objects.get()
    assert service.area_codes == ["MED", "PSY"] and service.nationalities == ["MM", "VN"]
    page = as_coordinator.get(response["Location"]).content.decode()
    for typed in (
        "ကျန်းမာရေး စစ်ဆေးခြင်း clinic for returnees",
        "Checks and tests",
        "Bring any paper you have; none is required.",
        "Mon-Sat 07:30-16:30",
        "Daw Khin",
        "+95 1 234 567",
        "clinic@example.org",
        "Myanmar",
        "Forced labour",
        "Female",
        "aged 12 to 70",
        "5 days",
        "40",
        "Ba Đình",
    ):
        assert typed in page, typed
    assert AuditRecord.objects.filter(action=AuditAction.SAVE_SERVICE).count() == 1
    # The form opens again with what was saved.
    form = as_coordinator.get(reverse("directory:edit_service", args=[provider.pk, service.pk])).content.decode()
    assert 'value="Daw Khin"' in form
    assert re.search(r'<input type="checkbox" name="areas" value="MED"[^>]* checked>', form)
    assert not re.search(r'<input type="checkbox" name="areas" value="HOU"[^>]* checked>', form)


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"areas": []}, "This field is required."),
        ({"minimum_age": "30", "maximum_age": "20"}, "The oldest age served is below the youngest."),
        ({"minimum_age": "500"}, "less than or equal to 120"),
        ({"serves_children": "", "serves_adults": ""}, "tick one"),
        ({"nationalities": ["Atlantis"]}, "Not a country we know"),
        ({"name": "bad\x00name"}, "control characters"),
        ({"email": "not-an-address"}, "valid email"),
    ],
)
def test_bad_service_input_is_explained_and_changes_nothing(as_coordinator, coordinator, change, field_message):
    provider = provider_with_service(coordinator, services=0)
    post = {**SERVICE_POST, **change}
    post = {key: value for key, value in post.items() if value != ""}
    response = as_coordinator.post(reverse("directory:add_service", args=[provider.pk]), post)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not Service.objects.exists()


def test_a_confidential_place_keeps_no_street_address(as_coordinator, coordinator):
    provider = provider_with_service(coordinator, services=0)
    url = reverse("directory:add_location", args=[provider.pk])
    post = {"name": "Safe house", "confidential": "on", "address": SECRET_STREET, "district": "Tây Hồ", "country": "VN"}
    response = as_coordinator.post(url, post)
    assert "keeps no street address" in response.content.decode()
    assert not Location.objects.filter(name="Safe house").exists()
    assert as_coordinator.post(url, {**post, "address": ""}).status_code == 302
    safe_house = Location.objects.get(name="Safe house")
    assert safe_house.address == "" and safe_house.district == "Tây Hồ"


def test_the_directory_page_costs_the_same_queries_for_many_services(as_coordinator, coordinator):
    provider_with_service(coordinator, name="Few", services=2)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert as_coordinator.get(reverse("directory:services")).status_code == 200
        return len(captured)

    queries()  # the first request of a session reads what later ones find in it
    few = queries()
    provider_with_service(coordinator, name="Many", services=20)
    assert queries() == few


def test_filters_narrow_by_area_place_and_words(as_coordinator, coordinator):
    provider_with_service(coordinator)
    other = actions.save_provider(actor=coordinator, provider=None, values={"name": "Law Centre", "country": "TH"})
    actions.save_service(
        actor=coordinator,
        provider=other,
        service=None,
        values={"name": "Legal advice", "status": "temporarily closed"},
        areas=["LEG"],
        locations=[],
    )
    url = reverse("directory:services")
    assert "Legal advice" not in as_coordinator.get(url).content.decode()  # closed
    page = as_coordinator.get(url, {"area": "LEG", "include_closed": "on"}).content.decode()
    assert "Legal advice" in page and "Health check 0" not in page
    page = as_coordinator.get(url, {"place": "hà nội"}).content.decode()
    assert "Health check 0" in page
    page = as_coordinator.get(url, {"text": "women"}).content.decode()
    assert "Health check 0" in page
    # A bad filter value is ignored rather than an error.
    assert as_coordinator.get(url, {"area": "XXX", "page": "nine"}).status_code == 200
