"""Every form of every page, and every API operation, posted with boundary values: the year 9999
and the year 1, huge and negative numbers, very long and empty texts, unknown choices. Bad input
must get a clear answer and change nothing; it must never reach a server error."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest

from conftest import person_details, signed_in
from reintegra.accounts.models import ApiToken
from reintegra.cases import actions
from tests.test_url_access import VALID_BODIES, api_operations, fill, our_pages, seed

pytestmark = pytest.mark.django_db

BOUNDARIES: list[dict[str, str]] = [
    {"date": "9999-12-31", "time": "23:59", "number": "9" * 30, "text": "ग" * 20_000, "choice": "no-such-choice"},
    {"date": "0001-01-01", "time": "00:00", "number": "-1", "text": "", "choice": ""},
    {"date": "2099-01-01", "time": "12:00", "number": "0", "text": "\u202e\u0000x", "choice": "first"},
]


class FormCollector(HTMLParser):
    """The POST forms of a page: their action and their fields, each with a kind of value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._current: dict[str, Any] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._current = {"action": attributes.get("action") or "", "fields": {}, "options": {}}
            self.forms.append(self._current)
        if self._current is None:
            return
        name = attributes.get("name")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = attributes.get("type") or "text"
            self._current["fields"][name] = {"date": "date", "time": "time", "number": "number"}.get(kind, "text")
            if kind in ("checkbox", "hidden", "radio"):
                self._current["fields"][name] = kind
                self._current["options"].setdefault(name, attributes.get("value") or "on")
        elif tag == "textarea" and name:
            self._current["fields"][name] = "text"
        elif tag == "select" and name:
            self._current["fields"][name] = "choice"
            self._select = name
        elif (
            tag == "option"
            and self._select
            and self._select not in self._current["options"]
            and attributes.get("value")
        ):
            self._current["options"][self._select] = attributes["value"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def boundary_post(form: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    data = {}
    for name, kind in form["fields"].items():
        if kind in ("checkbox", "hidden", "radio"):
            data[name] = form["options"].get(name, "on")
        elif kind == "choice":
            data[name] = form["options"].get(name, "") if values["choice"] == "first" else values["choice"]
        else:
            data[name] = values[kind]
    return data


def worker_forms(client, worker, case) -> list[tuple[str, dict[str, Any]]]:
    """The POST forms (with where each posts to) of every page of two of the worker's cases: one
    with a record of every kind, and one bare, for the forms that start things (plan, follow-up)."""
    seeded = seed(case, worker)
    bare = actions.register_person_with_case(actor=worker, person=person_details(), case=actions.CaseDetails())
    found = []
    for page in sorted(our_pages(seeded, bare.pk)):
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        collector = FormCollector()
        collector.feed(response.content.decode())
        found += [(form["action"] or page, form) for form in collector.forms]
    return [(target, form) for target, form in found if "logout" not in target]


def test_no_form_answers_boundary_values_with_a_server_error(worker, case):
    client = signed_in(worker)
    client.raise_request_exception = False  # a 500 is what we look for, not an exception
    posted = 0
    for target, form in worker_forms(client, worker, case):
        for values in BOUNDARIES:
            answer = client.post(target, boundary_post(form, values))
            assert answer.status_code < 500, f"POST {target} with {values['date']}: {answer.status_code}"
            posted += 1
    assert posted >= 120  # the walk reached the forms of both cases' pages


def test_no_api_operation_answers_boundary_values_with_a_server_error(worker, case, client):
    seeded = seed(case, worker)
    bare = actions.register_person_with_case(actor=worker, person=person_details(), case=actions.CaseDetails())
    _token, secret = ApiToken.issue(worker)
    headers = {"Authorization": f"Bearer {secret}"}
    client.raise_request_exception = False
    for method, path, body in api_operations():
        if body is None:
            continue
        url, _sections = fill(path, seeded)
        for target in {url, url.replace(f"/cases/{case.pk}/", f"/cases/{bare.pk}/")}:
            for values in BOUNDARIES:
                response = client.generic(
                    method.upper(),
                    target,
                    data=json.dumps(_bend(body, values)),
                    content_type="application/json",
                    headers=headers,
                )
                assert response.status_code < 500, (
                    f"{method.upper()} {target} with {values['date']}: {response.status_code}"
                )
    assert VALID_BODIES  # the bodies being bent are the walk's valid ones


def _bend(value: Any, values: dict[str, str]) -> Any:
    """The same body with every date, number and text pushed to a boundary."""
    if isinstance(value, dict):
        return {key: _bend(item, values) for key, item in value.items()}
    if isinstance(value, list):
        return [_bend(item, values) for item in value]
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return int(values["number"]) if values["number"].lstrip("-").isdigit() else value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return values["date"]
    if isinstance(value, str) and "T" in value and value[:4].isdigit():
        return values["date"] + "T" + values["time"] + ":00+07:00"
    if isinstance(value, str):
        return values["text"] or value
    return value
