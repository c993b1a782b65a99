"""The self-assessment against the guidebook's standards: the catalogue, rating through the
screens and the API, who reaches it, and the live indicators."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, person_details, signed_in
from reintegra.accounts.models import Role
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases import actions as case_actions
from reintegra.complaints import actions as complaint_actions
from reintegra.plans.actions import create_plan
from reintegra.quality import actions
from reintegra.quality.catalogue import CATALOGUE, ITEMS_BY_CODE
from reintegra.quality.indicators import INDICATOR_ITEMS, indicators_for
from reintegra.quality.models import Rating
from reintegra.supervision.actions import add_note

pytestmark = pytest.mark.django_db

# The guidebook's checklists, area by area (domain notes: service-areas.md and outcomes.md).
EXPECTED_PER_AREA = {
    "HOU": 10,
    "MED": 21,
    "PSY": 23,
    "EDU": 12,
    "ECO": 11,
    "ADM": 10,
    "LEG": 22,
    "SAF": 11,
    "FAM": 13,
    "CAS": 15,
    "GEN": 29,
}
TODAY = date(2026, 6, 15)


def test_the_catalogue_holds_every_checklist_item_once():
    codes = [item.code for item in CATALOGUE]
    assert len(codes) == len(set(codes)) == 177
    for area, count in EXPECTED_PER_AREA.items():
        numbered = sorted(item.code for item in CATALOGUE if item.area == area)
        assert len(numbered) == count, area
    assert all(re.fullmatch(r"[A-Z]{3}-[PCA]-\d{2}", code) for code in codes)
    assert all(str(item.title).strip() and str(item.text).strip() for item in CATALOGUE)
    # Every indicator measures items that exist.
    assert {code for codes in INDICATOR_ITEMS.values() for code in codes} <= set(ITEMS_BY_CODE)


def rate(client, code="CAS-P-05", **change):
    data = {"level": "partly", "evidence": "Each case names a worker.", "improvement": "Monthly supervision.", **change}
    return client.post(reverse("quality:standard", args=[code]), data)


def test_a_supervisor_rates_a_standard_and_the_history_is_kept(supervisor):
    client = signed_in(supervisor)
    assert rate(client).status_code == 302
    assert (
        rate(client, level="in_place", evidence="Supervision every month since May.", improvement="").status_code == 302
    )
    ratings = list(Rating.objects.filter(code="CAS-P-05"))
    assert [r.level for r in ratings] == ["in_place", "partly"]
    page = client.get(reverse("quality:standard", args=["CAS-P-05"])).content.decode()
    # Both ratings read back, the latest first, and the form starts from the latest.
    assert page.index("Supervision every month since May.") < page.index("Monthly supervision.")
    assert 'value="in_place" checked' in page or 'value="in_place"\n' in page or "checked" in page
    assert AuditRecord.objects.filter(action=AuditAction.RATE_STANDARD, actor=supervisor).count() == 2
    overview = client.get(reverse("quality:overview")).content.decode()
    assert "1 of 177 standards rated so far." in overview


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"level": "in_place", "evidence": ""}, "Say what shows that it is in place"),
        ({"level": "not_applicable", "evidence": ""}, "Say why this standard does not apply"),
        ({"level": "not_yet", "improvement": ""}, "Say what you will do to meet this standard."),
        ({"level": "sideways"}, "Select a valid choice"),
        ({"level": "in_place", "improve_by": "2026-09-01"}, "goes with a rating of partly or not yet"),
    ],
)
def test_a_rating_without_what_it_needs_is_refused_and_changes_nothing(supervisor, change, field_message):
    response = rate(signed_in(supervisor), **change)
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert not Rating.objects.exists()


def test_an_improvement_date_in_the_past_is_refused(supervisor):
    with time_machine.travel(TODAY, tick=False):
        response = rate(signed_in(supervisor), improve_by="2026-06-14")
    assert "This date has passed" in response.content.decode()
    assert not Rating.objects.exists()


def test_an_unknown_standard_answers_404(supervisor):
    client = signed_in(supervisor)
    assert client.get(reverse("quality:standard", args=["ZZZ-P-01"])).status_code == 404
    assert rate(client, code="HOU-P-99").status_code == 404


def test_only_the_organisations_supervisors_and_administrators_reach_it(worker, analyst, admin, supervisor, outsider):
    for user in (worker, analyst, make_user("officer", supervisor.organisation, Role.COMPLAINTS_OFFICER)):
        client = signed_in(user)
        assert client.get(reverse("quality:overview")).status_code == 404
        assert rate(client).status_code == 404
    assert signed_in(admin).get(reverse("quality:overview")).status_code == 200
    rate(signed_in(supervisor), evidence="Shelter's own evidence")
    # A supervisor of another organisation has an assessment of their own, empty here.
    page = signed_in(outsider).get(reverse("quality:standard", args=["CAS-P-05"])).content.decode()
    assert "Shelter&#x27;s own evidence" not in page and "Shelter's own evidence" not in page
    assert "Not rated yet." in page


def test_the_overview_costs_the_same_whatever_is_rated(supervisor):
    client = signed_in(supervisor)
    client.get(reverse("quality:overview"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("quality:overview")).status_code == 200
    for code in list(ITEMS_BY_CODE)[:30]:
        actions.rate_standard(actor=supervisor, code=code, level="not_yet", improvement="Plan it.")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("quality:overview")).status_code == 200
    assert len(many) == len(few)


def test_the_indicators_count_the_open_cases(worker, teammate, supervisor, shelter):
    with time_machine.travel(TODAY, tick=False):
        cases = [
            case_actions.register_person_with_case(
                actor=worker,
                person=person_details(given_name=f"Person {n}", phones=[], identity_documents=[]),
                case=case_actions.CaseDetails(exploitation_types=["ForcedLabour"]),
                supervisor=supervisor,
            )
            for n in range(4)
        ]
        create_plan(actor=worker, case=cases[0], review_on=TODAY + timedelta(days=90))
        create_plan(actor=worker, case=cases[1], review_on=TODAY + timedelta(days=90))
        add_note(actor=supervisor, case=cases[0], written_on=TODAY - timedelta(days=10), text="Discussed.")
        add_note(actor=supervisor, case=cases[2], written_on=TODAY - timedelta(days=120), text="Long ago.")
        complaint_actions.file_complaint(organisation=shelter, kind="complaint", about="Late.", language="en")
        found = indicators_for(shelter, TODAY)
    assert (found["plan"].met, found["plan"].out_of, found["plan"].percent) == (2, 4, 50)
    assert (found["supervised"].met, found["supervised"].out_of) == (1, 4)
    assert (found["case_manager"].met, found["case_manager"].out_of) == (4, 4)
    # The complaint is still within its time to answer: it counts neither way yet.
    assert (found["complaints_in_time"].met, found["complaints_in_time"].out_of) == (0, 0)
    # A hundred days on, the complaint is past its answer date unanswered and the note is old.
    with time_machine.travel(TODAY + timedelta(days=100), tick=False):
        late = indicators_for(shelter, TODAY + timedelta(days=100))
    assert (late["complaints_in_time"].met, late["complaints_in_time"].out_of) == (0, 1)
    assert late["supervised"].met == 0


def test_the_api_lists_rates_and_measures(supervisor, outsider):
    from reintegra.accounts.actions import issue_api_token

    token = issue_api_token(actor=supervisor, label="quality", scope="read_write", days=30)[1]
    headers = {"Authorization": f"Bearer {token}"}
    client = signed_in(supervisor)
    listed = client.get("/api/v1/quality/standards?page_size=200", headers=headers).json()
    assert listed["count"] == 177 and listed["items"][0]["rating"] is None
    response = client.post(
        "/api/v1/quality/standards/GEN-P-15/ratings",
        {"level": "not_yet", "improvement": "Put up the complaints page address in the shelter."},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201
    assert response["Location"] == "/api/v1/quality/standards/GEN-P-15"
    assert response.json()["rating"]["level"] == "not_yet"
    refused = client.post(
        "/api/v1/quality/standards/GEN-P-15/ratings",
        {"level": "in_place"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 422 and Rating.objects.count() == 1
    indicators = client.get("/api/v1/quality/indicators", headers=headers).json()["indicators"]
    assert {i["key"] for i in indicators} == set(INDICATOR_ITEMS)
    outsider_token = issue_api_token(actor=outsider, label="q", scope="read", days=30)[1]
    theirs = client.get("/api/v1/quality/standards/GEN-P-15", headers={"Authorization": f"Bearer {outsider_token}"})
    assert theirs.status_code == 200 and theirs.json()["history"] == []
