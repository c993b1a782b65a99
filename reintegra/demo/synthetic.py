"""Deterministic fictional persons and case histories, for the demo and for benchmarks.

Everything is drawn from one `random.Random(seed)`, and dates are anchored to a fixed horizon
instead of today, so the same seed always yields the same people and histories. Names come
from small hand-written lists covering the region (Vietnamese, Thai, Khmer, Lao, Burmese,
Chinese), some written with diacritics, in upper case or in their own script, so that the data
exercises name normalisation and aliases. None of these persons exists.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import TypeVar

from reintegra.accounts.models import User
from reintegra.cases.actions import CaseDetails, PersonDetails
from reintegra.cases.vocabularies import (
    TRANSITIONS,
    AgeBand,
    CaseStatus,
    ClosureReason,
    DocumentType,
    ExploitationType,
    Gender,
    IdentificationStatus,
    IdentifyingAuthorityType,
    RecruitmentMethod,
)
from reintegra.demo.peoples import AUTHORITIES, PEOPLES, PROFILES, PROVINCES, People, digits

T = TypeVar("T")

FIRST_OPENING = date(2019, 1, 1)
LAST_OPENING = date(2026, 10, 31)
# Nothing happens at or after this moment, whatever today's date is.
HORIZON = datetime(2026, 11, 1, tzinfo=UTC)

FICTIONAL_NOTE = "Fictional person created for the Reintegra demonstration. Not a real individual."
_RESPELLED_NOTE = " May be the same person as an earlier registration spelled differently."


# --- Generated records --------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusStep:
    to_status: str
    closure_reason: str
    at: datetime


@dataclass
class SyntheticCase:
    person: PersonDetails
    case: CaseDetails
    opened_on: date
    # The whole path, starting with intake; datetimes strictly increase and stay before HORIZON.
    history: list[StatusStep] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.history[-1].to_status

    @property
    def closure_reason(self) -> str:
        return self.history[-1].closure_reason

    @property
    def status_changed_at(self) -> datetime:
        return self.history[-1].at


def _weighted(rng: random.Random, weights: Mapping[T, int]) -> T:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def ascii_fold(value: str) -> str:
    """Drop accents, as someone typing on a keyboard without Vietnamese input would."""
    value = value.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def _age_band(age: int) -> str:
    for band, upper in (
        (AgeBand.UNDER_12, 11),
        (AgeBand.FROM_12, 14),
        (AgeBand.FROM_15, 17),
        (AgeBand.FROM_18, 24),
        (AgeBand.FROM_25, 34),
        (AgeBand.FROM_35, 49),
    ):
        if age <= upper:
            return band
    return AgeBand.FROM_50


class SyntheticGenerator:
    """Yields fictional cases one after another; the n-th case depends only on the seed."""

    def __init__(self, seed: int, profile: str = "mixed") -> None:
        self.rng = random.Random(seed)
        self.profile = PROFILES[profile]
        # Recent persons per population, so a few can come back under another spelling.
        self._recent: dict[str, list[PersonDetails]] = {}

    def next_case(self, profile: str | None = None) -> SyntheticCase:
        weights = PROFILES[profile] if profile else self.profile
        people = PEOPLES[_weighted(self.rng, weights)]
        opened_on = self._opening_day()
        person, age = self._person(people, opened_on)
        case = self._case_details(people, opened_on, age, profile)
        return SyntheticCase(person=person, case=case, opened_on=opened_on, history=self._history(opened_on))

    def cases(self, count: int, profile: str | None = None) -> list[SyntheticCase]:
        return [self.next_case(profile) for _ in range(count)]

    # Persons -------------------------------------------------------------------------------

    def _opening_day(self) -> date:
        # Skewed towards recent years: caseloads grow as an organisation becomes known.
        span = (LAST_OPENING - FIRST_OPENING).days
        return FIRST_OPENING + timedelta(days=int((self.rng.random() ** 0.6) * span))

    def _gender(self, child: bool) -> str:
        r = self.rng.random()
        if child:
            return Gender.FEMININE if r < 0.6 else Gender.MASCULINE if r < 0.97 else Gender.UNKNOWN
        for value, upper in (
            (Gender.FEMININE, 0.6),
            (Gender.MASCULINE, 0.92),
            (Gender.TRANSGENDER_FEMININE, 0.95),
            (Gender.TRANSGENDER_MASCULINE, 0.96),
            (Gender.NON_CONFORMING, 0.97),
        ):
            if r < upper:
                return value
        return Gender.UNKNOWN

    def _person(self, people: People, opened_on: date) -> tuple[PersonDetails, int]:
        recent = self._recent.setdefault(people.key, [])
        if recent and self.rng.random() < 0.04:
            return self._respelled(_pick(self.rng, recent), people), -1
        child = self.rng.random() < 0.2
        age = (
            self.rng.choice((9, 12, 13, 14, 15, 15, 16, 16, 17, 17))
            if child
            else 18 + int(self.rng.random() ** 1.8 * 38)
        )
        gender = self._gender(child)
        given, family, aliases = self._names(people, gender)
        person = PersonDetails(
            given_name=given,
            family_name=family,
            other_names=aliases,
            gender=gender,
            nationalities=self._nationalities(people),
            languages=list(people.languages) + (["en"] if self.rng.random() < 0.15 else []),
            phones=self._phones(people),
            emails=self._emails(given, family, aliases),
            addresses=self._addresses(),
            identity_documents=self._documents(people, child),
            notes=FICTIONAL_NOTE,
        )
        self._set_age(person, opened_on, age, child)
        recent.append(person)
        del recent[:-50]
        return person, age

    def _names(self, people: People, gender: str) -> tuple[str, str, list[str]]:
        pool = people.male_given if gender in (Gender.MASCULINE, Gender.TRANSGENDER_MASCULINE) else people.female_given
        given = _pick(self.rng, pool)
        family = _pick(self.rng, people.family_names) if people.family_names else ""
        aliases: list[str] = []
        if self.rng.random() < 0.12:
            aliases.append(f"{_pick(self.rng, people.nicknames)} {given.split()[-1]}")
        native = self._in_native_script(people, given, family)
        if native is not None:
            # Recorded in the person's own script; the Latin spelling is kept as an alias.
            aliases.insert(0, " ".join(p for p in (given, family) if p))
            given, family = native
        elif people.key == "vn":
            given, family = self._vietnamese_spelling(given, family)
        return given, family, aliases

    def _in_native_script(self, people: People, given: str, family: str) -> tuple[str, str] | None:
        if self.rng.random() >= people.native_share:
            return None
        tokens = [*given.split(), *family.split()]
        if not all(token in people.native for token in tokens):
            return None
        join = people.native_joiner.join
        return join(people.native[t] for t in given.split()), join(people.native[t] for t in family.split())

    def _vietnamese_spelling(self, given: str, family: str) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.15:
            return ascii_fold(given), ascii_fold(family)
        if r < 0.22:
            return given.upper(), family.upper()
        return given, family

    def _respelled(self, earlier: PersonDetails, people: People) -> PersonDetails:
        """The same (fictional) person registered again, typed differently: a duplicate warning."""
        given, family = ascii_fold(earlier.given_name), ascii_fold(earlier.family_name)
        if (given, family) == (earlier.given_name, earlier.family_name):
            given, family = given.lower(), family.upper()
        return PersonDetails(
            given_name=given,
            family_name=family,
            birth_date=earlier.birth_date,
            estimated_birth_year=earlier.estimated_birth_year,
            age_band=earlier.age_band,
            gender=earlier.gender,
            nationalities=list(earlier.nationalities),
            languages=list(earlier.languages),
            phones=[people.phone(self.rng)] if self.rng.random() < 0.5 else list(earlier.phones),
            notes=FICTIONAL_NOTE + _RESPELLED_NOTE,
        )

    def _set_age(self, person: PersonDetails, opened_on: date, age: int, child: bool) -> None:
        r = self.rng.random()
        born = opened_on - timedelta(days=age * 365 + self.rng.randrange(365))
        if r < 0.55:
            person.birth_date = born
        elif r < 0.8:
            person.estimated_birth_year = born.year
        elif r < 0.95:
            person.age_band = _age_band(age)
        person.age_disputed = self.rng.random() < (0.15 if child else 0.04)

    def _nationalities(self, people: People) -> list[str]:
        r = self.rng.random()
        if r < 0.03:
            return []  # undocumented or unknown
        return [people.nationality]

    def _phones(self, people: People) -> list[str]:
        r = self.rng.random()
        if r < 0.25:
            return []
        count = 2 if r > 0.9 else 1
        return [people.phone(self.rng) for _ in range(count)]

    def _emails(self, given: str, family: str, aliases: list[str]) -> list[str]:
        if self.rng.random() >= 0.15:
            return []
        latin = aliases[0] if aliases and not given.isascii() else f"{given} {family}"
        local = ".".join(ascii_fold(latin).lower().split())
        if not local.isascii() or not local:
            return []
        return [f"{local}{self.rng.randrange(10, 99)}@example.org"]

    def _addresses(self) -> list[str]:
        if self.rng.random() >= 0.5:
            return []
        province = _pick(self.rng, PROVINCES)
        return [f"House {self.rng.randint(1, 240)}, Hamlet {self.rng.randint(1, 12)}, Example Commune, {province}"]

    def _documents(self, people: People, child: bool) -> list[dict[str, str]]:
        r = self.rng.random()
        if child and r < 0.3:
            return [{"type": DocumentType.BIRTH_CERTIFICATE, "number": f"BC-{digits(self.rng, 8)}"}]
        if r < 0.4:
            return [people.document(self.rng)]
        return []

    # Cases ---------------------------------------------------------------------------------

    def _case_details(self, people: People, opened_on: date, age: int, profile: str | None) -> CaseDetails:
        details = CaseDetails(
            exploitation_types=self._exploitation_types(age),
            origin_countries=[people.nationality],
            exploitation_countries=self._destinations(people, profile),
            recruitment_methods=self._recruitment(),
            at_risk=self.rng.random() < 0.1,
            restricted=self.rng.random() < 0.05,
        )
        self._set_exploitation_period(details, opened_on, age)
        self._set_identification(details, opened_on)
        return details

    def _exploitation_types(self, age: int) -> list[str]:
        if 0 <= age < 18:
            weights = {
                ExploitationType.CHILD_LABOUR: 35,
                ExploitationType.SEXUAL: 30,
                ExploitationType.FORCED_BEGGING: 15,
                ExploitationType.FORCED_MARRIAGE: 15,
                ExploitationType.OTHER: 5,
            }
        else:
            weights = {
                ExploitationType.FORCED_LABOUR: 40,
                ExploitationType.SEXUAL: 28,
                ExploitationType.FORCED_MARRIAGE: 12,
                ExploitationType.SERVITUDE: 10,
                ExploitationType.SURROGACY: 2,
                ExploitationType.FORCED_BEGGING: 3,
                ExploitationType.OTHER: 5,
            }
        first = _weighted(self.rng, weights)
        if self.rng.random() < 0.2:
            second = _weighted(self.rng, weights)
            if second != first:
                return [first, second]
        return [first]

    def _destinations(self, people: People, profile: str | None) -> list[str]:
        if (profile or "") == "TH" and self.rng.random() < 0.85:
            return ["TH"]
        first = _weighted(self.rng, people.destinations)
        if self.rng.random() < 0.1:
            second = _weighted(self.rng, people.destinations)
            if second != first:
                return [first, second]
        return [first]

    def _recruitment(self) -> list[str]:
        weights = {
            RecruitmentMethod.FRIENDS: 30,
            RecruitmentMethod.FAMILY: 20,
            RecruitmentMethod.ONLINE_SOCIAL: 22,
            RecruitmentMethod.ONLINE_ADVERT: 10,
            RecruitmentMethod.AT_WORK: 8,
            RecruitmentMethod.PLACE_OF_BUSINESS: 4,
            RecruitmentMethod.EDUCATIONAL_INSTITUTION: 2,
            RecruitmentMethod.OTHER: 4,
        }
        if self.rng.random() < 0.1:
            return []
        methods: list[str] = [_weighted(self.rng, weights)]
        if self.rng.random() < 0.2:
            extra = _weighted(self.rng, weights)
            if extra not in methods:
                methods.append(extra)
        return methods

    def _set_exploitation_period(self, details: CaseDetails, opened_on: date, age: int) -> None:
        if self.rng.random() < 0.1:
            return  # not known yet
        ended = opened_on - timedelta(days=self.rng.randrange(0, 120))
        # A child's exploitation cannot have begun before early childhood.
        longest = 1800 if age < 0 or age >= 18 else max(30, (age - 6) * 365)
        details.exploitation_began = ended - timedelta(days=self.rng.randint(14, longest))
        if self.rng.random() >= 0.08:
            details.exploitation_ended = ended

    def _set_identification(self, details: CaseDetails, opened_on: date) -> None:
        r = self.rng.random()
        if r < 0.43:
            return
        if r < 0.45:
            # Screened and found not trafficked, yet helped. No further draw, so the records
            # generated after this one stay as they were.
            details.identification_status = IdentificationStatus.NOT_TRAFFICKED
            return
        if r < 0.75:
            details.identification_status = IdentificationStatus.INFORMAL
            details.identifying_authority_type = IdentifyingAuthorityType.NGO
            if self.rng.random() < 0.6:
                details.identifying_authority = _pick(self.rng, AUTHORITIES[IdentifyingAuthorityType.NGO])
                details.identified_on = self._day_near(opened_on)
            return
        kind = _pick(
            self.rng,
            (
                IdentifyingAuthorityType.POLICE,
                IdentifyingAuthorityType.COURT,
                IdentifyingAuthorityType.OTHER_GOVERNMENT,
            ),
        )
        details.identification_status = IdentificationStatus.FORMAL
        details.identifying_authority_type = kind
        details.identifying_authority = _pick(self.rng, AUTHORITIES[kind])
        details.identified_on = self._day_near(opened_on)

    def _day_near(self, opened_on: date) -> date:
        day = opened_on + timedelta(days=self.rng.randint(-60, 120))
        return min(day, LAST_OPENING)

    # Status history ------------------------------------------------------------------------

    def _moment(self, day: date) -> datetime:
        # Office hours in Indochina time (UTC+7): 01:30 to 10:30 UTC.
        minutes = 90 + self.rng.randrange(9 * 60)
        return datetime.combine(day, time(0, 0), tzinfo=UTC) + timedelta(minutes=minutes)

    def _history(self, opened_on: date) -> list[StatusStep]:
        at = self._moment(opened_on)
        steps = [StatusStep(CaseStatus.INTAKE, "", at)]
        reopenings = 0
        while len(steps) < 14:
            move = self._next_move(steps[-1].to_status, reopenings)
            if move is None:
                break
            to_status, reason, gap_days = move
            later = max(self._moment(at.date() + timedelta(days=gap_days)), at + timedelta(minutes=5))
            if later >= HORIZON:
                break  # the next step lies in the future: the case stays where it is
            if to_status not in TRANSITIONS[steps[-1].to_status]:
                raise ValueError(f"synthetic history breaks the case workflow: {steps[-1].to_status} to {to_status}")
            if steps[-1].to_status == CaseStatus.CLOSED:
                reopenings += 1
            steps.append(StatusStep(to_status, reason, later))
            at = later
        return steps

    def _next_move(self, status: str, reopenings: int) -> tuple[str, str, int] | None:
        """The next status, closure reason and days until it, or None if the case stays put."""
        r = self.rng.random()
        rand = self.rng.randint
        if status == CaseStatus.CLOSED:
            if r >= (0.15 if reopenings == 0 else 0.05):
                return None
            reopened_as = _weighted(self.rng, {CaseStatus.ASSESSMENT: 6, CaseStatus.ACTIVE: 3, CaseStatus.INTAKE: 1})
            return reopened_as, "", rand(60, 900)
        if r < 0.03:
            return None  # stalled: waiting on something outside the organisation's hands
        if status == CaseStatus.INTAKE:
            if r < 0.85:
                return CaseStatus.ASSESSMENT, "", rand(1, 14)
            if r < 0.93:
                return CaseStatus.ACTIVE, "", rand(0, 7)
            return CaseStatus.CLOSED, self._reason(early=True), rand(1, 30)
        if status == CaseStatus.ASSESSMENT:
            if r < 0.9:
                return CaseStatus.ACTIVE, "", rand(5, 60)
            return CaseStatus.CLOSED, self._reason(early=True), rand(5, 90)
        if status == CaseStatus.ACTIVE:
            if r < 0.75:
                return CaseStatus.FOLLOW_UP, "", rand(90, 540)
            if r < 0.95:
                return CaseStatus.CLOSED, self._reason(early=False), rand(30, 400)
            return CaseStatus.ASSESSMENT, "", rand(30, 180)
        # Follow-up.
        if r < 0.8:
            reason = ClosureReason.REINTEGRATED if self.rng.random() < 0.8 else self._reason(early=False)
            return CaseStatus.CLOSED, reason, rand(180, 720)
        if r < 0.92:
            return CaseStatus.ACTIVE, "", rand(30, 200)
        return CaseStatus.ASSESSMENT, "", rand(30, 200)

    def _reason(self, *, early: bool) -> str:
        if early:
            weights = {
                ClosureReason.DECLINED: 40,
                ClosureReason.LOST_CONTACT: 30,
                ClosureReason.TRANSFERRED: 20,
                ClosureReason.OTHER: 10,
            }
        else:
            weights = {
                ClosureReason.LOST_CONTACT: 30,
                ClosureReason.MOVED_AWAY: 25,
                ClosureReason.TRANSFERRED: 20,
                ClosureReason.DECLINED: 15,
                ClosureReason.DECEASED: 2,
                ClosureReason.OTHER: 8,
            }
        return _weighted(self.rng, weights)


# One case in this many has papers recorded (identity card, passport, birth registration).
CASES_PER_DOCUMENTS = 10
DOCUMENTS_BATCH_SIZE = 500


def write_documents(organisation_id: int, workers: Sequence[User], cases: int, seed: int) -> int:
    """Documents for the person of one case in ten: an identity card obtained or still needed,
    sometimes a passport or a birth registration, each needed one with a step or two towards it,
    some with a fee, some with an obstacle. Written in bulk: no audit history."""
    from django.db import transaction
    from django.utils import timezone

    from reintegra.cases.models import Case
    from reintegra.documents.models import Document, DocumentKind, DocumentStatus, DocumentStep, Obstacle

    rng = random.Random(f"synthetic-documents:{seed}")
    case_ids = list(Case.objects.filter(organisation_id=organisation_id).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(case_ids, k=min(len(case_ids), max(1, cases // CASES_PER_DOCUMENTS)))
    today = timezone.localdate()
    written = 0
    for start in range(0, len(chosen), DOCUMENTS_BATCH_SIZE):
        documents: list[Document] = []
        for case_id in chosen[start : start + DOCUMENTS_BATCH_SIZE]:
            worker = rng.choice(workers)
            others = [DocumentKind.PASSPORT, DocumentKind.BIRTH_REGISTRATION, DocumentKind.VICTIM_CERTIFICATION]
            kinds = [DocumentKind.IDENTITY_CARD, *rng.sample(others, k=rng.randint(0, 2))]
            for kind in kinds:
                obtained = rng.random() < 0.4
                documents.append(
                    Document(
                        case_id=case_id,
                        kind=kind,
                        status=DocumentStatus.OBTAINED if obtained else DocumentStatus.NEEDED,
                        obtained_on=today - timedelta(days=rng.randint(1, 700)) if obtained else None,
                        number=digits(rng, 12) if obtained else "",
                        recorded_by=worker,
                    )
                )
        steps: list[DocumentStep] = []
        for document in documents:
            if document.status == DocumentStatus.OBTAINED:
                continue
            for _n in range(rng.randint(0, 2)):
                fee = rng.random() < 0.4
                steps.append(
                    DocumentStep(
                        document=document,
                        on=today - timedelta(days=rng.randint(1, 300)),
                        what="Asked at the office what is needed",
                        fee_amount=rng.choice((50000, 100000, 200000)) if fee else None,
                        fee_currency="VND" if fee else "",
                        obstacle=rng.choice(Obstacle.values) if rng.random() < 0.3 else "",
                        recorded_by=document.recorded_by,
                    )
                )
        with transaction.atomic():
            Document.objects.bulk_create(documents)
            for step in steps:
                step.document_id = step.document.pk
            DocumentStep.objects.bulk_create(steps)
        written += len(documents)
    return written


# One case in this many has risk assessments recorded; of those, about one in eight is high risk.
CASES_PER_RISK_ASSESSMENT = 20
HIGH_RISK_SHARE = 0.125
RISK_BATCH_SIZE = 500


def write_risk_assessments(organisation_id: int, workers: Sequence[object], cases: int, seed: int) -> int:
    """Risk assessments for one case in twenty: the team's own, sometimes a family or a police
    assessment beside it, dated within the last year, each with a reassessment date (some passed,
    so reassessments fall due). The case takes the level the workflow would give it, and a
    high-risk case is restricted and marked at risk, as the workflow does. Written in bulk: no
    audit history."""
    from django.db import transaction
    from django.utils import timezone

    from reintegra.cases.models import Case
    from reintegra.safety.models import AssessmentKind, FactorLevel, RiskAssessment
    from reintegra.safety.reassessment import current_level

    rng = random.Random(f"synthetic-safety:{seed}")
    case_ids = list(Case.objects.filter(organisation_id=organisation_id).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(case_ids, k=min(len(case_ids), max(1, cases // CASES_PER_RISK_ASSESSMENT)))
    today = timezone.localdate()
    factors = [FactorLevel.LOW, FactorLevel.MEDIUM, FactorLevel.NOT_ASSESSED]
    written = 0
    for start in range(0, len(chosen), RISK_BATCH_SIZE):
        assessments: list[RiskAssessment] = []
        levels: dict[int, str] = {}
        for case_id in chosen[start : start + RISK_BATCH_SIZE]:
            worker = rng.choice(workers)
            high = rng.random() < HIGH_RISK_SHARE
            kinds = [
                AssessmentKind.TEAM,
                *rng.sample([AssessmentKind.FAMILY, AssessmentKind.POLICE], k=rng.randint(0, 2)),
            ]
            mine: list[RiskAssessment] = []
            for index, kind in enumerate(kinds):
                assessed_on = today - timedelta(days=rng.randint(1, 365))
                level = "high" if high and index == 0 else rng.choice(("low", "medium"))
                mine.append(
                    RiskAssessment(
                        case_id=case_id,
                        kind=kind,
                        assessed_on=assessed_on,
                        assessed_by="Provincial police" if kind == AssessmentKind.POLICE else "Case worker",
                        traffickers=FactorLevel.HIGH if level == "high" else rng.choice(factors),
                        community=rng.choice(factors),
                        family=rng.choice(factors),
                        own_sense=rng.choice(factors),
                        level=level,
                        next_review_on=assessed_on + timedelta(days=rng.choice((90, 180))),
                        recorded_by=worker,  # type: ignore[misc]
                    )
                )
            # No ids yet: the latest of each kind is told apart by date, which is enough here.
            for position, assessment in enumerate(mine):
                assessment.pk = position
            levels[case_id] = current_level(mine)
            for assessment in mine:
                assessment.pk = None
            assessments.extend(mine)
        with transaction.atomic():
            RiskAssessment.objects.bulk_create(assessments)
            rows = list(Case.objects.filter(pk__in=levels).only("pk", "risk_level", "restricted", "at_risk"))
            for row in rows:
                row.risk_level = levels[row.pk]
                if row.risk_level == "high":
                    row.restricted = row.at_risk = True
            Case.objects.bulk_update(rows, ["risk_level", "restricted", "at_risk"])
        written += len(assessments)
    return written


CASES_PER_CHILD_RECORD = 25
CHILD_BATCH_SIZE = 500


def write_child_records(organisation_id: int, workers: Sequence[User], cases: int, seed: int) -> int:
    """A child-protection record for one case in 25: a guardian appointed, a best-interests
    assessment, an approved determination and the placement that carries it out, reviewed once
    (some reviews overdue, so reminders fall due). Written in bulk: no audit history. Returns the
    number of placements."""
    from django.db import transaction
    from django.utils import timezone

    from reintegra.cases.models import Case
    from reintegra.children.models import (
        BestInterestsAssessment,
        BestInterestsDetermination,
        GuardianEntry,
        Placement,
        PlacementReview,
    )

    rng = random.Random(f"synthetic-children:{seed}")
    case_ids = list(Case.objects.filter(organisation_id=organisation_id).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(case_ids, k=min(len(case_ids), max(1, cases // CASES_PER_CHILD_RECORD)))
    today = timezone.localdate()
    now = timezone.now()
    solutions = (("kinship", "kinship"), ("foster", "foster"), ("family", "family"))
    written = 0
    for start in range(0, len(chosen), CHILD_BATCH_SIZE):
        batch = chosen[start : start + CHILD_BATCH_SIZE]
        guardians, assessments, determinations = [], [], []
        for case_id in batch:
            worker, approver = rng.sample(list(workers), k=2) if len(workers) > 1 else (workers[0], workers[0])
            began = today - timedelta(days=rng.randint(200, 700))
            solution, _kind = rng.choice(solutions)
            guardians.append(
                GuardianEntry(
                    case_id=case_id,
                    status="appointed",
                    on=began,
                    guardian="Synthetic guardian",
                    authority="District court",
                    recorded_by=worker,
                )
            )
            assessments.append(
                BestInterestsAssessment(
                    case_id=case_id,
                    on=began + timedelta(days=10),
                    action_considered="Where the child will live",
                    findings="Synthetic findings",
                    child_views="Synthetic views",
                    recorded_by=worker,
                )
            )
            determinations.append(
                BestInterestsDetermination(
                    case_id=case_id,
                    decided_on=began + timedelta(days=30),
                    panel=["Case worker", "Child-protection officer"],  # type: ignore[misc]
                    family_safety="unsafe" if solution != "family" else "safe",
                    carers_complicit=rng.choice(("no", "suspected", "yes")) if solution != "family" else "no",
                    family_assessment="Synthetic family assessment",
                    child_views="Synthetic views",
                    decision="Synthetic decision",
                    durable_solution=solution,
                    review_on=began + timedelta(days=30 + rng.choice((180, 365))),
                    recorded_by=worker,
                    approved_by=approver if approver.pk != worker.pk else None,
                    approved_at=now if approver.pk != worker.pk else None,
                )
            )
        with transaction.atomic():
            GuardianEntry.objects.bulk_create(guardians)
            BestInterestsAssessment.objects.bulk_create(assessments)
            BestInterestsDetermination.objects.bulk_create(determinations)
            placements = [
                Placement(
                    case_id=determination.case_id,
                    kind=determination.durable_solution,
                    started_on=determination.decided_on + timedelta(days=7),
                    carer="Synthetic carer",
                    child_views="Synthetic views",
                    determination=determination,
                    recorded_by=determination.recorded_by,
                )
                for determination in determinations
                if determination.approved_at is not None
            ]
            Placement.objects.bulk_create(placements)
            PlacementReview.objects.bulk_create(
                [
                    PlacementReview(
                        placement=placement,
                        on=placement.started_on + timedelta(days=rng.randint(60, 120)),
                        outcome="continue",
                        child_views="Synthetic views",
                        recorded_by=placement.recorded_by,
                    )
                    for placement in placements
                ]
            )
        written += len(placements)
    return written


# One case in this many has an unmet need recorded (or two).
CASES_PER_UNMET_NEED = 12


def write_unmet_needs(organisation_id: int, workers: Sequence[User], cases: int, seed: int) -> int:
    """An unmet need or two for one case in twelve, recorded at some time in the last fourteen
    months, after the case opened. Written in bulk: no audit history."""
    from django.db import transaction
    from django.utils import timezone

    from reintegra.cases.models import Case
    from reintegra.directory.models import AREA_CODES, UnmetNeed, UnmetReason

    rng = random.Random(f"synthetic-unmet-needs:{seed}")
    today = timezone.localdate()
    case_rows = list(Case.objects.filter(organisation_id=organisation_id).order_by("pk").values_list("pk", "opened_on"))
    chosen = rng.sample(case_rows, k=min(len(case_rows), max(1, cases // CASES_PER_UNMET_NEED)))
    needs = [
        UnmetNeed(
            case_id=case_id,
            area=rng.choice(AREA_CODES),
            asked_for="Synthetic request",
            reason=rng.choice(UnmetReason.values),
            recorded_on=max(opened_on, today - timedelta(days=rng.randint(0, 420))),
            recorded_by=rng.choice(workers),
        )
        for case_id, opened_on in chosen
        for _n in range(rng.choice((1, 1, 2)))
    ]
    with transaction.atomic():
        UnmetNeed.objects.bulk_create(needs, batch_size=500)
    return len(needs)
