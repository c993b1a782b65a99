"""Retention, legal hold and erasure: once a person's data has served its purpose, nothing that
identifies them survives in any table, the figures built on their cases stay, and the audit chain
still verifies."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings

from conftest import IDENTIFIERS, make_user
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.audit.verify import verify_chain
from reintegra.cases.models import Case, Person, PersonIndexEntry
from reintegra.cases.vocabularies import CaseStatus
from reintegra.core.fields import encrypted_fields
from reintegra.privacy import actions
from reintegra.privacy.holdings import unreached
from reintegra.privacy.models import Anonymisation, AnonymisationReason
from reintegra.privacy.retention import apply_retention
from reintegra.reports.models import CaseStatistics
from tests.test_encryption_at_rest import raw_hits
from tests.test_url_access import IDENTITY_VALUES, SUMMARY_VALUES, TEAM_ONLY_VALUES, seed

CLOSED_AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
NEEDLES = [
    *(value for value in IDENTIFIERS.values() if isinstance(value, str)),
    *IDENTIFIERS["other_names"],
    *TEAM_ONLY_VALUES,
    *SUMMARY_VALUES,
    *IDENTITY_VALUES,
]


def identifiers_held() -> list[str]:
    """Every needle still held anywhere, read as the application reads it: every encrypted value
    of every table opened, and every audit detail."""
    found = []
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields:
            continue
        for row in model._default_manager.all():
            text = " ".join(json.dumps(getattr(row, f.attname), default=str, ensure_ascii=False) for f in fields)
            found += [f"{model._meta.label}: {needle}" for needle in NEEDLES if needle in text]
    for record in AuditRecord.objects.exclude(detail=""):
        text = record.decrypted_detail_text()
        found += [f"audit {record.action}: {needle}" for needle in NEEDLES if needle in text]
    return found


def close(case: Case, at: datetime = CLOSED_AT) -> None:
    # Set directly: closing's own rules (a final review, a child's guardian) are tested in cases
    # and children; here only the date of closure matters.
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other", status_changed_at=at)


def statistics_of(case: Case) -> dict:
    return (
        CaseStatistics.objects.filter(case=case).values("opened_month", "sex", "age_band", "nationality", "child").get()
    )


def test_every_record_type_that_holds_data_is_reached_by_the_walk():
    assert unreached() == []


# Committed, so that the raw scan reads what is on disk.
@pytest.mark.django_db(transaction=True)
@override_settings(REINTEGRA_RETENTION_YEARS=7)
def test_retention_anonymises_after_the_period_and_no_identifier_survives(case, worker):
    # The countries' rules come from a data migration, which an earlier committed test may have
    # emptied with the rest of the tables: written again (the seeding skips what exists).
    import_module("reintegra.legal.migrations.0002_seed_country_rules").seed(apps, None)
    seed(case, worker)
    close(case)
    counted = statistics_of(case)
    assert identifiers_held(), "the check below must be able to fail"

    with time_machine.travel(CLOSED_AT + timedelta(days=7 * 365), tick=False):
        early = apply_retention(now=datetime.now(UTC))
    assert early.persons == 0 and identifiers_held()

    with time_machine.travel(CLOSED_AT + timedelta(days=7 * 366), tick=False):
        run = apply_retention(now=datetime.now(UTC))
    assert run.persons == 1 and run.values > 50 and run.audit_details > 0
    assert identifiers_held() == []
    assert raw_hits(NEEDLES) == []
    assert not PersonIndexEntry.objects.filter(person=case.person).exists()
    # The case and its counting categories stay: the figures of the years it was open do not change.
    assert Case.objects.filter(pk=case.pk).exists() and statistics_of(case) == counted
    trace = Anonymisation.objects.get(person=case.person)
    assert trace.reason == AnonymisationReason.RETENTION and trace.by is None
    assert AuditRecord.objects.filter(action=AuditAction.ANONYMISE).count() == 1
    assert verify_chain() == (AuditRecord.objects.count(), None)
    assert Person.objects.get(pk=case.person_id).full_name == "(name removed)"

    with time_machine.travel(CLOSED_AT + timedelta(days=7 * 366 + 1), tick=False):
        again = apply_retention(now=datetime.now(UTC))
    assert again.persons == 0  # nothing twice


@pytest.mark.django_db
def test_a_legal_hold_keeps_the_data_until_it_is_lifted(case, worker, supervisor):
    close(case)
    hold = actions.place_legal_hold(actor=supervisor, case=case, reason="Trial of the recruiters, provincial court")
    later = CLOSED_AT + timedelta(days=8 * 366)
    with time_machine.travel(later, tick=False):
        run = apply_retention(now=datetime.now(UTC))
        assert (run.persons, run.held) == (0, 1)
        assert Person.objects.get(pk=case.person_id).given_name == IDENTIFIERS["given_name"]
        actions.lift_legal_hold(actor=supervisor, hold=hold, lift_reason="Verdict final")
        run = apply_retention(now=datetime.now(UTC))
    assert (run.persons, run.held) == (1, 0)
    assert Person.objects.get(pk=case.person_id).given_name == ""


@pytest.mark.django_db
def test_an_open_case_keeps_the_person_whatever_the_age_of_another(case, worker, supervisor):
    from conftest import person_details
    from reintegra.cases.actions import CaseDetails, register_person_with_case

    close(case)
    # The same person's second case, still open, in the same organisation.
    Case.objects.create(
        organisation=case.organisation,
        person=case.person,
        number="SHELTER-2026-00099",
        opened_on=CLOSED_AT.date(),
        status=CaseStatus.ACTIVE,
        status_changed_at=CLOSED_AT,
        created_by=worker,
    )
    register_person_with_case(actor=worker, person=person_details(given_name="Other"), case=CaseDetails())
    with time_machine.travel(CLOSED_AT + timedelta(days=9 * 366), tick=False):
        assert apply_retention(now=datetime.now(UTC)).persons == 0


@pytest.mark.django_db
def test_the_command_reports_and_a_dry_run_changes_nothing(case, capsys):
    close(case)
    with time_machine.travel(CLOSED_AT + timedelta(days=8 * 366), tick=False):
        call_command("apply_retention", "--dry-run")
        assert "1 persons anonymised" in capsys.readouterr().out
        assert Person.objects.get(pk=case.person_id).given_name == IDENTIFIERS["given_name"]
        call_command("apply_retention")
        assert "Retention: 1 persons anonymised" in capsys.readouterr().out
    assert Person.objects.get(pk=case.person_id).given_name == ""


@pytest.mark.django_db
def test_the_reminder_job_applies_the_rules_on_its_schedule(case):
    from reintegra.notifications.tasks import send_reminders

    close(case)
    with time_machine.travel(CLOSED_AT + timedelta(days=8 * 366), tick=False):
        result = send_reminders.call()
    assert result["retention_persons"] == 1
    assert Anonymisation.objects.filter(person=case.person).exists()


@pytest.mark.django_db
def test_old_complaints_and_search_terms_are_emptied(shelter, worker, as_worker):
    from reintegra.complaints import actions as complaint_actions
    from reintegra.complaints.models import Complaint

    officer = make_user("officer", shelter, "complaints_officer")
    start = datetime(2026, 2, 2, 3, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        complaint = complaint_actions.file_complaint(
            organisation=shelter,
            kind="complaint",
            about="Zephyrine-Quackenbush shouted at me",
            filer_name="Ottoline Vexley",
            contact="+84 912 000 111",
            language="en",
        )
        complaint_actions.answer(actor=officer, complaint=complaint, answer="We spoke to Zephyrine-Quackenbush.")
        complaint_actions.close(actor=officer, complaint=complaint, note="Ottoline agreed.")
        still_open = complaint_actions.file_complaint(
            organisation=shelter, kind="complaint", about="Still waiting, Ottoline", language="en"
        )
        as_worker.post("/cases/search/", {"kind": "name", "value": "Ottoline Vexley"})
    searched = AuditRecord.objects.filter(kind="search").exclude(detail="")
    assert searched.exists()

    with time_machine.travel(start + timedelta(days=3 * 366), tick=False):
        run = apply_retention(now=datetime.now(UTC))
    assert run.complaints == 1 and run.search_terms >= 1
    cleared = Complaint.objects.get(pk=complaint.pk)
    assert (cleared.about, cleared.filer_name, cleared.contact, cleared.answer) == ("", "", "", "")
    assert cleared.cleared_at is not None and cleared.received_at == complaint.received_at
    assert all(event.note == "" for event in cleared.events.all())
    # An open complaint is kept, whatever its age.
    assert Complaint.objects.get(pk=still_open.pk).about == "Still waiting, Ottoline"
    assert not AuditRecord.objects.filter(kind="search").exclude(detail="").exists()
    assert verify_chain()[1] is None


@pytest.mark.django_db
def test_imported_files_are_emptied_whatever_became_of_them(shelter, supervisor):
    from reintegra.exchange.models import ImportBatch

    start = datetime(2026, 2, 2, 3, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        batch = ImportBatch.objects.create(
            organisation=shelter,
            uploaded_by=supervisor,
            filename="nguyen_thi_lan_and_others.csv",
            content="cHJzX0ZpcnN0TmFtZQo=",
            sha256="0" * 64,
            report={"duplicates": ["Nguyen Thi Lan"]},
        )
    with time_machine.travel(start + timedelta(days=60), tick=False):
        assert apply_retention(now=datetime.now(UTC)).import_reports == 0
    with time_machine.travel(start + timedelta(days=91), tick=False):
        assert apply_retention(now=datetime.now(UTC)).import_reports == 1
    batch = ImportBatch.objects.get(pk=batch.pk)
    assert (batch.filename, batch.content, batch.report) == ("", "", {})
