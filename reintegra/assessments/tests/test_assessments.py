"""Needs assessments through HTTP: versions, dated answers, comparison, who sees which field."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, person_details, signed_in
from reintegra.accounts.models import Role
from reintegra.assessments.models import Assessment, Observation
from reintegra.audit.models import AuditRecord
from reintegra.cases import actions as case_actions

pytestmark = pytest.mark.django_db


def start(client, case, **data):
    payload = {"assessed_on": "2026-01-10", "reason": "first", **data}
    return client.post(reverse("assessments:list", args=[case.pk]), payload)


def area_url(case, version, area):
    return reverse("assessments:edit_area", args=[case.pk, version, area])


def save_area(client, case, version, area, **values):
    payload = {"observed_on": "2026-01-10", "source": "self_report", **values}
    return client.post(area_url(case, version, area), payload)


@pytest.fixture
def outside_manager(shelter):
    return make_user("manager2", shelter, Role.SUPERVISOR)


def test_first_assessment_records_dated_answers(as_worker, worker, case):
    response = start(as_worker, case)
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert (assessment.version, assessment.reason) == (1, "first")
    save_area(as_worker, case, 1, "HOU", housing_situation="general_shelter", living_with=["own_children"])
    housing = Observation.objects.get(assessment=assessment, area="HOU", field="housing_situation")
    assert (housing.value, housing.observed_on, housing.source, housing.recorded_by) == (
        "general_shelter",
        date(2026, 1, 10),
        "self_report",
        worker,
    )
    page = as_worker.get(reverse("assessments:detail", args=[case.pk, 1])).content.decode()
    assert "General or social shelter" in page and "2026-01-10" in page


def test_person_priorities_beside_worker_view(as_worker, case):
    start(as_worker, case)
    as_worker.post(
        reverse("assessments:edit_views", args=[case.pk, 1]),
        {
            "person_priorities": "Get my daughter back to school",
            "person_words": "I want to work near home",
            "worker_view": "Housing first",
        },
    )
    page = as_worker.get(reverse("assessments:detail", args=[case.pk, 1])).content.decode()
    assert "Get my daughter back to school" in page and "Housing first" in page


def test_reassessment_keeps_the_earlier_version_and_compares(as_worker, case):
    start(as_worker, case)
    save_area(as_worker, case, 1, "HOU", housing_situation="general_shelter", home_safety="safe")
    start(as_worker, case, assessed_on="2026-06-01", reason="setback")
    v2 = Assessment.objects.get(case=case, version=2)
    carried = Observation.objects.get(assessment=v2, field="home_safety")
    assert carried.carried_over and carried.observed_on == date(2026, 1, 10)
    save_area(as_worker, case, 2, "HOU", housing_situation="homeless", home_safety="safe", observed_on="2026-06-01")
    # Version 1 is frozen: saving into it changes nothing.
    save_area(as_worker, case, 1, "HOU", housing_situation="with_family")
    v1_housing = Observation.objects.get(assessment__version=1, assessment__case=case, field="housing_situation")
    assert v1_housing.value == "general_shelter"
    page = as_worker.get(reverse("assessments:compare", args=[case.pk, 1, 2])).content.decode()
    assert "1 change" in page
    assert page.count('class="changed"') == 1


def test_warning_answers_are_marked_for_supervision_and_carried_over(as_worker, case):
    """The answer is encrypted; whether it is a warning sign is stored beside it, kept with the value."""
    start(as_worker, case)
    save_area(as_worker, case, 1, "SAF", risk_level="high")
    save_area(as_worker, case, 1, "ECO", remigration_plans="considering")
    risk = Observation.objects.get(field="risk_level")
    assert risk.warning and not Observation.objects.get(field="remigration_plans").warning
    start(as_worker, case, assessed_on="2026-06-01", reason="periodic")
    assert Observation.objects.get(assessment__version=2, field="risk_level").warning  # carried with the value
    save_area(as_worker, case, 2, "SAF", risk_level="low", observed_on="2026-06-01")
    save_area(as_worker, case, 2, "ECO", remigration_plans="arranged", observed_on="2026-06-01")
    latest = dict(Observation.objects.filter(assessment__version=2).values_list("field", "warning"))
    assert latest == {"risk_level": False, "remigration_plans": True}


def test_invalid_answers_change_nothing(as_worker, case):
    start(as_worker, case)
    response = save_area(as_worker, case, 1, "HOU", housing_situation="palace")
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    future = save_area(as_worker, case, 1, "HOU", housing_situation="homeless", observed_on="2999-01-01")
    assert future.status_code == 200
    assert not Observation.objects.exists()
    assert start(as_worker, case, assessed_on="2999-01-01").status_code == 200
    assert Assessment.objects.count() == 1


def test_sensitive_areas_and_fields_stay_with_the_team(as_worker, outside_manager, case):
    start(as_worker, case)
    save_area(as_worker, case, 1, "MED", urgent_care_needed="true")
    save_area(as_worker, case, 1, "ECO", has_debt="true", has_bank_account="false")
    manager = signed_in(outside_manager)
    page = manager.get(reverse("assessments:detail", args=[case.pk, 1])).content.decode()
    assert "area-HOU" in page and "area-MED" not in page
    assert manager.get(area_url(case, 1, "MED")).status_code == 404
    eco_form = manager.get(area_url(case, 1, "ECO")).content.decode()
    assert "has_bank_account" in eco_form and "has_debt" not in eco_form
    # Saving the form it was shown must not wipe the answers it was not shown.
    save_area(manager, case, 1, "ECO", has_bank_account="true")
    assert Observation.objects.get(field="has_debt").value is True
    assert Observation.objects.get(field="has_bank_account").value is True


def test_children_see_childrens_fields(as_worker, worker, case):
    child_case = case_actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Minh", birth_date=date(2014, 3, 1), phones=[], identity_documents=[]),
        case=case_actions.CaseDetails(),
    )
    start(as_worker, child_case)
    start(as_worker, case)
    assert "placement_type" in as_worker.get(area_url(child_case, 1, "HOU")).content.decode()
    assert "placement_type" not in as_worker.get(area_url(case, 1, "HOU")).content.decode()


def test_changes_are_audited_with_encrypted_old_and_new_values(as_worker, case):
    start(as_worker, case)
    save_area(as_worker, case, 1, "ECO", skills_and_aspirations="Sewing; wants a tailoring stall")
    record = AuditRecord.objects.filter(action="record_area").get()
    assert "tailoring" not in record.detail
    assert record.decrypted_detail()["ECO.skills_and_aspirations"]["new"] == "Sewing; wants a tailoring stall"
    timeline = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Needs assessment updated" in timeline and "skills" not in timeline


def test_other_teams_and_organisations_get_404(as_worker, as_teammate, as_outsider, case):
    start(as_worker, case)
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("assessments:detail", args=[case.pk, 1])).status_code == 404
        assert start(client, case).status_code == 404
    assert Assessment.objects.count() == 1


def test_assessment_pages_queries_do_not_grow(as_worker, case):
    def count(url):
        with CaptureQueriesContext(connection) as captured:
            assert as_worker.get(url).status_code == 200
        return len(captured)

    start(as_worker, case)
    save_area(as_worker, case, 1, "HOU", housing_situation="general_shelter")
    small = (
        count(reverse("assessments:list", args=[case.pk])),
        count(reverse("assessments:detail", args=[case.pk, 1])),
    )
    for version in range(2, 8):
        start(as_worker, case, assessed_on=f"2026-0{version}-01", reason="periodic")
        save_area(
            as_worker, case, version, "HOU", housing_situation="homeless", home_safety="unsafe", living_with=["alone"]
        )
        save_area(as_worker, case, version, "ECO", has_bank_account="true", work_status="unemployed_seeking")
    assert count(reverse("assessments:list", args=[case.pk])) == small[0]
    assert count(reverse("assessments:detail", args=[case.pk, 7])) == small[1]
    assert count(reverse("assessments:compare", args=[case.pk, 1, 7])) <= small[1] + 1
