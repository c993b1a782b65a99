"""One API contract: problem details for every error, documented answers, limits with 429."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import make_user
from reintegra.accounts.models import ApiToken, Role, TokenScope
from reintegra.api import DOCUMENTED_PROBLEMS, api

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def call(method, path, secret=None, body=None, **headers):
    if secret:
        headers["Authorization"] = f"Bearer {secret}"
    data = body if isinstance(body, str) else __import__("json").dumps(body or {})
    return Client().generic(method, path, data=data, content_type="application/json", headers=headers)


def assert_problem(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


def test_every_error_under_the_api_is_a_problem_document(worker, case):
    _token, secret = ApiToken.issue(worker)
    _read, read_only = ApiToken.issue(worker, scope=TokenScope.READ)
    assert_problem(call("GET", "/api/v1/cases"), 401)
    assert_problem(call("GET", "/api/v1/no-such-thing", secret), 404)
    assert_problem(call("GET", "/api/v1/cases/999999", secret), 404)
    assert_problem(call("DELETE", "/api/v1/cases", secret), 405)
    assert_problem(call("POST", f"/api/v1/cases/{case.pk}/plan", read_only, {"review_on": "2027-01-01"}), 403)
    schema_error = assert_problem(call("POST", f"/api/v1/cases/{case.pk}/plan", secret, {"review_on": "soon"}), 422)
    assert any(error.get("location", "").endswith("review_on") for error in schema_error["errors"])
    refused = assert_problem(call("POST", f"/api/v1/cases/{case.pk}/plan", secret, {"review_on": "1899-01-01"}), 422)
    assert "1900" in refused["detail"] and "review_on" in refused["fields"]
    assert_problem(call("POST", f"/api/v1/cases/{case.pk}/plan", secret, "{not json"), 400)


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names a schema by its class alone: a second class of the same name in
    another app silently takes the first one's place, and its operations describe the wrong body."""
    import importlib
    import pkgutil

    from ninja import Schema

    import reintegra

    seen: dict[str, str] = {}
    for module_info in pkgutil.walk_packages(reintegra.__path__, "reintegra."):
        if not module_info.name.endswith(".api"):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == module.__name__:
                assert name not in seen, f"{name} is defined in {seen[name]} and {module.__name__}"
                seen[name] = module.__name__
    assert len(seen) > 50


def test_every_operation_documents_its_error_answers():
    schema = api.get_openapi_schema()
    assert "Problem" in schema["components"]["schemas"]
    operations = [op for methods in schema["paths"].values() for op in methods.values()]
    assert len(operations) >= 25
    for operation in operations:
        assert set(DOCUMENTED_PROBLEMS) <= set(operation["responses"]), operation["operationId"]


def test_guessing_tokens_from_one_address_is_answered_429(db):
    for number in range(20):
        assert call("GET", "/api/v1/me", f"rtg_wrong{number}").status_code == 401
    blocked = assert_problem(call("GET", "/api/v1/me", "rtg_wrong-again"), 429)
    assert int(call("GET", "/api/v1/me", "rtg_wrong").get("Retry-After", "0")) > 0 or blocked
    other = Client(REMOTE_ADDR="192.0.2.44").get("/api/v1/me", headers={"Authorization": "Bearer rtg_x"})
    assert other.status_code == 401


def test_a_token_is_limited_to_its_rate(settings, worker):
    settings.REINTEGRA_API_RATE = "5/m"
    _token, secret = ApiToken.issue(worker)
    for _ in range(5):
        assert call("GET", "/api/v1/me", secret).status_code == 200
    limited = call("GET", "/api/v1/me", secret)
    assert_problem(limited, 429)
    assert int(limited["Retry-After"]) > 0
    _other, other_secret = ApiToken.issue(worker)  # another token has its own count
    assert call("GET", "/api/v1/me", other_secret).status_code == 200


def test_paging_past_the_end_is_refused_not_clamped(worker, case):
    _token, secret = ApiToken.issue(worker)
    first = call("GET", "/api/v1/cases?page=1&page_size=1", secret).json()
    assert (first["page"], first["pages"], len(first["items"])) == (1, 1, 1)
    assert_problem(call("GET", "/api/v1/cases?page=2&page_size=1", secret), 404)
    assert_problem(call("GET", "/api/v1/cases?page=0", secret), 422)
    assert_problem(call("GET", "/api/v1/cases?page_size=100000", secret), 422)
    assert_problem(call("GET", f"/api/v1/cases?page={2**63}", secret), 422)


def test_every_record_created_answers_201_with_a_location_that_reads_it(worker, case):
    from conftest import person_details
    from reintegra.cases import actions
    from tests.test_url_access import api_operations, fill, seed, with_real_ids

    seeded = seed(case, worker)
    bare = actions.register_person_with_case(actor=worker, person=person_details(), case=actions.CaseDetails())
    _token, secret = ApiToken.issue(worker)
    created = set()
    for method, path, body in api_operations():
        if method != "post" or body is None:
            continue
        body = with_real_ids(body, worker)
        url, _sections = fill(path, seeded)
        for target in (url, url.replace(f"/cases/{case.pk}/", f"/cases/{bare.pk}/")):
            response = call("POST", target, secret, body)
            if response.status_code != 201:
                continue
            location = response.get("Location", "")
            assert location.startswith("/api/v1/"), f"POST {path}: no Location"
            read = call("GET", location, secret)
            assert read.status_code == 200, f"POST {path}: Location {location} answers {read.status_code}"
            created.add(path)
    # Registration, assessment, consent and withdrawal, plan, goal, action, decision, status,
    # support, follow-up, contact, review, setback, debt and its change.
    assert len(created) >= 14, sorted(created)


def test_every_list_comes_in_pages_and_past_the_last_is_not_found(worker, admin, case):
    from tests.test_url_access import seed

    seed(case, worker)
    _token, worker_secret = ApiToken.issue(worker)
    # The staff list, the quality standards and the data-sharing agreements are the organisation
    # administrator's, complaints their officer's, legal holds the case supervisor's; every other
    # list, the worker's.
    _token, admin_secret = ApiToken.issue(admin)
    _token, supervisor_secret = ApiToken.issue(case.supervisor)
    officer = make_user("officer", case.organisation, Role.COMPLAINTS_OFFICER)
    _token, officer_secret = ApiToken.issue(officer)
    schema = api.get_openapi_schema()
    lists = []
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if not operation:
            continue
        ok = operation["responses"].get(200) or operation["responses"].get("200")
        if not ok:
            continue
        if "application/json" not in ok.get("content", {}):
            continue  # a file's bytes (a scan of a document), not a list
        answer = ok["content"]["application/json"]["schema"]
        assert answer.get("type") != "array", f"GET {path} answers a bare list"
        if "{" not in path.replace("{case_id}", "") and {"page", "page_size"} <= {
            p["name"] for p in operation.get("parameters", [])
        }:
            lists.append(path.replace("{case_id}", str(case.pk)))
    assert len(lists) >= 4, lists  # cases, assessments, consents, debts
    for path in lists:
        secret = {
            "/api/v1/admin/staff": admin_secret,
            "/api/v1/complaints": officer_secret,
            "/api/v1/quality/standards": admin_secret,
            "/api/v1/privacy/agreements": admin_secret,
            f"/api/v1/cases/{case.pk}/legal-holds": supervisor_secret,
        }.get(path, worker_secret)
        first = call("GET", f"{path}?page_size=1", secret).json()
        assert first["page"] == 1 and len(first["items"]) == min(1, first["count"]), path
        assert first["pages"] == max(1, first["count"]), path
        assert_problem(call("GET", f"{path}?page={first['pages'] + 1}", secret), 404)
        assert_problem(call("GET", f"{path}?page_size=201", secret), 422)
