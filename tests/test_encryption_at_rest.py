"""Distinctive identifiers, in Latin and non-Latin scripts, must appear nowhere in the raw
database: not in the SQLite file's bytes, not in any text, JSON or bytea column of PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from conftest import make_user, record_final_review
from reintegra.accounts.models import Role
from reintegra.assessments.access import assessments_scope
from reintegra.assessments.actions import record_area, record_views, start_assessment
from reintegra.cases import actions
from reintegra.family.actions import MemberDetails, add_family_member, record_family_need, update_family_member
from reintegra.orgs.models import Organisation

NEEDLES = [
    "Wojciechowskaya",
    "Thandiwe-Qorvalis",
    "สมศรีทดสอบ",  # Thai
    "Нестерович",  # Cyrillic
    "阮氏测试",  # Chinese
    "919-555-0173",
    "9195550173",
    "PX44110923",
    "cardamom warehouse near the tram depot",
    "Lotus Kiosk",
    "Marzipan-Tailoring-Cooperative",
    "ยายของฉันเลี้ยงไก่",  # Thai: the person's own words
    "Quillborough-Nakamatsu",  # a family member
    "Uncle-Brannigan-Debt",
    "Orthodontic-Zebra-Fees",
]


def register_distinctive_people() -> None:
    org = Organisation.objects.create(name="Scan Org", code="scan", org_type="NGO", country="VN")
    worker = make_user("scanner", org, Role.CASE_WORKER)
    case = actions.register_person_with_case(
        actor=worker,
        person=actions.PersonDetails(
            given_name="Wojciechowskaya",
            family_name="Thandiwe-Qorvalis",
            other_names=["สมศรีทดสอบ", "Нестерович", "阮氏测试"],
            birth_date=date(1999, 12, 31),
            phones=["919-555-0173"],
            identity_documents=[{"type": "passport", "number": "PX44110923"}],
            addresses=["Lotus Kiosk, Old Quarter"],
            notes="Hides in the cardamom warehouse near the tram depot",
        ),
        case=actions.CaseDetails(),
    )
    # Changes put old and new values into the history, which must be encrypted too.
    details = actions.PersonDetails(given_name="Wojciechowskaya", family_name="Changed", notes="Lotus Kiosk again")
    actions.update_person(actor=worker, case=case, details=details)
    # Needs assessment answers and the person's own words.
    start_assessment(actor=worker, case=case, assessed_on=date(2026, 1, 5), reason="first")
    assessment = assessments_scope(worker, case.pk, write=True).assessment(1)
    record_area(
        actor=worker,
        assessment=assessment,
        area_code="ECO",
        values={"skills_and_aspirations": "Marzipan-Tailoring-Cooperative", "has_debt": True},
        observed_on=date(2026, 1, 5),
        source="self_report",
    )
    record_views(
        actor=worker, assessment=assessment, person_priorities="", person_words="ยายของฉันเลี้ยงไก่", worker_view=""
    )
    member = add_family_member(
        actor=worker,
        case=case,
        details=MemberDetails(
            given_name="Quillborough-Nakamatsu", relationship="child", concerns="Uncle-Brannigan-Debt"
        ),
    )
    record_family_need(
        actor=worker, member=member, area="EDU", description="Orthodontic-Zebra-Fees", noted_on=date(2026, 1, 5)
    )
    update_family_member(
        actor=worker, member=member, dependant=True, lives_with_person=True, safe_to_contact=False, concerns=""
    )
    record_final_review(worker, case)
    actions.change_status(actor=worker, case=case, to_status="closed", closure_reason="other", note="Lotus Kiosk")


def sqlite_hits(needles: list[str] = NEEDLES) -> list[str]:
    path = Path(connection.settings_dict["NAME"])
    blobs = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert len(blobs) > 10_000
    return [needle for needle in needles if needle.encode() in blobs or needle.encode("utf-16-le") in blobs]


def postgresql_hits(needles: list[str] = NEEDLES) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')"
        )
        columns = cursor.fetchall()
        assert columns
        for table, column, data_type in columns:
            for needle in needles:
                if data_type == "bytea":
                    condition = f"position(convert_to(%s, 'UTF8') in \"{column}\") > 0"
                else:
                    condition = f"\"{column}\"::text LIKE '%%' || %s || '%%'"
                cursor.execute(f'SELECT count(*) FROM "{table}" WHERE {condition}', [needle])
                if cursor.fetchone()[0]:
                    hits.append(f"{table}.{column}: {needle}")
    return hits


@pytest.mark.django_db(transaction=True)
def test_identifiers_never_reach_the_database_in_clear():
    register_distinctive_people()
    assert raw_hits(NEEDLES) == []


def raw_hits(needles: list[str]) -> list[str]:
    """The needles found in clear anywhere in the raw database. Data must be committed: the test
    runs with transaction=True."""
    if connection.vendor == "sqlite":
        return sqlite_hits(needles)
    assert connection.vendor == "postgresql"
    return postgresql_hits(needles)


@pytest.mark.django_db(transaction=True)
def test_the_scan_would_find_clear_text():
    """Guards the test above: the same scan does find a value stored without encryption."""
    Organisation.objects.create(name="Wojciechowskaya Org", code="plain", org_type="NGO", country="VN")
    hits = sqlite_hits() if connection.vendor == "sqlite" else postgresql_hits()
    assert any("Wojciechowskaya" in hit for hit in hits)


def test_every_model_with_encrypted_fields_binds_them_to_its_records():
    """A model that forgot EncryptedModel would fail on its first save; one whose default
    manager forgot EncryptedQuerySet would fail only in bulk_create, as the demo loader uses it."""
    from django.apps import apps

    from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, encrypted_fields

    models_with_encrypted_fields = [model for model in apps.get_models() if encrypted_fields(model)]
    assert len(models_with_encrypted_fields) >= 19
    for model in models_with_encrypted_fields:
        assert issubclass(model, EncryptedModel), model
        assert isinstance(model._default_manager.all(), EncryptedQuerySet), model
