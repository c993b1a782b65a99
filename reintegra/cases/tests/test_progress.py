"""The case status follows the work: the page offers the next status, the worker decides."""

import pytest
from django.urls import reverse

from reintegra.cases.progress import suggested_status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "facts", "expected"),
    [
        ("intake", {}, None),
        ("intake", {"assessed": True}, "assessment"),
        ("intake", {"assessed": True, "plan_agreed": True}, "active"),
        ("assessment", {"assessed": True}, None),
        ("assessment", {"assessed": True, "plan_agreed": True}, "active"),
        ("active", {"assessed": True, "plan_agreed": True}, None),
        ("active", {"followup_started": True}, "follow_up"),
        ("follow_up", {"followup_started": True}, None),
        ("closed", {"assessed": True, "plan_agreed": True, "followup_started": True}, None),
    ],
)
def test_which_status_the_work_suggests(status, facts, expected):
    arguments = {"assessed": False, "plan_agreed": False, "followup_started": False, **facts}
    assert suggested_status(status, **arguments) == expected


def test_the_case_page_offers_each_move_as_the_work_is_done(as_worker, case):
    detail = reverse("cases:detail", args=[case.pk])
    assert 'id="status-suggestion"' not in as_worker.get(detail).content.decode()
    as_worker.post(reverse("assessments:list", args=[case.pk]), {"assessed_on": "2026-01-20", "reason": "first"})
    page = as_worker.get(detail).content.decode()
    assert 'id="status-suggestion"' in page and "Move to Assessment" in page
    as_worker.post(reverse("cases:change_status", args=[case.pk]), {"to_status": "assessment"})
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2027-06-01", "agreed_on": "2026-01-25"})
    assert "Move to Active support" in as_worker.get(detail).content.decode()
    as_worker.post(reverse("cases:change_status", args=[case.pk]), {"to_status": "active"})
    as_worker.post(reverse("followups:start", args=[case.pk]), {"starts_on": "2026-02-01"})
    assert "Move to Follow-up" in as_worker.get(detail).content.decode()
    case.refresh_from_db()
    assert case.status == "active"  # offered, never moved by itself
