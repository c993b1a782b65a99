"""The documents page and its scans through HTTP, as the personas see them."""

from __future__ import annotations

import base64
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from PIL import Image

from conftest import signed_in
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.documents import actions
from reintegra.documents.models import Attachment, Document, DocumentStatus, DocumentStep
from reintegra.family.actions import MemberDetails, add_family_member
from reintegra.plans.actions import add_action, create_plan
from reintegra.plans.models import SupportItem

pytestmark = pytest.mark.django_db

# A real, small PDF: one empty page.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%Scan-of Pemberthwaite\n%%EOF\n"
)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def url(case) -> str:
    return f"/cases/{case.pk}/documents/"


@pytest.fixture
def child(case, worker):
    return add_family_member(
        actor=worker,
        case=case,
        details=MemberDetails(given_name="Mai-Undocumented", relationship="child_born_in_exploitation"),
    )


def test_the_team_records_documents_for_the_person_and_a_child_born_in_exploitation(as_worker, case, child, worker):
    response = as_worker.post(
        url(case),
        {
            "holder": "",
            "kind": "identity_card",
            "status": "obtained",
            "obtained_on": "2026-01-10",
            "number": "ID-0042-Kestrelhaven",
            "issued_by": "District police",
        },
    )
    assert response.status_code == 302
    response = as_worker.post(url(case), {"holder": str(child.pk), "kind": "birth_registration", "status": "needed"})
    assert response.status_code == 302
    birth = Document.objects.get(family_member=child)
    response = as_worker.post(
        f"{url(case)}{birth.pk}/steps/",
        {
            f"step{birth.pk}-on": "2026-02-01",
            f"step{birth.pk}-what": "Asked the commune office; they want a hospital birth paper",
            f"step{birth.pk}-status": "applied",
            f"step{birth.pk}-fee_amount": "50000",
            f"step{birth.pk}-fee_currency": "vnd",
            f"step{birth.pk}-obstacle": "confusing_procedure",
            f"step{birth.pk}-obstacle_note": "The birth happened abroad, without papers",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    birth.refresh_from_db()
    assert birth.status == DocumentStatus.APPLIED
    step = DocumentStep.objects.get(document=birth)
    assert (step.fee_amount, step.fee_currency, step.support_item) == (Decimal("50000"), "VND", None)
    page = as_worker.get(url(case)).content.decode()
    assert "ID-0042-Kestrelhaven" in page and "Mai-Undocumented" in page
    assert "50,000 VND" in page and "Confusing or circular procedure" in page
    # What is still to be done comes before what is held; the child's papers under the child.
    assert page.index('id="holder-person"') < page.index(f'id="holder-{child.pk}"')
    assert page.index(f'id="document-{birth.pk}"') > page.index(f'id="holder-{child.pk}"')
    assert AuditRecord.objects.filter(case=case, action=AuditAction.RECORD_DOCUMENT).count() == 2
    assert AuditRecord.objects.filter(case=case, action=AuditAction.RECORD_DOCUMENT_STEP).count() == 1
    assert AuditRecord.objects.filter(case=case, action=AuditAction.VIEW_DOCUMENTS).exists()


def test_a_child_without_any_document_is_shown_as_such(as_worker, case, child):
    page = as_worker.get(url(case)).content.decode()
    assert f'id="holder-{child.pk}"' in page and "Mai-Undocumented" in page
    assert "No document recorded." in page


def test_needed_documents_come_first_within_a_holder(as_worker, case, worker):
    held = actions.record_document(
        actor=worker, case=case, kind="passport", status="obtained", obtained_on=date(2026, 1, 2)
    )
    needed = actions.record_document(actor=worker, case=case, kind="victim_certification", status="needed")
    page = as_worker.get(url(case)).content.decode()
    assert page.index(f'id="document-{needed.pk}"') < page.index(f'id="document-{held.pk}"')


def test_bad_input_is_refused_beside_the_field_and_nothing_written(as_worker, case, worker):
    response = as_worker.post(url(case), {"holder": "", "kind": "other", "status": "obtained"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Say which document this is." in page and "Enter the day it was obtained." in page
    assert not Document.objects.exists()
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    response = as_worker.post(
        f"{url(case)}{document.pk}/steps/",
        {
            f"step{document.pk}-on": "2026-02-01",
            f"step{document.pk}-what": "Paid",
            f"step{document.pk}-fee_amount": "-3",
            f"step{document.pk}-fee_currency": "VND",
        },
    )
    assert response.status_code == 200 and not DocumentStep.objects.exists()
    assert "has-error" in response.content.decode()


def test_a_document_may_not_name_another_cases_family_member(case, worker, child):
    from conftest import person_details
    from reintegra.cases import actions as case_actions

    other = case_actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Other"), case=case_actions.CaseDetails()
    )
    with pytest.raises(Exception, match="another case"):
        actions.record_document(actor=worker, case=other, kind="passport", status="needed", holder=child)
    as_worker = signed_in(worker)
    response = as_worker.post(url(other), {"holder": str(child.pk), "kind": "passport", "status": "needed"})
    assert response.status_code == 200 and not Document.objects.exists()


def test_a_fee_under_an_administrative_plan_action_becomes_its_support_item(as_worker, case, worker):
    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
    adm = add_action(actor=worker, plan=plan, area="ADM", description="Get the papers", responsible=worker)
    med = add_action(actor=worker, plan=plan, area="MED", description="Check-up", responsible=worker)
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    with pytest.raises(Exception, match="administrative"):
        actions.record_document_step(
            actor=worker,
            document=document,
            on=date(2026, 2, 1),
            what="Paid",
            fee_amount=Decimal(10),
            fee_currency="VND",
            plan_action=med,
        )
    response = as_worker.post(
        f"{url(case)}{document.pk}/steps/",
        {
            f"step{document.pk}-on": "2026-02-01",
            f"step{document.pk}-what": "Paid the passport fee",
            f"step{document.pk}-fee_amount": "200000",
            f"step{document.pk}-fee_currency": "VND",
            f"step{document.pk}-plan_action": str(adm.pk),
        },
    )
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "error" in line]
    item = SupportItem.objects.get(action=adm)
    assert (item.kinds, item.amount, item.currency) == ("fee_paid", Decimal("200000"), "VND")
    assert DocumentStep.objects.get().support_item == item


def test_who_sees_the_documents_page(request, case, worker, child):
    actions.record_document(actor=worker, case=case, kind="passport", status="needed", number="P-Wolverstone")
    for persona, status in (
        ("worker", 200),
        ("supervisor", 200),
        ("manager_elsewhere", 200),  # identity papers: a manager of the organisation opens identity
        ("teammate", 404),
        ("outsider", 404),
        ("admin", 404),
        ("analyst", 404),
    ):
        response = signed_in(request.getfixturevalue(persona)).get(url(case))
        assert response.status_code == status, persona
        assert ("P-Wolverstone" in response.content.decode()) == (status == 200), persona


def test_the_page_costs_the_same_queries_for_1_and_12_documents(as_worker, case, worker, child):
    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
    add_action(actor=worker, plan=plan, area="ADM", description="Papers", responsible=worker)

    def add(n):
        for i in range(n):
            document = actions.record_document(
                actor=worker, case=case, kind="passport", status="needed", holder=child if i % 2 else None
            )
            actions.record_document_step(
                actor=worker,
                document=document,
                on=date(2026, 2, 1),
                what="Asked",
                fee_amount=Decimal(1),
                fee_currency="VND",
                obstacle="costs",
            )
            actions.add_attachment(actor=worker, document=document, data=PDF, filename="scan.pdf")

    add(1)
    as_worker.get(url(case))
    with CaptureQueriesContext(connection) as one:
        assert as_worker.get(url(case)).status_code == 200
    add(11)
    with CaptureQueriesContext(connection) as twelve:
        assert as_worker.get(url(case)).status_code == 200
    assert len(twelve) == len(one)


def test_the_case_page_links_to_it(as_worker, case):
    assert url(case) in as_worker.get(f"/cases/{case.pk}/").content.decode()


# --- scans --------------------------------------------------------------------------------------


def upload(client, case, document, content: bytes, name: str, content_type: str = "application/pdf"):
    return client.post(
        f"{url(case)}{document.pk}/attachments/",
        {f"scan{document.pk}-file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.parametrize(
    ("content", "name", "mime"), [(PDF, "passport.pdf", "application/pdf"), (None, "card.png", "image/png")]
)
def test_a_scan_goes_in_encrypted_and_comes_back_whole(as_worker, case, worker, content, name, mime):
    content = content or png()
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    # The browser's declared type is ignored: the bytes say what the file is.
    response = upload(as_worker, case, document, content, f"Lan-Nguyen-{name}", content_type="text/plain")
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = Attachment.objects.get()
    assert attachment.content_type == mime and attachment.size == len(content)
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, filename FROM documents_attachment")
        stored, stored_name = cursor.fetchone()
    assert stored.startswith("v2.") and "Lan-Nguyen" not in stored_name
    assert base64.b64encode(content).decode() not in stored
    assert content[:40].decode("latin-1") not in stored
    page = as_worker.get(url(case)).content.decode()
    assert f"Lan-Nguyen-{name}" in page
    response = as_worker.get(f"{url(case)}{document.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response.content == content
    assert response["Content-Type"] == mime
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert AuditRecord.objects.filter(case=case, action=AuditAction.OPEN_ATTACHMENT).count() == 1
    assert AuditRecord.objects.filter(case=case, action=AuditAction.ADD_ATTACHMENT).count() == 1


def test_a_file_named_pdf_that_is_not_one_is_refused(as_worker, case, worker):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    response = upload(as_worker, case, document, b"<html><script>alert(1)</script></html>", "passport.pdf")
    assert response.status_code == 200
    assert "not a PDF, JPEG or PNG" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_scan_over_the_default_five_megabytes_is_refused(as_worker, case, worker):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    response = upload(as_worker, case, document, PDF + b"0" * (5 * 1024 * 1024), "big.pdf")
    assert response.status_code == 200
    assert "a scan may be 5.0\xa0MB at most" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_jpeg_is_taken_and_a_gif_is_not(as_worker, case, worker):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    for image_format, taken in (("JPEG", True), ("GIF", False)):
        out = io.BytesIO()
        Image.new("RGB", (4, 4)).save(out, format=image_format)
        response = upload(as_worker, case, document, out.getvalue(), f"scan.{image_format.lower()}", "image/jpeg")
        assert (response.status_code == 302) == taken, image_format
    assert list(Attachment.objects.values_list("content_type", flat=True)) == ["image/jpeg"]


@override_settings(REINTEGRA_ATTACHMENT_MAX_BYTES=2048)
def test_a_scan_over_the_limit_is_refused_with_its_size(as_worker, case, worker):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    big = PDF + b"0" * 5000
    response = upload(as_worker, case, document, big, "big.pdf")
    assert response.status_code == 200
    page = response.content.decode()
    assert "a scan may be 2.0\xa0KB at most" in page and "This field is required" not in page
    assert not Attachment.objects.exists()


def test_a_scan_is_reached_only_through_its_case_and_document(request, case, worker):
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    other = actions.record_document(actor=worker, case=case, kind="identity_card", status="needed")
    attachment = actions.add_attachment(actor=worker, document=document, data=PDF, filename="p.pdf")
    good = f"{url(case)}{document.pk}/attachments/{attachment.pk}/"
    for persona, status in (("supervisor", 200), ("manager_elsewhere", 200), ("teammate", 404), ("outsider", 404)):
        assert signed_in(request.getfixturevalue(persona)).get(good).status_code == status, persona
    as_worker = signed_in(worker)
    assert as_worker.get(f"{url(case)}{other.pk}/attachments/{attachment.pk}/").status_code == 404
    assert as_worker.post(good).status_code == 405
    response = signed_in(request.getfixturevalue("outsider")).post(
        f"{url(case)}{document.pk}/attachments/", {f"scan{document.pk}-file": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert response.status_code == 404 and Attachment.objects.count() == 1


def test_a_tampered_scan_does_not_open(case, worker):
    from reintegra.core.crypto import DecryptionError

    first = actions.add_attachment(
        actor=worker,
        document=actions.record_document(actor=worker, case=case, kind="passport", status="needed"),
        data=PDF,
        filename="a.pdf",
    )
    second = actions.add_attachment(actor=worker, document=first.document, data=png(), filename="b.png")
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM documents_attachment WHERE id = %s", [first.pk])
        token = cursor.fetchone()[0]
        # A scan's ciphertext moved onto another record is refused, not opened.
        cursor.execute("UPDATE documents_attachment SET content = %s WHERE id = %s", [token, second.pk])
    with pytest.raises(DecryptionError):
        Attachment.objects.get(pk=second.pk)


def test_a_scan_needs_the_forms_csrf_token(case, worker):
    """The upload view checks CSRF itself (its upload handler must come first): not skipped."""
    from django.test import Client

    signed_in(worker)  # enrols the second factor
    client = Client(enforce_csrf_checks=True)
    client.force_login(worker)
    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    page = client.get(url(case))
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    target = f"{url(case)}{document.pk}/attachments/"
    field = f"scan{document.pk}-file"
    assert client.post(target, {field: SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    response = client.post(target, {field: SimpleUploadedFile("a.pdf", PDF), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Attachment.objects.count() == 1


def test_a_scan_is_re_encrypted_by_key_rotation(monkeypatch, case, worker):
    import os

    from django.core.management import call_command

    from reintegra.core.keys import new_key, new_key_id, reset_keyring

    document = actions.record_document(actor=worker, case=case, kind="passport", status="needed")
    attachment = actions.add_attachment(actor=worker, document=document, data=png(), filename="card.png")
    new_entry = f"{new_key_id()}:{new_key()}"
    try:
        monkeypatch.setenv("REINTEGRA_DATA_KEYS", f"{new_entry},{os.environ['REINTEGRA_DATA_KEYS']}")
        reset_keyring()
        call_command("rotate_data_key", stdout=io.StringIO())
        monkeypatch.setenv("REINTEGRA_DATA_KEYS", new_entry)  # the old key is gone
        reset_keyring()
        again = Attachment.objects.get(pk=attachment.pk)
        assert base64.b64decode(again.content) == png() and again.filename == "card.png"
    finally:
        monkeypatch.undo()
        reset_keyring()
