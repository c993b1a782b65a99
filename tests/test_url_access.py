"""Every URL pattern of the project, and every API operation, against personas who must get
nothing: an outsider from another organisation, a colleague who is not on the case's team, and
colleagues whose roles exclude casework. New views are covered without anyone adding them here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from conftest import IDENTIFIERS, signed_in
from reintegra.accounts.models import ApiToken
from reintegra.api import api
from reintegra.cases.models import Case, Person

pytestmark = pytest.mark.django_db

DENIED = {301, 302, 401, 403, 404, 405}
# Keyword arguments that name a protected record, mapped to how the victim's record is found.
# A new kind of record must be added here, or the test fails loudly.
RECORD_KWARGS = {
    "case_id": lambda case: case.pk,
    "consent_id": lambda case: case.consents.get().pk,
    "action_id": lambda case: case.plan.actions.get().pk,
    "member_id": lambda case: case.family_members.get().pk,
    "need_id": lambda case: case.family_members.get().needs.get().pk,
}
# Kwargs of our own URLs that only make sense under a record kwarg (a version of the case's
# assessment, an area code). The victim case has what they point at.
OUR_PLAIN_KWARGS = {"version": "1", "other": "2", "area": "HOU", "token": "not-a-real-invitation"}
# Harmless values for the other kwargs that third-party URL patterns take.
OTHER_KWARGS = {
    "app_label": "accounts",
    "model_name": "user",
    "object_id": "1",
    "content_type_id": "1",
    "key": "abc",
    "uidb36": "1",
    "url": "x",
    "path": "x",
    "provider_id": "x",
    "id": "1",
    "pk": "1",
}


def walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + _pattern_text(entry))
        else:
            yield prefix + _pattern_text(entry), entry


def _pattern_text(entry: URLPattern | URLResolver) -> str:
    text = str(entry.pattern)
    return text.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def build_url(template: str, case: Case, *, ours: bool = True) -> tuple[str, bool]:
    """Fill a pattern's parameters. Returns the URL and whether it names a protected record."""
    names_record = False

    def value_for(name: str) -> str:
        nonlocal names_record
        if name in RECORD_KWARGS:
            names_record = True
            return str(RECORD_KWARGS[name](case))
        if name in OUR_PLAIN_KWARGS:
            return OUR_PLAIN_KWARGS[name]
        if ours or name not in OTHER_KWARGS:
            raise AssertionError(f"URL parameter {name!r} is unknown to the access test: add it to RECORD_KWARGS.")
        return OTHER_KWARGS[name]

    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value_for(m.group(1)), template)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value_for(m.group(1)), url)
    return "/" + url, names_record


def is_ours(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "__module__", "").startswith("reintegra.")


def leaked(body: str, case: Case, *, echoed: bool = False) -> list[str]:
    """Identifiers of the victim case found in a response. When the request itself carried the
    case number (a search), the form may echo it; a link to the case would still be a leak."""
    secrets = [
        *IDENTIFIERS.values(),
        "Probe-proof subject",
        "Probe-proof course",
        "Probe-proof sister",
        "Probe-proof bed",
        f'href="/cases/{case.pk}/"',
        *([] if echoed else [case.number]),
    ]
    flat = [s for value in secrets for s in (value if isinstance(value, list) else [value])]
    return [s for s in flat if s in body]


POST_DATA = {
    "to_status": "closed",
    "closure_reason": "other",
    "note": "probe",
    "kind": "number",
    "person-given_name": "Probe",
    "case-identification_status": "not_identified",
}


@pytest.fixture
def case(case, worker):
    """The conftest case, with two assessment versions for the URLs that name them."""
    from datetime import date

    from reintegra.assessments.actions import start_assessment
    from reintegra.consents.actions import ConsentDecision, record_consent
    from reintegra.family.actions import MemberDetails, add_family_member, record_family_need
    from reintegra.plans.actions import add_action, create_plan

    start_assessment(actor=worker, case=case, assessed_on=date(2026, 1, 5), reason="first")
    start_assessment(actor=worker, case=case, assessed_on=date(2026, 3, 5), reason="periodic")
    record_consent(
        actor=worker,
        case=case,
        decision=ConsentDecision(
            scope="service",
            subject="Probe-proof subject",
            status="given",
            decided_on=date(2026, 1, 5),
            information_given="Explained",
            language="vi",
            review_on=date(2026, 7, 5),
        ),
    )
    plan = create_plan(actor=worker, case=case, review_on=date(2026, 12, 1))
    add_action(actor=worker, plan=plan, area="EDU", description="Probe-proof course", responsible=worker)
    member = add_family_member(
        actor=worker, case=case, details=MemberDetails(given_name="Probe-proof sister", relationship="sibling")
    )
    record_family_need(
        actor=worker, member=member, area="HOU", description="Probe-proof bed", noted_on=date(2026, 1, 5)
    )
    return case


@pytest.mark.parametrize("persona", ["outsider", "teammate", "admin", "analyst"])
def test_no_url_gives_a_stranger_anything(request, persona, case, supervisor):
    user = request.getfixturevalue(persona)
    before_status, before_person = case.status, Person.objects.get(pk=case.person_id).given_name
    checked = 0
    for template, pattern in walk(get_resolver().url_patterns):
        url, names_record = build_url(template, case, ours=is_ours(pattern))
        try:
            match = resolve(url)
        except Resolver404:
            continue  # a third-party regex we could not fill; our own patterns always resolve
        if match.func is not pattern.callback:
            continue
        for method in ("get", "post"):
            client = signed_in(user)
            data = {**POST_DATA, "value": case.number} if method == "post" else None
            response = getattr(client, method)(url, data)
            body = response.content.decode(errors="replace")
            found = leaked(body, case, echoed=method == "post")
            assert not found, f"{method.upper()} {url} as {persona} leaked {found}"
            if names_record:
                assert response.status_code in DENIED, f"{method.upper()} {url} as {persona}: {response.status_code}"
            else:
                assert response.status_code in DENIED | {200}, f"{method.upper()} {url}: {response.status_code}"
            checked += 1
    assert checked > 40  # the walk really covered the project, third-party routes included
    from reintegra.assessments.models import Assessment

    assert Assessment.objects.filter(case=case).count() == 2
    assert case.consents.get().status == "given"  # no probe withdrew it
    assert case.plan.actions.get().status == "planned"
    member = case.family_members.get()
    assert not member.safe_to_contact and member.needs.get().status == "open"
    case.refresh_from_db()
    assert case.status == before_status
    assert Person.objects.get(pk=case.person_id).given_name == before_person


def test_our_own_patterns_are_all_reachable_by_the_walk(case):
    ours = [t for t, p in walk(get_resolver().url_patterns) if is_ours(p)]
    for template in ours:
        url, _ = build_url(template, case)
        resolve(url)  # raises if the walk could not build a URL for one of our views
    assert any("<int:case_id>" in t for t in ours)


def fill_api_path(path: str, case: Case, case_id: int | None = None) -> str:
    """The API path with the victim case's records in it (or another case id, to compare)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "case_id" and case_id is not None:
            return str(case_id)
        if name in RECORD_KWARGS:
            return str(RECORD_KWARGS[name](case))
        if name in OUR_PLAIN_KWARGS:
            return OUR_PLAIN_KWARGS[name]
        raise AssertionError(f"API path parameter {name!r} is unknown to the access test: add it to RECORD_KWARGS.")

    return re.sub(r"\{(\w+)\}", value, path)


def api_operations() -> Iterator[tuple[str, str]]:
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method in methods:
            yield method, path


@pytest.mark.parametrize("persona", ["outsider", "teammate", "admin", "analyst"])
def test_no_api_operation_gives_a_stranger_anything(request, persona, case, client):
    user = request.getfixturevalue(persona)
    _token, secret = ApiToken.issue(user)
    headers = {"Authorization": f"Bearer {secret}"}
    operations = list(api_operations())
    assert len(operations) >= 4
    for method, path in operations:
        payload = {"person": {"given_name": "Probe", "family_name": "Person"}, "confirm_new_person": True}

        def call(case_id: int, path: str = path, method: str = method, payload: dict = payload):
            url = fill_api_path(path, case, case_id)
            return client.generic(
                method.upper(), url, data=json.dumps(payload), content_type="application/json", headers=headers
            )

        response = call(case.pk)
        body = response.content.decode()
        assert not leaked(body, case), f"{method.upper()} {path} as {persona} leaked"
        if "{case_id}" in path and response.status_code not in DENIED:
            # A malformed body may be refused before the case is looked up, but then the answer
            # must be the same as for a case that does not exist: no oracle for probing.
            missing = call(case.pk + 10_000)
            assert (response.status_code, body) == (missing.status_code, missing.content.decode()), (
                f"{method.upper()} {path} as {persona}: {response.status_code}"
            )
            assert response.status_code == 422


def test_api_refuses_missing_and_revoked_tokens(client, worker, case):
    token, secret = ApiToken.issue(worker)
    for method, path in api_operations():
        assert client.generic(method.upper(), fill_api_path(path, case)).status_code == 401
    token.revoke()
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
