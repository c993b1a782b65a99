"""The rest of HTCDS's victim context (means of control, industry, forms of sexual exploitation,
vulnerabilities, the trafficker, the websites and apps) and the person's marital status: optional,
kept, read back on the case page and through the API, and hidden with the trafficking profile."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from reintegra.cases.models import Case
from reintegra.cases.tests.test_api import bearer

pytestmark = pytest.mark.django_db

PROFILE = {
    "case-identification_status": "not_trafficked",
    "case-exploitation_types": ["ForcedLabour"],
    "case-control_methods": ["DebtBondage", "WithholdsDocuments"],
    "case-labour_industry": "A_AgricultureForestryAndFishing",
    "case-vulnerabilities": ["Poverty", "Migration"],
    "case-trafficker_relationship": "Unacquainted",
    "case-recruitment_apps": ["Facebook"],
    "case-exploitation_apps": ["Line"],
}


def test_the_profile_is_kept_and_read_back_in_the_workers_words(as_worker, case):
    form = as_worker.get(reverse("cases:edit_case", args=[case.pk])).content.decode()
    assert "More about what happened (optional)" in form and 'name="case-control_methods"' in form
    response = as_worker.post(reverse("cases:edit_case", args=[case.pk]), PROFILE)
    assert response.status_code == 302, response.content.decode()[-2000:]
    case.refresh_from_db()
    assert case.control_methods == ["DebtBondage", "WithholdsDocuments"]
    assert case.labour_industry == "A_AgricultureForestryAndFishing" and case.trafficker_relationship == "Unacquainted"
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    for label in (
        "Assessed as not trafficked",
        "Debt bondage",
        "Keeps the person&#x27;s documents",
        "Farming, forestry and fishing",
        "Poverty, Migration",
        "A stranger",
        "Facebook",
        "LINE",
    ):
        assert label in page, label


def test_a_code_that_is_not_in_the_list_is_refused_and_nothing_changes(as_worker, case):
    response = as_worker.post(
        reverse("cases:edit_case", args=[case.pk]), {**PROFILE, "case-control_methods": ["Hypnosis"]}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert '<details class="record-form" open>' in page  # the fold with the error opens
    case.refresh_from_db()
    assert case.control_methods == [] and case.identification_status == "not_identified"


def test_the_database_refuses_an_industry_outside_the_list(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=case.pk).update(labour_industry="Z_Piracy")


def test_the_api_takes_and_gives_the_profile_and_the_marital_status(client, worker):
    body = {
        "person": {"given_name": "Nguyễn Thị Minh Khai", "marital_status": "Widowed", "languages": ["vi"]},
        "case": {
            "control_methods": ["FalsePromises"],
            "sexual_exploitation_forms": ["RemoteInteractiveServices"],
            "trafficker_relationship": "Familial",
        },
        "confirm_new_person": True,
    }
    response = client.post("/api/v1/cases", body, content_type="application/json", headers=bearer(worker))
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["person"]["marital_status"] == "Widowed"
    assert created["control_methods"] == ["FalsePromises"] and created["labour_industry"] is None
    assert created["sexual_exploitation_forms"] == ["RemoteInteractiveServices"]
    assert created["trafficker_relationship"] == "Familial"
    refused = client.post(
        "/api/v1/cases",
        {**body, "case": {"labour_industry": "Z_Piracy"}},
        content_type="application/json",
        headers=bearer(worker),
    )
    assert refused.status_code == 422
    assert Case.objects.count() == 1
