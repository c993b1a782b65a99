"""Referrals across installations, in one process: the shelter and a partner abroad each hold
their own keys and have pinned each other's, as two installations would. A package goes out from
the sender's page, is imported on the partner's, answered, and the answer imported back. Every
kind of bad package is refused with a plain message, and nothing is written.
(tests/test_two_installations.py runs the same exchange between two real servers.)"""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from nacl.public import PublicKey, SealedBox
from nacl.signing import SigningKey

from conftest import IDENTIFIERS, make_user, signed_in
from reintegra.accounts.models import Role
from reintegra.directory import actions as directory_actions
from reintegra.exchange import actions, packages
from reintegra.exchange.models import IncomingReferral, IncomingStatus, PackageReceipt
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.referrals import actions as referral_actions
from reintegra.referrals.models import Referral, ReferralReason, ReferralStatus
from reintegra.tasks.models import Task, TaskKind, TaskStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
IDENTIFIER_STRINGS = [v for value in IDENTIFIERS.values() for v in (value if isinstance(value, list) else [value])]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-06-01 03:00Z", tick=False) as traveller:
        yield traveller


@pytest.fixture
def abroad(db) -> Organisation:
    return Organisation.objects.create(
        name="Mekong Care", code="mekong", org_type=OrganisationType.NGO, country="TH", holds_cases=False
    )


@pytest.fixture
def abroad_provider(abroad):
    return make_user("mekong.provider", abroad, Role.SERVICE_PROVIDER)


@pytest.fixture
def pinned(shelter, abroad):
    """Each side pins the other's card, as operators of two installations would."""
    partner_abroad = actions.pin_partner(actor=None, card=actions.partner_card(abroad))
    partner_shelter = actions.pin_partner(actor=None, card=actions.partner_card(shelter))
    return partner_abroad, partner_shelter


@pytest.fixture
def referral(case, worker, coordinator, pinned) -> Referral:
    partner_abroad, _ = pinned
    provider = directory_actions.save_provider(
        actor=coordinator, provider=None, values={"name": "Mekong Care", "country": "TH"}
    )
    provider.partner = partner_abroad
    provider.save()
    service = directory_actions.save_service(
        actor=coordinator, provider=provider, service=None, values={"name": "Counselling"}, areas=["PSY"], locations=[]
    )
    referral = referral_actions.propose_referral(
        actor=worker,
        case=case,
        service=service,
        area="PSY",
        reason="Counselling in Thai after the return",
        reason_kind=ReferralReason.MOVING,
        sections=["summary", "identity"],
    )
    referral_actions.record_sharing_consent(
        actor=worker,
        referral=referral,
        status="given",
        decided_on=date(2026, 6, 1),
        information_given="Mekong Care sees your name and why you are referred",
        language="vi",
        given_by="self",
        understood=True,
        review_on=date(2026, 12, 1),
    )
    return referral_actions.send_referral(actor=worker, side="sender", referral=referral)


def download(client, referral) -> bytes:
    response = client.get(reverse("exchange:referral_package", args=[referral.pk]))
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.content


def upload(client, data: bytes):
    return client.post(
        reverse("exchange:import"), {"package": SimpleUploadedFile("package.json", data, "application/json")}
    )


def refused(client, data: bytes, message: str) -> None:
    before = (IncomingReferral.objects.count(), PackageReceipt.objects.count())
    response = upload(client, data)
    assert response.status_code == 200
    assert message in response.content.decode(), response.content.decode()[-3000:]
    assert (IncomingReferral.objects.count(), PackageReceipt.objects.count()) == before


def test_a_referral_goes_abroad_and_its_answer_comes_back(referral, as_worker, abroad_provider, case):
    data = download(as_worker, referral)
    envelope = json.loads(data)
    assert set(envelope) == {"format", "version", "to", "sealed"}
    for value in [*IDENTIFIER_STRINGS, case.number, "Counselling in Thai"]:
        assert value not in data.decode()  # sealed: nothing readable on the way

    partner = signed_in(abroad_provider)
    response = upload(partner, data)
    assert response.status_code == 302
    incoming = IncomingReferral.objects.get()
    assert incoming.status == IncomingStatus.PENDING
    assert incoming.reason_kind == ReferralReason.MOVING  # HTCDS's reason, across the border
    page = partner.get(response["Location"]).content.decode()
    assert IDENTIFIERS["given_name"] in page and "Counselling in Thai after the return" in page
    assert "The person is moving or has moved" in page
    assert case.number in page
    assert IDENTIFIERS["notes"] not in page  # the person's notes were not shared
    inbox = partner.get(reverse("referrals:inbox")).content.decode()
    assert f"their referral {referral.pk}" in inbox

    response = partner.post(reverse("exchange:incoming", args=[incoming.pk]), {"decision": "accept"})
    assert response.status_code == 302
    answer = partner.get(reverse("exchange:answer_package", args=[incoming.pk]))
    assert answer.status_code == 200

    response = upload(as_worker, answer.content)
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED and referral.answered_at is not None
    assert "Recorded by Mekong Care." in as_worker.get(response["Location"]).content.decode()


def test_a_refusal_comes_back_with_its_reason_and_the_partner_keeps_no_details(referral, as_worker, abroad_provider):
    partner = signed_in(abroad_provider)
    upload(partner, download(as_worker, referral))
    incoming = IncomingReferral.objects.get()
    response = partner.post(reverse("exchange:incoming", args=[incoming.pk]), {"decision": "refuse"})
    assert (
        "Say why the referral is refused"
        in partner.get(reverse("exchange:incoming", args=[incoming.pk])).content.decode()
        or response.status_code == 200
    )
    partner.post(
        reverse("exchange:incoming", args=[incoming.pk]), {"decision": "refuse", "reason": "No Vietnamese speaker"}
    )
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.REFUSED and "person" not in incoming.content
    upload(as_worker, partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content)
    referral.refresh_from_db()
    assert (referral.status, referral.refusal_reason) == (ReferralStatus.REFUSED, "No Vietnamese speaker")


def test_a_package_is_imported_once(referral, as_worker, abroad_provider):
    partner = signed_in(abroad_provider)
    data = download(as_worker, referral)
    assert upload(partner, data).status_code == 302
    refused(partner, data, "already imported on 2026-06-01")
    refused(partner, download(as_worker, referral), "was imported already, from another package")


def test_an_altered_package_is_refused(referral, as_worker, abroad_provider):
    envelope = json.loads(download(as_worker, referral))
    sealed = bytearray(base64.b64decode(envelope["sealed"]))
    sealed[100] ^= 1
    envelope["sealed"] = base64.b64encode(bytes(sealed)).decode()
    refused(signed_in(abroad_provider), json.dumps(envelope).encode(), "damaged or altered on its way")
    refused(signed_in(abroad_provider), b"not json at all", "not a Reintegra referral package")


def test_a_package_for_someone_else_is_refused(referral, as_worker, abroad_provider, clinic_provider):
    data = download(as_worker, referral)
    refused(signed_in(clinic_provider), data, "This package is not for your organisation")
    envelope = json.loads(data)
    envelope["to"] = "0000 0000 0000 0000 0000 0000 0000 0000"
    refused(
        signed_in(abroad_provider),
        json.dumps(envelope).encode(),
        "addressed to an organisation that does not use this installation",
    )


def test_an_expired_package_is_refused(referral, as_worker, abroad_provider, frozen):
    data = download(as_worker, referral)
    frozen.shift(14 * 86400)
    refused(signed_in(abroad_provider), data, "This package expired on 2026-06-15")


def test_a_package_signed_by_a_key_nobody_pinned_is_refused(referral, as_worker, abroad_provider, abroad, shelter):
    """An attacker who knows the shelter's public fingerprint signs with their own key."""
    payload = _payload_for(referral, as_worker, abroad_provider)
    data = _sealed_for(actions.keys_for(abroad), SigningKey.generate(), payload)
    refused(signed_in(abroad_provider), data, "does not match Safe Harbour Shelter")


def test_a_package_re_addressed_by_its_first_recipient_is_refused(
    referral, as_worker, abroad_provider, clinic, clinic_provider, shelter
):
    """Mekong Care opens a genuine package and seals the signed content again for another
    organisation: the signature still holds, but it names Mekong Care as the recipient."""
    payload = _payload_for(referral, as_worker, abroad_provider)
    shelter_key = SigningKey(base64.b64decode(actions.keys_for(shelter).signing_secret))
    data = _sealed_for(actions.keys_for(clinic), shelter_key, payload)
    refused(signed_in(clinic_provider), data, "signed for another organisation and re-addressed")


def _sealed_for(recipient, signing_key: SigningKey, payload: dict) -> bytes:
    """A package put together by hand, as an attacker would: any signer, any recipient."""
    signed = signing_key.sign(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())
    sealed = SealedBox(PublicKey(base64.b64decode(recipient.box_public))).encrypt(bytes(signed))
    envelope = {"format": "reintegra-package", "version": 1, "to": packages.fingerprint(recipient.box_public)}
    return json.dumps({**envelope, "sealed": base64.b64encode(sealed).decode()}).encode()


def _payload_for(referral, as_worker, abroad_provider) -> dict:
    """The payload of a genuine package, opened as its recipient would."""
    opened = packages.open_package(download(as_worker, referral), now=referral.sent_at)
    return opened.payload


def test_only_the_cases_team_exports_and_only_the_addressee_reads(
    referral, as_worker, abroad_provider, as_outsider, as_teammate, clinic_provider
):
    for client in (as_outsider, as_teammate, signed_in(clinic_provider)):
        assert client.get(reverse("exchange:referral_package", args=[referral.pk])).status_code == 404
    upload(signed_in(abroad_provider), download(as_worker, referral))
    incoming = IncomingReferral.objects.get()
    for client in (as_outsider, as_worker, signed_in(clinic_provider)):
        assert client.get(reverse("exchange:incoming", args=[incoming.pk])).status_code == 404
        assert client.get(reverse("exchange:answer_package", args=[incoming.pk])).status_code == 404
    # A case worker of the sender cannot import a referral meant for the partner's providers.
    refused(as_worker, download(as_worker, referral), "This package is not for your organisation")


def test_an_answer_is_imported_only_by_the_cases_team(referral, as_worker, as_teammate, abroad_provider):
    partner = signed_in(abroad_provider)
    upload(partner, download(as_worker, referral))
    incoming = IncomingReferral.objects.get()
    partner.post(reverse("exchange:incoming", args=[incoming.pk]), {"decision": "accept"})
    answer = partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content
    refused(as_teammate, answer, "not on the team of")
    assert upload(as_worker, answer).status_code == 302
    refused(as_worker, answer, "already imported")


def test_the_api_carries_the_same_exchange(referral, worker, abroad_provider):
    from reintegra.accounts.models import ApiToken, TokenScope

    sender_token = ApiToken.issue(worker, scope=TokenScope.READ_WRITE)[1]
    receiver_token = ApiToken.issue(abroad_provider, scope=TokenScope.READ_WRITE)[1]
    from django.test import Client

    api = Client()
    package = api.get(f"/api/v1/referrals/{referral.pk}/package", HTTP_AUTHORIZATION=f"Bearer {sender_token}")
    assert package.status_code == 200
    imported = api.post(
        "/api/v1/referrals/packages",
        package.content,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {receiver_token}",
    )
    assert imported.status_code == 201, imported.content
    incoming_id = imported.json()["incoming_id"]
    again = api.post(
        "/api/v1/referrals/packages",
        package.content,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {receiver_token}",
    )
    assert again.status_code == 422 and "already imported" in again.content.decode()
    answered = api.post(
        f"/api/v1/referrals/incoming/{incoming_id}/answer",
        {"accept": True},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {receiver_token}",
    )
    assert answered.status_code == 201
    answer = api.get(
        f"/api/v1/referrals/incoming/{incoming_id}/answer-package", HTTP_AUTHORIZATION=f"Bearer {receiver_token}"
    )
    back = api.post(
        "/api/v1/referrals/packages",
        answer.content,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {sender_token}",
    )
    assert back.status_code == 201 and back.json() == {
        "kind": "answer",
        "incoming_id": None,
        "referral_id": referral.pk,
    }


def test_answering_closes_the_senders_chasing_task(referral, abroad_provider, worker):
    import io

    from django.core.management import call_command

    with time_machine.travel("2026-06-07 03:00Z", tick=False):
        call_command("send_reminders", stdout=io.StringIO())
    task = Task.objects.get(kind=TaskKind.REFERRAL_UNANSWERED)
    assert task.assigned_to == worker
    with time_machine.travel("2026-06-07 04:00Z", tick=False):
        partner, sender = signed_in(abroad_provider), signed_in(worker)
        upload(partner, download(sender, referral))
        incoming = IncomingReferral.objects.get()
        partner.post(reverse("exchange:incoming", args=[incoming.pk]), {"decision": "accept"})
        upload(sender, partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content)
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE


def test_a_coordinator_links_a_provider_to_a_pinned_partner(as_coordinator, coordinator, pinned, clinic):
    from reintegra.directory.models import Provider

    partner_abroad, _ = pinned
    data = {"name": "Mekong Care", "country": "TH", "partner": partner_abroad.pk}
    response = as_coordinator.post(reverse("directory:add_provider"), data)
    assert response.status_code == 302, response.content.decode()[-1500:]
    assert Provider.objects.get(name="Mekong Care").partner == partner_abroad
    # A provider on this installation cannot also be a partner's.
    member = directory_actions.save_provider(
        actor=coordinator, provider=None, values={"name": "Lotus", "country": "VN"}
    )
    member.member = clinic
    member.save()
    response = as_coordinator.post(
        reverse("directory:edit_provider", args=[member.pk]),
        {"name": "Lotus", "country": "VN", "partner": partner_abroad.pk},
    )
    assert response.status_code == 200 and "cannot be a partner installation" in response.content.decode()


def test_the_partner_follows_it_to_its_end_and_the_sender_catches_up(referral, as_worker, abroad_provider):
    partner = signed_in(abroad_provider)
    upload(partner, download(as_worker, referral))
    incoming = IncomingReferral.objects.get()
    page = reverse("exchange:incoming", args=[incoming.pk])
    partner.post(page, {"decision": "accept"})
    partner.post(page, {"to_status": "in_service", "note": "First session on Monday"})
    # The sender imports nothing in between: one package later carries every step.
    partner.post(page, {"to_status": "completed", "outcome": "Eight sessions; sleeps better", "feedback": "Thank you"})
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.COMPLETED and "person" not in incoming.content
    assert [step["status"] for step in incoming.steps] == ["accepted", "in_service", "completed"]
    answer = partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content
    assert upload(as_worker, answer).status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.outcome, referral.feedback) == (
        ReferralStatus.COMPLETED,
        "Eight sessions; sleeps better",
        "Thank you",
    )
    assert list(referral.events.values_list("to_status", flat=True))[-3:] == ["accepted", "in_service", "completed"]
    # An older package, made before the end, brings nothing new and is refused.
    refused(
        as_worker, partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content, "brings nothing new"
    )


def test_a_step_that_does_not_follow_is_refused(referral, as_worker, abroad_provider):
    partner = signed_in(abroad_provider)
    upload(partner, download(as_worker, referral))
    incoming = IncomingReferral.objects.get()
    page = reverse("exchange:incoming", args=[incoming.pk])
    response = partner.post(page, {"to_status": "completed"})  # still pending: answer first
    assert response.status_code == 200
    incoming.refresh_from_db()
    assert incoming.status == IncomingStatus.PENDING
    partner.post(page, {"decision": "accept"})
    # The sender withdrew meanwhile: the partner's acceptance no longer follows.
    referral_actions.move_referral(actor=referral.proposed_by, side="sender", referral=referral, to_status="withdrawn")
    refused(as_worker, partner.get(reverse("exchange:answer_package", args=[incoming.pk])).content, "do not follow")


def test_a_partners_odd_content_is_bounded_and_odd_dates_refused(referral, as_worker, abroad_provider, abroad, shelter):
    """A partner's package with content in the wrong shapes, or impossible or far dates."""
    payload = _payload_for(referral, as_worker, abroad_provider)
    shelter_key = SigningKey(base64.b64decode(actions.keys_for(shelter).signing_secret))
    recipient = actions.keys_for(abroad)
    provider = signed_in(abroad_provider)

    odd = {**payload, "package_id": "00000000-0000-4000-8000-000000000001"}
    odd["referral"] = {**payload["referral"], "person": "not a record", "case": ["x"], "actions": "many"}
    assert upload(provider, _sealed_for(recipient, shelter_key, odd)).status_code == 302
    incoming = IncomingReferral.objects.get()
    assert "person" not in incoming.content and incoming.content["case"]["reintegra_case_number"] == ""
    assert provider.get(reverse("exchange:incoming", args=[incoming.pk])).status_code == 200

    for field, value, message in (
        ("expires_at", "2026-02-30T00:00:00+00:00", "no valid dates"),
        ("expires_at", "2046-06-01T00:00:00+00:00", "longer life than 14 days"),
    ):
        bad = {**payload, "package_id": "00000000-0000-4000-8000-000000000002", field: value}
        refused(provider, _sealed_for(recipient, shelter_key, bad), message)


def test_the_network_view_counts_referrals_abroad_under_the_partners_name(referral, as_coordinator):
    page = as_coordinator.get(reverse("referrals:network"))
    assert page.status_code == 200
    assert "Mekong Care (another installation)" in page.content.decode()
