import pytest

from conftest import IDENTIFIERS
from reintegra.accounts.models import ApiToken
from reintegra.cases.models import Case

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


def test_me(client, worker):
    data = client.get("/api/v1/me", headers=bearer(worker)).json()
    assert data["username"] == "worker"
    assert data["organisation"]["code"] == "shelter"
    assert data["roles"] == ["case_worker"]


def test_list_is_paginated_and_limited_to_visible_cases(client, worker, teammate, case):
    page = client.get("/api/v1/cases?page_size=1", headers=bearer(worker)).json()
    assert page["count"] == 1 and page["items"][0]["number"] == case.number
    assert page["items"][0]["person_name"] == f"{IDENTIFIERS['given_name']} {IDENTIFIERS['family_name']}"
    assert client.get("/api/v1/cases", headers=bearer(teammate)).json()["count"] == 0


def test_detail_includes_identifiers_for_the_team(client, worker, case):
    data = client.get(f"/api/v1/cases/{case.pk}", headers=bearer(worker)).json()
    assert data["person"]["phones"] == [IDENTIFIERS["phone"]]
    assert data["exploitation_types"] == ["ForcedLabour"]


def test_create_with_duplicate_check(client, worker, case):
    payload = {"person": {"given_name": "Pham Quynh-Anh", "family_name": "Zubrowska"}}
    conflict = client.post("/api/v1/cases", payload, content_type="application/json", headers=bearer(worker))
    assert conflict.status_code == 409
    assert conflict.json()["matching_case_ids"] == [case.pk]
    created = client.post(
        "/api/v1/cases",
        {**payload, "confirm_new_person": True},
        content_type="application/json",
        headers=bearer(worker),
    )
    assert created.status_code == 201
    assert created.json()["person"]["given_name"] == "Pham Quynh-Anh"
    assert Case.objects.count() == 2


def test_api_duplicate_probes_are_audited_and_limited(client, teammate, case):
    from reintegra.audit.models import AuditRecord

    headers = bearer(teammate)
    payload = {"person": {"given_name": "Probe", "phones": [IDENTIFIERS["phone"]]}}
    first = client.post("/api/v1/cases", payload, content_type="application/json", headers=headers)
    assert first.status_code == 409 and first.json()["matches_not_visible"] == 1
    record = AuditRecord.objects.get(actor=teammate, action="duplicate_check_api")
    assert record.decrypted_detail()["terms"]["persons_not_shown"] == str(case.person_id)
    for _ in range(29):
        client.post("/api/v1/cases", payload, content_type="application/json", headers=headers)
    refused = client.post("/api/v1/cases", payload, content_type="application/json", headers=headers)
    assert refused.status_code == 429 and "matches_not_visible" not in refused.content.decode()
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"person": {"given_name": ""}},
        {"person": {"given_name": "A", "nationalities": ["XX"]}},
        {"person": {"given_name": "A"}, "case": {"identification_status": "formal"}},
        {
            "person": {"given_name": "A"},
            "case": {"exploitation_began": "2020-01-01", "exploitation_ended": "2019-01-01"},
        },
    ],
)
def test_bad_input_is_refused_and_changes_nothing(client, worker, payload):
    response = client.post("/api/v1/cases", payload, content_type="application/json", headers=bearer(worker))
    assert response.status_code == 422
    assert not Case.objects.exists()


def test_roles_without_casework_cannot_create(client, analyst):
    response = client.post(
        "/api/v1/cases", {"person": {"given_name": "A"}}, content_type="application/json", headers=bearer(analyst)
    )
    assert response.status_code == 403


def test_openapi_document_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/cases", "/api/v1/cases/{case_id}"} <= set(schema["paths"])
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()


def test_create_api_token_command_stores_only_a_digest(worker, capsys):
    from django.core.management import call_command

    call_command("create_api_token", "worker")
    secret = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=worker)
    assert secret.startswith("rtg_") and token.digest == ApiToken.digest_of(secret)
    assert secret not in token.digest


def test_regional_languages_missing_from_django_are_accepted(client, worker):
    payload = {"person": {"given_name": "Khamla", "languages": ["lo", "zh", "th"]}}
    response = client.post("/api/v1/cases", payload, content_type="application/json", headers=bearer(worker))
    assert response.status_code == 201
    assert response.json()["person"]["languages"] == ["lo", "zh", "th"]
