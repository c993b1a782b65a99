"""Open Referral HSDS 3.0 out and in: the demo directory survives a round trip through both
forms into an empty database, a file with mistakes is refused whole with each mistake named,
and a confidential place's street address never leaves."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra.demo.management.commands.load_demo import create_directory
from reintegra.directory import hsds
from reintegra.directory.models import Location, Provider, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, list[dict[str, str]]]:
    """Every table as exported, sorted, so two directories compare as data."""
    return {
        name: sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
        for name, rows in hsds.export_tables().items()
    }


def wipe() -> None:
    ServiceAtLocation.objects.all().delete()
    Service.objects.all().delete()
    Location.objects.all().delete()
    Provider.objects.all().delete()


def package_with(changes: dict[str, list[dict[str, str]]]) -> bytes:
    """The exported package with some tables' rows replaced."""
    source = zipfile.ZipFile(io.BytesIO(hsds.export_package()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        tables = {file: table for table, file in hsds.FILES.items()}
        for name in source.namelist():
            table = tables.get(name, "")
            if table in changes:
                text = io.StringIO()
                writer = csv.DictWriter(text, fieldnames=hsds.COLUMNS[table])
                writer.writeheader()
                writer.writerows(changes[table])
                archive.writestr(name, text.getvalue())
            else:
                archive.writestr(name, source.read(name))
    return buffer.getvalue()


@pytest.mark.parametrize("form", ["package", "json"])
def test_the_demo_directory_round_trips_into_an_empty_database(coordinator, form):
    assert create_directory({}, coordinator) >= 35
    before = snapshot()
    data = hsds.export_package() if form == "package" else hsds.export_json()
    wipe()
    result = hsds.import_upload(
        actor=coordinator, name=f"directory.{'zip' if form == 'package' else 'json'}", data=data
    )
    assert result.services == len(before["service"]) and not result.notices
    assert snapshot() == before


def test_a_second_import_updates_rather_than_duplicates(coordinator):
    create_directory({}, coordinator)
    count = Service.objects.count()
    data = hsds.export_package()
    hsds.import_upload(actor=coordinator, name="d.zip", data=data)
    assert Service.objects.count() == count


def test_confidential_addresses_never_leave(coordinator, as_coordinator):
    create_directory({}, coordinator)
    confidential = Location.objects.filter(confidential=True)
    assert confidential.exists() and all(place.address == "" for place in confidential)
    # The database itself refuses a street for a confidential place, whatever the road.
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.filter(pk=confidential[0].pk).update(address="9 Secret Street", postal_code="70000")
    public = Location.objects.filter(confidential=False, address__gt="").first()
    assert public is not None
    exported = [
        as_coordinator.get(reverse("directory:export_json")).content.decode(),
        zipfile.ZipFile(io.BytesIO(as_coordinator.get(reverse("directory:export_package")).content))
        .read("addresses.csv")
        .decode(),
    ]
    for text in exported:
        assert "Thủ Đức" in text  # the confidential shelter's district is given
        assert public.address in text


def test_a_file_with_mistakes_is_refused_whole_with_each_mistake_named(coordinator, as_coordinator):
    create_directory({}, coordinator)
    tables = hsds.export_tables()
    services = tables["service"]
    services[0] = {**services[0], "status": "open all hours"}
    services[1] = {**services[1], "minimum_age": "40", "maximum_age": "12"}
    services[2] = {**services[2], "id": "not-a-uuid"}
    services[3] = {**services[3], "name": ""}
    services[4] = {**services[4], "minimum_age": "twelve"}
    attributes = tables["attribute"]
    area_row = next(index for index, row in enumerate(attributes) if row["link_type"] == "service_area")
    attributes[area_row] = {**attributes[area_row], "value": "XYZ"}
    before = snapshot()
    upload = io.BytesIO(package_with({"service": services, "attribute": attributes}))
    upload.name = "broken.zip"
    response = as_coordinator.post(reverse("directory:import"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "Nothing was imported" in page
    for expected in (
        ("services.csv", "2", "status", "not an HSDS status"),
        ("services.csv", "3", "maximum_age", "oldest age served is below the youngest"),
        ("services.csv", "4", "id", "not an identifier in the UUID form"),
        ("services.csv", "5", "name", "Every service needs a name"),
        ("services.csv", "6", "minimum_age", "not a whole number"),
        ("attributes.csv", str(area_row + 2), "value", "not one of the ten service areas"),
    ):
        cells = "".join(f"<td>{cell}" for cell in expected[:3])
        assert cells in page.replace("</td>", ""), expected
        assert expected[3] in page
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("d.zip", b"PK\x03\x04 broken", "damaged"),
        ("d.zip", b"plain text", "not a zip file"),
        ("d.json", b"{not json", "neither a zip data package nor valid JSON"),
        ("d.json", b'"a string"', "Expected a list of services"),
        ("d.json", b"[" * 100_000, "neither a zip data package nor valid JSON"),
    ],
)
def test_unreadable_files_are_refused_with_a_message(coordinator, name, data, message):
    with pytest.raises(hsds.ImportRefused) as refused:
        hsds.import_upload(actor=coordinator, name=name, data=data)
    assert message in refused.value.problems[0].message


def test_a_zip_bomb_is_refused_before_it_is_unpacked(coordinator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", "{}")
        archive.writestr("service.csv", "id\n" + "0" * (hsds.MAX_UNPACKED_BYTES + 1))
    with pytest.raises(hsds.ImportRefused) as refused:
        hsds.import_upload(actor=coordinator, name="bomb.zip", data=buffer.getvalue())
    assert "too much" in refused.value.problems[0].message


EXAMPLE = Path(__file__).resolve().parent / "hsds_example"


def test_the_specifications_example_package_imports(coordinator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in EXAMPLE.glob("*.*"):
            if path.suffix in (".csv",) or path.name == "datapackage.json":
                archive.write(path, f"hsds-example/{path.name}")
    result = hsds.import_upload(actor=coordinator, name="example.zip", data=buffer.getvalue())
    assert (result.providers, result.services, result.locations) == (1, 1, 1)
    service = Service.objects.get()
    assert service.name == "Community Counselling" and service.minimum_age == 12 and service.maximum_age == 100
    assert service.languages == ["ur"] and service.provider.name
    place = service.locations.get()
    assert place.country == "US" and place.city == "MyCity" and place.address == "1-30 Main Street, MyVillage"
    # Its wait, "wait_time", is not a length of time: left out, and said so.
    assert any("wait_time" in notice for notice in result.notices)


@pytest.mark.parametrize("name", ["service_full.json", "service_list.json"])
def test_the_specifications_example_json_imports(coordinator, name):
    result = hsds.import_upload(actor=coordinator, name=name, data=(EXAMPLE / name).read_bytes())
    assert result.services >= 1
    assert Service.objects.filter(name="Community Counselling").exists()
