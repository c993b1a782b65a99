"""Named personas shared by every test.

- worker: a case worker at the Safe Harbour shelter, on the team of `case`;
- teammate: another case worker at the same shelter, not on that team;
- supervisor: the shelter's supervisor, who manages `case`;
- manager_elsewhere: another supervisor at the shelter, not on the team of `case`: sees its
  summary but none of its sensitive sections;
- admin: the shelter's organisation administrator (configuration, no casework);
- analyst: the shelter's monitoring and evaluation analyst (aggregates only);
- outsider: a supervisor at another organisation, in another country.
- coordinator: the network coordinator, employed by the shelter: keeps the service directory.
- clinic_provider: a service provider at the Lotus Clinic, an organisation of the installation
  that holds no cases and receives referrals for its check-up `service`.

`case` is a case registered by the worker through the real workflow, with distinctive
identifiers listed in IDENTIFIERS so tests can check they never leak.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.cases import actions
from reintegra.cases.models import Case
from reintegra.directory import actions as directory_actions
from reintegra.directory.models import Service
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.referrals.models import Referral

IDENTIFIERS = {
    "given_name": "Quỳnh-Anh",
    "family_name": "Zubrowska-Phạm",
    "other_names": ["บุษบา ตัวอย่าง"],
    "phone": "+84 912 770 431",
    "document": "C9988776",
    "notes": "Meets her sister at the Xylophone Market on Thursdays",
    "address": "17 Unlikelyname Lane, Hải Phòng",
}
PASSWORD = "correct horse battery staple 42"


# Every log record of the run, as formatted for production, for tests/test_logs.py to read.
SUITE_LOG = Path(__file__).resolve().parent / "var" / "test" / f"log-{os.getpid()}.jsonl"


@pytest.fixture(scope="session", autouse=True)
def suite_log() -> Iterator[Path]:
    # Added once Django has configured logging (its dictConfig replaces the root's handlers),
    # with the formatter the settings gave the console (JSON: pytest_env sets LOG_FORMAT).
    console = next(handler for handler in logging.getLogger().handlers if handler.formatter)
    SUITE_LOG.unlink(missing_ok=True)
    handler = logging.FileHandler(SUITE_LOG, encoding="utf-8")
    handler.setFormatter(console.formatter)
    logging.getLogger().addHandler(handler)
    yield SUITE_LOG
    logging.getLogger().removeHandler(handler)
    handler.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked after_all run once the others have (they read what the run left behind)."""
    items.sort(key=lambda item: item.get_closest_marker("after_all") is not None)


def pytest_configure(config: pytest.Config) -> None:
    from django.conf import settings

    # A slow hasher protects stored passwords, which tests do not have; with it every test that
    # creates a persona spent most of its time hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, organisation: Organisation | None, *roles: str) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), organisation=organisation
    )
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in roles])
    return user


def enrol_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def shelter(db) -> Organisation:
    return Organisation.objects.create(
        name="Safe Harbour Shelter", code="shelter", org_type=OrganisationType.NGO, country="VN"
    )


@pytest.fixture
def partner(db) -> Organisation:
    return Organisation.objects.create(
        name="Bangkok Partner Outreach", code="bkk", org_type=OrganisationType.NGO, country="TH"
    )


@pytest.fixture
def worker(shelter) -> User:
    return make_user("worker", shelter, Role.CASE_WORKER)


@pytest.fixture
def teammate(shelter) -> User:
    return make_user("teammate", shelter, Role.CASE_WORKER)


@pytest.fixture
def supervisor(shelter) -> User:
    return make_user("supervisor", shelter, Role.SUPERVISOR)


@pytest.fixture
def manager_elsewhere(shelter) -> User:
    return make_user("manager2", shelter, Role.SUPERVISOR)


@pytest.fixture
def admin(shelter) -> User:
    return make_user("orgadmin", shelter, Role.ORG_ADMIN)


@pytest.fixture
def analyst(shelter) -> User:
    return make_user("analyst", shelter, Role.ANALYST)


@pytest.fixture
def outsider(partner) -> User:
    return make_user("outsider", partner, Role.SUPERVISOR, Role.CASE_WORKER)


@pytest.fixture
def coordinator(shelter) -> User:
    """The network coordinator, employed by the shelter: keeps the service directory."""
    return make_user("coordinator", shelter, Role.COORDINATOR)


@pytest.fixture
def as_coordinator(coordinator) -> Client:
    return signed_in(coordinator)


@pytest.fixture
def clinic(db) -> Organisation:
    return Organisation.objects.create(
        name="Lotus Clinic", code="lotus", org_type=OrganisationType.HEALTH_SERVICE, country="VN", holds_cases=False
    )


@pytest.fixture
def clinic_provider(clinic) -> User:
    return make_user("lotus.provider", clinic, Role.SERVICE_PROVIDER)


@pytest.fixture
def service(coordinator, clinic) -> Service:
    """The clinic's check-up, in the directory, for health needs."""
    provider = directory_actions.save_provider(
        actor=coordinator, provider=None, values={"name": "Lotus Clinic", "country": "VN"}
    )
    provider.member = clinic
    provider.save()
    return directory_actions.save_service(
        actor=coordinator, provider=provider, service=None, values={"name": "Check-up"}, areas=["MED"], locations=[]
    )


def send_with_consent(actor: User, case: Case, service: Service, *, area: str = "MED") -> Referral:
    """A referral proposed, agreed to by the person and sent, through the workflows."""
    from reintegra.referrals import actions as referral_actions

    referral = referral_actions.propose_referral(
        actor=actor, case=case, service=service, area=area, reason="A check-up", sections=["summary"]
    )
    today = timezone.localdate()
    referral_actions.record_sharing_consent(
        actor=actor,
        referral=referral,
        status="given",
        decided_on=today,
        information_given="The clinic sees the case number and status",
        language="vi",
        given_by="self",
        understood=True,
        review_on=today + timedelta(days=180),
    )
    return referral_actions.send_referral(actor=actor, side="sender", referral=referral)


def person_details(**overrides) -> actions.PersonDetails:
    values = {
        "given_name": IDENTIFIERS["given_name"],
        "family_name": IDENTIFIERS["family_name"],
        "other_names": IDENTIFIERS["other_names"],
        "birth_date": date(2001, 2, 28),
        "gender": "Feminine",
        "nationalities": ["VN"],
        "languages": ["vi", "th"],
        "phones": [IDENTIFIERS["phone"]],
        "addresses": [IDENTIFIERS["address"]],
        "identity_documents": [{"type": "passport", "number": IDENTIFIERS["document"]}],
        "notes": IDENTIFIERS["notes"],
    }
    values.update(overrides)
    return actions.PersonDetails(**values)


@pytest.fixture
def case(worker, supervisor) -> Case:
    return actions.register_person_with_case(
        actor=worker,
        person=person_details(),
        case=actions.CaseDetails(exploitation_types=["ForcedLabour"], origin_countries=["VN"]),
        supervisor=supervisor,
    )


def record_final_review(actor: User, case: Case, *, score: str = "4") -> None:
    """What closing a case needs first: a final review of the ten outcomes, through the workflow."""
    from django.utils import timezone

    from reintegra.outcomes.actions import record_review
    from reintegra.outcomes.models import Outcome, ReviewKind

    record_review(
        actor=actor,
        case=case,
        reviewed_on=timezone.localdate(),
        kind=ReviewKind.FINAL,
        ratings=dict.fromkeys(Outcome.values, (score, score, "")),
    )


def body_of(response) -> bytes:
    """A response's body, streamed or not (the HTCDS export streams), for walks over every URL."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def signed_in(user: User) -> Client:
    """A client signed in as `user`, who has a second factor as their role requires."""
    if user.needs_mfa and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        enrol_totp(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_worker(worker) -> Client:
    return signed_in(worker)


@pytest.fixture
def as_teammate(teammate) -> Client:
    return signed_in(teammate)


@pytest.fixture
def as_supervisor(supervisor) -> Client:
    return signed_in(supervisor)


@pytest.fixture
def as_manager_elsewhere(manager_elsewhere) -> Client:
    return signed_in(manager_elsewhere)


@pytest.fixture
def as_outsider(outsider) -> Client:
    return signed_in(outsider)


def sign_network_agreement(organisation: Organisation, coordinators: Organisation) -> None:
    """A data-sharing agreement for the network's figures, in force since 2026, between an
    organisation and the network coordinators' organisation, recorded by a new administrator."""
    from reintegra.privacy.actions import record_sharing_agreement

    record_sharing_agreement(
        actor=make_user(f"dsa.{organisation.code}", organisation, Role.ORG_ADMIN),
        with_organisation=coordinators,
        purpose="network_reports",
        reference=f"DSA {organisation.code}",
        signed_on=date(2026, 1, 5),
        starts_on=date(2026, 1, 5),
    )
