"""List and case pages must not issue more queries as data grows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import person_details
from reintegra.cases import actions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def session_touched_once(settings):
    # A session is saved when a minute has passed since its last save; a test slower than that
    # would count the save in one measurement and not the other.
    settings.SESSION_TOUCH_SECONDS = 24 * 3600


def add_cases(worker, supervisor, count: int) -> None:
    for i in range(count):
        case = actions.register_person_with_case(
            actor=worker,
            person=person_details(given_name=f"Person{i}", phones=[f"+84 90{i:07d}"], identity_documents=[]),
            case=actions.CaseDetails(),
            supervisor=supervisor,
        )
        if i % 3 == 0:
            actions.change_status(actor=worker, case=case, to_status="active")


def queries_for(client, url: str) -> int:
    client.get(url)  # the session's first request saves it once (accounts.middleware.IdleTimeoutMiddleware)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["as_worker", "as_supervisor"])
def test_caseload_queries_do_not_grow(request, persona, worker, supervisor, case):
    client = request.getfixturevalue(persona)
    add_cases(worker, supervisor, 9)
    small = queries_for(client, reverse("cases:caseload"))
    add_cases(worker, supervisor, 490)
    assert queries_for(client, reverse("cases:caseload")) == small
    assert queries_for(client, reverse("cases:caseload") + "?status=active&page=2") == small


def test_case_page_queries_do_not_grow(as_supervisor, as_worker, worker, supervisor, case):
    add_cases(worker, supervisor, 9)
    url = reverse("cases:detail", args=[case.pk])
    small = queries_for(as_supervisor, url)
    add_cases(worker, supervisor, 490)
    for _ in range(60):  # a long access log and timeline on this case
        as_worker.get(url)
        actions.update_case(actor=worker, case=case, details=actions.CaseDetails(at_risk=not case.at_risk))
    assert queries_for(as_supervisor, url) == small


def test_api_list_queries_do_not_grow(client, worker, supervisor, case):
    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(worker)
    headers = {"Authorization": f"Bearer {secret}"}
    add_cases(worker, supervisor, 9)
    client.get("/api/v1/cases", headers=headers)  # the first use also records last_used_at
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/cases", headers=headers)
    add_cases(worker, supervisor, 490)
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/cases", headers=headers)
    assert len(large) == len(small)


def test_search_queries_do_not_grow_with_results(as_worker, worker, supervisor, case):
    # Every person added here shares the birth date, so each search below lists all of them.
    def search() -> tuple[int, int]:
        as_worker.get(reverse("cases:search"))  # the session's first request saves it once
        with CaptureQueriesContext(connection) as captured:
            response = as_worker.post(reverse("cases:search"), {"kind": "birth_date", "value": "2001-02-28"})
        assert response.status_code == 200
        return len(captured), response.content.decode().count('href="/cases/')

    add_cases(worker, supervisor, 4)
    small, small_rows = search()
    add_cases(worker, supervisor, 40)
    large, large_rows = search()
    assert large_rows > small_rows
    assert large == small
