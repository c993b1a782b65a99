"""The documents API: the same workflows and the same refusals as the page."""

from __future__ import annotations

from datetime import date

import pytest

from reintegra.accounts.models import ApiToken
from reintegra.documents import actions
from reintegra.documents.models import Document, DocumentStep
from reintegra.family.actions import MemberDetails, add_family_member

pytestmark = pytest.mark.django_db


def headers(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(user)[1]}"}


def test_the_team_records_and_reads_documents(client, case, worker):
    child = add_family_member(
        actor=worker, case=case, details=MemberDetails(given_name="Hoa", relationship="child_born_in_exploitation")
    )
    auth = headers(worker)
    base = f"/api/v1/cases/{case.pk}/documents"
    response = client.post(
        base,
        {"family_member_id": child.pk, "kind": "birth_registration", "status": "needed"},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201, response.content
    assert response["Location"].endswith(base)
    document = Document.objects.get()
    assert document.family_member == child
    response = client.post(
        f"{base}/{document.pk}/steps",
        {
            "on": "2026-02-01",
            "what": "Went to the commune",
            "status": "applied",
            "fee_amount": "30000",
            "obstacle": "practical_barrier",
            "obstacle_note": "Two hours by bus",
        },
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 201, response.content
    step = DocumentStep.objects.get()
    assert step.fee_currency == case.organisation.currency  # the organisation's, when none is given
    actions.add_attachment(actor=worker, document=document, data=b"%PDF-1.4\n%%EOF\n", filename="b.pdf")
    body = client.get(base, headers=auth).json()
    [out] = body["documents"]
    assert out["status"] == "applied" and out["family_member_id"] == child.pk
    assert out["steps"][0]["obstacle"] == "practical_barrier"
    assert out["attachments"][0]["filename"] == "b.pdf" and "content" not in out["attachments"][0]
    assert body["fees_paid"] == [{"currency": case.organisation.currency, "total": "30000.00"}]


def test_it_refuses_like_the_page(client, case, worker, outsider, teammate, manager_elsewhere):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed", number="P-Ormskirk")
    base = f"/api/v1/cases/{case.pk}/documents"
    for user in (outsider, teammate):
        assert client.get(base, headers=headers(user)).status_code == 404
        response = client.post(
            f"{base}/{document.pk}/steps",
            {"on": "2026-02-01", "what": "probe"},
            content_type="application/json",
            headers=headers(user),
        )
        assert response.status_code == 404
    assert "P-Ormskirk" in client.get(base, headers=headers(manager_elsewhere)).content.decode()
    response = client.post(
        base, {"kind": "other", "status": "obtained"}, content_type="application/json", headers=headers(worker)
    )
    assert response.status_code == 422
    assert Document.objects.count() == 1
    response = client.post(
        f"{base}/{document.pk}/steps",
        {"on": date(2026, 2, 1).isoformat(), "what": "Paid", "fee_amount": "-1"},
        content_type="application/json",
        headers=headers(worker),
    )
    assert response.status_code == 422 and not DocumentStep.objects.exists()


def test_a_scan_comes_through_the_api_with_the_pages_checks(client, case, worker, outsider, teammate):
    from reintegra.audit.models import AuditAction, AuditRecord

    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    pdf = b"%PDF-1.4\n%%EOF\n"
    attachment = actions.add_attachment(actor=worker, document=document, data=pdf, filename="p.pdf")
    path = f"/api/v1/cases/{case.pk}/documents/{document.pk}/attachments/{attachment.pk}"
    response = client.get(path, headers=headers(worker))
    assert response.status_code == 200 and response.content == pdf
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert AuditRecord.objects.filter(case=case, action=AuditAction.OPEN_ATTACHMENT).count() == 1
    for user in (outsider, teammate):
        assert client.get(path, headers=headers(user)).status_code == 404
    other = actions.record_document(actor=worker, case=case, kind="identity_card", status="needed")
    wrong = f"/api/v1/cases/{case.pk}/documents/{other.pk}/attachments/{attachment.pk}"
    assert client.get(wrong, headers=headers(worker)).status_code == 404
