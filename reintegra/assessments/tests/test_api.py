import pytest

from conftest import make_user
from reintegra.accounts.models import ApiToken, Role

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, secret = ApiToken.issue(user)
    return {"Authorization": f"Bearer {secret}"}


def test_start_record_and_read_an_assessment(client, worker, case):
    headers = bearer(worker)
    base = f"/api/v1/cases/{case.pk}/assessments"
    created = client.post(
        base, {"assessed_on": "2026-02-01", "reason": "first"}, content_type="application/json", headers=headers
    )
    assert created.status_code == 201 and created.json()["version"] == 1
    answers = {
        "observed_on": "2026-02-01",
        "values": {"housing_situation": "with_family", "living_with": ["parents"], "eviction_risk": False},
    }
    saved = client.put(f"{base}/1/areas/HOU", answers, content_type="application/json", headers=headers)
    assert saved.status_code == 200, saved.content
    values = {obs["field"]: obs["value"] for obs in saved.json()["observations"]}
    assert values == {"housing_situation": "with_family", "living_with": ["parents"], "eviction_risk": False}
    assert [a["version"] for a in client.get(base, headers=headers).json()["items"]] == [1]


@pytest.mark.parametrize(
    "values",
    [
        {"housing_situation": "castle"},
        {"no_such_field": "x"},
        {"placement_type": "foster_care"},
    ],  # adult: no child fields
)
def test_bad_answers_are_refused(client, worker, case, values):
    headers = bearer(worker)
    base = f"/api/v1/cases/{case.pk}/assessments"
    client.post(
        base, {"assessed_on": "2026-02-01", "reason": "first"}, content_type="application/json", headers=headers
    )
    response = client.put(
        f"{base}/1/areas/HOU",
        {"observed_on": "2026-02-01", "values": values},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert client.get(f"{base}/1", headers=headers).json()["observations"] == []


def test_health_answers_are_not_given_to_a_manager_outside_the_team(client, worker, shelter, case):
    headers = bearer(worker)
    base = f"/api/v1/cases/{case.pk}/assessments"
    client.post(
        base, {"assessed_on": "2026-02-01", "reason": "first"}, content_type="application/json", headers=headers
    )
    client.put(
        f"{base}/1/areas/MED",
        {"observed_on": "2026-02-01", "values": {"urgent_care_needed": True}},
        content_type="application/json",
        headers=headers,
    )
    other = bearer(make_user("manager2", shelter, Role.SUPERVISOR))
    assert client.get(f"{base}/1", headers=other).json()["observations"] == []
    refused = client.put(
        f"{base}/1/areas/MED",
        {"observed_on": "2026-02-01", "values": {}},
        content_type="application/json",
        headers=other,
    )
    assert refused.status_code == 404
