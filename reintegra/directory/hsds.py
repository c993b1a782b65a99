"""The directory in Open Referral HSDS 3.0, out and in.

Two forms of the same tables: the tabular data package (one CSV file a table, described by
datapackage.json, zipped) and JSON (services with their organisation, places, phones, languages
and attributes nested, as the HSDS API's paged `/services` answer gives them).

What HSDS has no field for (the ten service areas, who is eligible by gender, nationality, status
or form of exploitation, places, whether a service is for trafficked persons, confidential
addresses) travels as HSDS attributes: terms of Reintegra's own taxonomy, linked to the service or
location, with the value in `value`. Another HSDS directory imports without them: its services
then come in with no area, open to everyone, until a coordinator completes them.

An import is checked whole before anything is written; any problem refuses it all, and each
problem names its file (table), row and field in plain words."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.directory.models import (
    AREA_CODES,
    LegalStatusRequired,
    Location,
    Provider,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
)

HSDS_VERSION = "3.0"
PROFILE = "https://openreferral.org/specification/3.0/"
# Fixed, so that every installation's exports name the same taxonomy and terms.
TAXONOMY_ID = uuid.uuid5(uuid.NAMESPACE_URL, "https://reintegra.example/hsds/taxonomy")

# Reintegra's attribute terms: code -> (name, whether one service may carry several values).
TERMS: dict[str, tuple[str, bool]] = {
    "service_area": ("Service area (one of the ten reintegration areas)", True),
    "trafficking_specific": ("Specific to trafficked persons", False),
    "serves_children": ("Serves children", False),
    "serves_adults": ("Serves adults", False),
    "gender": ("Gender served", True),
    "nationality": ("Nationality served (ISO 3166 code)", True),
    "legal_status": ("Status asked of the person", False),
    "exploitation_type": ("Form of exploitation served (HTCDS value)", True),
    "free_of_charge": ("Free of charge", False),
    "capacity": ("Places", False),
    "waiting_days": ("Usual wait in days", False),
    "confidential_address": ("Confidential address: only district and province are given", False),
}


def term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(TAXONOMY_ID, code)


TERM_BY_ID = {str(term_id(code)): code for code in TERMS}

# The data package's file of each table, as HSDS 3.0 names them.
FILES: dict[str, str] = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "address": "addresses.csv",
    "service_at_location": "service_at_location.csv",
    "phone": "phones.csv",
    "contact": "contacts.csv",
    "language": "languages.csv",
    "schedule": "schedules.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "attribute": "attributes.csv",
}
# Columns written for each table, in order. Every name is an HSDS 3.0 field of that table.
COLUMNS: dict[str, tuple[str, ...]] = {
    "organization": ("id", "name", "description", "email", "website"),
    "service": (
        "id",
        "organization_id",
        "name",
        "description",
        "email",
        "status",
        "fees_description",
        "wait_time",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
    ),
    "location": ("id", "location_type", "organization_id", "name"),
    "address": (
        "id",
        "location_id",
        "address_1",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "service_at_location": ("id", "service_id", "location_id"),
    "phone": ("id", "organization_id", "service_id", "number"),
    "contact": ("id", "service_id", "name", "email"),
    "language": ("id", "service_id", "name", "code"),
    "schedule": ("id", "service_id", "description"),
    "taxonomy": ("id", "name", "description", "uri", "version"),
    "taxonomy_term": ("id", "code", "name", "description", "taxonomy", "taxonomy_id"),
    "attribute": ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
}
# What a data package may hold at most: far above a national directory, far below a zip bomb.
MAX_FILES = 60
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str
    message: str


class ImportRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


@dataclass
class ImportResult:
    providers: int = 0
    services: int = 0
    locations: int = 0
    notices: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {"providers": self.providers, "services": self.services, "locations": self.locations}


# ---------------------------------------------------------------------------------------------
# Export


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _wait_time(days: int | None) -> str:
    return "" if days is None else f"{days} days"


def export_tables() -> dict[str, list[dict[str, str]]]:
    """Every table of the directory as rows of strings, in the columns of COLUMNS."""
    tables: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    providers = list(Provider.objects.order_by("name", "pk"))
    locations = list(Location.objects.select_related("provider").order_by("provider__name", "name", "pk"))
    services = list(
        Service.objects.select_related("provider").prefetch_related("areas").order_by("provider__name", "name", "pk")
    )
    links = ServiceAtLocation.objects.select_related("service", "location").order_by("pk")

    def attribute(link_id: uuid.UUID, link_type: str, code: str, value: str) -> None:
        tables["attribute"].append(
            {
                "id": str(uuid.uuid5(link_id, f"{code}={value}")),
                "link_id": str(link_id),
                "taxonomy_term_id": str(term_id(code)),
                "link_type": code,
                "link_entity": link_type,
                "value": value,
            }
        )

    for provider in providers:
        tables["organization"].append(
            {
                "id": str(provider.hsds_id),
                "name": provider.name,
                "description": provider.description,
                "email": provider.email,
                "website": provider.website,
            }
        )
        if provider.phone:
            tables["phone"].append(
                {
                    "id": str(uuid.uuid5(provider.hsds_id, "phone")),
                    "organization_id": str(provider.hsds_id),
                    "service_id": "",
                    "number": provider.phone,
                }
            )
    for location in locations:
        tables["location"].append(
            {
                "id": str(location.hsds_id),
                "location_type": "physical",
                "organization_id": str(location.provider.hsds_id),
                "name": location.name,
            }
        )
        tables["address"].append(
            {
                "id": str(uuid.uuid5(location.hsds_id, "address")),
                "location_id": str(location.hsds_id),
                "address_1": "" if location.confidential else location.address,
                "city": location.city,
                "region": location.district,
                "state_province": location.province,
                "postal_code": "" if location.confidential else location.postal_code,
                "country": str(location.country),
                "address_type": "physical",
            }
        )
        if location.confidential:
            attribute(location.hsds_id, "location", "confidential_address", "true")
    for service in services:
        sid = service.hsds_id
        tables["service"].append(
            {
                "id": str(sid),
                "organization_id": str(service.provider.hsds_id),
                "name": service.name,
                "description": service.description,
                "email": service.email,
                "status": service.status,
                "fees_description": service.fees,
                "wait_time": _wait_time(service.waiting_days),
                "eligibility_description": service.eligibility_notes,
                "minimum_age": "" if service.minimum_age is None else str(service.minimum_age),
                "maximum_age": "" if service.maximum_age is None else str(service.maximum_age),
            }
        )
        if service.phone:
            tables["phone"].append(
                {
                    "id": str(uuid.uuid5(sid, "phone")),
                    "organization_id": "",
                    "service_id": str(sid),
                    "number": service.phone,
                }
            )
        if service.contact_name:
            tables["contact"].append(
                {
                    "id": str(uuid.uuid5(sid, "contact")),
                    "service_id": str(sid),
                    "name": service.contact_name,
                    "email": "",
                }
            )
        for code in service.languages:
            tables["language"].append(
                {"id": str(uuid.uuid5(sid, f"language={code}")), "service_id": str(sid), "name": "", "code": code}
            )
        if service.hours:
            tables["schedule"].append(
                {"id": str(uuid.uuid5(sid, "schedule")), "service_id": str(sid), "description": service.hours}
            )
        for area in service.area_codes:
            attribute(sid, "service", "service_area", area)
        for code, value in (
            ("trafficking_specific", _bool(service.trafficking_specific)),
            ("serves_children", _bool(service.serves_children)),
            ("serves_adults", _bool(service.serves_adults)),
            ("legal_status", service.legal_status),
            ("free_of_charge", _bool(service.free_of_charge)),
        ):
            attribute(sid, "service", code, value)
        if service.capacity is not None:
            attribute(sid, "service", "capacity", str(service.capacity))
        if service.waiting_days is not None:
            attribute(sid, "service", "waiting_days", str(service.waiting_days))
        for code, values in (
            ("gender", service.genders),
            ("nationality", service.nationalities),
            ("exploitation_type", service.exploitation_types),
        ):
            for value in values:
                attribute(sid, "service", code, value)
    for link in links:
        tables["service_at_location"].append(
            {
                "id": str(link.hsds_id),
                "service_id": str(link.service.hsds_id),
                "location_id": str(link.location.hsds_id),
            }
        )
    tables["taxonomy"].append(
        {
            "id": str(TAXONOMY_ID),
            "name": "Reintegra",
            "description": "Service areas and eligibility of services for trafficked persons.",
            "uri": "",
            "version": "1",
        }
    )
    for code, (name, _many) in TERMS.items():
        tables["taxonomy_term"].append(
            {
                "id": str(term_id(code)),
                "code": code,
                "name": name,
                "description": name,
                "taxonomy": "Reintegra",
                "taxonomy_id": str(TAXONOMY_ID),
            }
        )
    return tables


def _datapackage(tables: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    return {
        "name": "reintegra-service-directory",
        "profile": "tabular-data-package",
        "hsds_version": HSDS_VERSION,
        "resources": [
            {
                "name": name,
                "path": FILES[name],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": column, "type": "string"} for column in COLUMNS[name]]},
            }
            for name in tables
        ],
    }


def export_package() -> bytes:
    tables = export_tables()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(_datapackage(tables), indent=2))
        for name, rows in tables.items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=COLUMNS[name], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(FILES[name], text.getvalue())
    return buffer.getvalue()


def export_json() -> bytes:
    """Services with what belongs to them nested, in the shape of HSDS's paged answer."""
    tables = export_tables()
    by = _index(tables)
    contents = [_nest_service(row, by) for row in tables["service"]]
    page = {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }
    return json.dumps(page, indent=2, ensure_ascii=False).encode()


def _index(tables: dict[str, list[dict[str, str]]]) -> dict[str, Any]:
    children: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for table, key in (
        ("address", "location_id"),
        ("service_at_location", "service_id"),
        ("phone", "service_id"),
        ("phone", "organization_id"),
        ("contact", "service_id"),
        ("language", "service_id"),
        ("schedule", "service_id"),
        ("attribute", "link_id"),
    ):
        for row in tables[table]:
            if row.get(key):
                children[(table, key, row[key])].append(row)
    return {
        "children": children,
        "organization": {row["id"]: row for row in tables["organization"]},
        "location": {row["id"]: row for row in tables["location"]},
        "term": {row["id"]: row for row in tables["taxonomy_term"]},
    }


def _attributes(by: dict[str, Any], link_id: str) -> list[dict[str, Any]]:
    result = []
    for row in by["children"][("attribute", "link_id", link_id)]:
        nested = {key: value for key, value in row.items() if key != "taxonomy_term_id"}
        term = by["term"].get(row["taxonomy_term_id"])
        nested["taxonomy_term"] = dict(term) if term else {"id": row["taxonomy_term_id"]}
        result.append(nested)
    return result


def _nest_service(service: dict[str, str], by: dict[str, Any]) -> dict[str, Any]:
    children = by["children"]
    sid = service["id"]
    organization = dict(by["organization"].get(service["organization_id"], {"id": service["organization_id"]}))
    organization["phones"] = children[("phone", "organization_id", organization["id"])]
    nested: dict[str, Any] = {key: value for key, value in service.items() if key != "organization_id"}
    nested["organization"] = organization
    nested["phones"] = children[("phone", "service_id", sid)]
    nested["contacts"] = children[("contact", "service_id", sid)]
    nested["languages"] = children[("language", "service_id", sid)]
    nested["schedules"] = children[("schedule", "service_id", sid)]
    nested["attributes"] = _attributes(by, sid)
    nested["service_at_locations"] = []
    for link in children[("service_at_location", "service_id", sid)]:
        location = dict(by["location"].get(link["location_id"], {"id": link["location_id"]}))
        location["addresses"] = children[("address", "location_id", location["id"])]
        location["attributes"] = _attributes(by, location["id"])
        nested["service_at_locations"].append({"id": link["id"], "location": location})
    return nested


# ---------------------------------------------------------------------------------------------
# Reading a file into tables


@dataclass
class Row:
    file: str  # "service.csv" in a data package; the table's name in JSON
    number: int | None  # the CSV line, or the service's position in a JSON list
    values: dict[str, str]


Tables = dict[str, list[Row]]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _bool(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value
    raise ValueError


def read_upload(name: str, data: bytes) -> Tables:
    """The tables of a zipped data package or a JSON file. Refuses what cannot be read."""
    if data[:4] == b"PK\x03\x04":
        return _read_package(data)
    if name.lower().endswith(".zip"):
        raise ImportRefused([Problem(name, None, "", _("This is not a zip file that can be opened."))])
    return _read_json(name, data)


def _read_package(data: bytes) -> Tables:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile:
        raise ImportRefused([Problem("zip", None, "", _("The zip file is damaged and cannot be opened."))]) from None
    if len(members) > MAX_FILES or sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise ImportRefused([Problem("zip", None, "", _("The zip file holds too much to be a directory."))])
    # Files are found by their base name: packages are often zipped with a folder around them.
    by_name = {info.filename.rsplit("/", 1)[-1]: info for info in members}
    if "datapackage.json" not in by_name:
        raise ImportRefused(
            [Problem("datapackage.json", None, "", _("The zip holds no datapackage.json: is it an HSDS data package?"))]
        )
    tables: Tables = {}
    problems: list[Problem] = []
    for table in COLUMNS:
        file = FILES[table]
        info = by_name.get(file)
        if info is None:
            continue
        try:
            text = archive.read(info).decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(file, None, "", _("The file is not in UTF-8: save it again as UTF-8.")))
            continue
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows: list[Row] = []
        try:
            for values in reader:
                if len(rows) >= MAX_ROWS:
                    problems.append(Problem(file, None, "", _("The file has too many rows.")))
                    break
                if None in values:
                    problems.append(Problem(file, reader.line_num, "", _("This row has more cells than the header.")))
                    continue
                rows.append(Row(file, reader.line_num, {key: value or "" for key, value in values.items()}))
        except csv.Error as exc:
            problems.append(Problem(file, reader.line_num, "", _("The CSV cannot be read: %s") % exc))
        tables[table] = rows
    if problems:
        raise ImportRefused(problems)
    return tables


def _read_json(name: str, data: bytes) -> Tables:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ImportRefused(
            [Problem(name, None, "", _("The file is neither a zip data package nor valid JSON."))]
        ) from None
    services = document.get("contents") if isinstance(document, dict) and "contents" in document else document
    if isinstance(services, dict):
        services = [services]
    if not isinstance(services, list) or not all(isinstance(item, dict) for item in services):
        raise ImportRefused(
            [Problem(name, None, "", _("Expected a list of services, or a page of them under “contents”."))]
        )
    if len(services) > MAX_ROWS:
        raise ImportRefused([Problem(name, None, "", _("The file has too many services."))])
    tables: Tables = defaultdict(list)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()

    def add(table: str, number: int, item: Any, **links: str) -> dict[str, Any]:
        if not isinstance(item, dict):
            problems.append(Problem(table, number, "", _("Expected an object here.")))
            return {}
        values: dict[str, str] = {}
        for column in COLUMNS[table]:
            try:
                values[column] = _text(item.get(column))
            except ValueError:
                problems.append(Problem(table, number, column, _("Expected a text, a number or true/false.")))
        values.update(links)
        key = (table, values.get("id", ""))
        # A provider or place shared by several services is nested under each: keep it once.
        if key[1] and key in seen and table in ("organization", "location", "address", "taxonomy_term"):
            return item
        seen.add(key)
        tables[table].append(Row(table, number, values))
        return item

    def each(item: dict[str, Any], key: str) -> Iterator[Any]:
        value = item.get(key) or []
        yield from value if isinstance(value, list) else [value]

    for number, service in enumerate(services, start=1):
        organization = service.get("organization")
        organization_id = _text(service.get("organization_id") or "")
        if isinstance(organization, dict):
            add("organization", number, organization)
            organization_id = _text(organization.get("id")) or organization_id
            for phone in each(organization, "phones"):
                add("phone", number, phone, organization_id=organization_id, service_id="")
        add("service", number, service, organization_id=organization_id)
        sid = _text(service.get("id"))
        for key, table in (
            ("phones", "phone"),
            ("contacts", "contact"),
            ("languages", "language"),
            ("schedules", "schedule"),
        ):
            for child in each(service, key):
                add(table, number, child, service_id=sid)
        for attribute in each(service, "attributes"):
            _add_attribute(add, number, attribute, sid, "service")
        for link in each(service, "service_at_locations"):
            if not isinstance(link, dict):
                problems.append(Problem("service_at_location", number, "", _("Expected an object here.")))
                continue
            location = link.get("location")
            location_id = _text(link.get("location_id") or "")
            if isinstance(location, dict):
                location_id = _text(location.get("id")) or location_id
                add(
                    "location",
                    number,
                    location,
                    organization_id=_text(location.get("organization_id") or organization_id),
                )
                for address in each(location, "addresses"):
                    add("address", number, address, location_id=location_id)
                for attribute in each(location, "attributes"):
                    _add_attribute(add, number, attribute, location_id, "location")
            add("service_at_location", number, link, service_id=sid, location_id=location_id)
    if problems:
        raise ImportRefused(problems)
    return dict(tables)


def _add_attribute(add: Any, number: int, attribute: Any, link_id: str, link_type: str) -> None:
    if not isinstance(attribute, dict):
        add("attribute", number, attribute)
        return
    term = attribute.get("taxonomy_term")
    term_id_value = _text(attribute.get("taxonomy_term_id") or "")
    if isinstance(term, dict):
        term_id_value = _text(term.get("id")) or term_id_value
        add("taxonomy_term", number, term)
    add("attribute", number, attribute, link_id=link_id, link_type=link_type, taxonomy_term_id=term_id_value)


# ---------------------------------------------------------------------------------------------
# Checking the tables and writing them


class _Checker:
    """Collects every problem of an import, then says whether any was found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, row: Row, column: str, message: str) -> None:
        self.problems.append(Problem(row.file, row.number, column, message))

    def uuid(self, row: Row, column: str, *, required: bool = True) -> uuid.UUID | None:
        value = row.values.get(column, "").strip()
        if not value:
            if required:
                self.add(row, column, _("This identifier is missing."))
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.add(row, column, _("“%(value)s” is not an identifier in the UUID form.") % {"value": value[:60]})
            return None

    def integer(self, row: Row, column: str, low: int, high: int) -> int | None:
        value = row.values.get(column, "").strip()
        if not value:
            return None
        try:
            number = int(float(value)) if re.fullmatch(r"\d+(\.0+)?", value) else int(value)
        except ValueError:
            self.add(row, column, _("“%(value)s” is not a whole number.") % {"value": value[:60]})
            return None
        if not low <= number <= high:
            self.add(
                row,
                column,
                _("%(value)d is outside %(low)d to %(high)d.") % {"value": number, "low": low, "high": high},
            )
            return None
        return number

    def boolean(self, row: Row, column: str) -> bool | None:
        value = row.values.get("value", "").strip().lower()
        if value in ("true", "1", "yes"):
            return True
        if value in ("false", "0", "no"):
            return False
        self.add(row, column, _("Give true or false, not “%(value)s”.") % {"value": value[:60]})
        return None


WAIT = re.compile(r"^\s*(\d{1,4})\s*(day|days|week|weeks|month|months)?\s*$", re.IGNORECASE)


def _wait_days(text: str) -> int | None:
    match = WAIT.match(text)
    if not match:
        return None
    number, unit = int(match.group(1)), (match.group(2) or "days").lower()
    return number * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)


def _model_problems(checker: _Checker, row: Row, record: Any, columns: dict[str, str], exclude: Iterable[str]) -> None:
    """Django's own checks of a record about to be written, named by their HSDS column."""
    try:
        record.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                checker.add(row, columns.get(name, name if name != "__all__" else ""), message)


def import_tables(*, actor: User, tables: Tables) -> ImportResult:
    """Check every row, then write all of it in one transaction, or nothing."""
    checker = _Checker()
    result = ImportResult()
    for table, rows in tables.items():
        if table in COLUMNS and rows:
            missing_id = [row for row in rows if "id" not in row.values]
            if missing_id:
                checker.add(missing_id[0], "id", _("The table has no “id” column."))

    organizations: dict[uuid.UUID, tuple[Row, Provider]] = {}
    for row in tables.get("organization", []):
        hsds_id = checker.uuid(row, "id")
        name = row.values.get("name", "").strip()
        if not name:
            checker.add(row, "name", _("Every organisation needs a name."))
        if hsds_id is None:
            continue
        if hsds_id in organizations:
            checker.add(row, "id", _("This identifier is used by two organisations."))
            continue
        provider = Provider.objects.filter(hsds_id=hsds_id).first() or Provider(hsds_id=hsds_id)
        provider.name = name[:200]
        provider.description = row.values.get("description", "")
        provider.email = row.values.get("email", "").strip()
        provider.website = row.values.get("website", "").strip()
        organizations[hsds_id] = (row, provider)

    services: dict[uuid.UUID, tuple[Row, Service]] = {}
    for row in tables.get("service", []):
        hsds_id = checker.uuid(row, "id")
        organization_id = checker.uuid(row, "organization_id")
        if (
            organization_id is not None
            and organization_id not in organizations
            and not Provider.objects.filter(hsds_id=organization_id).exists()
        ):
            checker.add(row, "organization_id", _("No organisation with this identifier, in the file or here."))
            organization_id = None
        if hsds_id is None:
            continue
        if hsds_id in services:
            checker.add(row, "id", _("This identifier is used by two services."))
            continue
        service = Service.objects.filter(hsds_id=hsds_id).first() or Service(hsds_id=hsds_id)
        service.name = row.values.get("name", "").strip()
        if not service.name:
            checker.add(row, "name", _("Every service needs a name."))
        service.description = row.values.get("description", "")
        service.email = row.values.get("email", "").strip()
        status = row.values.get("status", "").strip().lower() or ServiceStatus.ACTIVE
        if status not in ServiceStatus.values:
            checker.add(
                row,
                "status",
                _("“%(value)s” is not an HSDS status: use active, inactive, defunct or temporarily closed.")
                % {"value": status[:40]},
            )
        service.status = status
        service.fees = row.values.get("fees_description", "")
        service.eligibility_notes = row.values.get("eligibility_description", "")
        service.minimum_age = checker.integer(row, "minimum_age", 0, 120)
        service.maximum_age = checker.integer(row, "maximum_age", 0, 120)
        if (
            service.minimum_age is not None
            and service.maximum_age is not None
            and service.maximum_age < service.minimum_age
        ):
            checker.add(row, "maximum_age", _("The oldest age served is below the youngest."))
        wait = row.values.get("wait_time", "").strip()
        service.waiting_days = _wait_days(wait) if wait else None
        if wait and service.waiting_days is None:
            result.notices.append(
                _("Service “%(name)s”: the wait “%(wait)s” is not in days, weeks or months and was left out.")
                % {"name": service.name[:80], "wait": wait[:60]}
            )
        # Reset what attributes set, so an import replaces a service's eligibility as a whole.
        service.genders, service.nationalities, service.exploitation_types, service.languages = [], [], [], []
        service.phone = service.contact_name = service.hours = ""
        service.legal_status = LegalStatusRequired.NONE
        service.trafficking_specific = False
        service.serves_children = service.serves_adults = service.free_of_charge = True
        service.capacity = None
        service._import_organization = organization_id  # type: ignore[attr-defined]
        service._import_areas = []  # type: ignore[attr-defined]
        services[hsds_id] = (row, service)

    locations: dict[uuid.UUID, tuple[Row, Location]] = {}
    for row in tables.get("location", []):
        hsds_id = checker.uuid(row, "id")
        organization_id = checker.uuid(row, "organization_id", required=False)
        if hsds_id is None:
            continue
        location = Location.objects.filter(hsds_id=hsds_id).first() or Location(hsds_id=hsds_id)
        location.name = row.values.get("name", "").strip()
        if not location.name:
            checker.add(row, "name", _("Every place needs a name."))
        location.confidential = False
        location._import_organization = organization_id  # type: ignore[attr-defined]
        locations[hsds_id] = (row, location)

    # One address a place: its physical one, or else the first given (a postal address still
    # says the district and country).
    chosen: dict[uuid.UUID, Row] = {}
    for row in tables.get("address", []):
        location_id = checker.uuid(row, "location_id")
        if location_id is None:
            continue
        if location_id not in locations:
            checker.add(row, "location_id", _("No place with this identifier in the file."))
            continue
        physical = row.values.get("address_type", "").strip() in ("", "physical")
        if location_id not in chosen or (
            physical and chosen[location_id].values.get("address_type", "").strip() not in ("", "physical")
        ):
            chosen[location_id] = row
    for location_id, row in chosen.items():
        location = locations[location_id][1]
        street = (row.values.get("address_1", ""), row.values.get("address_2", ""))
        location.address = ", ".join(part.strip() for part in street if part.strip())
        location.city = row.values.get("city", "").strip()
        location.district = row.values.get("region", "").strip()
        location.province = row.values.get("state_province", "").strip()
        location.postal_code = row.values.get("postal_code", "").strip()
        location.country = row.values.get("country", "").strip().upper()
        if not location.country:
            checker.add(row, "country", _("Give the country's two-letter ISO code."))
    for location_id, (row, _place) in locations.items():
        if location_id not in chosen:
            checker.add(row, "id", _("This place has no address: give at least its country in the address table."))

    for row in tables.get("phone", []):
        service_id = checker.uuid(row, "service_id", required=False)
        organization_id = checker.uuid(row, "organization_id", required=False)
        number = row.values.get("number", "").strip()[:40]
        if service_id in services:
            services[service_id][1].phone = services[service_id][1].phone or number
        elif organization_id in organizations:
            provider = organizations[organization_id][1]
            provider.phone = provider.phone or number
    for row in tables.get("contact", []):
        service_id = checker.uuid(row, "service_id", required=False)
        if service_id in services:
            service = services[service_id][1]
            service.contact_name = service.contact_name or row.values.get("name", "").strip()[:200]
            service.email = service.email or row.values.get("email", "").strip()
    for row in tables.get("language", []):
        service_id = checker.uuid(row, "service_id", required=False)
        language = row.values.get("code", "").strip().lower()
        if service_id in services and language:
            languages = services[service_id][1].languages
            if language not in languages:
                languages.append(language)
    for row in tables.get("schedule", []):
        service_id = checker.uuid(row, "service_id", required=False)
        if service_id in services and row.values.get("description", "").strip():
            service = services[service_id][1]
            service.hours = "\n".join(part for part in (service.hours, row.values["description"].strip()) if part)

    terms = {str(term_id(code)): code for code in TERMS}
    for row in tables.get("taxonomy_term", []):
        # Another file may give our terms other ids; its code says which term it is.
        if row.values.get("code") in TERMS and row.values.get("taxonomy_id", "") == str(TAXONOMY_ID):
            terms[row.values.get("id", "")] = row.values["code"]
    for row in tables.get("attribute", []):
        found = terms.get(row.values.get("taxonomy_term_id", "").strip())
        if found is None:
            continue  # another taxonomy's attribute: nothing of ours to set
        code: str = found
        link_id = checker.uuid(row, "link_id")
        value = row.values.get("value", "").strip()
        if code == "confidential_address":
            if link_id in locations:
                flag = checker.boolean(row, "value")
                locations[link_id][1].confidential = bool(flag)
            continue
        if link_id not in services:
            checker.add(row, "link_id", _("No service with this identifier in the file."))
            continue
        _apply_attribute(checker, row, services[link_id][1], code, value)

    links: list[tuple[Row, uuid.UUID, uuid.UUID, uuid.UUID]] = []
    for row in tables.get("service_at_location", []):
        link_id = checker.uuid(row, "id")
        service_id = checker.uuid(row, "service_id")
        location_id = checker.uuid(row, "location_id")
        if service_id is not None and service_id not in services:
            checker.add(row, "service_id", _("No service with this identifier in the file."))
        elif location_id is not None and location_id not in locations:
            checker.add(row, "location_id", _("No place with this identifier in the file."))
        elif link_id and service_id and location_id:
            links.append((row, link_id, service_id, location_id))

    for row, provider in organizations.values():
        _model_problems(
            checker, row, provider, {"website": "website", "email": "email", "country": ""}, ["country", "member"]
        )
    for row, location in locations.values():
        if location.confidential:
            location.address = location.postal_code = ""
        _model_problems(
            checker,
            row,
            location,
            {"country": "country", "district": "region", "province": "state_province", "address": "address_1"},
            ["provider"],
        )
    for row, service in services.values():
        _model_problems(
            checker,
            row,
            service,
            {"eligibility_notes": "eligibility_description", "fees": "fees_description"},
            ["provider"],
        )
        if not (service.serves_children or service.serves_adults):
            checker.add(row, "", _("The service serves neither children nor adults: give one."))

    if checker.problems:
        raise ImportRefused(checker.problems)

    with transaction.atomic():
        providers_by_id: dict[uuid.UUID, Provider] = {}
        for _row, provider in organizations.values():
            if not provider.country:
                # HSDS organisations have no country; take it from their first place, if any.
                provider.country = next(
                    (
                        str(location.country)
                        for _lrow, location in locations.values()
                        if getattr(location, "_import_organization", None) == provider.hsds_id
                    ),
                    "",
                )
            provider.save()
            providers_by_id[provider.hsds_id] = provider
        for hsds_id in {getattr(s, "_import_organization", None) for _r, s in services.values()} - set(providers_by_id):
            if hsds_id is not None:
                providers_by_id[hsds_id] = Provider.objects.get(hsds_id=hsds_id)
        for _row, location in locations.values():
            owner = getattr(location, "_import_organization", None)
            if owner not in providers_by_id and owner is not None:
                existing = Provider.objects.filter(hsds_id=owner).first()
                if existing:
                    providers_by_id[owner] = existing
            if owner in providers_by_id:
                location.provider = providers_by_id[owner]
            elif not location.provider_id:
                # A place no organisation claims belongs to the first service offered there.
                service_id = next((sid for _r, _l, sid, lid in links if lid == location.hsds_id), None)
                owner_id = getattr(services[service_id][1], "_import_organization", None) if service_id else None
                if owner_id is None:
                    raise ImportRefused(
                        [Problem("location", None, "organization_id", _("A place belongs to no organisation."))]
                    )
                location.provider = providers_by_id[owner_id]
            location.save()
        for _row, service in services.values():
            service.provider = providers_by_id[service._import_organization]  # type: ignore[attr-defined]
            service.save()
            areas = sorted(set(service._import_areas))  # type: ignore[attr-defined]
            service.areas.exclude(area__in=areas).delete()
            ServiceArea.objects.bulk_create(
                [ServiceArea(service=service, area=area) for area in areas], ignore_conflicts=True
            )
        for _row, link_id, service_id, location_id in links:
            ServiceAtLocation.objects.update_or_create(
                service=services[service_id][1],
                location=locations[location_id][1],
                defaults={"hsds_id": link_id},
            )
        result.providers, result.services, result.locations = len(organizations), len(services), len(locations)
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.IMPORT_DIRECTORY,
            changes={name: (None, count) for name, count in result.counts().items()},
        )
    return result


def _apply_attribute(checker: _Checker, row: Row, service: Service, code: str, value: str) -> None:
    if code == "service_area":
        if value not in AREA_CODES:
            checker.add(row, "value", _("“%(value)s” is not one of the ten service areas.") % {"value": value[:20]})
        else:
            service._import_areas.append(value)  # type: ignore[attr-defined]
    elif code in ("trafficking_specific", "serves_children", "serves_adults", "free_of_charge"):
        flag = checker.boolean(row, "value")
        if flag is not None:
            setattr(service, code, flag)
    elif code == "legal_status":
        if value not in LegalStatusRequired.values:
            checker.add(row, "value", _("“%(value)s” is not a status we know.") % {"value": value[:40]})
        else:
            service.legal_status = value
    elif code in ("capacity", "waiting_days"):
        number = checker.integer(row, "value", 0, 1_000_000 if code == "capacity" else 3650)
        if number is not None:
            setattr(service, code, number)
    else:
        target = {"gender": "genders", "nationality": "nationalities", "exploitation_type": "exploitation_types"}[code]
        values = getattr(service, target)
        if value and value not in values:
            values.append(value.upper() if code == "nationality" else value)


def import_upload(*, actor: User, name: str, data: bytes) -> ImportResult:
    return import_tables(actor=actor, tables=read_upload(name, data))
