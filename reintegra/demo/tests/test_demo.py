from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from itertools import pairwise
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.audit.models import AuditRecord
from reintegra.audit.verify import verify_chain
from reintegra.cases.models import Case, CaseStatusChange, CaseTeamMember, Person, PersonIndexEntry
from reintegra.cases.vocabularies import TRANSITIONS, CaseStatus, IdentificationStatus
from reintegra.children.models import GuardianEntry
from reintegra.consents.models import Consent, ConsentScope, ConsentStatus
from reintegra.demo import network
from reintegra.demo.synthetic import FIRST_OPENING, HORIZON, LAST_OPENING, SyntheticGenerator
from reintegra.family.models import FamilyMember
from reintegra.followups.models import Contact, FollowUp
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.outcomes.models import Rating
from reintegra.plans.models import Action, Agreement, Plan

DEMO_PASSWORD = "demo-only-test-password"


@pytest.fixture
def demo_password(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Any) -> str:
    from reintegra.demo import exchange as demo_exchange

    # The partner abroad's keys and package go to the test's own directory, not the developer's var/.
    monkeypatch.setattr(demo_exchange, "KEYS_FILE", tmp_path / "partner-abroad-keys.json")
    monkeypatch.setattr(demo_exchange, "PACKAGE_FILE", tmp_path / "referral-from-chiang-mai.json")
    monkeypatch.setattr(demo_exchange, "DEMO_DIR", tmp_path)
    settings.DEMO_MODE = True
    monkeypatch.setenv("REINTEGRA_DEMO_PASSWORD", DEMO_PASSWORD)
    monkeypatch.setenv("PORT", "8123")
    return DEMO_PASSWORD


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models: list[Any] = [Organisation, User, RoleGrant, Person, PersonIndexEntry, Case, CaseStatusChange, AuditRecord]
    return {model.__name__: model.objects.count() for model in models}


def raw_given_names() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name FROM cases_person")
        return [value for (value,) in cursor.fetchall()]


# --- The generator alone ------------------------------------------------------------------------


def test_generator_histories_are_plausible() -> None:
    records = SyntheticGenerator(11).cases(2000)
    for record in records:
        assert FIRST_OPENING <= record.opened_on <= LAST_OPENING
        history = record.history
        assert history[0].to_status == CaseStatus.INTAKE
        assert history[0].at.date() == record.opened_on
        for before, after in pairwise(history):
            assert after.at > before.at
            assert after.to_status in TRANSITIONS[before.to_status]
            assert bool(after.closure_reason) == (after.to_status == CaseStatus.CLOSED)
        assert history[-1].at < HORIZON
    statuses = Counter(record.status for record in records)
    assert set(statuses) == set(CaseStatus.values)
    assert any(any(step.to_status == CaseStatus.CLOSED for step in r.history[:-1]) for r in records)  # reopened
    identification = Counter(record.case.identification_status for record in records)
    assert set(identification) == set(IdentificationStatus.values)
    assert any(not record.person.given_name.isascii() for record in records)


def test_generator_has_children_and_uncertain_ages() -> None:
    records = SyntheticGenerator(5).cases(2000)
    with_dates = [r for r in records if r.person.birth_date]
    children = [r for r in with_dates if (r.opened_on - r.person.birth_date).days < 18 * 365]
    assert 0.12 < len(children) / len(with_dates) < 0.3
    assert any(r.person.estimated_birth_year and not r.person.birth_date for r in records)
    assert any(r.person.age_band for r in records)
    assert any(r.person.age_disputed for r in records)


def test_generator_is_deterministic() -> None:
    first = [(r.person, r.case, r.history) for r in SyntheticGenerator(3).cases(200)]
    again = [(r.person, r.case, r.history) for r in SyntheticGenerator(3).cases(200)]
    other = [(r.person, r.case, r.history) for r in SyntheticGenerator(4).cases(200)]
    assert first == again
    assert first != other


# --- load_demo ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_demo_builds_the_network(demo_password: str) -> None:
    out = run("load_demo", "--persons", "60")

    assert Organisation.objects.count() >= 6
    assert set(Organisation.objects.values_list("country", flat=True)) == {"VN", "TH"}
    assert Person.objects.count() >= 60
    assert set(Case.objects.values_list("organisation__code", flat=True)) == set(network.case_holding_codes())
    for code in network.case_holding_codes():
        for role in Role.values:
            assert RoleGrant.objects.filter(user__organisation__code=code, role=role).exists(), (code, role)
        assert User.objects.filter(username=f"{code}.worker2", role_grants__role=Role.CASE_WORKER).exists()
    for code in ("legal", "clinic", "skills"):
        assert not Organisation.objects.get(code=code).holds_cases
        assert User.objects.get(username=f"{code}.provider").has_role(Role.SERVICE_PROVIDER)
    assert User.objects.get(username="shelter.worker").check_password(demo_password)
    assert "shelter.worker2" in out
    assert demo_password in out
    assert "http://127.0.0.1:8123/" in out
    # Every organisation with cases is counted in the network's report, and there are enough.
    from reintegra.reports.models import StatisticsAgreement
    from reintegra.reports.queries import MIN_NETWORK_ORGANISATIONS

    agreeing = StatisticsAgreement.agreeing_organisation_ids()
    assert set(Organisation.objects.filter(pk__in=agreeing).values_list("code", flat=True)) == set(
        network.case_holding_codes()
    )
    assert len(agreeing) >= MIN_NETWORK_ORGANISATIONS
    # Each demo coordinator's network counts them all: the data-sharing agreements are signed.
    from reintegra.reports.access import report_scope

    for coordinator in User.objects.filter(role_grants__role=Role.COORDINATOR):
        counted = report_scope(coordinator, "network").organisation_ids
        assert set(counted) == set(agreeing), coordinator.username
    # A directory in both countries, and a referral in every state, each through the workflows.
    from reintegra.directory.models import Service
    from reintegra.referrals.models import Referral, ReferralStatus

    assert Service.objects.count() >= 35
    assert set(Service.objects.values_list("provider__country", flat=True)) == {"VN", "TH"}
    assert set(Referral.objects.values_list("status", flat=True)) == set(ReferralStatus.values)
    assert all(r.consent_id for r in Referral.objects.exclude(status=ReferralStatus.PROPOSED))
    assert Service.objects.filter(provider__partner__name="Chiang Mai Return Network").exists()
    # Two persons abroad under two countries' rules, each with a date the worker must act on soon.
    from reintegra.legal.deadlines import open_deadlines
    from reintegra.legal.models import StatusStep

    steps = StatusStep.objects.select_related("country", "stay").prefetch_related("country__stay_rules")
    assert {str(step.country.country.code) for step in steps} == {"GB", "BE"}
    worker = User.objects.get(username="shelter.worker")
    for case_id in {step.case_id for step in steps}:
        case = Case.objects.get(pk=case_id)
        assert case.responsible == worker  # so the reminders reach the demo's worker
        dates = open_deadlines([step for step in steps if step.case_id == case_id])
        assert any(0 < (deadline.due_on - timezone.localdate()).days <= 30 for deadline in dates)


@pytest.mark.django_db
def test_load_demo_leaves_a_package_from_abroad_ready_to_import(demo_password: str, tmp_path: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from conftest import signed_in
    from reintegra.exchange.models import IncomingReferral

    out = run("load_demo", "--persons", "0")
    package = tmp_path / "referral-from-chiang-mai.json"
    assert "clinic.provider" in out and "referral-from-chiang-mai.json" in out
    client = signed_in(User.objects.get(username="clinic.provider"))
    response = client.post("/exchange/import/", {"package": SimpleUploadedFile("p.json", package.read_bytes())})
    assert response.status_code == 302, response.content.decode()[-2000:]
    incoming = IncomingReferral.objects.get()
    assert (incoming.partner.name, incoming.area) == ("Chiang Mai Return Network", "MED")
    # Started again, the demo makes a fresh package: the old one was imported, this one is new.
    run("load_demo")
    assert package.read_bytes() != b""


@pytest.mark.django_db
def test_load_demo_histories_are_in_the_past_and_audited(demo_password: str) -> None:
    run("load_demo", "--persons", "60")

    # The children of demo/children.py are dated from today, so that their reminders fall due.
    children = set(GuardianEntry.objects.values_list("case_id", flat=True))
    assert len(children) == 4
    for case in Case.objects.prefetch_related("status_changes", "team_members__user"):
        changes = sorted(case.status_changes.all(), key=lambda c: (c.changed_at, c.pk))
        assert changes[0].to_status == CaseStatus.INTAKE
        assert changes[0].changed_at.date() == case.opened_on
        assert all(a.changed_at < b.changed_at for a, b in pairwise(changes))
        assert changes[-1].to_status == case.status
        assert changes[-1].changed_at == case.status_changed_at
        assert case.pk in children or case.status_changed_at < HORIZON
        team = {member.user.username for member in case.team_members.all()}
        if case.restricted:
            code = case.organisation.code
            assert {f"{code}.worker", f"{code}.supervisor"} <= team
            assert f"{code}.worker2" not in team
    assert Case.objects.filter(restricted=True).count() >= 3
    assert Case.objects.filter(at_risk=True).exists()
    assert CaseStatusChange.objects.filter(from_status=CaseStatus.CLOSED).exists()
    # Every case went through the real workflows, and backdating left the audit chain intact.
    assert AuditRecord.objects.filter(action="register").count() == Case.objects.count()
    assert verify_chain()[1] is None
    assert PersonIndexEntry.objects.exists()
    assert all(value.startswith("v2.") for value in raw_given_names())


@pytest.mark.django_db
def test_load_demo_gives_cases_in_support_their_casework(demo_password: str) -> None:

    run("load_demo", "--persons", "60")
    supported = Case.objects.filter(status__in=[CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP]).count()
    assert supported and Plan.objects.count() >= supported // 2
    assert FollowUp.objects.count() == Plan.objects.count()
    assert Contact.objects.exists() and Contact.objects.filter(outcome="no_answer").exists()
    # Nobody is contacted while their case is closed.
    for case in Case.objects.filter(followup__isnull=False).prefetch_related("status_changes", "contacts"):
        changes = sorted(case.status_changes.all(), key=lambda c: c.changed_at)
        closed_at = None
        periods = []
        for change in changes:
            if change.to_status == CaseStatus.CLOSED:
                closed_at = change.changed_at
            elif closed_at is not None:
                periods.append((closed_at.date(), change.changed_at.date()))
                closed_at = None
        if closed_at is not None:
            periods.append((closed_at.date(), date.max))
        for contact in case.contacts.all():
            assert not any(start <= contact.at.date() <= end for start, end in periods), case.number


@pytest.mark.django_db
def test_load_demo_runs_only_once(demo_password: str) -> None:
    run("load_demo", "--persons", "6")
    before = row_counts()

    out = run("load_demo", "--persons", "6")

    assert row_counts() == before
    assert "already loaded" in out
    assert "bkk.coordinator" in out


@pytest.mark.django_db
def test_load_demo_refuses_outside_demo_mode(demo_password: str, settings: Any) -> None:
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="REINTEGRA_DEMO_MODE"):
        run("load_demo")
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_load_demo_needs_the_password(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    settings.DEMO_MODE = True
    monkeypatch.delenv("REINTEGRA_DEMO_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="make demo"):
        run("load_demo")
    assert not Organisation.objects.exists()


# --- generate_synthetic -------------------------------------------------------------------------


def add_casework_org(code: str) -> Organisation:
    org = Organisation.objects.create(name=f"Other {code}", code=code, org_type=OrganisationType.NGO, country="KH")
    for username, role in ((f"{code}.boss", Role.SUPERVISOR), (f"{code}.helper", Role.CASE_WORKER)):
        user = User.objects.create(username=username, organisation=org)
        RoleGrant.objects.create(user=user, role=role)
    return org


def snapshot(code: str) -> list[tuple[Any, ...]]:
    rows = []
    for case in Case.objects.filter(organisation__code=code).select_related("person").order_by("pk"):
        person = case.person
        history = [(c.to_status, c.closure_reason, c.changed_at) for c in case.status_changes.order_by("changed_at")]
        rows.append(
            (
                person.given_name,
                person.family_name,
                person.other_names,
                person.birth_date,
                person.phones,
                case.number.split("-", 1)[1],
                case.opened_on,
                case.status,
                case.exploitation_types,
                history,
            )
        )
    return rows


@pytest.mark.django_db
def test_generate_synthetic_creates_cases() -> None:
    out = run("generate_synthetic", "--cases", "50", "--seed", "7")

    org = Organisation.objects.get(code="synth")
    assert Case.objects.filter(organisation=org).count() == 50
    relatives = FamilyMember.objects.filter(case__organisation=org).count()
    assert Person.objects.filter(organisation=org).count() == 50 + relatives
    assert CaseStatusChange.objects.filter(case__organisation=org).count() >= 50
    assert CaseTeamMember.objects.filter(case__organisation=org).count() >= 50
    assert PersonIndexEntry.objects.filter(organisation=org).count() >= 50
    assert not User.objects.get(username="synth.manager1").has_usable_password()
    # Casework histories: the volume benchmarks need, consistent with the schedule rules.
    followups = list(FollowUp.objects.filter(case__organisation=org).select_related("case"))
    assert followups and all(f.next_due_on == f.next_due_for(case_closed=f.case.is_closed) for f in followups)
    assert any(f.case.is_closed and f.next_due_on is None for f in followups)  # closing stops the schedule
    assert Contact.objects.filter(case__organisation=org).count() > 3 * len(followups)
    assert Plan.objects.filter(case__organisation=org).count() == len(followups)
    assert Rating.objects.filter(review__case__organisation=org).count() >= 10 * len(followups)
    assert relatives > 0
    # Each case carries its consents' earliest re-confirmation date, as the workflows keep it.
    for case in Case.objects.filter(organisation=org):
        awaiting = Consent.objects.filter(case=case).awaiting_reconfirmation().values_list("review_on", flat=True)
        assert case.consent_review_on == min(awaiting, default=None)
    assert Case.objects.filter(organisation=org, consent_review_on__isnull=False).exists()
    # Referrals to the synthetic clinic in proportion, every sent one with a consent to its sharing.
    from reintegra.referrals.models import Referral, ReferralStatus

    referrals = Referral.objects.filter(case__organisation=org)
    assert referrals.count() == 50 // 20
    assert not referrals.exclude(status=ReferralStatus.PROPOSED).filter(consent__isnull=True).exists()
    assert AuditRecord.objects.count() == 0
    assert "cases per second" in out
    # A directory in proportion (forty services at least), every service in an area and a place.
    from reintegra.directory.models import Service

    # (The synthetic clinic's own service, which the referrals go to, comes on top.)
    services = Service.objects.filter(provider__member__isnull=True).prefetch_related("areas", "locations")
    assert services.count() == 40 and "40 directory services, 2 referrals," in out
    # Child-protection records for one case in 25: each placement under an approved determination.
    from reintegra.children.models import Placement

    placements = list(Placement.objects.filter(case__organisation=org).select_related("determination"))
    assert len(placements) >= 1 and f"{len(placements)} children's care placements" in out
    assert all(p.determination.is_approved and p.determination.durable_solution == p.kind for p in placements)
    # Legal-status steps for one case in 25, under two countries' rules, each giving a date.
    from reintegra.legal.deadlines import open_deadlines
    from reintegra.legal.models import StatusStep

    steps = list(StatusStep.objects.filter(case__organisation=org).select_related("country", "stay"))
    assert len({step.case_id for step in steps}) == 2
    assert {str(step.country.country.code) for step in steps} <= {"GB", "BE"}
    for case_id in {step.case_id for step in steps}:
        assert open_deadlines([step for step in steps if step.case_id == case_id])
    assert all(service.area_codes and service.locations.all() for service in services)
    # Unmet needs for one case in twelve, none recorded before its case opened.
    from reintegra.directory.models import UnmetNeed

    needs = list(UnmetNeed.objects.filter(case__organisation=org).select_related("case"))
    assert len({need.case_id for need in needs}) == 50 // 12 and f"{len(needs)} unmet needs" in out
    assert all(need.recorded_on >= need.case.opened_on for need in needs)
    # Stored as ciphertext, read back as plaintext.
    raw = raw_given_names()
    assert len(raw) == 50 + relatives
    assert all(value.startswith("v2.") for value in raw)
    assert not any(person.given_name.startswith("v2.") for person in Person.objects.filter(organisation=org))


@pytest.mark.django_db
def test_generate_synthetic_consents_are_whole_threads() -> None:
    run("generate_synthetic", "--cases", "80", "--seed", "5")

    plans = Plan.objects.filter(case__organisation__code="synth")
    managed = set(Consent.objects.filter(scope=ConsentScope.CASE_MANAGEMENT, first=None).values_list("case", flat=True))
    assert managed == set(plans.values_list("case", flat=True))
    # Every plan action carries the decision behind it, and they agree.
    actions = list(Action.objects.select_related("consent"))
    assert actions and all(action.consent is not None for action in actions)
    for action in actions:
        assert action.consent.case_id == action.plan.case_id
        expected = ConsentStatus.GIVEN if action.agreement == Agreement.AGREED else ConsentStatus.DECLINED
        assert action.consent.status == expected
    assert {action.agreement for action in actions} == {Agreement.AGREED, Agreement.DECLINED}
    # A re-confirmation continues its thread on the day the previous decision fell due.
    later = list(Consent.objects.exclude(supersedes=None).select_related("supersedes", "first"))
    assert later
    for consent in later:
        previous = consent.supersedes
        assert previous is not None and consent.first is not None
        assert consent.case_id == previous.case_id == consent.first.case_id
        assert consent.first_id == (previous.first_id or previous.pk)
        assert consent.decided_on == previous.review_on
    # Some decisions of cases in support since they opened were not re-confirmed in time, so the
    # caseload sign has something to count.
    due = Consent.objects.review_due(timezone.localdate())
    assert due.exclude(case__status_changes__to_status=CaseStatus.CLOSED).exists()


@pytest.mark.django_db
def test_generate_synthetic_same_seed_same_data() -> None:
    add_casework_org("twin")
    run("generate_synthetic", "--cases", "50", "--seed", "7")
    run("generate_synthetic", "--cases", "50", "--seed", "7", "--organisation", "twin")
    run("generate_synthetic", "--cases", "50", "--seed", "8", "--organisation", "synth")

    synth = snapshot("synth")
    assert snapshot("twin") == synth[:50]
    assert synth[50:] != synth[:50]


@pytest.mark.django_db
def test_generate_synthetic_case_numbers_continue_across_runs() -> None:
    run("generate_synthetic", "--cases", "20", "--seed", "1", "--batch-size", "7")
    run("generate_synthetic", "--cases", "20", "--seed", "1")

    numbers = list(Case.objects.filter(organisation__code="synth").values_list("number", flat=True))
    assert len(set(numbers)) == 40
    assert sorted(int(number.rsplit("-", 1)[1]) for number in numbers) == list(range(1, 41))
    assert Organisation.objects.get(code="synth").last_case_sequence == 40


@pytest.mark.django_db
def test_generate_synthetic_refuses_service_only_organisations() -> None:
    Organisation.objects.create(
        name="Clinic", code="clinic", org_type=OrganisationType.HEALTH_SERVICE, country="VN", holds_cases=False
    )
    with pytest.raises(CommandError, match="does not hold cases"):
        run("generate_synthetic", "--cases", "5", "--organisation", "clinic")


@pytest.mark.django_db
def test_generate_synthetic_leaves_planner_statistics() -> None:
    # Without them SQLite read every case of the organisation for one worker's caseload.
    run("generate_synthetic", "--cases", "20", "--seed", "3")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_case'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'cases_case'")
        assert cursor.fetchone()[0] > 0
