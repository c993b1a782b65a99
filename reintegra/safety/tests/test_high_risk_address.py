"""A high-risk case's current address never reaches anyone outside its team: not on a screen, not
through the API, not in an export, not in a search result (issue 15, SAF-F-05). The team reads it.

The case is registered with a distinctive address and referred to a clinic whose provider is
shared the person's identity; then a police security assessment finds the risk high."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import get_resolver
from django.utils import timezone

from conftest import body_of, person_details, signed_in
from reintegra.access.scope import case_scope
from reintegra.access.sections import Section
from reintegra.accounts.models import ApiToken
from reintegra.api import api
from reintegra.cases import actions as case_actions
from reintegra.cases.models import Case
from reintegra.exchange.actions import _shared_content
from reintegra.referrals import actions as referral_actions
from reintegra.safety.actions import record_risk_assessment
from tests.test_url_access import OUR_PLAIN_KWARGS, is_ours, walk

pytestmark = pytest.mark.django_db

ADDRESS = "Room 3, 41 Quenchwater Alley, Thủy Nguyên"
ADDRESS_PARTS = ["Quenchwater", "41 Quenchwater"]
OUTSIDERS = ["manager_elsewhere", "outsider", "coordinator", "analyst", "teammate", "admin", "clinic_provider"]


def fill(template: str, case: Case, referral_id: int) -> str:
    """A URL pattern or API path with the case and its referral filled in; any other record's
    id names nothing (the walk of tests/test_url_access.py covers those records)."""
    known = {"case_id": str(case.pk), "referral_id": str(referral_id), **OUR_PLAIN_KWARGS}

    def value(match: re.Match[str]) -> str:
        return known.get(match.group(1), "999999")

    url = re.sub(r"<(?:\w+:)?(\w+)>", value, template)
    url = re.sub(r"\{(?:\w+:)?(\w+)\}", value, url)
    return ("" if url.startswith("/") else "/") + url


def refer_sharing_identity(worker, case: Case, service) -> int:
    """A referral to the clinic that shares the person's identity, agreed to and sent."""
    referral = referral_actions.propose_referral(
        actor=worker, case=case, service=service, area="MED", reason="A check-up", sections=["summary", "identity"]
    )
    today = timezone.localdate()
    referral_actions.record_sharing_consent(
        actor=worker,
        referral=referral,
        status="given",
        decided_on=today,
        information_given="The clinic sees the person's name and the case number",
        language="vi",
        given_by="self",
        understood=True,
        review_on=today + timedelta(days=180),
    )
    return referral_actions.send_referral(actor=worker, side="sender", referral=referral).pk


def make_high_risk(worker, case: Case) -> None:
    record_risk_assessment(
        actor=worker,
        case=case,
        kind="police",
        assessed_on=timezone.localdate(),
        assessed_by="Provincial anti-trafficking police",
        traffickers="high",
        community="medium",
        family="low",
        own_sense="high",
        level="high",
        next_review_on=timezone.localdate() + timedelta(days=30),
    )


@pytest.fixture
def high_risk(worker, supervisor, service) -> tuple[Case, int]:
    case = case_actions.register_person_with_case(
        actor=worker,
        person=person_details(addresses=[ADDRESS]),
        case=case_actions.CaseDetails(origin_countries=["VN"]),
        supervisor=supervisor,
    )
    referral_id = refer_sharing_identity(worker, case, service)
    make_high_risk(worker, case)
    case.refresh_from_db()
    assert case.risk_level == "high" and case.restricted
    return case, referral_id


def holds_address(content: bytes | str) -> bool:
    text = content.decode(errors="replace") if isinstance(content, bytes) else content
    return any(part in text for part in ADDRESS_PARTS)


def every_page(case: Case, referral_id: int) -> list[str]:
    return [
        fill(template, case, referral_id) for template, pattern in walk(get_resolver().url_patterns) if is_ours(pattern)
    ]


def every_api_read(case: Case, referral_id: int) -> list[str]:
    return [
        fill(path, case, referral_id) for path, methods in api.get_openapi_schema()["paths"].items() if "get" in methods
    ]


def searches(client, case: Case) -> list[Any]:
    return [
        client.post("/cases/search/", {"kind": kind, "value": value})
        for kind, value in (
            ("name", person_details().given_name),
            ("phone", person_details().phones[0]),
            ("number", case.number),
            ("birth_date", "2001-02-28"),
        )
    ]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_no_screen_api_answer_or_search_outside_the_team_holds_the_address(request, persona, high_risk):
    case, referral_id = high_risk
    user = request.getfixturevalue(persona)
    client = signed_in(user)
    for url in every_page(case, referral_id):
        response = client.get(url)
        assert not holds_address(body_of(response)), f"{persona} read the address at {url}"
    for response in searches(client, case):
        assert not holds_address(body_of(response)), f"{persona} found the address by searching"
    _token, secret = ApiToken.issue(user, "walk")
    for path in every_api_read(case, referral_id):
        response = client.get(path, headers={"Authorization": f"Bearer {secret}"})
        assert not holds_address(body_of(response)), f"{persona} read the address at {path}"


def test_the_receiving_provider_still_reads_the_shared_name_but_not_the_address(clinic_provider, high_risk):
    case, _referral_id = high_risk
    client = signed_in(clinic_provider)
    detail = client.get(f"/cases/{case.pk}/")
    assert detail.status_code == 200
    assert person_details().given_name in detail.content.decode()  # identity is shared...
    assert not holds_address(detail.content)  # ...the address is not
    _token, secret = ApiToken.issue(clinic_provider, "walk")
    body = client.get(f"/api/v1/cases/{case.pk}", headers={"Authorization": f"Bearer {secret}"}).json()
    assert body["person"]["given_name"] == person_details().given_name
    assert body["person"]["addresses"] is None


def test_before_the_risk_is_high_the_provider_shared_identity_reads_the_address(
    worker, supervisor, service, clinic_provider
):
    case = case_actions.register_person_with_case(
        actor=worker, person=person_details(addresses=[ADDRESS]), case=case_actions.CaseDetails(), supervisor=supervisor
    )
    refer_sharing_identity(worker, case, service)
    client = signed_in(clinic_provider)
    assert holds_address(client.get(f"/cases/{case.pk}/").content)
    make_high_risk(worker, case)
    assert not holds_address(client.get(f"/cases/{case.pk}/").content)


def test_the_team_reads_it_on_the_case_the_person_form_and_the_api(worker, supervisor, high_risk):
    case, _referral_id = high_risk
    for member in (worker, supervisor):
        client = signed_in(member)
        detail = client.get(f"/cases/{case.pk}/").content.decode()
        assert ADDRESS in detail and 'id="high-risk-banner"' in detail
        assert ADDRESS in client.get(f"/cases/{case.pk}/person/").content.decode()
        _token, secret = ApiToken.issue(member, "walk")
        body = client.get(f"/api/v1/cases/{case.pk}", headers={"Authorization": f"Bearer {secret}"}).json()
        assert body["person"]["addresses"] == [ADDRESS]


def test_no_export_carries_the_address_even_for_the_team(worker, high_risk):
    case, _referral_id = high_risk
    # A referral package to a partner installation: what it would carry of this case.
    scope = case_scope(worker, case.pk, sections=(Section.SUMMARY, Section.IDENTITY, Section.LOCATION))
    assert not holds_address(repr(_shared_content(scope)))
    # The printable plan, for the person to keep.
    client = signed_in(worker)
    response = client.get(f"/cases/{case.pk}/plan/print/")
    assert not holds_address(response.content)


def test_the_access_log_names_the_location_only_where_it_was_shown(worker, clinic_provider, high_risk):
    from reintegra.audit.models import AuditKind, AuditRecord

    case, _referral_id = high_risk
    signed_in(worker).get(f"/cases/{case.pk}/")
    signed_in(clinic_provider).get(f"/cases/{case.pk}/")
    reads = AuditRecord.objects.filter(case_id=case.pk, kind=AuditKind.ACCESS).order_by("pk")
    by_actor = {record.actor_id: record.section for record in reads}
    assert Section.LOCATION in by_actor[worker.pk].split(",")
    assert Section.LOCATION not in by_actor[clinic_provider.pk].split(",")


def test_the_person_form_without_the_location_neither_shows_nor_drops_the_address(worker, high_risk, monkeypatch):
    """Nobody outside the team can open the form today (a high-risk case is restricted, and a
    provider only reads); should that change, the form still keeps the address as it is."""
    from reintegra.cases import access as case_access

    case, _referral_id = high_risk
    real = case_access.get_case_for_user

    def without_location(*args: Any, **kwargs: Any) -> Case:
        found = real(*args, **kwargs)
        found.visible_sections = found.visible_sections - {Section.LOCATION}
        return found

    monkeypatch.setattr(case_access, "get_case_for_user", without_location)
    client = signed_in(worker)
    form = client.get(f"/cases/{case.pk}/person/").content.decode()
    assert not holds_address(form) and "person-addresses" not in form
    response = client.post(
        f"/cases/{case.pk}/person/",
        {"person-given_name": "Renamed", "person-addresses": "Somewhere else entirely", "person-nationalities": "VN"},
    )
    assert response.status_code == 302
    case.person.refresh_from_db()
    assert case.person.given_name == "Renamed" and case.person.addresses == [ADDRESS]


def test_the_database_refuses_a_high_risk_case_that_is_not_restricted(high_risk):
    from django.db import IntegrityError, transaction

    case, _referral_id = high_risk
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(restricted=False)
