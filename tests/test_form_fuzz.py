"""Every form of the worker's pages, fuzzed with hypothesis: overlong and empty text, control
characters, bytes that are not UTF-8, mixed scripts and right-to-left marks, HTML, script and
SQL fragments, malformed and extreme dates, times and numbers. No answer may be a server error,
and a refusal must change nothing: no change reaches the audit trail, where every workflow
writes one beside its change.

tests/test_boundary_values.py posts fixed boundary values to the same forms; this one searches
for the inputs nobody thought of. Derandomised, so a failure reproduces."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import signed_in
from reintegra.audit.models import AuditKind, AuditRecord
from tests.test_boundary_values import worker_forms

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "1; DROP TABLE cases_case; --",
    "{{ 7*7 }} {% debug %}",
    "\u202eevil\u202c",
    "Nguyễn Thị Ánh ငြိမ်း ငြိမ်း سلام 山田",
    "x" * 100_000,
    "ก" * 5_001,
    " ",
]
TEXT = st.one_of(
    st.text(max_size=60),  # any code point but surrogates, control characters included
    st.sampled_from(PAYLOADS),
)
DATE = st.one_of(
    st.dates().map(str),
    st.sampled_from(
        ["9999-12-31", "0000-00-00", "2026-02-30", "31/12/2026", "2026-1-1", "", "\uff11\uff12\uff13\uff14-01-01"]
    ),
    TEXT,
)
TIME = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["24:00", "12:60", "-1:00", ""]), TEXT)
NUMBER = st.one_of(
    st.integers().map(str), st.floats(allow_nan=True).map(str), st.sampled_from(["1e400", "0x10", "١٢"]), TEXT
)
BY_KIND = {"text": TEXT, "date": DATE, "time": TIME, "number": NUMBER}
REFUSED = ('class="errorlist', '<li class="error"', 'class="errors"')


@pytest.fixture
def forms(worker, case):
    client = signed_in(worker)
    found = worker_forms(client, worker, case)
    assert len(found) >= 40
    return client, found


def fuzzed_post(draw, form) -> dict[str, str]:
    data = {}
    for name, kind in form["fields"].items():
        if kind in ("checkbox", "hidden", "radio") or kind == "choice":
            # The right value usually, so that the fuzzed text reaches the workflow; sometimes text.
            known = form["options"].get(name, "")
            data[name] = draw(st.one_of(st.just(known), st.just(known), TEXT))
        else:
            data[name] = draw(BY_KIND[kind])
    return data


@settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(st.data())
def test_no_fuzzed_form_breaks_a_page_or_changes_anything_when_refused(forms, data):
    client, found = forms
    client.raise_request_exception = False
    target, form = data.draw(st.sampled_from(found))
    changes_before = AuditRecord.objects.filter(kind=AuditKind.CHANGE).count()
    if data.draw(st.integers(0, 9)) == 0:
        # Bytes that are not UTF-8, sent as they are.
        body = "&".join(f"{name}=%FF%FE%C3%28" for name in form["fields"]).encode()
        response = client.post(target, body, content_type="application/x-www-form-urlencoded", follow=True)
    else:
        response = client.post(target, fuzzed_post(data.draw, form), follow=True)
    assert response.status_code < 500, f"POST {target}: {response.status_code}"
    text = response.content.decode(errors="replace")
    assert "Traceback" not in text
    if any(marker in text for marker in REFUSED):
        changed = AuditRecord.objects.filter(kind=AuditKind.CHANGE).count() - changes_before
        assert changed == 0, f"POST {target} was refused but {changed} change(s) were recorded"
