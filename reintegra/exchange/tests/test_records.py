"""Case records in HTCDS columns, out and in, through the pages: the export honours access and the
person's consent and neutralises formulas; the import checks first, writes everything in one
transaction or nothing, reads the files spreadsheets really produce, and an export read back into
an empty organisation gives the same records."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from conftest import IDENTIFIERS, make_user, person_details, send_with_consent, signed_in
from reintegra.accounts.models import Role
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus, ClosureReason, IdentificationStatus
from reintegra.consents.actions import ConsentDecision, record_consent
from reintegra.consents.models import ConsentScope, ConsentStatus
from reintegra.exchange import bulk, records
from reintegra.exchange.actions import check_import
from reintegra.exchange.models import ImportBatch, ImportStatus
from reintegra.exchange.spreadsheets import read_table
from reintegra.legal.models import Identification
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.reports.models import CaseStatistics
from reintegra.reports.statistics import refresh as refresh_statistics

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = date(2026, 6, 1)


@pytest.fixture
def frozen():
    with time_machine.travel("2026-06-01 03:00Z", tick=False) as traveller:
        yield traveller


def agree_to_transfer(actor, case, *, review_on: date | None = None) -> None:
    record_consent(
        actor=actor,
        case=case,
        decision=ConsentDecision(
            scope=ConsentScope.RECORD_TRANSFER,
            subject="Move to the new national system",
            status=ConsentStatus.GIVEN,
            decided_on=TODAY,
            information_given="What the file holds, who receives it, and that she may say no.",
            language="vi",
            understood=True,
            review_on=review_on or TODAY + timedelta(days=365),
        ),
    )


@pytest.fixture
def full_case(worker, supervisor) -> Case:
    """A case with something in every field the export writes."""
    case = case_actions.register_person_with_case(
        actor=worker,
        person=person_details(
            marital_status="Single",
            estimated_birth_year=None,
            emails=["quynh@example.org"],
            phones=[IDENTIFIERS["phone"], "+66 81 234 5678"],
            languages=["vi", "th", "en"],
            nationalities=["VN", "KH"],
            age_disputed=True,
        ),
        case=case_actions.CaseDetails(
            identification_status=IdentificationStatus.FORMAL,
            identified_on=date(2026, 2, 3),
            identifying_authority="Anti-trafficking police, Hải Phòng",
            identifying_authority_type="Police",
            exploitation_types=["ForcedLabour", "SexualExploitation"],
            origin_countries=["VN"],
            exploitation_countries=["TH", "MY"],
            exploitation_began=date(2024, 5, 1),
            exploitation_ended=date(2025, 11, 30),
            recruitment_methods=["ThroughOnlineSocialNetworks"],
            recruitment_apps=["Facebook"],
            exploitation_apps=["WhatsApp"],
            control_methods=["DebtBondage", "PhysicalThreats"],
            labour_industry="A_AgricultureForestryAndFishing",
            sexual_exploitation_forms=["Prostitution"],
            vulnerabilities=["Poverty"],
            trafficker_relationship="Unacquainted",
        ),
        supervisor=supervisor,
        opened_on=date(2026, 1, 15),
        backdated_because="Began on paper.",
    )
    agree_to_transfer(worker, case)
    return case


def exported(client) -> list[list[str]]:
    response = client.post(reverse("exchange:export_records"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def as_dict(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# Export -------------------------------------------------------------------------------------------


def test_the_export_writes_the_standards_columns_through_the_code_map(full_case, supervisor):
    rows = exported(signed_in(supervisor))
    assert rows[0][: len(records.htcds.standard_fields())] == [
        row["Field Name including Prefix"] for row in records.htcds.standard_fields()
    ]
    (row,) = as_dict(rows)
    assert row["prs_FirstName"] == IDENTIFIERS["given_name"]
    assert row["prs_Birthdate"] == "2001-02-28"
    assert row["prs_Gender"] == "Feminine"
    assert row["prs_Citizenship"] == "VN;KH"
    assert row["vic_TraffickingStatus"] == "ActualVictimOfTrafficking"
    assert row["vic_TraffickingStatusDecisionMakingOrg"] == "Police"
    # The standard's own spellings, quirks included.
    assert row["vic_MethodsOfControl"] == "DebtBondage ;PhysicalThreats"
    assert row["vic_RelationshipToTrafficker"] == "Unaquainted"
    assert row["vic_AgeWhenTrafficked"] == "23"
    assert row["cas_Status"] == "Active"
    assert row["con_Consent"] == "TRUE"
    assert row["reintegra_identification_status"] == IdentificationStatus.FORMAL
    assert row["per_RoleInProcess"] == ""
    # The exploitation as the one trafficking event: its first country and its start.
    assert (row["hte_Type"], row["hte_Country"], row["hte_Date"]) == ("Exploitation", "TH", "2024-05-01")
    organisation = full_case.organisation
    assert row["org_Name"] == organisation.name
    assert row["org_Type"] == organisation.org_type
    assert row["org_ShippingCountry"] == str(organisation.country)


def test_a_case_with_nothing_known_of_the_exploitation_claims_no_trafficking_event(worker, supervisor):
    case = case_actions.register_person_with_case(
        actor=worker, person=person_details(), case=case_actions.CaseDetails(), supervisor=supervisor
    )
    agree_to_transfer(worker, case)
    (row,) = as_dict(exported(signed_in(supervisor)))
    assert row["hte_Type"] == row["hte_Country"] == row["hte_Date"] == ""
    assert row["org_Name"] == case.organisation.name


def test_only_cases_whose_person_agreed_are_exported_and_the_rest_are_counted(full_case, worker, supervisor):
    case_actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Mai"), case=case_actions.CaseDetails()
    )
    lapsed = case_actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Lan"), case=case_actions.CaseDetails()
    )
    agree_to_transfer(worker, lapsed, review_on=TODAY + timedelta(days=1))
    with time_machine.travel("2026-06-03 03:00Z", tick=False):
        client = signed_in(supervisor)
        page = client.get(reverse("exchange:records"))
        names = [row["prs_FirstName"] for row in as_dict(exported(client))]
    assert names == [IDENTIFIERS["given_name"]]
    assert "2 other cases are left out" in page.content.decode()


def test_a_later_no_outvotes_an_earlier_yes_left_standing(full_case, worker, supervisor):
    # The worker records the person's "no" as a new decision instead of withdrawing the "yes".
    record_consent(
        actor=worker,
        case=full_case,
        decision=ConsentDecision(
            scope=ConsentScope.RECORD_TRANSFER,
            subject="Move to the new national system",
            status=ConsentStatus.DECLINED,
            decided_on=TODAY + timedelta(days=1),
            information_given="What the file holds, who receives it, and that she may say no.",
            language="vi",
            understood=True,
        ),
    )
    with time_machine.travel("2026-06-03 03:00Z", tick=False):
        assert as_dict(exported(signed_in(supervisor))) == []


def test_a_restricted_case_is_exported_only_by_a_supervisor_on_its_team(
    full_case, supervisor, manager_elsewhere, outsider
):
    assert as_dict(exported(signed_in(outsider))) == []  # a supervisor of another organisation
    Case.objects.filter(pk=full_case.pk).update(restricted=True)
    assert as_dict(exported(signed_in(manager_elsewhere))) == []
    (row,) = as_dict(exported(signed_in(supervisor)))
    assert row["prs_MailingStreet"] == IDENTIFIERS["address"]


def test_each_export_is_logged_naming_its_cases(full_case, supervisor):
    exported(signed_in(supervisor))
    record = AuditRecord.objects.get(action=AuditAction.EXPORT_HTCDS)
    assert record.actor == supervisor
    assert record.decrypted_detail()["terms"]["exported"] == str(full_case.pk)


def test_exported_cells_cannot_run_as_formulas(full_case, supervisor):
    Person.objects.get(pk=full_case.person_id)
    person = full_case.person
    person.notes = '=HYPERLINK("http://evil.example","click")'
    person.save()
    (row,) = as_dict(exported(signed_in(supervisor)))
    assert row["reintegra_notes"] == "'" + person.notes
    assert row["prs_MobilePhone"] == IDENTIFIERS["phone"]  # a phone number keeps its plus


@pytest.mark.parametrize("persona", ["worker", "analyst", "admin", "coordinator"])
def test_only_supervisors_reach_the_records_pages(request, persona, full_case):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(reverse("exchange:records")).status_code == 404
    assert client.post(reverse("exchange:export_records")).status_code == 404
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORT_HTCDS).exists()


# Import: reading files ----------------------------------------------------------------------------

HEADER = ["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "vic_TypeOfExploitation", "cas_Status"]


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def checked(data: bytes, organisation: Organisation, *, name: str = "records.csv", month_first: bool = False):
    table = read_table(data, name)
    return bulk.check(table, organisation_id=organisation.pk, month_first=month_first), table.encoding


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("utf-16", "UTF-16"), ("cp1252", "Windows-1252")],
)
def test_files_in_the_encodings_spreadsheets_save_are_read(shelter, encoding, expected):
    data = csv_bytes(
        [HEADER, ["Zoë", "Muñoz-Łęcka" if encoding != "cp1252" else "Muñoz", "1999-04-17", "", "", ""]],
        encoding=encoding,
    )
    result, read_as = checked(data, shelter)
    assert read_as == expected
    assert result.valid, result.problems
    (record,) = bulk.read_records(read_table(data, "x.csv"))
    assert record.person.given_name == "Zoë"


def test_a_semicolon_separated_file_from_a_european_excel_is_read(shelter):
    result, _encoding = checked(csv_bytes([HEADER, ["Ana", "Pop", "", "", "", ""]], delimiter=";"), shelter)
    assert result.valid and result.rows == 1


def test_mixed_date_formats_are_read_and_ambiguous_order_follows_the_importers_choice(shelter):
    rows = [HEADER] + [
        ["A", "B", when, "", "", ""]
        for when in ("2001-02-28", "28/02/2001", "28.2.2001", "28 Feb 2001", "Feb 28, 2001", "2001-02-28 00:00:00")
    ]
    table = read_table(csv_bytes(rows), "x.csv")
    assert {record.person.birth_date for record in bulk.read_records(table)} == {date(2001, 2, 28)}
    us = read_table(csv_bytes([HEADER, ["A", "B", "02/28/2001", "", "", ""]]), "x.csv")
    assert next(bulk.read_records(us, month_first=True)).person.birth_date == date(2001, 2, 28)


def test_picklist_values_in_other_spellings_are_read(shelter):
    data = csv_bytes([HEADER, ["A", "B", "", "female", "forced labour; SEXUAL_EXPLOITATION", "Closed Referred"]])
    (record,) = bulk.read_records(read_table(data, "x.csv"))
    assert record.person.gender == "Feminine"
    assert record.case.exploitation_types == ["ForcedLabour", "SexualExploitation"]
    assert (record.status, record.closure_reason) == (CaseStatus.CLOSED, ClosureReason.TRANSFERRED)


def test_every_problem_is_reported_by_row_and_column_in_plain_words(shelter):
    data = csv_bytes(
        [
            [*HEADER, "Shoe size"],
            ["Ana", "Pop", "31/02/2001", "", "", "", "38"],
            ["", "Nobody", "", "", "", "", ""],
            ["=cmd|' /C calc'!A0", "Pop", "", "Robot", "Juggling", "", ""],
            ["Ana", "Pop", "2999-01-01", "", "", "", ""],
        ]
    )
    result, _encoding = checked(data, shelter)
    found = {(problem.row, problem.column) for problem in result.problems}
    assert found == {
        (2, "prs_Birthdate"),
        (3, "prs_FirstName"),
        (4, "prs_FirstName"),
        (4, "prs_Gender"),
        (4, "vic_TypeOfExploitation"),
        (5, "prs_Birthdate"),
    }
    formula = next(p for p in result.problems if (p.row, p.column) == (4, "prs_FirstName"))
    assert "formula" in formula.message
    assert result.ignored_columns == ["Shoe size"]


def test_a_file_without_the_first_name_column_is_refused_as_a_whole(shelter):
    result, _encoding = checked(csv_bytes([["Name", "Surname"], ["Ana", "Pop"]]), shelter)
    assert not result.valid
    assert [(p.row, p.column) for p in result.problems] == [(1, "prs_FirstName")]


def test_an_xlsx_workbook_is_read_with_its_date_cells_and_its_formulas_refused(shelter):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Ana", "Pop", date(2001, 2, 28), "Feminine", "ForcedLabour", "Active"])
    sheet.append(["=1+2", "Pop", None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result, read_as = checked(buffer.getvalue(), shelter, name="records.xlsx")
    assert read_as == "XLSX"
    assert [(p.row, p.column) for p in result.problems] == [(3, "prs_FirstName")]


@override_settings(REINTEGRA_IMPORT_MAX_ROWS=2)
def test_a_file_with_more_rows_than_allowed_is_refused(shelter):
    result, _encoding = checked(csv_bytes([HEADER] + [["A", "B", "", "", "", ""]] * 3), shelter)
    assert not result.valid
    assert "more than 2 rows" in result.problems[-1].message


def test_possible_duplicates_are_flagged_within_the_file_and_against_the_register(shelter, case):
    data = csv_bytes(
        [
            ["prs_FirstName", "prs_SecondName", "prs_MobilePhone"],
            [IDENTIFIERS["given_name"], IDENTIFIERS["family_name"], ""],
            ["Ana", "Pop", "+40 721 000 111"],
            ["Ana", "Pop", ""],
        ]
    )
    result, _encoding = checked(data, shelter)
    assert result.valid
    assert [row for row, _what in result.duplicates] == [2, 4]


# Import: through the pages, in the background -----------------------------------------------------


@pytest.fixture
def jobs_run_at_once(transactional_db):
    """The background jobs run as their transaction commits, in this process: django-tasks'
    immediate backend runs the real job functions, and the test's transactions really commit."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        yield


def upload(client, data: bytes, name: str = "records.csv", **extra):
    return client.post(reverse("exchange:import_records"), {"file": SimpleUploadedFile(name, data), **extra})


def test_the_page_follows_the_check_while_it_runs(supervisor):
    client = signed_in(supervisor)
    response = upload(client, csv_bytes([HEADER, ["Ana", "Pop", "2001-02-28", "Feminine", "ForcedLabour", "Active"]]))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exchange:import_batch", args=[batch.pk])
    assert "Checking the file" in client.get(response["Location"]).content.decode()
    polled = client.get(reverse("exchange:import_progress", args=[batch.pk]))
    assert 'hx-trigger="every 2s"' in polled.content.decode() and "HX-Refresh" not in polled
    check_import(batch_id=batch.pk)
    assert client.get(reverse("exchange:import_progress", args=[batch.pk]))["HX-Refresh"] == "true"


@pytest.mark.usefixtures("jobs_run_at_once")
def test_a_file_is_checked_then_imported_only_when_confirmed(supervisor):
    client = signed_in(supervisor)
    response = upload(client, csv_bytes([HEADER, ["Ana", "Pop", "2001-02-28", "f", "ForcedLabour", "Active"]]))
    batch = ImportBatch.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "The file is valid: 1 person will be registered." in page
    assert not Case.objects.exists()
    assert client.post(response["Location"]).status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.imported_count, batch.content) == (ImportStatus.IMPORTED, 1, "")
    case = Case.objects.get()
    assert (case.person.given_name, case.person.gender, case.status) == ("Ana", "Feminine", CaseStatus.ACTIVE)
    assert case.responsible == supervisor
    assert AuditRecord.objects.filter(action=AuditAction.IMPORT_RECORDS, case=case).count() == 1
    assert "1 person registered" in client.get(response["Location"]).content.decode()


@pytest.mark.usefixtures("jobs_run_at_once")
def test_a_file_with_problems_is_refused_erased_and_registers_no_one(supervisor):
    client = signed_in(supervisor)
    upload(client, csv_bytes([HEADER, ["Ana", "Pop", "someday", "", "", ""]]))
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.content) == (ImportStatus.REFUSED, "")
    page = client.get(reverse("exchange:import_batch", args=[batch.pk])).content.decode()
    assert "“someday” is not a date" in page
    assert "Register everyone" not in page
    assert not Person.objects.exists()


@pytest.mark.usefixtures("jobs_run_at_once")
def test_duplicates_must_be_looked_at_before_the_import(supervisor, case):
    client = signed_in(supervisor)
    upload(
        client,
        csv_bytes([["prs_FirstName", "prs_SecondName"], [IDENTIFIERS["given_name"], IDENTIFIERS["family_name"]]]),
    )
    batch = ImportBatch.objects.get()
    url = reverse("exchange:import_batch", args=[batch.pk])
    refused = client.post(url)
    assert refused.status_code == 200
    assert "Look at the possible duplicates first" in refused.content.decode()
    assert client.post(url, {"duplicates_seen": "on"}).status_code == 302
    assert Person.objects.count() == 2


@override_settings(REINTEGRA_IMPORT_MAX_BYTES=1000)
def test_a_file_too_large_is_refused_before_it_is_kept(supervisor):
    response = upload(signed_in(supervisor), csv_bytes([HEADER] + [["A" * 50, "B", "", "", "", ""]] * 40))
    assert response.status_code == 422
    assert "larger than" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.usefixtures("jobs_run_at_once")
def test_another_supervisor_cannot_see_or_confirm_someone_elses_file(supervisor, manager_elsewhere, outsider):
    upload(signed_in(supervisor), csv_bytes([HEADER, ["Ana", "Pop", "", "", "", ""]]))
    batch = ImportBatch.objects.get()
    for stranger in (manager_elsewhere, outsider):
        client = signed_in(stranger)
        assert client.get(reverse("exchange:import_batch", args=[batch.pk])).status_code == 404
        assert client.post(reverse("exchange:import_batch", args=[batch.pk])).status_code == 404
        assert client.get(reverse("exchange:import_progress", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CHECKED


def test_an_import_stopped_midway_leaves_the_database_unchanged(supervisor):
    """The writing runs in one transaction: stopped after the first thousand rows were written
    (as by a killed worker), nothing of them remains."""
    rows = [HEADER] + [[f"Person{n}", "Pop", "", "", "", ""] for n in range(1500)]
    table = read_table(csv_bytes(rows), "x.csv")

    def stopped_midway():
        for number, record in enumerate(bulk.read_records(table)):
            if number == bulk.BATCH + 10:
                raise KeyboardInterrupt
            yield record

    before = (Person.objects.count(), Case.objects.count(), AuditRecord.objects.count())
    with pytest.raises(KeyboardInterrupt):
        bulk.write(actor=supervisor, imported=stopped_midway(), source="x.csv")
    assert (Person.objects.count(), Case.objects.count(), AuditRecord.objects.count()) == before
    supervisor.organisation.refresh_from_db()
    assert supervisor.organisation.last_case_sequence == 0


# Round trip ---------------------------------------------------------------------------------------


def test_an_export_read_back_into_an_empty_organisation_gives_the_same_records(full_case, worker, supervisor):
    closed = case_actions.register_person_with_case(
        actor=worker,
        person=person_details(
            given_name="Lan", family_name="", birth_date=None, estimated_birth_year=1990, other_names=[]
        ),
        case=case_actions.CaseDetails(identification_status=IdentificationStatus.INFORMAL),
    )
    agree_to_transfer(worker, closed)
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED, closure_reason=ClosureReason.MOVED_AWAY)
    data = "".join(records_line for records_line in _export_text(signed_in(supervisor))).encode("utf-8")

    elsewhere = Organisation.objects.create(
        name="Fresh start", code="fresh", org_type=OrganisationType.NGO, country="TH"
    )
    newcomer = make_user("fresh.supervisor", elsewhere, Role.SUPERVISOR)
    result, _encoding = checked(data, elsewhere)
    assert result.valid, result.problems
    case_ids = bulk.write(actor=newcomer, imported=bulk.read_records(read_table(data, "x.csv")), source="x.csv")

    originals = {
        case.person.given_name: case
        for case in Case.objects.filter(organisation__code="shelter").select_related("person")
    }
    copies = Case.objects.filter(pk__in=case_ids).select_related("person")
    assert len(copies) == 2
    for copy in copies:
        original = originals[copy.person.given_name]
        for name in case_actions.PERSON_FIELDS:
            assert getattr(copy.person, name) == getattr(original.person, name), name
        for name in case_actions.CASE_FIELDS:
            if name not in ("at_risk", "restricted"):
                assert getattr(copy, name) == getattr(original, name), name
        assert (copy.status, copy.closure_reason, copy.opened_on) == (
            original.status,
            original.closure_reason,
            original.opened_on,
        )
    assert Identification.objects.filter(case_id__in=case_ids).count() == 2
    # Written in bulk, yet counted by the monitoring reports, with the categories that reading the
    # cases back would give.
    counted = CaseStatistics.objects.filter(case_id__in=case_ids).order_by("case_id")
    written = list(counted.values())
    assert len(written) == 2 and {row["sex"] for row in written} != {"unknown"}
    refresh_statistics(case_ids)
    assert list(counted.values()) == written


def _export_text(client) -> list[str]:
    response = client.post(reverse("exchange:export_records"))
    return [part.decode("utf-8") for part in response.streaming_content]


def test_the_draft_of_a_formal_identification_without_authority_takes_the_kind_of_body(shelter):
    data = csv_bytes(
        [
            [
                "prs_FirstName",
                "vic_TraffickingStatus",
                "vic_TraffickingStatusDecisionMakingOrg",
                "reintegra_identified_on",
            ],
            ["Ana", "ActualVictimOfTrafficking", "Police", "2026-01-05"],
            ["Bea", "ActualVictimOfTrafficking", "NGO", ""],
            ["Cam", "ActualVictimOfTrafficking", "CourtOrProsecution", ""],
        ]
    )
    result, _encoding = checked(data, shelter)
    assert [(p.row, p.column) for p in result.problems] == [(4, "reintegra_identified_on")]
    ana, bea = bulk.read_records(read_table(data[: data.index(b"Cam")], "x.csv"))
    assert (ana.case.identification_status, ana.case.identifying_authority) == (IdentificationStatus.FORMAL, "Police")
    assert bea.case.identification_status == IdentificationStatus.INFORMAL
    assert asdict(bea.case)["identified_on"] is None


# The JSON API (tag `exchange`) -------------------------------------------------------------------


def bearer(user, scope: str = "read_write") -> dict[str, str]:
    from reintegra.accounts.models import ApiToken

    return {"Authorization": f"Bearer {ApiToken.issue(user, scope=scope)[1]}"}


def test_the_api_exports_the_same_rows_as_the_page(full_case, supervisor, worker, client):
    response = client.get("/api/v1/exchange/htcds-export", headers=bearer(supervisor, "read"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"), newline="")))
    assert [row["prs_FirstName"] for row in as_dict(rows)] == [IDENTIFIERS["given_name"]]
    assert client.get("/api/v1/exchange/htcds-export", headers=bearer(worker)).status_code == 404


@pytest.mark.usefixtures("jobs_run_at_once")
def test_the_api_brings_a_file_in_checks_it_and_imports_it_on_confirmation(supervisor, client):
    import base64
    import json

    headers = bearer(supervisor)
    data = csv_bytes([HEADER, ["Ana", "Pop", "2001-02-28", "Feminine", "ForcedLabour", "Active"]])
    body = {"filename": "records.csv", "content_base64": base64.b64encode(data).decode()}
    response = client.post(
        "/api/v1/exchange/imports", json.dumps(body), content_type="application/json", headers=headers
    )
    assert response.status_code == 201
    location = response["Location"]
    checked_now = client.get(location, headers=headers).json()
    assert (checked_now["status"], checked_now["rows_read"], checked_now["problems"]) == ("checked", 1, [])
    confirmed = client.post(f"{location}/confirmation", "{}", content_type="application/json", headers=headers)
    assert confirmed.status_code == 201
    assert client.get(location, headers=headers).json()["imported_count"] == 1
    assert Case.objects.get().person.given_name == "Ana"


def test_the_api_refuses_a_body_that_is_not_base64(supervisor, client):
    import json

    body = {"filename": "records.csv", "content_base64": "not base64 at all!"}
    response = client.post(
        "/api/v1/exchange/imports", json.dumps(body), content_type="application/json", headers=bearer(supervisor)
    )
    assert response.status_code == 422
    assert "content_base64" in response.json()["fields"]
    assert not ImportBatch.objects.exists()


def test_the_api_takes_a_file_larger_than_djangos_default_body_limit(supervisor, client):
    import base64
    import json

    rows = [HEADER] + [["Ana", f"Pop{n}", "2001-02-28", "Feminine", "ForcedLabour", "Active"] for n in range(60_000)]
    data = csv_bytes(rows)
    assert len(data) > 2_621_440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE by default
    body = {"filename": "records.csv", "content_base64": base64.b64encode(data).decode()}
    response = client.post(
        "/api/v1/exchange/imports", json.dumps(body), content_type="application/json", headers=bearer(supervisor)
    )
    assert response.status_code == 201, response.content[:300]


def test_schooling_referral_owner_and_closure_come_from_the_records_beyond_the_case(
    full_case, worker, supervisor, manager_elsewhere, service
):
    as_worker = signed_in(worker)
    as_worker.post(reverse("assessments:list", args=[full_case.pk]), {"assessed_on": "2026-05-10", "reason": "first"})
    as_worker.post(
        reverse("assessments:edit_area", args=[full_case.pk, 1, "EDU"]),
        {"observed_on": "2026-05-10", "source": "self_report", "education_level": "lower_secondary"},
    )
    with time_machine.travel("2026-05-20 16:30Z", tick=False):  # 23:30 in Ho Chi Minh City
        referral = send_with_consent(worker, full_case, service)
    (row,) = as_dict(exported(signed_in(supervisor)))
    assert row["prs_HighestLevelOfEducation"] == "LowerSecondaryEducation"
    assert row["cas_ReferredOrganisation"] == service.provider.member.name
    assert row["cas_OutgoingReferralDate"] == "2026-05-20"  # the office's day, not UTC's
    assert row["cas_ReasonForOutgoingReferral"] == records.PICKLISTS["cas_ReasonForOutgoingReferral"].code(
        referral.reason_kind
    )
    assert row["cas_ReasonForOutgoingReferral"]
    assert row["cas_CaseOwner"] == supervisor.display_name()
    assert row["cas_ReasonForCaseClosure"] == ""  # still open
    # A supervisor outside the team may not open the health section: the check-up stays unsaid.
    (row,) = as_dict(exported(signed_in(manager_elsewhere)))
    assert row["cas_ReferredOrganisation"] == row["cas_OutgoingReferralDate"] == ""
    assert row["prs_HighestLevelOfEducation"] == "LowerSecondaryEducation"


def test_the_related_records_cost_the_same_queries_for_one_case_or_many(full_case, worker, supervisor, service):
    client = signed_in(supervisor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            exported(client)
        return len(captured)

    send_with_consent(worker, full_case, service)
    exported(client)  # the session and the user's roles, once
    one = queries()
    for n in range(5):
        case = case_actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name=f"Hoa{n}"),
            case=case_actions.CaseDetails(),
            supervisor=supervisor,
        )
        agree_to_transfer(worker, case)
        send_with_consent(worker, case, service)
    assert queries() == one
