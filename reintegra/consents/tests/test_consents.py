"""Consent decisions through HTTP: recorded with what was explained, withdrawn or re-confirmed
by appending, never edited; review reminders."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from conftest import signed_in
from reintegra.audit.models import AuditRecord
from reintegra.consents.models import Consent, ConsentStatus

pytestmark = pytest.mark.django_db


def decision(**overrides):
    data = {
        "scope": "service",
        "subject": "Vocational training in sewing",
        "status": "given",
        "decided_on": "2026-03-01",
        "given_by": "self",
        "information_given": "What the course involves, that the centre learns her first name only, and that she can stop any time.",
        "information_format": "spoken",
        "language": "vi",
        "interpreter": "",
        "understood": "on",
        "review_on": "2026-09-01",
    }
    data.update(overrides)
    return data


def test_record_consent_with_what_was_explained(as_worker, case):
    response = as_worker.post(reverse("consents:list", args=[case.pk]), decision())
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.scope, consent.status, consent.language, consent.understood) == ("service", "given", "vi", True)
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Vocational training in sewing" in page and "Given" in page


@pytest.mark.parametrize(
    "bad",
    [
        {"review_on": ""},  # given consent must be revisited
        {"given_by": "guardian", "giver_name": ""},
        {"decided_on": "2999-01-01"},
        {"language": "xx"},
        {"information_given": ""},
    ],
)
def test_incomplete_decisions_are_refused(as_worker, case, bad):
    response = as_worker.post(reverse("consents:list", args=[case.pk]), decision(**bad))
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Consent.objects.exists()


def test_withdrawal_stops_that_one_thing_only(as_worker, case):
    url = reverse("consents:list", args=[case.pk])
    as_worker.post(url, decision())
    as_worker.post(url, decision(scope="family_contact", subject="Calls to her mother"))
    training = Consent.objects.get(scope="service")
    as_worker.post(
        reverse("consents:withdraw", args=[case.pk, training.pk]), {"withdrawn_on": "2026-04-01", "note": "Found a job"}
    )
    current = {c.scope: c.status for c in Consent.objects.current()}
    assert current == {"service": ConsentStatus.WITHDRAWN, "family_contact": ConsentStatus.GIVEN}
    assert Consent.objects.count() == 3  # nothing overwritten
    case.refresh_from_db()
    assert case.status == "intake"  # the case goes on
    page = as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Withdrawn" in page and "Consent withdrawn" in page
    # Withdrawing the same decision twice is refused.
    as_worker.post(reverse("consents:withdraw", args=[case.pk, training.pk]), {"withdrawn_on": "2026-04-02"})
    assert Consent.objects.count() == 3


def test_review_reminder_and_reconfirmation(as_worker, worker, case):
    as_worker.post(reverse("consents:list", args=[case.pk]), decision(review_on="2026-09-01"))
    consent = Consent.objects.get()
    with time_machine.travel("2026-08-31 12:00Z"):
        as_worker = signed_in(worker)  # months later: the earlier session has long timed out
        assert not Consent.objects.review_due(on=date(2026, 8, 31)).exists()
        assert "re-confirm due" not in as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    with time_machine.travel("2026-09-02 12:00Z"):
        as_worker = signed_in(worker)
        assert Consent.objects.review_due(on=date(2026, 9, 2)).get() == consent
        assert "re-confirm due" in as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
        as_worker.post(
            reverse("consents:reconfirm", args=[case.pk, consent.pk]),
            {"reconfirmed_on": "2026-09-02", "review_on": "2027-03-01"},
        )
        assert "re-confirm due" not in as_worker.get(reverse("cases:detail", args=[case.pk])).content.decode()
    latest = Consent.objects.current().get()
    assert latest.supersedes == consent and str(latest.review_on) == "2027-03-01"


def test_consent_text_is_encrypted_and_changes_audited(as_worker, case):
    as_worker.post(reverse("consents:list", args=[case.pk]), decision(subject="Calls to Aunt Hoa in Vinh"))
    assert AuditRecord.objects.filter(action="record_consent", case=case).exists()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT subject, information_given FROM consents_consent")
        subject, info = cursor.fetchone()
    assert "Hoa" not in subject and subject.startswith("v2.") and info.startswith("v2.")


def test_strangers_cannot_see_or_change_consent(as_worker, as_teammate, as_outsider, case):
    as_worker.post(reverse("consents:list", args=[case.pk]), decision())
    consent = Consent.objects.get()
    for client in (as_teammate, as_outsider):
        assert client.get(reverse("consents:list", args=[case.pk])).status_code == 404
        response = client.post(reverse("consents:withdraw", args=[case.pk, consent.pk]), {"withdrawn_on": "2026-04-01"})
        assert response.status_code == 404
    assert Consent.objects.count() == 1


def test_api_records_lists_and_withdraws(client, worker, case):
    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(worker)
    headers = {"Authorization": f"Bearer {secret}"}
    base = f"/api/v1/cases/{case.pk}/consents"
    payload = {k: v for k, v in decision().items() if k not in ("understood", "interpreter")}
    created = client.post(base, payload, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    consent_id = created.json()["id"]
    withdrawn = client.post(
        f"{base}/{consent_id}/withdraw",
        {"withdrawn_on": "2026-05-01"},
        content_type="application/json",
        headers=headers,
    )
    assert withdrawn.status_code == 201 and withdrawn.json()["supersedes_id"] == consent_id
    listed = client.get(base, headers=headers).json()["items"]
    assert [(c["status"], c["current"]) for c in listed] == [("withdrawn", True), ("given", False)]
    bad = client.post(base, {**payload, "review_on": None}, content_type="application/json", headers=headers)
    assert bad.status_code == 422
    assert Consent.objects.count() == 2
