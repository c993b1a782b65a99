"""The API refuses what the screens refuse: implausible birth dates and years, numbers posing as
dates, text no database can store, overlong list entries, and ids beyond what a database holds.
Each gets a clear answer and changes nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import signed_in
from reintegra.accounts.models import ApiToken
from reintegra.cases.models import Case, Person
from reintegra.plans.models import Plan

pytestmark = pytest.mark.django_db


def post(secret: str, path: str, body: object) -> object:
    return Client().post(
        path, data=json.dumps(body), content_type="application/json", headers={"Authorization": f"Bearer {secret}"}
    )


def said(response) -> str:
    """Everything a refusal says: its detail and each error's message and location."""
    body = response.json()
    parts = [body["detail"], *(f"{e.get('location', '')} {e['message']}" for e in body.get("errors", []))]
    return " | ".join(parts)


@pytest.fixture
def secret(worker) -> str:
    return ApiToken.issue(worker)[1]


@pytest.mark.parametrize(
    ("person", "field", "words"),
    [
        ({"birth_date": "9999-01-01"}, "birth_date", "future"),
        ({"birth_date": "1899-12-31"}, "birth_date", "1900"),
        ({"estimated_birth_year": 2100}, "estimated_birth_year", "this year"),
        ({"other_names": ["x" * 201]}, "other_names", "200"),
        ({"phones": ["1" * 51]}, "phones", "50"),
    ],
)
def test_registration_refuses_what_the_form_refuses(worker, secret, person, field, words):
    response = post(secret, "/api/v1/cases", {"person": {"given_name": "Lan", **person}})
    assert response.status_code == 422, response.content[:300]
    body = response.json()
    messages = body.get("fields", {}).get(field) or [e["message"] for e in body.get("errors", [])]
    assert any(words in message for message in messages), body
    assert not Person.objects.exists() and not Case.objects.exists()


def test_a_two_megabyte_alias_is_refused_before_anything_is_stored(secret):
    response = post(secret, "/api/v1/cases", {"person": {"given_name": "Lan", "other_names": ["n" * 2_000_000]}})
    assert response.status_code in (413, 422)
    assert not Person.objects.exists()


@pytest.mark.parametrize("value", [0, 1_700_000_000, 2.5, [2027, 1, 1]])
def test_a_number_is_not_a_date(case, secret, value):
    response = post(secret, f"/api/v1/cases/{case.pk}/plan", {"review_on": value})
    assert response.status_code == 422
    assert "YYYY-MM-DD" in said(response)
    assert not Plan.objects.exists()


@pytest.mark.parametrize("text", ["before\x00after", "bell\x07", "half \ud800 pair", "del\x7f"])
def test_text_no_database_can_store_is_refused_with_where_it_was(case, secret, text):
    response = post(secret, f"/api/v1/cases/{case.pk}/plan", {"review_on": "2027-01-05", "in_own_words": text})
    assert response.status_code == 422
    assert "in_own_words" in said(response) and "control characters" in said(response)
    assert not Plan.objects.exists()


def test_tabs_and_line_breaks_are_ordinary_text(case, secret):
    response = post(secret, f"/api/v1/cases/{case.pk}/plan", {"review_on": "2027-01-05", "in_own_words": "a\tb\r\nc"})
    assert response.status_code == 201, response.content[:300]


def test_the_person_form_refuses_an_overlong_alias_and_keeps_the_typing(worker, case):
    client = signed_in(worker)
    page = client.get(f"/cases/{case.pk}/person/")
    assert page.status_code == 200
    alias = "ก" * 201
    response = client.post(
        f"/cases/{case.pk}/person/",
        {"person-given_name": "Lan", "person-other_names": alias, "person-estimated_birth_year": ""},
    )
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert alias in response.content.decode()
    case.person.refresh_from_db()
    assert alias not in case.person.other_names


@pytest.mark.parametrize("number", [str(2**63), "9" * 19, "9" * 40])
def test_an_id_beyond_what_a_database_holds_is_no_page(worker, secret, number):
    client = signed_in(worker)
    client.raise_request_exception = False
    assert client.get(f"/cases/{number}/").status_code == 404
    assert client.get(f"/cases/1/assessments/1/compare/{number}/").status_code == 404
    api = Client(raise_request_exception=False).get(
        f"/api/v1/cases/{number}", headers={"Authorization": f"Bearer {secret}"}
    )
    assert api.status_code == 404


def test_no_url_of_ours_takes_an_unbounded_number():
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.converters import IntConverter

    def walk(patterns, prefix=""):
        for entry in patterns:
            here = prefix + str(entry.pattern)
            converters = getattr(entry.pattern, "converters", {})
            yield here, converters
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, here)
            else:
                assert isinstance(entry, URLPattern)

    checked = [(path, converters) for path, converters in walk(get_resolver().url_patterns) if converters]
    unbounded = [path for path, converters in checked if any(isinstance(c, IntConverter) for c in converters.values())]
    assert len(checked) >= 40 and not unbounded, unbounded
