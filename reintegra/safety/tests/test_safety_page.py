"""The safety page and its API through HTTP, as the personas see them."""

from __future__ import annotations

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import signed_in
from reintegra.accounts.models import ApiToken
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases.models import Case
from reintegra.safety.models import PersonOfConcern, ReassessmentTrigger, RiskAssessment, SafetyPlan

pytestmark = pytest.mark.django_db

TODAY = "2026-12-23 03:00Z"  # 10:00 in Ho Chi Minh City


def url(case) -> str:
    return f"/cases/{case.pk}/safety/"


def assessment(**values) -> dict[str, str]:
    data = {
        "kind": "team",
        "assessed_on": "2026-12-20",
        "assessed_by": "Case worker with the person",
        "traffickers": "medium",
        "community": "low",
        "family": "not_assessed",
        "own_sense": "medium",
        "level": "medium",
        "notes": "",
        "next_review_on": "2027-03-20",
    }
    data.update(values)
    return data


def refreshed(case) -> Case:
    return Case.objects.get(pk=case.pk)


@time_machine.travel(TODAY, tick=False)
def test_assessments_stand_side_by_side_and_the_highest_latest_gives_the_level(worker, case):
    client = signed_in(worker)
    assert client.post(url(case), assessment()).status_code == 302
    assert refreshed(case).risk_level == "medium"
    assert client.post(url(case), assessment(kind="family", level="low", assessed_by="Family visit")).status_code == 302
    # The team's latest is medium, the family's low: the case is medium.
    assert refreshed(case).risk_level == "medium"
    # A newer team assessment lowers it: only the latest of each kind counts.
    assert client.post(url(case), assessment(assessed_on="2026-12-22", level="low")).status_code == 302
    assert refreshed(case).risk_level == "low"
    page = client.get(url(case)).content.decode()
    assert 'id="latest-team"' in page and 'id="latest-family"' in page
    assert "Family visit" in page and "2026-12-22" in page and "2026-12-20" in page
    assert RiskAssessment.objects.filter(case=case).count() == 3
    assert AuditRecord.objects.filter(case=case, action=AuditAction.RECORD_RISK_ASSESSMENT).count() == 3
    assert AuditRecord.objects.filter(case=case, action=AuditAction.VIEW_SAFETY).exists()


@time_machine.travel(TODAY, tick=False)
def test_high_risk_restricts_the_case_marks_it_at_risk_and_says_so(worker, case, supervisor):
    client = signed_in(worker)
    assert not case.restricted
    response = client.post(url(case), assessment(kind="police", level="high", assessed_by="Provincial police unit"))
    assert response.status_code == 302
    case = refreshed(case)
    assert (case.risk_level, case.restricted, case.at_risk) == ("high", True, True)
    record = AuditRecord.objects.get(case=case, action=AuditAction.RECORD_RISK_ASSESSMENT)
    detail = record.decrypted_detail()
    assert detail["case_restricted"] == {"old": False, "new": True}
    assert detail["case_at_risk"] == {"old": False, "new": True}
    assert detail["case_risk_level"] == {"old": "", "new": "high"}
    for path in (f"/cases/{case.pk}/", url(case)):
        assert 'id="high-risk-banner"' in client.get(path).content.decode()

    # A later, lower assessment lowers the level but lifts nothing by itself.
    assert client.post(url(case), assessment(kind="police", level="low", assessed_on="2026-12-22")).status_code == 302
    case = refreshed(case)
    assert (case.risk_level, case.restricted, case.at_risk) == ("low", True, True)
    assert 'id="high-risk-banner"' not in client.get(url(case)).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_case_form_refuses_to_unrestrict_a_high_risk_case(worker, case):
    client = signed_in(worker)
    client.post(url(case), assessment(level="high"))
    edit = f"/cases/{case.pk}/edit/"
    response = client.post(edit, {"case-identification_status": "not_identified", "case-at_risk": "on"})
    assert response.status_code == 200
    assert "only its team may open it" in response.content.decode()
    assert refreshed(case).restricted
    # Once a person has lowered the level with a new assessment, the restriction may be lifted.
    client.post(url(case), assessment(level="medium", assessed_on="2026-12-22"))
    response = client.post(edit, {"case-identification_status": "not_identified", "case-at_risk": "on"})
    assert response.status_code == 302
    assert not refreshed(case).restricted


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"level": ""}, "This field is required"),
        ({"assessed_on": "2027-01-10"}, "cannot be in the future"),
        ({"next_review_on": "2026-12-19"}, "comes after the assessment"),
        ({"assessed_by": ""}, "This field is required"),
        ({"traffickers": "extreme"}, "Select a valid choice"),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_bad_assessments_are_explained_and_change_nothing(worker, case, values, message):
    response = signed_in(worker).post(url(case), assessment(**values))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not RiskAssessment.objects.exists()
    assert refreshed(case).risk_level == ""


@time_machine.travel(TODAY, tick=False)
def test_the_safety_plan_keeps_every_version_and_police_needs_the_persons_agreement(worker, case):
    client = signed_in(worker)
    plan_url = f"/cases/{case.pk}/safety/plan/"
    first = {
        "plan-measures": "Stays at the shelter; never alone at the market",
        "plan-emergency_contacts": "Aunt Hoa, 0912 345 678",
    }
    assert client.post(plan_url, first).status_code == 302
    refused = client.post(plan_url, {**first, "plan-police_contact": "Officer Tran, station 4"})
    assert refused.status_code == 200 and "has agreed to it" in refused.content.decode()
    bad_phone = client.post(plan_url, {**first, "plan-emergency_contacts": "Aunt Hoa, 12"})
    assert bad_phone.status_code == 200 and "not a phone number we recognise" in bad_phone.content.decode()
    no_comma = client.post(plan_url, {**first, "plan-emergency_contacts": "Aunt Hoa 0912345678"})
    assert no_comma.status_code == 200 and "a name, a comma" in no_comma.content.decode()
    second = {
        **first,
        "plan-code_words": "“The blue umbrella” means come now",
        "plan-person_agreed_to_police": "on",
        "plan-police_contact": "Officer Tran, station 4",
    }
    assert client.post(plan_url, second).status_code == 302
    plans = list(SafetyPlan.objects.filter(case=case).order_by("version"))
    assert [plan.version for plan in plans] == [1, 2]
    assert plans[0].emergency_contacts == [{"name": "Aunt Hoa", "phone": "+84 912 345 678"}]
    assert plans[1].police_coordination and plans[1].person_agreed_to_police
    page = client.get(url(case)).content.decode()
    assert "Officer Tran, station 4" in page and 'id="earlier-plans"' in page
    assert AuditRecord.objects.filter(case=case, action=AuditAction.UPDATE_SAFETY_PLAN).count() == 2


@time_machine.travel(TODAY, tick=False)
def test_persons_of_concern_are_listed_for_the_team_only(worker, case, request):
    client = signed_in(worker)
    response = client.post(
        f"/cases/{case.pk}/safety/persons-of-concern/",
        {
            "concern-name": "Uncle Bảo Quillfeather",
            "concern-relationship": "relative",
            "concern-whereabouts": "Home village",
        },
    )
    assert response.status_code == 302
    assert "Uncle Bảo Quillfeather" in client.get(url(case)).content.decode()
    assert PersonOfConcern.objects.get().recorded_by == worker
    for persona in ("as_teammate", "as_manager_elsewhere", "as_outsider"):
        other = request.getfixturevalue(persona)
        assert other.get(url(case)).status_code == 404
        assert "Quillfeather" not in other.get(f"/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("persona", ["as_teammate", "as_manager_elsewhere", "as_outsider", "as_supervisor"])
@time_machine.travel(TODAY, tick=False)
def test_outside_the_team_nothing_is_read_or_written(request, persona, case):
    client = request.getfixturevalue(persona)
    if persona == "as_supervisor":
        # The case's own supervisor is counted on its team (cases.access), and opens the page.
        assert client.get(url(case)).status_code == 200
        return
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), assessment(level="high")).status_code == 404
    assert (
        client.post(
            f"/cases/{case.pk}/safety/triggers/", {"trigger-kind": "threat", "trigger-on": "2026-12-20"}
        ).status_code
        == 404
    )
    assert not RiskAssessment.objects.exists() and not ReassessmentTrigger.objects.exists()
    assert not refreshed(case).restricted


def test_a_trigger_or_a_review_date_makes_a_reassessment_due_until_one_is_recorded(worker, case):
    with time_machine.travel("2026-12-01 03:00Z", tick=False):
        client = signed_in(worker)
        client.post(url(case), assessment(assessed_on="2026-12-01", next_review_on="2027-02-01"))
        # A court date ahead: coming, not yet due.
        client.post(f"/cases/{case.pk}/safety/triggers/", {"trigger-kind": "court_date", "trigger-on": "2026-12-15"})
        page = client.get(url(case)).content.decode()
        assert 'id="reassessment-due"' not in page and 'id="reassessment-coming"' in page
    with time_machine.travel("2026-12-16 03:00Z", tick=False):
        client = signed_in(worker)
        page = client.get(url(case)).content.decode()
        assert 'id="reassessment-due"' in page and "Court date on 2026-12-15" in page
        # An assessment dated on or after the trigger settles it.
        client.post(url(case), assessment(assessed_on="2026-12-16", next_review_on="2027-01-10"))
        assert 'id="reassessment-due"' not in client.get(url(case)).content.decode()
    with time_machine.travel("2027-01-11 03:00Z", tick=False):
        page = signed_in(worker).get(url(case)).content.decode()
        assert 'id="reassessment-due"' in page and "reassessed by 2027-01-10" in page


def test_a_hearing_to_come_calls_for_a_reassessment_a_week_before_it(worker, case):
    from datetime import date

    from reintegra.legal.actions import open_proceeding, record_event

    with time_machine.travel("2026-12-01 03:00Z", tick=False):
        client = signed_in(worker)
        client.post(url(case), assessment(assessed_on="2026-12-01", next_review_on="2027-06-01"))
        proceeding = open_proceeding(
            actor=worker, case=case, kind="criminal", role="victim_witness", opened_on=date(2026, 11, 1), currency="VND"
        )
        record_event(actor=worker, proceeding=proceeding, kind="hearing", on=date(2026, 12, 20))
        page = client.get(url(case)).content.decode()
        assert 'id="reassessment-due"' not in page and "A hearing on 2026-12-20" in page
    with time_machine.travel("2026-12-14 03:00Z", tick=False):
        client = signed_in(worker)
        page = client.get(url(case)).content.decode()
        assert 'id="reassessment-due"' in page and "A hearing on 2026-12-20" in page
        client.post(url(case), assessment(assessed_on="2026-12-14", next_review_on="2027-06-01"))
        assert "A hearing on 2026-12-20" not in client.get(url(case)).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_page_costs_the_same_for_one_assessment_or_eight(worker, case):
    client = signed_in(worker)
    client.post(url(case), assessment())
    client.post(f"/cases/{case.pk}/safety/plan/", {"plan-measures": "Shelter"})
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(case)).status_code == 200
    for day, kind in [(d, k) for d in ("2026-12-01", "2026-12-02") for k in ("team", "family", "community", "police")][
        :7
    ]:
        client.post(url(case), assessment(assessed_on=day, kind=kind, assessed_by=f"Assessor {kind} {day}"))
    client.post(f"/cases/{case.pk}/safety/plan/", {"plan-measures": "Shelter, escorted"})
    with CaptureQueriesContext(connection) as eight:
        page = client.get(url(case)).content.decode()
    assert RiskAssessment.objects.filter(case=case).count() == 8
    assert "Assessor community 2026-12-02" in page and "Assessor team 2026-12-01" in page
    assert len(one) == len(eight) > 0


def api(client_token, method, path, body=None):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {client_token}"}
    if method == "get":
        return client.get(path, **headers)
    return client.post(path, body, content_type="application/json", **headers)


@time_machine.travel(TODAY, tick=False)
def test_the_api_records_and_reads_what_the_page_does_and_refuses_the_same(worker, outsider, case):
    _token, secret = ApiToken.issue(worker, "test")
    base = f"/api/v1/cases/{case.pk}/safety"
    response = api(secret, "post", f"{base}/assessments", {**assessment(level="high"), "notes": "Threat by phone"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["risk_level"] == "high" and body["latest"][0]["notes"] == "Threat by phone"
    assert refreshed(case).restricted
    refused = api(secret, "post", f"{base}/plan", {"police_contact": "Officer Tran"})
    assert refused.status_code == 422 and "person_agreed_to_police" in refused.json()["fields"]
    bad = api(secret, "post", f"{base}/plan", {"emergency_contacts": [{"name": "Aunt", "phone": "12"}]})
    assert bad.status_code == 422
    ok = api(
        secret,
        "post",
        f"{base}/plan",
        {"emergency_contacts": [{"name": "Aunt Hoa", "phone": "+84912345678"}], "code_words": "blue umbrella"},
    )
    assert ok.status_code == 201 and ok.json()["plan"]["version"] == 1
    assert (
        api(secret, "post", f"{base}/persons-of-concern", {"name": "Mr X", "relationship": "trafficker"}).status_code
        == 201
    )
    assert api(secret, "post", f"{base}/triggers", {"kind": "threat", "on": "2026-12-22"}).status_code == 201
    read = api(secret, "get", base).json()
    assert read["reassessment_due"][0]["key"].startswith("trigger:")
    assert read["persons_of_concern"][0]["name"] == "Mr X"
    assert api(secret, "post", f"{base}/assessments", assessment(next_review_on="2026-12-01")).status_code == 422
    _t, other = ApiToken.issue(outsider, "test")
    assert api(other, "get", base).status_code == 404
    assert api(other, "post", f"{base}/assessments", assessment()).status_code == 404
