"""Subject access, legal holds and erasure through the screens and the API, and who reaches them;
data-sharing agreements and the network's figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import IDENTIFIERS, make_user, signed_in
from reintegra.accounts.models import ApiToken, Role
from reintegra.audit.models import AuditAction, AuditRecord
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus
from reintegra.privacy.models import Anonymisation, DataSharingAgreement, LegalHold
from tests.test_url_access import SUMMARY_VALUES, seed

pytestmark = pytest.mark.django_db


def page(case):
    return reverse("privacy:case", args=[case.pk])


def test_only_the_cases_supervisor_reaches_the_persons_data_as_a_whole(
    case, supervisor, worker, teammate, manager_elsewhere, admin, outsider
):
    assert signed_in(supervisor).get(page(case)).status_code == 200
    for user in (worker, teammate, manager_elsewhere, admin, outsider):
        client = signed_in(user)
        assert client.get(page(case)).status_code == 404, user
        assert client.get(reverse("privacy:export_json", args=[case.pk])).status_code == 404, user
        assert client.post(reverse("privacy:place_hold", args=[case.pk]), {"reason": "x"}).status_code == 404
    assert not LegalHold.objects.exists()
    # A case naming no supervisor is supervised by every supervisor of the organisation, but only
    # one on its team acts on the person's data as a whole.
    from conftest import person_details
    from reintegra.cases.actions import CaseDetails, register_person_with_case, set_team

    unsupervised = register_person_with_case(actor=worker, person=person_details(given_name="Lan"), case=CaseDetails())
    assert signed_in(manager_elsewhere).get(page(unsupervised)).status_code == 404
    set_team(actor=supervisor, case=unsupervised, supervisor=None, team=[worker, manager_elsewhere], responsible=worker)
    assert signed_in(manager_elsewhere).get(page(unsupervised)).status_code == 200
    # The case page links to it for the supervisor only.
    assert reverse("privacy:case", args=[case.pk]) in signed_in(supervisor).get(f"/cases/{case.pk}/").content.decode()
    assert reverse("privacy:case", args=[case.pk]) not in signed_in(worker).get(f"/cases/{case.pk}/").content.decode()


def test_the_export_holds_everything_and_is_logged(case, supervisor, worker):
    seed(case, worker)
    client = signed_in(supervisor)
    response = client.get(reverse("privacy:export_json", args=[case.pk]))
    assert response["Content-Disposition"].startswith(f'attachment; filename="{case.number}-held-')
    document = json.loads(response.content)
    text = json.dumps(document, ensure_ascii=False)
    for value in (IDENTIFIERS["given_name"], IDENTIFIERS["document"], *SUMMARY_VALUES, "Seed-concern Grimsdyke"):
        assert value in text, value
    # A supervisor without the clinical role: the clinician's findings are left out, and it says so.
    assert "Seed-findings Oxleigh" not in text and len(document["left_out"]) == 2
    # Staff names are not in it.
    assert supervisor.display_name() not in text and worker.display_name() not in text
    assert {group["type"] for group in document["records"]} >= {"plans.goal", "safety.personofconcern", "debts.debt"}
    pdf = client.get(reverse("privacy:export_pdf", args=[case.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert AuditRecord.objects.filter(action=AuditAction.SUBJECT_ACCESS_EXPORT, actor=supervisor).count() == 2


def test_a_hold_needs_a_reason_and_blocks_erasure(case, supervisor):
    client = signed_in(supervisor)
    refused = client.post(reverse("privacy:place_hold", args=[case.pk]), {"reason": "  "})
    assert refused.status_code == 200 and "This field is required." in refused.content.decode()
    assert not LegalHold.objects.exists()
    client.post(reverse("privacy:place_hold", args=[case.pk]), {"reason": "Police investigation 2026/114"})
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    response = client.post(
        reverse("privacy:erase", args=[case.pk]), {"basis": "request", "confirm_number": case.number}
    )
    assert "A legal hold is on" in response.content.decode()
    assert Person.objects.get(pk=case.person_id).given_name == IDENTIFIERS["given_name"]
    hold = LegalHold.objects.get()
    lifted = client.post(
        reverse("privacy:lift_hold", args=[case.pk, hold.pk]), {"lift_reason": "Closed without charge"}
    )
    assert lifted.status_code == 302 and LegalHold.objects.active().count() == 0


def test_erasure_needs_closed_cases_and_the_number_and_leaves_a_verifiable_trail(case, supervisor, worker, capsys):
    seed(case, worker)
    client = signed_in(supervisor)
    url = reverse("privacy:erase", args=[case.pk])
    still_open = client.post(url, {"basis": "request", "confirm_number": case.number})
    assert "still open" in still_open.content.decode() and not Anonymisation.objects.exists()
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    mistyped = client.post(url, {"basis": "request", "confirm_number": "SHELTER-2026-00002"})
    assert "Type the case number exactly" in mistyped.content.decode()
    assert not Anonymisation.objects.exists()

    assert client.post(url, {"basis": "request", "confirm_number": case.number.lower()}).status_code == 302
    person = Person.objects.get(pk=case.person_id)
    assert person.given_name == "" and person.phones == [] and person.birth_date is None
    trace = Anonymisation.objects.get()
    assert (trace.reason, trace.basis, trace.by) == ("erasure", "request", supervisor)
    erased = AuditRecord.objects.get(action=AuditAction.ERASE)
    assert IDENTIFIERS["given_name"] not in erased.decrypted_detail_text()
    call_command("verify_audit_log")
    assert "Audit log intact" in capsys.readouterr().out
    again = client.get(page(case)).content.decode()
    assert "identifiable data was removed" in again and "Erase for good" not in again
    # Nothing writes the person back: not a form left open before the erasure, not a reopening.
    from django.core.exceptions import ValidationError

    from conftest import person_details
    from reintegra.cases.actions import change_status, update_person

    with pytest.raises(ValidationError, match="removed"):
        update_person(actor=worker, case=Case.objects.get(pk=case.pk), details=person_details())
    with pytest.raises(ValidationError, match="removed"):
        change_status(
            actor=supervisor,
            case=Case.objects.get(pk=case.pk),
            to_status="active",
            reopening_reason="new_need",
            requested_by="person",
        )
    assert Person.objects.get(pk=case.person_id).given_name == ""


def test_the_api_exports_holds_and_erases_for_the_supervisor_only(case, supervisor, worker, client):
    _token, secret = ApiToken.issue(supervisor)
    headers = {"Authorization": f"Bearer {secret}"}
    exported = client.get(f"/api/v1/cases/{case.pk}/subject-access", headers=headers)
    assert exported.status_code == 200
    assert IDENTIFIERS["given_name"] in json.dumps(exported.json(), ensure_ascii=False)
    _token, worker_secret = ApiToken.issue(worker)
    assert (
        client.get(
            f"/api/v1/cases/{case.pk}/subject-access", headers={"Authorization": f"Bearer {worker_secret}"}
        ).status_code
        == 404
    )
    placed = client.post(
        f"/api/v1/cases/{case.pk}/legal-holds",
        {"reason": "Civil claim"},
        content_type="application/json",
        headers=headers,
    )
    assert placed.status_code == 201 and placed["Location"] == f"/api/v1/cases/{case.pk}/legal-holds"
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, closure_reason="other")
    body = {"basis": "court", "confirm_number": case.number}
    held = client.post(f"/api/v1/cases/{case.pk}/erasure", body, content_type="application/json", headers=headers)
    assert held.status_code == 422
    hold_id = placed.json()["id"]
    client.post(
        f"/api/v1/cases/{case.pk}/legal-holds/{hold_id}/lift",
        {"lift_reason": "Settled"},
        content_type="application/json",
        headers=headers,
    )
    erased = client.post(f"/api/v1/cases/{case.pk}/erasure", body, content_type="application/json", headers=headers)
    assert erased.status_code == 200 and erased.json()["values_cleared"] > 0


def test_agreements_are_recorded_by_administrators_and_counted_in_the_network(
    admin, supervisor, coordinator, partner, outsider, shelter
):
    client = signed_in(admin)
    today = timezone.localdate(timezone=shelter.tzinfo)  # the office's day, as the pages take it
    form = {
        "with_organisation": partner.pk,
        "purpose": "network_reports",
        "reference": "DSA-2026-04, filed in the director's office",
        "signed_on": today.isoformat(),
        "starts_on": today.isoformat(),
        "ends_on": (today - timedelta(days=1)).isoformat(),
    }
    refused = client.post(reverse("privacy:agreements"), form)
    assert "cannot end before it starts" in refused.content.decode() and not DataSharingAgreement.objects.exists()
    assert client.post(reverse("privacy:agreements"), {**form, "ends_on": ""}).status_code == 302
    agreement = DataSharingAgreement.objects.get()
    assert AuditRecord.objects.filter(action=AuditAction.RECORD_SHARING_AGREEMENT).count() == 1
    # A supervisor reads them, records none; another organisation sees none of them.
    assert "DSA-2026-04" in signed_in(supervisor).get(reverse("privacy:agreements")).content.decode()
    assert signed_in(supervisor).post(reverse("privacy:agreements"), form).status_code == 404
    assert "DSA-2026-04" not in signed_in(outsider).get(reverse("privacy:agreements")).content.decode()
    assert signed_in(outsider).post(reverse("privacy:end_agreement", args=[agreement.pk])).status_code == 404
    assert client.post(reverse("privacy:end_agreement", args=[agreement.pk])).status_code == 302
    assert DataSharingAgreement.objects.get().ended_on == today


def test_the_network_counts_an_organisation_only_under_an_agreement_in_force(coordinator, admin, shelter, partner):
    from reintegra.privacy.actions import end_sharing_agreement, record_sharing_agreement
    from reintegra.reports.access import report_scope
    from reintegra.reports.actions import record_agreement

    partner_admin = make_user("partner.admin", partner, Role.ORG_ADMIN)
    coordinator_org = coordinator.organisation  # the shelter employs the coordinator
    record_agreement(actor=partner_admin, agreed=True)
    record_agreement(actor=admin, agreed=True)
    assert report_scope(coordinator, "network").organisation_ids == (shelter.pk,)
    agreement = record_sharing_agreement(
        actor=partner_admin,
        with_organisation=coordinator_org,
        purpose="network_reports",
        reference="DSA-7",
        signed_on=date(2026, 1, 5),
        starts_on=date(2026, 1, 5),
    )
    assert report_scope(coordinator, "network").organisation_ids == tuple(sorted((shelter.pk, partner.pk)))
    end_sharing_agreement(actor=partner_admin, agreement=agreement)
    # Ended today: in force no more.
    assert report_scope(coordinator, "network").organisation_ids == (shelter.pk,)


def test_supervises_in_memory_agrees_with_the_query(case, worker, supervisor, manager_elsewhere, outsider):
    """cases.access.supervises decides the link on the case page without a query; it must say
    what cases_supervised_by says, for every kind of case."""
    from django.http import Http404

    from conftest import person_details
    from reintegra.cases.access import cases_supervised_by, get_case_for_user, supervises
    from reintegra.cases.actions import CaseDetails, register_person_with_case

    unsupervised = register_person_with_case(actor=worker, person=person_details(given_name="Lan"), case=CaseDetails())
    restricted = register_person_with_case(
        actor=worker, person=person_details(given_name="Mai"), case=CaseDetails(restricted=True)
    )
    for user in (supervisor, manager_elsewhere, worker, outsider):
        expected = set(cases_supervised_by(user).values_list("pk", flat=True))
        for each in (case, unsupervised, restricted):
            try:
                read = get_case_for_user(user, each.pk)
            except Http404:  # a case the user cannot read is not one they supervise either
                assert each.pk not in expected
                continue
            assert supervises(user, read) == (each.pk in expected), (user, each.number)
