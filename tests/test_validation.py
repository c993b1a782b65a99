"""A rule is written once, in the workflow, and both the screens and the API show its message
against the field it is about."""

import pytest
from django.urls import reverse

from reintegra.accounts.models import ApiToken
from reintegra.cases.models import Case
from reintegra.consents.models import Consent

pytestmark = pytest.mark.django_db

GIVEN_WITHOUT_REVIEW = {
    "scope": "service",
    "subject": "Sewing course",
    "status": "given",
    "decided_on": "2026-01-05",
    "information_given": "Explained",
    "language": "vi",
    "given_by": "self",
    "information_format": "spoken",
}


def bearer(user):
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


def test_a_consent_rule_shows_beside_its_field_on_screen_and_by_name_in_the_api(as_worker, worker, case, client):
    page = as_worker.post(reverse("consents:list", args=[case.pk]), GIVEN_WITHOUT_REVIEW).content.decode()
    message = "Set a date by which the consent is to be re-confirmed."
    field_html = page[page.index('for="id_review_on"') :].split("</div>", 1)[0]
    assert message in field_html
    api = client.post(
        f"/api/v1/cases/{case.pk}/consents",
        GIVEN_WITHOUT_REVIEW,
        content_type="application/json",
        headers=bearer(worker),
    )
    assert api.status_code == 422
    assert api.json()["fields"] == {"review_on": [message]}
    assert not Consent.objects.exists()


def test_a_case_rule_is_the_same_on_screen_and_in_the_api(as_worker, worker, client):
    registration = {
        "person-given_name": "Somchai",
        "case-identification_status": "formal",
        "case-identifying_authority": "Provincial Police",
    }
    page = as_worker.post(reverse("cases:register"), registration).content.decode()
    assert "A formal identification needs its date." in page
    api = client.post(
        "/api/v1/cases",
        {
            "person": {"given_name": "Somchai"},
            "case": {"identification_status": "formal", "identifying_authority": "Provincial Police"},
            "confirm_new_person": True,
        },
        content_type="application/json",
        headers=bearer(worker),
    )
    assert api.status_code == 422
    assert api.json()["fields"] == {"identified_on": ["A formal identification needs its date."]}
    assert not Case.objects.exists()
