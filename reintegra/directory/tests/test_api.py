"""The directory in the JSON API: the same readers as the pages, paged, filtered, and HSDS JSON
that imports back."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from reintegra.accounts.models import ApiToken
from reintegra.demo.management.commands.load_demo import create_directory
from reintegra.directory import hsds
from reintegra.directory.models import Service

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


def test_members_page_and_filter_services(client, coordinator, outsider):
    create_directory({}, coordinator)
    headers = bearer(outsider)
    first = client.get("/api/v1/directory/services", {"page_size": 5}, headers=headers).json()
    open_services = Service.objects.filter(status="active").count()
    assert first["count"] == open_services and len(first["items"]) == 5
    legal = client.get("/api/v1/directory/services", {"area": "LEG"}, headers=headers).json()
    assert legal["items"] and all("LEG" in item["areas"] for item in legal["items"])
    one = client.get(f"/api/v1/directory/services/{legal['items'][0]['id']}", headers=headers).json()
    assert one["name"] == legal["items"][0]["name"] and one["locations"]
    assert client.get("/api/v1/directory/services", {"area": "XX"}, headers=headers).status_code == 422


def test_confidential_places_give_no_street_in_the_api(client, coordinator, worker):
    create_directory({}, coordinator)
    items = client.get("/api/v1/directory/services", {"page_size": 200}, headers=bearer(worker)).json()["items"]
    places = [place for item in items for place in item["locations"]]
    assert any(place["confidential"] for place in places)
    assert all(place["address"] == "" for place in places if place["confidential"])


def test_hsds_json_from_the_api_imports_back(client, coordinator):
    create_directory({}, coordinator)
    document = client.get("/api/v1/directory/hsds", headers=bearer(coordinator)).json()
    assert document["total_items"] == Service.objects.count()
    result = hsds.import_upload(actor=coordinator, name="api.json", data=json.dumps(document).encode())
    assert result.services == Service.objects.count()


def test_a_user_without_an_organisation_gets_404(client, coordinator):
    create_directory({}, coordinator)
    stranger = get_user_model().objects.create_user(username="stranger", password="x" * 20)
    assert client.get("/api/v1/directory/services", headers=bearer(stranger)).status_code == 404
