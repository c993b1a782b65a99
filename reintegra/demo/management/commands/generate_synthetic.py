"""Synthetic persons and cases at scale, for benchmarks.

Rows are built in memory and written with bulk_create, a batch per transaction, instead of
going through the per-case workflows: that is what makes 100,000 cases take minutes rather than
hours. The price is that synthetic data has no audit records.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO
from time import perf_counter
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from reintegra.accounts.models import Role, RoleGrant, User
from reintegra.assessments.models import AREA_CHOICES
from reintegra.cases.indexing import entries_for
from reintegra.cases.models import (
    Case,
    CaseStatusChange,
    CaseTeamMember,
    Person,
    PersonIndexEntry,
    keep_reopening_dates,
)
from reintegra.cases.vocabularies import CaseStatus, Gender, ReopeningReason, ReopeningRequester
from reintegra.consents.models import Consent, ConsentScope, ConsentStatus
from reintegra.demo.histories import Histories, add_history
from reintegra.demo.synthetic import (
    SyntheticCase,
    SyntheticGenerator,
    write_child_records,
    write_documents,
    write_risk_assessments,
    write_unmet_needs,
)
from reintegra.directory.models import Location, Provider, Service, ServiceArea, ServiceAtLocation, ServiceStatus
from reintegra.orgs.models import Organisation, OrganisationType
from reintegra.outcomes.models import Review, ReviewKind
from reintegra.referrals.models import ENDED, Referral, ReferralStatus
from reintegra.reports.statistics import refresh as refresh_statistics

SYNTH_CODE = "synth"
SYNTH_NAME = "Synthetic Benchmark Organisation"
SYNTH_WORKERS = 4
CASES_PER_WORKER = 50
BATCH_SIZE = 1000
PROGRESS_EVERY = 10_000


@dataclass
class Staff:
    organisation: Organisation
    managers: list[User]
    workers: list[User]
    providers: list[Organisation] = field(default_factory=list)


class Command(BaseCommand):
    help = (
        "Generate deterministic synthetic persons and cases for benchmarks (same seed and count on an empty "
        "database, same data). Rows are bulk-inserted without the per-case workflows, so synthetic data carries "
        "NO audit history. By default it goes into its own organisation, 'synth', created if needed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, required=True, help="How many cases (and persons) to create.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generator.")
        parser.add_argument(
            "--organisation", metavar="CODE", help="Code of an existing case-holding organisation to fill instead."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Rows per transaction.")

    def handle(
        self, *args: Any, cases: int, seed: int, organisation: str | None, batch_size: int, **options: Any
    ) -> None:
        if cases < 1 or batch_size < 1:
            raise CommandError("--cases and --batch-size must be positive.")
        staff = existing_staff(organisation) if organisation else synthetic_staff(cases)
        generator = SyntheticGenerator(seed)
        # Team choices use their own stream, so the persons depend on the seed alone.
        teams = random.Random(f"synthetic-teams:{seed}")
        started = perf_counter()
        done = 0
        while done < cases:
            records = generator.cases(min(batch_size, cases - done))
            with transaction.atomic():
                persons = write_batch(staff, records, teams)
                if done == 0:
                    check_encrypted(persons[0])
            done += len(records)
            if done % PROGRESS_EVERY < len(records) and done < cases:
                self.stdout.write(f"  {done} cases…")
        services = write_directory(cases, seed)
        referrals = write_referrals(staff, cases, seed)
        legal_steps = write_legal_statuses(staff, cases, seed)
        documents = write_documents(staff.organisation.pk, staff.workers, cases, seed)
        risk_assessments = write_risk_assessments(staff.organisation.pk, staff.workers, cases, seed)
        placements = write_child_records(staff.organisation.pk, staff.workers, cases, seed)
        unmet_needs = write_unmet_needs(staff.organisation.pk, staff.workers, cases, seed)
        # A bulk load changes the tables' shape at once: the planner needs to know (counted in the time).
        call_command("refresh_statistics", stdout=StringIO())
        elapsed = perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{cases} synthetic cases written to {staff.organisation.code} in {elapsed:.1f} s "
                f"({cases / elapsed:.0f} cases per second), {services} directory services, {referrals} referrals, "
                f"{legal_steps} legal-status steps, {documents} documents, {risk_assessments} risk assessments and "
                f"{placements} children's care placements under a best-interests determination, and "
                f"{unmet_needs} unmet needs. "
                "They have no audit history."
            )
        )


def synthetic_staff(cases: int) -> Staff:
    """The benchmark organisation, its users (a worker per fifty cases, a supervisor per ten
    workers, as in a real programme) and three providers to refer to, created on first use.
    Nobody can sign in as them."""
    org, _created = Organisation.objects.get_or_create(
        code=SYNTH_CODE,
        defaults={"name": SYNTH_NAME, "org_type": OrganisationType.NGO, "country": "VN", "holds_cases": True},
    )
    worker_count = max(SYNTH_WORKERS, cases // CASES_PER_WORKER)
    managers = [_synthetic_user(org, f"synth.manager{n}", Role.SUPERVISOR) for n in range(1, worker_count // 10 + 2)]
    workers = [_synthetic_user(org, f"synth.worker{n}", Role.CASE_WORKER) for n in range(1, worker_count + 1)]
    providers = [
        Organisation.objects.get_or_create(
            code=f"{SYNTH_CODE}-{kind}",
            defaults={"name": f"{SYNTH_NAME} ({kind})", "org_type": org_type, "country": "VN", "holds_cases": False},
        )[0]
        for kind, org_type in (("legal", OrganisationType.LEGAL), ("clinic", OrganisationType.HEALTH_SERVICE))
    ]
    return Staff(org, managers, workers, providers)


def _synthetic_user(org: Organisation, username: str, role: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"organisation": org})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if user.organisation_id != org.pk:
        raise CommandError(f"User {username} exists in another organisation.")
    RoleGrant.objects.get_or_create(user=user, role=role)
    return user


def existing_staff(code: str) -> Staff:
    org = Organisation.objects.filter(code=code).first()
    if org is None:
        raise CommandError(f"No organisation with code {code!r}.")
    if not org.holds_cases:
        raise CommandError(f"{org} does not hold cases.")
    users = User.objects.filter(organisation=org, is_active=True).order_by("username")
    managers = list(users.filter(role_grants__role=Role.SUPERVISOR))
    workers = list(users.filter(role_grants__role=Role.CASE_WORKER)) or managers
    if not workers:
        raise CommandError(f"{org} has no case worker or supervisor to put on the cases.")
    return Staff(org, managers, workers)


def write_batch(staff: Staff, records: list[SyntheticCase], rng: random.Random) -> list[Person]:
    org = staff.organisation
    persons = [
        Person(
            organisation=org, age_band_on=record.opened_on if record.person.age_band else None, **_fields(record.person)
        )
        for record in records
    ]
    Person.objects.bulk_create(persons)
    if any(person.pk is None for person in persons):
        # Index entries and cases need the new keys; every supported database returns them.
        raise CommandError("The database did not return the keys of bulk-inserted persons.")
    PersonIndexEntry.objects.bulk_create([entry for person in persons for entry in entries_for(person)])

    cases: list[Case] = []
    teams: list[list[User]] = []
    for record, person, sequence in zip(records, persons, org.reserve_case_sequences(len(records)), strict=True):
        manager = rng.choice(staff.managers) if staff.managers else None
        team = _team(staff, rng)
        teams.append(team)
        cases.append(
            Case(
                organisation=org,
                person=person,
                number=org.case_number(record.opened_on.year, sequence),
                status=record.status,
                closure_reason=record.closure_reason,
                opened_on=record.opened_on,
                episode=1 + sum(1 for step in record.history[:-1] if step.to_status == CaseStatus.CLOSED),
                status_changed_at=record.status_changed_at,
                supervisor=manager,
                created_by=team[0],
                **_fields(record.case),
            )
        )
    Case.objects.bulk_create(cases)
    CaseTeamMember.objects.bulk_create(
        [CaseTeamMember(case=case, user=user) for case, team in zip(cases, teams, strict=True) for user in team]
    )
    changes = [
        change
        for case, record, team in zip(cases, records, teams, strict=True)
        for change in _status_changes(case, record, team, rng)
    ]
    closings = [change for change in changes if change.to_status == CaseStatus.CLOSED]
    # Every closing rests on a final review (a database constraint). Synthetic ones carry no
    # ratings: nothing in them should pass for a real assessment of anyone's outcomes.
    reviews = [
        Review(
            case=change.case,
            reviewed_on=timezone.localdate(change.changed_at),
            kind=ReviewKind.FINAL,
            by=change.changed_by,
        )
        for change in closings
    ]
    Review.objects.bulk_create(reviews)
    for change, review in zip(closings, reviews, strict=True):
        change.final_review = review
    CaseStatusChange.objects.bulk_create(changes)
    keep_reopening_dates({change.case_id for change in changes if change.from_status == CaseStatus.CLOSED})
    rows = Histories()
    today = timezone.localdate()
    for case, record, team in zip(cases, records, teams, strict=True):
        add_history(rows, case=case, record=record, worker=team[0], providers=staff.providers, rng=rng, today=today)
    rows.save()
    # Written in bulk, so no signal told the reports: their counting categories are added here.
    refresh_statistics([case.pk for case in cases])
    return persons


def _fields(details: object) -> dict[str, Any]:
    # A shallow copy: dataclasses.asdict deep-copies every list and costs a tenth of the run.
    return dict(vars(details))


def _team(staff: Staff, rng: random.Random) -> list[User]:
    first = rng.choice(staff.workers)
    if len(staff.workers) > 1 and rng.random() < 0.3:
        second = rng.choice(staff.workers)
        if second != first:
            return [first, second]
    return [first]


_REOPENING_REASONS = [r for r in ReopeningReason.values if r != ReopeningReason.NOT_RECORDED]
_REOPENING_REQUESTERS = [r for r in ReopeningRequester.values if r != ReopeningRequester.NOT_RECORDED]


def _status_changes(case: Case, record: SyntheticCase, team: list[User], rng: random.Random) -> list[CaseStatusChange]:
    changes: list[CaseStatusChange] = []
    previous, episode = "", 1
    for step in record.history:
        reopening = previous == CaseStatus.CLOSED
        episode += reopening
        changes.append(
            CaseStatusChange(
                case=case,
                from_status=previous,
                to_status=step.to_status,
                closure_reason=step.closure_reason,
                reopening_reason=rng.choice(_REOPENING_REASONS) if reopening else "",
                requested_by=rng.choice(_REOPENING_REQUESTERS) if reopening else "",
                episode=episode,
                changed_by=rng.choice(team) if previous else team[0],
                changed_at=step.at,
            )
        )
        previous = step.to_status
    return changes


def check_encrypted(person: Person) -> None:
    """Make sure bulk_create went through the encrypted fields: the column must hold ciphertext
    bound to its record."""
    # Raw SQL on purpose: the ORM would decrypt the value. The table name comes from the model.
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT given_name FROM {table} WHERE id = %s", [person.pk])  # noqa: S608
        (raw,) = cursor.fetchone()
    if not str(raw).startswith("v2."):
        raise CommandError("Synthetic persons were stored unencrypted; stopping.")


# A directory in proportion to the cases: a service for every 250 cases, forty at least, as a
# national network of a few hundred providers would list.
CASES_PER_SERVICE = 250
MIN_SERVICES = 40
SYNTH_DISTRICTS = tuple(f"District {n}" for n in range(1, 25))


def write_directory(cases: int, seed: int) -> int:
    """Providers, each with one place and two to four services, with eligibility drawn at random:
    what matching and the directory pages read. Written in bulk; no audit history."""
    rng = random.Random(f"synthetic-directory:{seed}")
    wanted = max(MIN_SERVICES, cases // CASES_PER_SERVICE)
    areas = [code for code, _label in AREA_CHOICES]
    genders = [Gender.FEMININE, Gender.MASCULINE]
    written = 0
    with transaction.atomic():
        while written < wanted:
            number = Provider.objects.count() + 1
            provider = Provider.objects.create(name=f"{SYNTH_NAME} provider {number}", country="VN")
            district = rng.choice(SYNTH_DISTRICTS)
            place = Location.objects.create(
                provider=provider, name="Office", district=district, province="Synthetic province", country="VN"
            )
            services = [
                Service(
                    provider=provider,
                    name=f"Service {number}.{index}",
                    status=ServiceStatus.ACTIVE if rng.random() < 0.9 else ServiceStatus.INACTIVE,
                    trafficking_specific=rng.random() < 0.3,
                    serves_children=rng.random() < 0.7,
                    serves_adults=True,
                    minimum_age=rng.choice([None, None, 12, 16]),
                    genders=[rng.choice(genders)] if rng.random() < 0.2 else [],
                    languages=rng.sample(["vi", "th", "en", "my", "km"], k=rng.randint(1, 2)),
                    waiting_days=rng.choice([None, 2, 7, 14, 30, 60]),
                )
                for index in range(1, min(rng.randint(2, 4), wanted - written) + 1)
            ]
            Service.objects.bulk_create(services)
            ServiceArea.objects.bulk_create(
                ServiceArea(service=service, area=area)
                for service in services
                for area in rng.sample(areas, k=rng.randint(1, 2))
            )
            ServiceAtLocation.objects.bulk_create(ServiceAtLocation(service=s, location=place) for s in services)
            written += len(services)
    return written


# One referral for so many cases, and the share of each state (the rest are completed): many
# answered, some still waiting, a few refused or ended otherwise.
CASES_PER_REFERRAL = 20
REFERRAL_STATES = (
    (ReferralStatus.PROPOSED, 0.08),
    (ReferralStatus.SENT, 0.14),
    (ReferralStatus.ACCEPTED, 0.12),
    (ReferralStatus.IN_SERVICE, 0.16),
    (ReferralStatus.REFUSED, 0.10),
    (ReferralStatus.DROPPED, 0.05),
    (ReferralStatus.DECLINED, 0.03),
    (ReferralStatus.WITHDRAWN, 0.02),
)
SYNTH_PROVIDER = "synth.provider"


def write_referrals(staff: Staff, cases: int, seed: int) -> int:
    """Referrals from the organisation's cases to its synthetic clinic, in proportion, in every
    state, each sent one with the person's recorded consent to that sharing; the clinic's service
    provider (synth.provider) has the inbox. Written in bulk: no events or audit history."""
    clinic = next((org for org in staff.providers if org.code.endswith("clinic")), None)
    if clinic is None:
        return 0
    rng = random.Random(f"synthetic-referrals:{seed}")
    _synthetic_user(clinic, SYNTH_PROVIDER, Role.SERVICE_PROVIDER)
    provider, _created = Provider.objects.get_or_create(member=clinic, defaults={"name": clinic.name, "country": "VN"})
    service = Service.objects.filter(provider=provider).first()
    if service is None:
        service = Service.objects.create(provider=provider, name="Check-up and counselling")
        ServiceArea.objects.bulk_create(
            [ServiceArea(service=service, area="MED"), ServiceArea(service=service, area="PSY")]
        )
    case_ids = list(Case.objects.filter(organisation=staff.organisation).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(case_ids, k=min(len(case_ids), max(1, cases // CASES_PER_REFERRAL)))
    now = timezone.now()
    states, weights = zip(*REFERRAL_STATES, strict=True)
    written = 0
    for start in range(0, len(chosen), BATCH_SIZE):
        with transaction.atomic():
            consents, referrals = [], []
            for case_id in chosen[start : start + BATCH_SIZE]:
                status = rng.choices([*states, ReferralStatus.COMPLETED], [*weights, 1 - sum(weights)])[0]
                sent = now - timedelta(days=rng.randint(1, 400), hours=rng.randint(0, 23))
                decided = timezone.localdate(sent)
                worker = rng.choice(staff.workers)
                consent = None
                if status != ReferralStatus.PROPOSED:
                    consent = Consent(
                        case_id=case_id,
                        scope=ConsentScope.DATA_SHARING,
                        subject=f"Share with {clinic.name}: summary, health",
                        status=ConsentStatus.GIVEN,
                        decided_on=decided,
                        information_given="Who receives what, and that the person may say no.",
                        language="vi",
                        understood=True,
                        review_on=decided + timedelta(days=180),
                        recorded_by=worker,
                    )
                    consents.append(consent)
                answered = status not in (ReferralStatus.PROPOSED, ReferralStatus.SENT, ReferralStatus.WITHDRAWN)
                answered_at = sent + timedelta(days=rng.randint(0, 12), hours=rng.randint(1, 20)) if answered else None
                ended = status in ENDED
                referrals.append(
                    Referral(
                        case_id=case_id,
                        service=service,
                        to_organisation=clinic,
                        area=rng.choice(["MED", "PSY"]),
                        reason="Synthetic referral",
                        shared_sections=["summary", "health"],
                        consent=consent,
                        status=status,
                        proposed_by=worker,
                        sent_at=sent if status != ReferralStatus.PROPOSED else None,
                        answered_at=min(answered_at, now) if answered_at else None,
                        ended_at=min((answered_at or sent) + timedelta(days=rng.randint(1, 90)), now)
                        if ended
                        else None,
                    )
                )
            Consent.objects.bulk_create(consents)
            for referral in referrals:
                referral.consent_id = referral.consent.pk if referral.consent else None
            Referral.objects.bulk_create(referrals)
            _keep_consent_review_dates({referral.case_id for referral in referrals})
            written += len(referrals)
    return written


# One case in this many is a person abroad whose stay depends on a country's rules.
CASES_PER_LEGAL_STATUS = 25


def write_legal_statuses(staff: Staff, cases: int, seed: int) -> int:
    """Steps of a legal stay for cases in proportion: half under the UK's rules (referred to the
    mechanism, a first decision four working days or so later, some with a permit after), half
    under Belgium's (reflection, then a permit). Dates within the last year and a half, so some
    fall ahead and some have passed. Written in bulk: no audit history."""
    from reintegra.legal.models import CountryRules, StatusStep, StayKind, StepKind

    rules = {code: CountryRules.objects.get(country=code) for code in ("GB", "BE")}
    permits = {code: rules[code].stay_rules.get(kind=StayKind.TEMPORARY_PERMIT) for code in rules}
    rng = random.Random(f"synthetic-legal:{seed}")
    case_ids = list(Case.objects.filter(organisation=staff.organisation).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(case_ids, k=min(len(case_ids), max(1, cases // CASES_PER_LEGAL_STATUS)))
    today = timezone.localdate()
    written = 0
    for start in range(0, len(chosen), BATCH_SIZE):
        steps: list[StatusStep] = []
        for case_id in chosen[start : start + BATCH_SIZE]:
            code = rng.choice(("GB", "BE"))
            worker = rng.choice(staff.workers)
            began = today - timedelta(days=rng.randint(1, 540))
            common = {"case_id": case_id, "country": rules[code], "recorded_by": worker}
            if code == "GB":
                steps.append(StatusStep(kind=StepKind.REFERRED, on=began, **common))
                decided = began + timedelta(days=rng.randint(3, 8))
                if decided < today:
                    steps.append(StatusStep(kind=StepKind.FIRST_DECISION, on=decided, decision="positive", **common))
            else:
                steps.append(StatusStep(kind=StepKind.REFLECTION_STARTED, on=began, **common))
            granted = began + timedelta(days=rng.randint(40, 120))
            if granted < today and rng.random() < 0.5:
                steps.append(StatusStep(kind=StepKind.PERMIT_GRANTED, on=granted, stay=permits[code], **common))
        with transaction.atomic():
            StatusStep.objects.bulk_create(steps)
        written += len(steps)
    return written


def _keep_consent_review_dates(case_ids: set[int]) -> None:
    """Each case carries its consents' earliest re-confirmation date, as the workflows keep it."""
    earliest = dict(
        Consent.objects.filter(case_id__in=case_ids)
        .awaiting_reconfirmation()
        .order_by()
        .values("case_id")
        .annotate(first=Min("review_on"))
        .values_list("case_id", "first")
    )
    cases = list(Case.objects.filter(pk__in=earliest).only("pk", "consent_review_on"))
    for case in cases:
        case.consent_review_on = earliest[case.pk]
    Case.objects.bulk_update(cases, ["consent_review_on"])
