"""Two separate installations, each with its own database, keys and server on loopback, exchange
a referral and its answer through their JSON APIs, as two organisations across a border would.
The only things that cross are the partner cards (pinned by each operator) and the packages.
A tampered package, a package for another recipient and a replayed package are each refused."""

from __future__ import annotations

import base64
import json
import os
from datetime import date, timedelta

import pytest

from tests.processes import Server, call, environment, manage

# Each installation runs on a SQLite file of its own, whichever database the suite uses.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")),
    reason="runs once, in the SQLite pass: each installation has a file of its own",
)

SENDER_SETUP = """
from reintegra.accounts.models import ApiToken, Role, RoleGrant, TokenScope, User
from reintegra.cases import actions
from reintegra.orgs.models import Organisation, OrganisationType
shelter = Organisation.objects.create(name="Border Shelter", code="border", org_type=OrganisationType.NGO, country="VN")
worker = User.objects.create_user(username="border.worker", organisation=shelter)
RoleGrant.objects.create(user=worker, role=Role.CASE_WORKER)
case = actions.register_person_with_case(
    actor=worker,
    person=actions.PersonDetails(given_name="Thảo-Vy", family_name="Quillfeather", languages=["vi"]),
    case=actions.CaseDetails(exploitation_types=["ForcedLabour"], origin_countries=["VN"]),
)
print(ApiToken.issue(worker, scope=TokenScope.READ_WRITE)[1], case.pk)
"""
RECEIVER_SETUP = """
from reintegra.accounts.models import ApiToken, Role, RoleGrant, TokenScope, User
from reintegra.orgs.models import Organisation, OrganisationType
centre = Organisation.objects.create(
    name="Chiang Rai Care", code="chiangrai", org_type=OrganisationType.NGO, country="TH", holds_cases=False
)
provider = User.objects.create_user(username="chiangrai.provider", organisation=centre)
RoleGrant.objects.create(user=provider, role=Role.SERVICE_PROVIDER)
print(ApiToken.issue(provider, scope=TokenScope.READ_WRITE)[1])
"""
SENDER_DIRECTORY = """
from reintegra.directory.models import Provider, Service, ServiceArea
from reintegra.exchange.models import Partner
provider = Provider.objects.create(name="Chiang Rai Care", country="TH", partner=Partner.objects.get())
service = Service.objects.create(provider=provider, name="Counselling in Vietnamese")
ServiceArea.objects.create(service=service, area="PSY")
print(service.pk)
"""


def shell(env: dict[str, str], code: str) -> list[str]:
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.strip().splitlines()[-1].split()


def installation(tmp_path, name: str) -> dict[str, str]:
    env = environment(f"sqlite:///{tmp_path / name}.sqlite3")
    for step in (("migrate", "--noinput", "-v", "0"), ("createcachetable",)):
        result = manage(env, *step)
        assert result.returncode == 0, result.stderr[-2000:]
    return env


def pin(tmp_path, from_env: dict[str, str], code: str, to_env: dict[str, str]) -> None:
    card = manage(from_env, "partner_card", code)
    assert card.returncode == 0, card.stderr[-2000:]
    path = tmp_path / f"{code}.card.json"
    path.write_text(card.stdout)
    pinned = manage(to_env, "pin_partner", str(path))
    assert pinned.returncode == 0, pinned.stderr[-2000:]
    assert json.loads(card.stdout)["signing_fingerprint"] in pinned.stdout


def test_two_installations_exchange_a_referral_and_its_answer(tmp_path):
    sender_env, receiver_env = installation(tmp_path, "vietnam"), installation(tmp_path, "thailand")
    sender_token, case_id = shell(sender_env, SENDER_SETUP)
    (receiver_token,) = shell(receiver_env, RECEIVER_SETUP)
    pin(tmp_path, receiver_env, "chiangrai", sender_env)
    pin(tmp_path, sender_env, "border", receiver_env)
    (service_id,) = shell(sender_env, SENDER_DIRECTORY)

    sender, receiver = Server(sender_env, workers=1), Server(receiver_env, workers=1)
    try:
        api_a, api_b = f"{sender.url}/api/v1", f"{receiver.url}/api/v1"
        status, body = call(
            f"{api_a}/cases/{case_id}/referrals",
            sender_token,
            {
                "service_id": int(service_id),
                "area": "PSY",
                "reason": "Night terrors since the return",
                "sections": ["summary", "identity"],
            },
        )
        assert status == 201, body
        referral_id = json.loads(body)["id"]
        consent = {
            "status": "given",
            "decided_on": date.today().isoformat(),
            "information_given": "Chiang Rai Care sees your name and why you are referred",
            "language": "vi",
            "understood": True,
            "review_on": (date.today() + timedelta(days=180)).isoformat(),
        }
        status, body = call(f"{api_a}/referrals/{referral_id}/consent", sender_token, consent)
        assert status == 201, body
        status, body = call(f"{api_a}/referrals/{referral_id}/send", sender_token, {})
        assert status == 201, body
        status, package = call(f"{api_a}/referrals/{referral_id}/package", sender_token)
        assert status == 200, package
        assert "Quillfeather" not in package and "Night terrors" not in package

        # Altered on the way: refused, nothing imported.
        tampered = json.loads(package)
        sealed = bytearray(base64.b64decode(tampered["sealed"]))
        sealed[-5] ^= 0x40
        tampered["sealed"] = base64.b64encode(bytes(sealed)).decode()
        status, body = call(f"{api_b}/referrals/packages", receiver_token, tampered)
        assert status == 422 and "damaged or altered" in body, body
        # For another recipient: the sender's installation holds no key it was sealed for.
        status, body = call(f"{api_a}/referrals/packages", sender_token, json.loads(package))
        assert status == 422 and "does not use this installation" in body, body
        assert call(f"{api_b}/referrals/incoming", receiver_token)[1].count('"id"') == 0

        status, body = call(f"{api_b}/referrals/packages", receiver_token, json.loads(package))
        assert status == 201, body
        incoming_id = json.loads(body)["incoming_id"]
        # Replayed: refused.
        status, body = call(f"{api_b}/referrals/packages", receiver_token, json.loads(package))
        assert status == 422 and "already imported" in body, body

        status, body = call(f"{api_b}/referrals/incoming/{incoming_id}", receiver_token)
        incoming = json.loads(body)
        assert incoming["shared"]["person"]["prs_SecondName"] == "Quillfeather"
        assert incoming["reason"] == "Night terrors since the return"
        assert incoming["partner"] == "Border Shelter"

        status, body = call(f"{api_b}/referrals/incoming/{incoming_id}/answer", receiver_token, {"accept": True})
        assert status == 201, body
        status, answer = call(f"{api_b}/referrals/incoming/{incoming_id}/answer-package", receiver_token)
        assert status == 200, answer
        status, body = call(f"{api_a}/referrals/packages", sender_token, json.loads(answer))
        assert status == 201, body
        status, body = call(f"{api_a}/referrals/{referral_id}", sender_token)
        assert json.loads(body)["status"] == "accepted"
        # Followed to its end on the partner's side; the sender catches up from one package.
        for step in ({"to_status": "in_service"}, {"to_status": "completed", "outcome": "Six sessions held"}):
            status, body = call(f"{api_b}/referrals/incoming/{incoming_id}/moves", receiver_token, step)
            assert status == 201, body
        status, update = call(f"{api_b}/referrals/incoming/{incoming_id}/answer-package", receiver_token)
        status, body = call(f"{api_a}/referrals/packages", sender_token, json.loads(update))
        assert status == 201, body
        status, body = call(f"{api_a}/referrals/{referral_id}", sender_token)
        assert (json.loads(body)["status"], json.loads(body)["outcome"]) == ("completed", "Six sessions held")
        # The answer replayed: refused.
        status, body = call(f"{api_a}/referrals/packages", sender_token, json.loads(answer))
        assert status == 422, body
    finally:
        sender.kill()
        receiver.kill()
