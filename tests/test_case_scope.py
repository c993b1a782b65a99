"""The case scope: every record kind has a section, and what a section hides stays hidden on
every page and operation that could show it, including through text copied between records."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from conftest import make_user, signed_in
from reintegra.access.scope import RECORD_SECTIONS
from reintegra.accounts.models import ApiToken, Role
from reintegra.assessments.actions import record_area, start_assessment
from reintegra.cases.actions import set_team
from reintegra.cases.models import Case, Person
from reintegra.consents.models import Consent
from reintegra.plans.actions import add_action, create_plan, record_decision

pytestmark = pytest.mark.django_db
THERAPY = "Antiretroviral therapy at the Quillfeather clinic"
DIAGNOSIS = "Complex trauma, Zanzibar-scale findings"


def bearer(user) -> dict[str, str]:
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def health_decision(case, worker) -> Consent:
    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
    action = add_action(actor=worker, plan=plan, area="MED", description=THERAPY, responsible=worker)
    record_decision(
        actor=worker,
        action=action,
        agreement="agreed",
        decided_on=date(2026, 1, 20),
        information_given="What the treatment involves",
        language="vi",
    )
    return Consent.objects.get(plan_action=action)


def test_a_health_actions_consent_carries_its_section_and_no_copy_of_its_words(health_decision):
    assert health_decision.section == "health"
    assert health_decision.subject == ""
    assert health_decision.what() == THERAPY


def test_a_manager_outside_the_team_never_sees_a_health_actions_consent(
    client, health_decision, case, as_worker, as_manager_elsewhere, manager_elsewhere
):
    pages = [reverse("consents:list", args=[case.pk]), reverse("cases:detail", args=[case.pk])]
    for url in pages:
        assert THERAPY in as_worker.get(url).content.decode(), url
        response = as_manager_elsewhere.get(url)
        assert response.status_code == 200 and THERAPY not in response.content.decode(), url
    api = client.get(f"/api/v1/cases/{case.pk}/consents", headers=bearer(manager_elsewhere))
    assert api.status_code == 200 and api.json()["items"] == []
    withdraw = reverse("consents:withdraw", args=[case.pk, health_decision.pk])
    assert as_manager_elsewhere.post(withdraw, {"withdrawn_on": "2026-02-01"}).status_code == 404
    assert not Consent.objects.filter(supersedes=health_decision).exists()


def test_the_consent_form_offers_only_scopes_the_user_may_see(case, as_manager_elsewhere, manager_elsewhere, client):
    page = as_manager_elsewhere.get(reverse("consents:list", args=[case.pk])).content.decode()
    assert 'value="medical_test"' not in page and 'value="service"' in page
    decision = {
        "scope": "medical_test",
        "subject": "HIV test",
        "status": "given",
        "decided_on": "2026-01-05",
        "information_given": "Explained",
        "language": "vi",
        "review_on": "2026-07-05",
    }
    as_manager_elsewhere.post(reverse("consents:list", args=[case.pk]), decision)
    refused = client.post(
        f"/api/v1/cases/{case.pk}/consents",
        decision,
        content_type="application/json",
        headers=bearer(manager_elsewhere),
    )
    assert refused.status_code == 404
    assert not Consent.objects.exists()


def test_a_clinicians_findings_need_the_clinical_role_as_well_as_the_team(case, worker, shelter, client):
    counsellor = make_user("counsellor", shelter, Role.CASE_WORKER, Role.CLINICIAN)
    set_team(actor=worker, case=case, supervisor=case.supervisor, team=[worker, counsellor])
    start_assessment(actor=worker, case=case, assessed_on=date(2026, 1, 5), reason="first")
    as_counsellor = signed_in(counsellor)
    form = reverse("assessments:edit_area", args=[case.pk, 1, "PSY"])
    assert 'name="professional_assessment"' in as_counsellor.get(form).content.decode()
    as_counsellor.post(
        form, {"observed_on": "2026-01-05", "source": "professional_assessment", "professional_assessment": DIAGNOSIS}
    )
    detail = reverse("assessments:detail", args=[case.pk, 1])
    assert DIAGNOSIS in as_counsellor.get(detail).content.decode()
    as_worker = signed_in(worker)
    assert DIAGNOSIS not in as_worker.get(detail).content.decode()
    assert 'name="professional_assessment"' not in as_worker.get(form).content.decode()
    api = client.get(f"/api/v1/cases/{case.pk}/assessments/1", headers=bearer(worker)).content.decode()
    assert DIAGNOSIS not in api
    # The worker saving the area leaves the counsellor's findings as they were.
    assessment = case.assessments.get()
    assessment.case.visible_sections = frozenset({"summary", "mental_health", "sensitive"})
    record_area(
        actor=worker,
        assessment=assessment,
        area_code="PSY",
        values={},
        observed_on=date(2026, 1, 6),
        source="self_report",
    )
    assert DIAGNOSIS in as_counsellor.get(detail).content.decode()


def _reaches_a_case(model: type[models.Model], seen: frozenset[type[models.Model]] = frozenset()) -> bool:
    for field in model._meta.get_fields():
        if field.many_to_one or field.one_to_one:
            if not field.concrete:
                continue
            target = field.related_model
            if target in (Case, Person):
                return True
            if target not in seen and target is not model and _reaches_a_case(target, seen | {model}):
                return True
    return False


# Records about a case that are not reached through the scope, and why.
OUTSIDE_THE_SCOPE = {
    "cases.Person",  # read with its case by the case access layer, field by field per section
    "cases.Case",
    "cases.CaseStatusChange",  # the case's timeline, shown with its summary (cases.history)
    "cases.PersonIndexEntry",  # digests only; read by the access layer's searches
    "audit.AuditRecord",  # the access log: its own section (access_log), cases.history
    "reports.CaseStatistics",  # coarse categories: suppressed counts (reports.queries), k-anonymous rows (reports.extract)
}


def test_every_kind_of_record_about_a_case_declares_its_section():
    ours = [m for m in apps.get_models() if m.__module__.startswith("reintegra.")]
    missing = [
        m._meta.label
        for m in ours
        if _reaches_a_case(m) and m not in RECORD_SECTIONS and m._meta.label not in OUTSIDE_THE_SCOPE
    ]
    assert not missing, f"add these to access.scope.RECORD_SECTIONS with their section: {missing}"
