"""Small things a new case worker ran into (issue 12): each is read back through HTTP."""

from datetime import date

import pytest
from django.urls import reverse

from reintegra.family.models import Relationship
from reintegra.followups.actions import log_contact, start_followup

pytestmark = pytest.mark.django_db


def test_the_consent_form_starts_in_the_persons_language_not_afrikaans(as_worker, case):
    page = as_worker.get(reverse("consents:list", args=[case.pk])).content.decode()
    language = page.split('name="language"')[1].split("</select>")[0]
    assert '<option value="vi" selected>' in language  # the conftest person speaks Vietnamese first
    assert 'value="af" selected' not in language


def test_a_contacts_note_is_shown_and_returned(as_worker, worker, case, client):
    from datetime import UTC, datetime

    from reintegra.accounts.models import ApiToken

    start_followup(actor=worker, case=case, starts_on=date(2026, 1, 5))
    log_contact(
        actor=worker,
        case=case,
        at=datetime(2026, 2, 5, 10, tzinfo=UTC),
        channel="phone",
        outcome="reached",
        note="Asked to call back after the harvest",
    )
    assert (
        "Asked to call back after the harvest"
        in as_worker.get(reverse("followups:followup", args=[case.pk])).content.decode()
    )
    _token, secret = ApiToken.issue(worker)
    api = client.get(f"/api/v1/cases/{case.pk}/followup", headers={"Authorization": f"Bearer {secret}"}).json()
    assert api["contacts"][0]["note"] == "Asked to call back after the harvest"


def test_the_timeline_says_what_changed_in_words(as_worker, case):
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2026-12-01", "agreed_on": "2026-01-10"})
    as_worker.post(reverse("plans:plan", args=[case.pk]), {"review_on": "2026-11-01", "agreed_on": "2026-01-10"})
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "review the plan by" in page
    assert "review_on" not in page and "agreed_on" not in page


def test_relationships_include_a_child_born_during_the_exploitation_a_step_parent_and_an_in_law(as_worker, case):
    assert {"child_born_in_exploitation", "step_parent", "in_law"} <= set(Relationship.values)
    as_worker.post(
        reverse("family:family", args=[case.pk]),
        {"given_name": "Bé Na", "relationship": "child_born_in_exploitation"},
    )
    page = as_worker.get(reverse("family:family", args=[case.pk])).content.decode()
    assert "Child born during the exploitation" in page
