"""Referrals through the pages: prepared from the directory, sent only with the person's consent
to that sharing (or a supervisor's recorded override, for a child), answered and followed to
their end by the provider, with every step in the history."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import make_user, signed_in
from reintegra.accounts.models import Role
from reintegra.consents.models import Consent
from reintegra.directory import actions as directory_actions
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.referrals.models import Referral, ReferralStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-06-01 03:00Z", tick=False):  # 10:00 in Ho Chi Minh City
        yield


CONSENT = {
    "status": "given",
    "decided_on": "2026-06-01",
    "information_given": "The clinic sees your name and health needs, nothing else",
    "language": "vi",
    "given_by": "self",
    "understood": "on",
    "review_on": "2026-12-01",
}


def propose(client, case, service, **overrides) -> Referral:
    post = {
        "service": service.pk,
        "area": "MED",
        "reason": "Persistent cough, needs a check-up",
        "sections": ["summary", "identity"],
        **overrides,
    }
    response = client.post(reverse("referrals:case", args=[case.pk]), post)
    assert response.status_code == 302, response.content.decode()
    return Referral.objects.latest("pk")


def test_without_consent_the_server_refuses_to_send(case, as_worker, service):
    referral = propose(as_worker, case, service)
    response = as_worker.post(reverse("referrals:send", args=[referral.pk]), follow=True)
    assert "has not agreed to this sharing" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED and referral.sent_at is None
    # A declined decision does not allow it either.
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), {**CONSENT, "status": "declined"})
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED
    # And the database itself keeps no sent referral without consent or override.
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.filter(pk=referral.pk).update(status="sent", sent_at="2026-06-01T03:00Z")


def test_a_consent_withdrawn_before_sending_stops_it(case, worker, as_worker, service):
    from reintegra.consents.actions import withdraw_consent

    referral = propose(as_worker, case, service)
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    referral.refresh_from_db()
    assert referral.consent is not None and referral.consent.scope == "data_sharing"
    withdraw_consent(actor=worker, consent=referral.consent, withdrawn_on=date(2026, 6, 1))
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED


def test_a_referral_followed_to_its_end(case, as_worker, service, clinic_provider):
    referral = propose(as_worker, case, service)
    assert referral.shared_sections == ["summary", "identity"]
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    consent = Consent.objects.get(pk=Referral.objects.get(pk=referral.pk).consent_id)
    assert "Lotus Clinic" in consent.subject and "Personal identifiers" in consent.subject
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    with time_machine.travel("2026-06-04 03:00Z", tick=False):
        provider = signed_in(clinic_provider)
        inbox = provider.get(reverse("referrals:inbox")).content.decode()
        waiting = inbox.split('id="waiting"')[1].split("</table>")[0]
        assert case.number in waiting and "3 days" in waiting
        shared = provider.get(reverse("referrals:shared_case", args=[referral.pk])).content.decode()
        assert case.person.given_name in shared
        # A refusal needs a reason; without one nothing changes.
        provider.post(reverse("referrals:move", args=[referral.pk]), {"to_status": "refused_by_provider"})
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.SENT
        for step in ("accepted", "in_service"):
            provider.post(reverse("referrals:move", args=[referral.pk]), {"to_status": step})
        provider.post(
            reverse("referrals:move", args=[referral.pk]),
            {"to_status": "completed", "outcome": "Treated for bronchitis", "feedback": "Follow up in a month"},
        )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and referral.ended_at is not None
    assert list(referral.events.values_list("to_status", flat=True)) == [
        "proposed",
        "sent",
        "accepted",
        "in_service",
        "completed",
    ]
    page = as_worker.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Treated for bronchitis" in page and "Follow up in a month" in page
    # Ended: the provider keeps the referral and what they wrote, and opens the case no more.
    assert provider.get(reverse("referrals:shared_case", args=[referral.pk])).status_code == 404
    assert provider.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert "Treated for bronchitis" in provider.get(reverse("referrals:referral", args=[referral.pk])).content.decode()


def test_the_inbox_dates_are_the_providers_local_days(case, worker, as_worker, service, clinic_provider):
    """Past 17:00 UTC it is already the next day in Viet Nam: the inbox says so."""
    referral = propose(as_worker, case, service)
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)

    def table(page: str, name: str) -> str:
        return page.split(f'id="{name}"')[1].split("</table>")[0]

    with time_machine.travel("2026-06-04 18:00Z", tick=False):
        signed_in(worker).post(reverse("referrals:send", args=[referral.pk]))
        provider = signed_in(clinic_provider)
        waiting = table(provider.get(reverse("referrals:inbox")).content.decode(), "waiting")
        assert "2026-06-05" in waiting and case.number in waiting and "0 days" in waiting
    with time_machine.travel("2026-06-09 17:30Z", tick=False):
        provider = signed_in(clinic_provider)
        for step in ("accepted", "in_service"):
            provider.post(reverse("referrals:move", args=[referral.pk]), {"to_status": step})
        in_service = table(provider.get(reverse("referrals:inbox")).content.decode(), "in-service")
        assert case.number in in_service and "In service" in in_service
        provider.post(reverse("referrals:move", args=[referral.pk]), {"to_status": "completed", "outcome": "Seen"})
        page = provider.get(reverse("referrals:inbox")).content.decode()
    ended = table(page, "ended")
    assert "2026-06-10" in ended and case.number in ended and "Completed" in ended
    assert case.number not in table(page, "waiting") + table(page, "in-service")


def test_sides_cannot_take_each_others_steps(case, as_worker, service, clinic_provider):
    referral = propose(as_worker, case, service)
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    as_worker.post(reverse("referrals:move", args=[referral.pk]), {"to_status": "accepted"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT  # only the provider accepts
    provider = signed_in(clinic_provider)
    provider.post(reverse("referrals:move", args=[referral.pk]), {"to_status": "withdrawn"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT  # only the sender withdraws
    # A provider never changes the case itself, though it reads the shared sections.
    for url in (reverse("cases:change_status", args=[case.pk]), reverse("cases:edit_person", args=[case.pk])):
        assert provider.post(url, {"to_status": "closed", "closure_reason": "other"}).status_code == 404


def test_a_proposed_referral_is_invisible_to_the_provider(case, as_worker, service, clinic_provider):
    referral = propose(as_worker, case, service)
    provider = signed_in(clinic_provider)
    assert provider.get(reverse("referrals:referral", args=[referral.pk])).status_code == 404
    assert case.number not in provider.get(reverse("referrals:inbox")).content.decode()
    assert provider.get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_only_a_supervisor_overrides_consent_and_only_for_a_child(case, as_worker, as_supervisor, service, supervisor):
    referral = propose(as_worker, case, service)
    why = {"override_justification": "Child at immediate risk; the mother is the recruiter"}
    as_worker.post(reverse("referrals:send", args=[referral.pk]), why)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.PROPOSED  # a worker may not
    response = as_supervisor.post(reverse("referrals:send", args=[referral.pk]), why, follow=True)
    assert "only for protecting a child" in response.content.decode()  # the person is an adult
    case.person.birth_date = date(2012, 1, 1)
    case.person.save()
    as_supervisor.post(reverse("referrals:send", args=[referral.pk]), why)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.override_by == supervisor
    page = as_supervisor.get(reverse("referrals:case", args=[case.pk])).content.decode()
    assert "sent without consent, to protect a child" in page
    detail = as_supervisor.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "the mother is the recruiter" in detail


def test_a_service_of_a_provider_outside_the_installation_cannot_be_referred_to(case, as_worker, coordinator):
    outside = directory_actions.save_provider(
        actor=coordinator, provider=None, values={"name": "Far NGO", "country": "TH"}
    )
    service = directory_actions.save_service(
        actor=coordinator, provider=outside, service=None, values={"name": "Shelter"}, areas=["MED"], locations=[]
    )
    response = as_worker.post(
        reverse("referrals:case", args=[case.pk]),
        {"service": service.pk, "area": "MED", "reason": "x", "sections": ["summary"]},
    )
    assert "uses neither this installation nor a partner installation" in response.content.decode()
    assert not Referral.objects.exists()


def test_strangers_reach_no_referral(case, as_worker, service, outsider, teammate, clinic):
    referral = propose(as_worker, case, service)
    other_provider = make_user(
        "other.provider",
        Organisation.objects.create(
            name="Other", code="other", org_type=OrganisationType.NGO, country="VN", holds_cases=False
        ),
        Role.SERVICE_PROVIDER,
    )
    for user in (outsider, teammate, other_provider):
        client = signed_in(user)
        for name in ("referral", "shared_case"):
            assert client.get(reverse(f"referrals:{name}", args=[referral.pk])).status_code == 404
        assert client.post(reverse("referrals:send", args=[referral.pk])).status_code == 404


def test_the_inbox_costs_the_same_queries_for_many_referrals(case, worker, as_worker, service, clinic_provider):
    provider = signed_in(clinic_provider)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert provider.get(reverse("referrals:inbox")).status_code == 200
        return len(captured)

    def send_one() -> None:
        referral = propose(as_worker, case, service)
        as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
        as_worker.post(reverse("referrals:send", args=[referral.pk]))

    send_one()
    queries()
    few = queries()
    for _ in range(5):
        send_one()
    assert queries() == few


def test_saving_the_update_form_unchanged_changes_nothing(case, as_worker, service):
    """The sender's only step on a sent referral is to withdraw it: not chosen by default."""
    referral = propose(as_worker, case, service)
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    page = as_worker.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert '<option value="" selected>Choose…</option>' in page and "Feedback to the sender" not in page
    as_worker.post(reverse("referrals:move", args=[referral.pk]), {"to_status": ""})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_plan_action_shows_its_referrals_state(case, worker, as_worker, service, clinic):
    from reintegra.plans.actions import add_action, create_plan

    plan = create_plan(actor=worker, case=case, review_on=date(2026, 12, 1))
    action = add_action(
        actor=worker,
        plan=plan,
        area="MED",
        description="See a doctor about the cough",
        responsible=worker,
        delivery="referral",
        provider=clinic,
    )
    referral = propose(as_worker, case, service, action=action.pk)
    assert referral.action == action
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    page = as_worker.get(reverse("plans:plan", args=[case.pk])).content.decode()
    row = page.split("See a doctor about the cough")[1].split("</td>")[0]
    assert "Referral: Sent, waiting for an answer" in row


def test_the_api_refuses_to_send_without_consent_too(client, case, worker, service, clinic_provider):
    from reintegra.accounts.models import ApiToken

    _token, secret = ApiToken.issue(worker)
    headers = {"Authorization": f"Bearer {secret}"}
    made = client.post(
        f"/api/v1/cases/{case.pk}/referrals",
        {"service_id": service.pk, "area": "MED", "reason": "Cough", "sections": ["summary", "health"]},
        content_type="application/json",
        headers=headers,
    )
    assert made.status_code == 201, made.content
    referral_id = made.json()["id"]
    refused = client.post(f"/api/v1/referrals/{referral_id}/send", {}, content_type="application/json", headers=headers)
    assert refused.status_code == 422 and "has not agreed" in refused.json()["detail"]
    assert Referral.objects.get(pk=referral_id).status == ReferralStatus.PROPOSED
    consent = {**CONSENT, "understood": True}
    assert (
        client.post(
            f"/api/v1/referrals/{referral_id}/consent", consent, content_type="application/json", headers=headers
        ).status_code
        == 201
    )
    sent = client.post(f"/api/v1/referrals/{referral_id}/send", {}, content_type="application/json", headers=headers)
    assert sent.status_code == 201 and sent.json()["status"] == "sent"
    _other, provider_secret = ApiToken.issue(clinic_provider)
    inbox = client.get("/api/v1/referrals/received", headers={"Authorization": f"Bearer {provider_secret}"}).json()
    assert [item["id"] for item in inbox["items"]] == [referral_id] and inbox["items"][0]["side"] == "receiver"


@pytest.mark.parametrize("service_id", ["99999999999999999999999", "-1", "x", "1e5"])
def test_a_bad_service_id_is_no_service_not_an_error(case, as_worker, service_id):
    response = as_worker.get(reverse("referrals:case", args=[case.pk]), {"service": service_id})
    assert response.status_code == 200 and "Prepare the referral" not in response.content.decode()
    assert as_worker.post(reverse("referrals:case", args=[case.pk]), {"service": service_id}).status_code == 302
    assert not Referral.objects.exists()


def test_a_referral_can_be_for_a_family_member(case, worker, as_worker, service, clinic_provider):
    from reintegra.family.actions import MemberDetails, add_family_member

    son = add_family_member(
        actor=worker,
        case=case,
        details=MemberDetails(given_name="Bảo-Long", family_name="Zubrowska-Phạm", relationship="child"),
    )
    page = as_worker.get(reverse("referrals:case", args=[case.pk]), {"service": service.pk, "area": "MED"})
    assert "Bảo-Long Zubrowska-Phạm (Child)" in page.content.decode()
    referral = propose(as_worker, case, service, family_member=son.pk, sections=["summary"])
    assert referral.family_member == son
    assert (
        "Bảo-Long Zubrowska-Phạm (Child)"
        in as_worker.get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    )
    as_worker.post(reverse("referrals:consent", args=[referral.pk]), CONSENT)
    as_worker.post(reverse("referrals:send", args=[referral.pk]))
    # Identity not shared: the provider learns it is for the person's child, not the child's name.
    received = signed_in(clinic_provider).get(reverse("referrals:referral", args=[referral.pk])).content.decode()
    assert "Child" in received and "Bảo-Long" not in received


def test_a_family_member_of_another_case_is_refused(case, worker, as_worker, service, supervisor):
    from conftest import person_details
    from reintegra.cases import actions as case_actions
    from reintegra.family.actions import MemberDetails, add_family_member

    other = case_actions.register_person_with_case(
        actor=worker,
        person=person_details(given_name="Other", family_name="Person", phones=[], identity_documents=[]),
        case=case_actions.CaseDetails(exploitation_types=["ForcedLabour"], origin_countries=["VN"]),
        supervisor=supervisor,
    )
    stranger = add_family_member(
        actor=worker, case=other, details=MemberDetails(given_name="Nam", relationship="sibling")
    )
    add_family_member(actor=worker, case=case, details=MemberDetails(given_name="Lan", relationship="parent"))
    before = Referral.objects.count()
    response = as_worker.post(
        reverse("referrals:case", args=[case.pk]),
        {"service": service.pk, "area": "MED", "reason": "x", "sections": ["summary"], "family_member": stranger.pk},
    )
    assert response.status_code == 200 and Referral.objects.count() == before
