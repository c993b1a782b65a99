"""Load the fictional demonstration network: organisations, one login per role, and persons
with case histories spread over several years.

Persons and cases go through the real workflows (register_person_with_case, change_status), so
their audit records, status history and blind indexes are the ones the application writes.
Only afterwards are the case dates moved into the past; the audit records keep the moment they
were really written, since rewriting them would break the audit hash chain.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.assessments.actions import start_assessment
from reintegra.assessments.models import AssessmentReason
from reintegra.audit.context import Origin, origin
from reintegra.cases.actions import change_status, register_person_with_case
from reintegra.cases.models import Case, CaseStatusChange
from reintegra.cases.vocabularies import OPEN_STATUSES, CaseStatus, ClosureReason, ReopeningReason, ReopeningRequester
from reintegra.debts.actions import record_debt
from reintegra.debts.models import CreditorKind, Pressure
from reintegra.demo import directory as demo_directory
from reintegra.demo import exchange as demo_exchange
from reintegra.demo import network
from reintegra.demo.children import create_child_cases
from reintegra.demo.synthetic import StatusStep, SyntheticCase, SyntheticGenerator
from reintegra.directory import actions as directory_actions
from reintegra.directory.models import Provider, Service
from reintegra.followups.actions import log_contact, start_followup
from reintegra.followups.models import Channel, ContactOutcome, FollowUp
from reintegra.orgs.models import Organisation
from reintegra.outcomes.actions import record_review
from reintegra.outcomes.models import Outcome, Review, ReviewKind, Score
from reintegra.plans.actions import add_action, add_goal, create_plan, record_decision
from reintegra.plans.models import Agreement
from reintegra.privacy.actions import record_sharing_agreement
from reintegra.privacy.models import SharingPurpose
from reintegra.referrals import actions as referral_actions
from reintegra.referrals.models import Referral, ReferralEvent, ReferralStatus
from reintegra.reports.actions import record_agreement as record_statistics_agreement
from reintegra.reports.statistics import rebuild_all as rebuild_statistics

# The name of the environment variable that holds the demo password.
PASSWORD_ENV_NAME = "REINTEGRA_DEMO_PASSWORD"  # noqa: S105
RESTRICTED_EVERY = 20

# Short notes on some status changes, so the case timeline has something to read.
_NOTES: dict[str, tuple[str, ...]] = {
    CaseStatus.ASSESSMENT: ("", "First needs assessment booked.", "Interpreter arranged for the assessment."),
    CaseStatus.ACTIVE: ("", "Support plan agreed with the person.", "Referred for vocational training."),
    CaseStatus.FOLLOW_UP: ("", "Living with family again; monthly calls agreed.", "Started work; follow-up visits."),
    CaseStatus.CLOSED: ("", "Closing after the last follow-up visit.", "No answer to several calls."),
    CaseStatus.INTAKE: ("Back in touch and asking for help again.",),
}


@dataclass
class Staff:
    """The people in one case-holding organisation who take part in casework."""

    organisation: Organisation
    worker: User
    worker2: User
    supervisor: User


def demo_password() -> str:
    # Read from the environment, not settings: only a demo environment defines it.
    password = os.environ.get(PASSWORD_ENV_NAME, "").strip()
    if not password:
        raise CommandError(
            f"{PASSWORD_ENV_NAME} is not set. Run `make demo`, which writes it to a new .env "
            f"(if .env exists already, add {PASSWORD_ENV_NAME}=... to it yourself)."
        )
    return password


class Command(BaseCommand):
    help = (
        "Load a fictional demonstration network: six organisations in two countries, one login per role, "
        "and persons with case histories. Does nothing if the demo organisations exist already."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=60, help="How many fictional persons to register.")
        parser.add_argument("--seed", type=int, default=2026, help="Seed of the generator; same seed, same data.")

    def handle(self, *args: Any, persons: int, seed: int, **options: Any) -> None:
        if persons < 0:
            raise CommandError("--persons cannot be negative.")
        if not settings.DEMO_MODE:
            # Two dozen accounts, administrators included, sharing one printed password have
            # no place in a real installation.
            raise CommandError("load_demo runs only with REINTEGRA_DEMO_MODE=1 (fictional data only).")
        password = demo_password()
        codes = [org.code for org in network.ORGANISATIONS]
        if Organisation.objects.filter(code__in=codes).exists():
            if not Provider.objects.exists():
                # A demo database from before the directory existed gets one.
                with origin(Origin(channel="cli")), transaction.atomic():
                    services = create_directory({org.code: org for org in Organisation.objects.filter(code__in=codes)})
                self.stdout.write(f"Service directory added: {services} services.")
            else:
                self.stdout.write("The demo network is already loaded; nothing was changed.")
            self._warn_if_password_differs(password)
        else:
            with origin(Origin(channel="cli")), transaction.atomic():
                organisations = create_organisations()
                create_users(organisations, password)
                created = create_cases(organisations, persons, seed)
                create_directory(organisations)
                create_referrals(organisations)
                create_legal_statuses(organisations)
                create_child_cases(organisations)
                create_documents(organisations)
                create_high_risk_case(organisations)
                demo_exchange.create_partner_abroad(User.objects.get(username="dss.coordinator"))
                # The organisations with cases agree to be counted and sign a data-sharing
                # agreement with every organisation that employs a network coordinator, so that
                # each demo coordinator sees the network's report (it needs three).
                coordinating = list(
                    Organisation.objects.filter(users__role_grants__role=Role.COORDINATOR).distinct().order_by("pk")
                )
                for code in network.case_holding_codes():
                    organisation_admin = User.objects.get(username=f"{code}.admin")
                    record_statistics_agreement(actor=organisation_admin, agreed=True)
                    for coordinators in coordinating:
                        if organisation_admin.organisation_id != coordinators.pk:
                            record_sharing_agreement(
                                actor=organisation_admin,
                                with_organisation=coordinators,
                                purpose=SharingPurpose.NETWORK_REPORTS,
                                reference=f"DSA-DEMO-2026-{coordinators.code.upper()} (fictional)",
                                signed_on=date(2026, 1, 5),
                                starts_on=date(2026, 1, 5),
                            )
                # Opening dates were backdated with update(), which sends no signal: the reports'
                # counting categories are computed again from them.
                rebuild_statistics()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo network loaded: {len(organisations)} organisations, {created} fictional persons with cases."
                )
            )
        with origin(Origin(channel="cli")), transaction.atomic():
            package = demo_exchange.write_incoming_package()
        self._print_logins(password)
        if package is not None:
            self.stdout.write(
                f"A referral from a partner installation abroad waits in {package}: "
                "sign in as clinic.provider and import it under Referrals received."
            )

    def _warn_if_password_differs(self, password: str) -> None:
        user = User.objects.filter(username=network.USERS[0].username).first()
        if user is not None and not user.check_password(password):
            self.stderr.write(
                self.style.WARNING(f"The demo users were created with another password than {PASSWORD_ENV_NAME}.")
            )

    def _print_logins(self, password: str) -> None:
        users = {
            user.username: user
            for user in User.objects.filter(username__in=[spec.username for spec in network.USERS])
            .select_related("organisation")
            .prefetch_related("role_grants")
        }
        rows = [("Username", "Organisation", "Roles", "Password")]
        for spec in network.USERS:
            user = users.get(spec.username)
            if user is None:
                continue
            roles = ", ".join(sorted(str(Role(grant.role).label) for grant in user.role_grants.all()))
            rows.append((user.username, str(user.organisation), roles, password))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        self.stdout.write("")
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"\nSign in at http://127.0.0.1:{port}/")


def create_directory(organisations: dict[str, Organisation], coordinator: User | None = None) -> int:
    """The demo directory, entered as a network coordinator would, through the directory's
    workflows (and so with their checks and audit records). Providers whose organisation is not
    in `organisations` are entered without the link to it."""
    coordinator = coordinator or User.objects.get(username="dss.coordinator")
    count = 0
    for spec in demo_directory.PROVIDERS:
        provider = directory_actions.save_provider(
            actor=coordinator,
            provider=None,
            values={
                "name": spec.name,
                "country": spec.country,
                "description": spec.description,
                "phone": spec.phone,
                "website": spec.website,
            },
        )
        if spec.member_code in organisations:
            provider.member = organisations[spec.member_code]
            provider.save(update_fields=["member"])
        places = [
            directory_actions.save_location(
                actor=coordinator,
                provider=provider,
                location=None,
                values={field: getattr(place, field) for field in directory_actions.LOCATION_FIELDS},
            )
            for place in spec.places
        ]
        for service in spec.services:
            # Fields the spec leaves out (contacts, other conditions) stay empty.
            values = {field: getattr(service, field, "") for field in directory_actions.SERVICE_FIELDS}
            values = {field: list(value) if isinstance(value, tuple) else value for field, value in values.items()}
            directory_actions.save_service(
                actor=coordinator,
                provider=provider,
                service=None,
                values=values,
                areas=list(service.areas),
                locations=[places[index] for index in service.places],
            )
            count += 1
    return count


# The demo's referrals, from the shelter to the network's clinic, legal aid and training centre:
# one in each state, so that every screen of the workflow has something to show.
DEMO_REFERRALS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("clinic", "MED", "A check-up and tests after months without care", ()),
    ("clinic", "MED", "Dental pain for weeks", ("sent",)),
    ("legal", "LEG", "Advice on a claim for unpaid wages", ("sent", "accepted")),
    ("skills", "ECO", "A tailoring course with a stipend", ("sent", "accepted", "in_service")),
    ("clinic", "PSY", "Assessment of sleep problems and flashbacks", ("sent", "accepted", "in_service", "completed")),
    ("skills", "ECO", "Hairdressing course", ("sent", "refused_by_provider")),
    ("legal", "LEG", "Help to testify at the trial", ("sent", "accepted", "dropped")),
    ("clinic", "MED", "Vaccinations", ("sent", "accepted", "declined_by_person")),
    ("legal", "LEG", "Documents for a residence card", ("sent", "withdrawn")),
)


def create_referrals(organisations: dict[str, Organisation]) -> int:
    """Referrals in every state, through the referral workflows, sent with the person's consent."""
    sender = User.objects.get(username="shelter.worker")
    cases = list(
        Case.objects.filter(organisation=organisations["shelter"], status__in=OPEN_STATUSES)
        .select_related("person")
        .order_by("pk")
    )
    count = 0
    for (code, area, reason, steps), case in zip(DEMO_REFERRALS, cases, strict=False):
        service = Service.objects.filter(provider__member__code=code, areas__area=area).order_by("pk").first()
        if service is None:
            continue
        receiver = User.objects.get(username=f"{code}.provider")
        referral = referral_actions.propose_referral(
            actor=sender,
            case=case,
            service=service,
            area=area,
            reason=reason,
            sections=["summary", "identity", "health" if area in ("MED", "PSY") else "legal"],
        )
        if steps:
            today = timezone.localdate()
            referral_actions.record_sharing_consent(
                actor=sender,
                referral=referral,
                status="given",
                decided_on=today,
                information_given="Who receives what was explained, and that the person may say no.",
                language="vi",
                given_by="self",
                understood=True,
                review_on=today + timedelta(days=180),
            )
            referral_actions.send_referral(actor=sender, side="sender", referral=referral)
            if steps == ("sent",):
                _backdate_sending(referral, days=settings.REINTEGRA_REFERRAL_ANSWER_DAYS + 3)
        for step in steps[1:]:
            side = "sender" if step == "withdrawn" else "receiver"
            referral_actions.move_referral(
                actor=sender if side == "sender" else receiver,
                side=side,
                referral=referral,
                to_status=step,
                note="No place until next year" if step == "refused_by_provider" else "",
                outcome="Course finished; certificate given" if step == "completed" else "",
            )
        count += 1
    return count


def create_legal_statuses(organisations: dict[str, Organisation]) -> int:
    """Two persons abroad under two countries' rules, on the worker's own caseload, with dates
    that call for action soon: in the UK a reflection period running while the final decision is
    awaited; in Belgium a permit whose renewal is due within days (the reminder job says so)."""
    from reintegra.legal.actions import record_step
    from reintegra.legal.models import CountryRules, StayKind

    worker = User.objects.get(username="shelter.worker")
    cases = list(
        Case.objects.filter(
            organisation=organisations["shelter"], status__in=OPEN_STATUSES, responsible=worker, restricted=False
        ).order_by("-pk")[:2]
    )
    if len(cases) < 2:
        return 0
    today = timezone.localdate()
    uk = CountryRules.objects.get(country="GB")
    belgium = CountryRules.objects.get(country="BE")
    steps: list[dict[str, Any]] = [
        {
            "case": cases[0],
            "country": uk,
            "kind": "referred",
            "on": today - timedelta(days=20),
            "note": "Referred by the partner charity in London as first responder",
        },
        {
            "case": cases[0],
            "country": uk,
            "kind": "first_decision",
            "decision": "positive",
            "on": today - timedelta(days=15),
        },
        {
            "case": cases[1],
            "country": belgium,
            "kind": "reflection_started",
            "on": today - timedelta(days=150),
            "note": "Specialised centre in Brussels",
        },
        {
            "case": cases[1],
            "country": belgium,
            "kind": "permit_granted",
            "on": today - timedelta(days=100),
            "stay": belgium.stay_rules.get(kind=StayKind.TEMPORARY_PERMIT),
            "valid_until": today + timedelta(days=70),
            "note": "Card collected at the commune",
        },
    ]
    for step in steps:
        record_step(actor=worker, **step)
    return len(steps)


def create_high_risk_case(organisations: dict[str, Organisation]) -> int:
    """A woman threatened by the recruiter's family, who live in her home village: the team's
    assessment and a police security assessment find the risk high, so the case is restricted
    and her address hidden from everyone outside the team; a safety plan with the police's
    contact (she agreed), a person of concern, and a court date ahead that calls for a
    reassessment. Through the workflows, on the worker's own caseload (not the cases of
    create_legal_statuses and create_documents)."""
    from reintegra.cases.actions import set_team
    from reintegra.safety import actions as safety

    worker = User.objects.get(username="shelter.worker")
    case = (
        Case.objects.filter(
            organisation=organisations["shelter"], status__in=OPEN_STATUSES, responsible=worker, restricted=False
        )
        .select_related("organisation")
        # The oldest: the others take the newest ones.
        .order_by("pk")
        .first()
    )
    if case is None:
        return 0
    # The team narrowed to the worker and the supervisor, like the demo's other restricted cases,
    # as a supervisor would once the threats began.
    supervisor = User.objects.get(username="shelter.supervisor")
    set_team(actor=supervisor, case=case, supervisor=supervisor, team=[worker, supervisor], responsible=worker)
    today = timezone.localdate()
    safety.record_risk_assessment(
        actor=worker,
        case=case,
        kind="team",
        assessed_on=today - timedelta(days=30),
        assessed_by="Shelter case worker, with the person",
        traffickers="medium",
        community="medium",
        family="low",
        own_sense="medium",
        level="medium",
        next_review_on=today + timedelta(days=60),
        notes="Gossip in the village since she came back; she does not go to the market alone.",
    )
    safety.record_trigger(
        actor=worker,
        case=case,
        kind="threat",
        on=today - timedelta(days=8),
        note="A cousin of the recruiter asked her mother where she is staying now.",
    )
    safety.record_risk_assessment(
        actor=worker,
        case=case,
        kind="police",
        assessed_on=today - timedelta(days=5),
        assessed_by="Provincial anti-trafficking police, victim protection unit",
        traffickers="high",
        community="medium",
        family="medium",
        own_sense="high",
        level="high",
        next_review_on=today + timedelta(days=25),
        notes="The recruiter is on bail and his brothers live two villages away.",
    )
    safety.update_safety_plan(
        actor=worker,
        case=case,
        measures="Stays at the shelter until the trial. Never alone outside; an escort to every hearing. "
        "Phone number changed; the old one is given to nobody.",
        emergency_contacts=[
            {"name": "Shelter duty phone", "phone": "+84 24 3926 1234"},
            {"name": "Her aunt in Hà Nội", "phone": "+84 912 345 678"},
        ],
        code_words="“Bring the green scarf” on the phone means she is not safe to talk.",
        person_agreed_to_police=True,
        police_contact="Victim protection unit, duty officer, +84 24 3942 0000",
    )
    safety.record_person_of_concern(
        actor=worker,
        case=case,
        name="Brother of the recruiter (known as “Tư”)",
        relationship="associate",
        description="Came to the family's house twice asking for her.",
        whereabouts="Home village, runs a motorbike repair shop",
    )
    safety.record_trigger(
        actor=worker,
        case=case,
        kind="court_date",
        on=today + timedelta(days=21),
        note="First hearing of the recruiter's trial; she is to testify.",
    )
    return 1


def create_documents(organisations: dict[str, Organisation]) -> int:
    """A mother back with a child born during the exploitation, who has no papers: the child's
    birth registration is needed, and the first try at the commune met a confusing procedure and a
    fee; the mother's identity card is already obtained. Through the workflows, on the worker's
    own caseload (not the two persons abroad of create_legal_statuses)."""
    from reintegra.cases.vocabularies import Gender
    from reintegra.documents.actions import record_document, record_document_step
    from reintegra.family.actions import MemberDetails, add_family_member

    worker = User.objects.get(username="shelter.worker")
    candidates = (
        Case.objects.filter(
            organisation=organisations["shelter"], status__in=OPEN_STATUSES, responsible=worker, restricted=False
        )
        .select_related("person")
        .order_by("-pk")[2:40]
    )
    # Gender is encrypted: chosen here, not in the query.
    mother = next((case for case in candidates if case.person.gender == Gender.FEMININE), None)
    if mother is None:
        return 0
    today = timezone.localdate()
    child = add_family_member(
        actor=worker,
        case=mother,
        details=MemberDetails(
            given_name="Na",
            family_name=mother.person.family_name,
            relationship="child_born_in_exploitation",
            birth_date=today - timedelta(days=3 * 365),
            dependant=True,
            lives_with_person=True,
            safe_to_contact=True,
        ),
    )
    birth = record_document(actor=worker, case=mother, holder=child, kind="birth_registration", status="needed")
    record_document_step(
        actor=worker,
        document=birth,
        on=today - timedelta(days=12),
        what="Went with the mother to the commune's justice officer to register the birth",
        fee_amount=Decimal("100000"),
        fee_currency=mother.organisation.currency,
        obstacle="confusing_procedure",
        obstacle_note="The child was born abroad without a hospital paper; the office asks for a DNA test first",
    )
    record_document(
        actor=worker,
        case=mother,
        kind="identity_card",
        status="obtained",
        obtained_on=today - timedelta(days=60),
        valid_until=today + timedelta(days=365 * 10),
        number="0012-3456-7890",
        issued_by="Provincial police, residence office",
    )
    return 2


def _backdate_sending(referral: Referral, *, days: int) -> None:
    """The demo's unanswered referral went out days ago, so the reminder job has something to
    remind the clinic and the shelter of as soon as the demo starts."""
    sent_at = timezone.now() - timedelta(days=days)
    Referral.objects.filter(pk=referral.pk).update(sent_at=sent_at)
    ReferralEvent.objects.filter(referral=referral, to_status=ReferralStatus.SENT).update(at=sent_at)


def create_organisations() -> dict[str, Organisation]:
    return {
        spec.code: Organisation.objects.create(
            code=spec.code,
            name=spec.name,
            org_type=spec.org_type,
            country=spec.country,
            holds_cases=spec.holds_cases,
        )
        for spec in network.ORGANISATIONS
    }


def create_users(organisations: dict[str, Organisation], password: str) -> dict[str, User]:
    # Hash once: the demo users share one password, and hashing it per user would take seconds.
    hashed = make_password(password)
    users: dict[str, User] = {}
    for spec in network.USERS:
        users[spec.username] = User.objects.create(
            username=spec.username,
            first_name=spec.first_name,
            last_name=spec.last_name,
            email=f"{spec.username}@example.org",
            organisation=organisations[spec.organisation_code],
            password=hashed,
        )
        for role in (spec.role, *spec.also):
            RoleGrant.objects.create(user=users[spec.username], role=role)
    return users


def _staff(organisation: Organisation) -> Staff:
    def user(suffix: str) -> User:
        return User.objects.get(username=f"{organisation.code}.{suffix}")

    return Staff(organisation, worker=user("worker"), worker2=user("worker2"), supervisor=user("supervisor"))


def create_cases(organisations: dict[str, Organisation], count: int, seed: int) -> int:
    generator = SyntheticGenerator(seed)
    # Team choices come from their own stream, so they never shift the generated persons.
    teams = random.Random(f"demo-teams:{seed}")
    staff = [_staff(organisations[code]) for code in network.case_holding_codes()]
    for index in range(count):
        members = staff[index % len(staff)]
        record = generator.next_case(profile=str(members.organisation.country))
        # One case in twenty per organisation is restricted, at a fixed place, so every
        # organisation of a normal-sized demo has one to show the access rules with.
        record.case.restricted = (index // len(staff)) % RESTRICTED_EVERY == RESTRICTED_EVERY // 2
        register_demo_case(record, members, teams)
    return count


def _team(record: SyntheticCase, staff: Staff, rng: random.Random) -> tuple[User, list[User]]:
    """The user who registers the case and the team. The second worker is left off restricted
    cases, so the demo shows a colleague who cannot open them."""
    if record.case.restricted:
        return staff.worker, [staff.worker, staff.supervisor]
    r = rng.random()
    team = [staff.worker] if r < 0.6 else [staff.worker, staff.worker2] if r < 0.85 else [staff.worker2]
    actor = staff.supervisor if rng.random() < 0.1 else team[0]
    return actor, team


def register_demo_case(record: SyntheticCase, staff: Staff, rng: random.Random) -> Case:
    actor, team = _team(record, staff, rng)
    case = register_person_with_case(
        actor=actor,
        person=record.person,
        case=record.case,
        supervisor=staff.supervisor,
        team=team,
        opened_on=record.opened_on,
        # Replaced by the history's own dates below (_backdate), so it never shows.
        backdated_because="demo",
    )
    movers = [*team, staff.supervisor]
    if any(step.to_status == CaseStatus.ACTIVE for step in record.history):
        _casework(case, record, team[0], rng)
    changes: list[tuple[CaseStatusChange, StatusStep]] = []
    for step in record.history[1:]:
        note = rng.choice(_NOTES[CaseStatus.INTAKE if case.is_closed else step.to_status])
        mover = rng.choice(movers)
        if step.to_status == CaseStatus.CLOSED:
            _final_review(mover, case, step.closure_reason)
        reopening = case.is_closed
        change = change_status(
            actor=mover,
            case=case,
            to_status=step.to_status,
            closure_reason=step.closure_reason,
            reopening_reason=rng.choice(_REOPENING_REASONS) if reopening else "",
            requested_by=rng.choice(_REOPENING_REQUESTERS) if reopening else "",
            note=note,
        )
        changes.append((change, step))
    _backdate(case, record, changes)
    return case


# What a demo plan may hold: (service area, goal, action). Fictional and deliberately ordinary.
_PLAN_ITEMS = (
    ("ECO", "A steady income", "Vocational course in tailoring"),
    ("ECO", "Start a small business", "Business skills training and a start-up grant"),
    ("HOU", "A safe place to live", "Help with the first three months of rent"),
    ("EDU", "Finish secondary school", "Enrol in the evening continuation class"),
    ("ADM", "Identity papers", "Accompany to the civil registry for a new ID card"),
    ("MED", "Regular health check-ups", "Referral to the district clinic"),
    ("PSY", "Sleep better and feel calmer", "Weekly counselling sessions"),
    ("FAM", "Mend relations with family", "Family mediation sessions"),
)
_OWN_WORDS = (
    "I want to work and send my daughter to school.",
    "I want to live near my mother and earn my own money.",
    "I want my papers back and a job I choose myself.",
    "",
)


def _casework(case: Case, record: SyntheticCase, worker: User, rng: random.Random) -> None:
    """Assessment, plan, baseline review and follow-up with its contacts up to today, dated in
    the case's own past, all through the real workflows."""
    opened = record.opened_on
    today = timezone.localdate()
    if opened > today - timedelta(days=14):
        return  # too new for a plan; the worker is still at intake
    closed_periods = _closed_periods(record, today)
    start_assessment(actor=worker, case=case, assessed_on=opened + timedelta(days=3), reason=AssessmentReason.FIRST)
    plan = create_plan(
        actor=worker, case=case, review_on=opened + timedelta(days=180), in_own_words=rng.choice(_OWN_WORDS)
    )
    for area, goal_text, action_text in rng.sample(_PLAN_ITEMS, k=2):
        goal = add_goal(actor=worker, plan=plan, area=area, description=goal_text)
        action = add_action(
            actor=worker,
            plan=plan,
            goal=goal,
            area=area,
            description=action_text,
            responsible=worker,
            starts_on=opened + timedelta(days=10),
            due_on=opened + timedelta(days=120),
        )
        declined = rng.random() < 0.1
        record_decision(
            actor=worker,
            action=action,
            agreement=Agreement.DECLINED if declined else Agreement.AGREED,
            decided_on=opened + timedelta(days=7),
            information_given="What the service is, who provides it, and that it can be stopped at any time.",
            language="vi" if case.organisation.country == "VN" else "th",
            declined_reason="Not now; maybe later." if declined else "",
            understood=True,
        )
    record_review(
        actor=worker,
        case=case,
        reviewed_on=opened + timedelta(days=7),
        kind=ReviewKind.BASELINE,
        ratings=dict.fromkeys(Outcome.values, (Score.STABILISING, Score.STABILISING, "")),
    )
    if rng.random() < 0.35:
        # Many owe a lender or the recruiter for the journey; some are threatened over it.
        record_debt(
            actor=worker,
            case=case,
            creditor_kind=rng.choice((CreditorKind.MONEY_LENDER, CreditorKind.RECRUITER, CreditorKind.FAMILY)),
            creditor=rng.choice(("Lender in the home village", "The agency that arranged the job", "An aunt")),
            amount=Decimal(rng.randrange(5, 120) * 1_000_000),
            currency=case.organisation.currency,
            since=opened - timedelta(days=rng.randint(200, 700)),
            pressure=rng.choice((Pressure.NONE, Pressure.PRESSURE, Pressure.THREATS)),
            note="Borrowed to pay for the journey.",
        )
    followup = start_followup(actor=worker, case=case, starts_on=opened)
    # Contacts on most scheduled dates; some missed; the most recent ones left for the worker.
    for due in followup.upcoming(after=opened, count=40):
        if due > today - timedelta(days=rng.randint(5, 60)):
            break
        if any(start <= due <= end for start, end in closed_periods):
            continue  # nobody calls about a closed case
        outcome = ContactOutcome.REACHED if rng.random() < 0.85 else ContactOutcome.NO_ANSWER
        at = datetime.combine(due, time(10, 0), tzinfo=UTC)
        log_contact(actor=worker, case=case, at=at, channel=Channel.PHONE, outcome=outcome)
    crisis_on = today - timedelta(days=rng.randint(1, 20))
    never_closed = all(step.to_status != CaseStatus.CLOSED for step in record.history)
    if never_closed and opened < crisis_on - timedelta(days=60) and rng.random() < 0.15:
        # A recent crisis in housing: the worker's task list and the supervisor's page show it.
        # (Not for cases closed at some point: their final review is dated today, after it.)
        ratings: dict[str, tuple[str, str, str]] = dict.fromkeys(
            Outcome.values, (Score.STABILISING, Score.STABILISING, "")
        )
        ratings[Outcome.values[0]] = (Score.CRISIS, Score.VULNERABLE, "Lost the room; staying with a friend.")
        record_review(actor=worker, case=case, reviewed_on=crisis_on, kind=ReviewKind.PERIODIC, ratings=ratings)


def _closed_periods(record: SyntheticCase, today: date) -> list[tuple[date, date]]:
    periods, closed_on = [], None
    for step in record.history:
        day = timezone.localdate(step.at)
        if step.to_status == CaseStatus.CLOSED:
            closed_on = day
        elif closed_on is not None:
            periods.append((closed_on, day))
            closed_on = None
    if closed_on is not None:
        periods.append((closed_on, today))
    return periods


def _final_review(actor: User, case: Case, closure_reason: str) -> None:
    """Closing needs a final review. People who left or stopped answering cannot rate their
    own outcomes, so their voice is recorded as not assessed."""
    if closure_reason == ClosureReason.REINTEGRATED:
        worker, person = Score.STABLE, Score.STABLE
    else:
        worker, person = Score.STABILISING, Score.NOT_ASSESSED
    record_review(
        actor=actor,
        case=case,
        reviewed_on=timezone.localdate(),
        kind=ReviewKind.FINAL,
        ratings=dict.fromkeys(Outcome.values, (worker, person, "")),
    )


_REOPENING_REASONS = [r for r in ReopeningReason.values if r != ReopeningReason.NOT_RECORDED]
_REOPENING_REQUESTERS = [r for r in ReopeningRequester.values if r != ReopeningRequester.NOT_RECORDED]


def _backdate(case: Case, record: SyntheticCase, changes: list[tuple[CaseStatusChange, StatusStep]]) -> None:
    """Move the case's own dates into the past. Audit records are left alone on purpose."""
    # Saved, not updated in bulk: the note is encrypted and bound to its record.
    for opening in CaseStatusChange.objects.filter(case=case, from_status="", to_status=CaseStatus.INTAKE):
        opening.changed_at, opening.note = record.history[0].at, ""
        opening.save(update_fields=["changed_at", "note"])
    for change, step in changes:
        CaseStatusChange.objects.filter(pk=change.pk).update(changed_at=step.at)
        if change.is_reopening:
            # The follow-up's new cycle starts on the reopening's own date, not the day of loading.
            followup = FollowUp.objects.filter(case=case).first()
            if followup is not None:
                followup.cycle_started_on = timezone.localdate(step.at)
                followup.next_due_on = followup.next_due_for(case_closed=case.is_closed)
                followup.save(update_fields=["cycle_started_on", "next_due_on"])
        if change.final_review_id is not None:
            Review.objects.filter(pk=change.final_review_id).update(reviewed_on=timezone.localdate(step.at))
    Case.objects.filter(pk=case.pk).update(opened_on=record.opened_on, status_changed_at=record.status_changed_at)
