"""The figures of a monitoring report, counted in the database: a fixed number of grouped
queries whatever the number of cases, over the organisations reports.access allowed. Nothing
here returns a case, a person or a record: only counts and sums, which the tables then suppress."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    RowRange,
    Sum,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, FirstValue, LastValue, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from reintegra.accounts.models import Role, RoleGrant
from reintegra.cases.models import EmergencyAccess
from reintegra.cases.vocabularies import CaseStatus, ExploitationType, Gender, IdentificationStatus
from reintegra.complaints.models import ANSWER_TIMELINESS, Channel, Complaint, ComplaintKind, answer_timeliness
from reintegra.directory.models import AREA_CHOICES, UnmetNeed, UnmetReason
from reintegra.followups.models import Contact, ContactOutcome
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.orgs.models import Organisation
from reintegra.outcomes.models import Outcome, Review
from reintegra.plans.models import SupportItem
from reintegra.referrals.models import Referral, ReferralStatus
from reintegra.reports.models import CaseStatistics, ReportAgeBand
from reintegra.reports.tables import Table, amounts_like, one_way, two_way

UNKNOWN = "unknown"
# The network's figures need cases of this many organisations in the period. With two, either one
# could take its own figures away from the network's and read the other's, which it never agreed
# to show alone; an organisation that shares but had no case in the period adds nothing to hide in.
MIN_NETWORK_ORGANISATIONS = 3

# HXL hashtags (https://hxlstandard.org/standard/1-1final/dictionary/) of every column the
# downloads write, in one place. Persons assisted are #affected; attributes go on as +f, +m,
# +age... Columns with no HXL attribute of their own get #affected+code.
HXL = {
    "age_band": "#affected+age_group",
    "nationality": "#affected+nationality+code",
    "exploitation": "#affected+type+code",
    "identification": "#affected+status+code",
    "area": "#sector+code",
    "currency": "#currency+code",
    "persons": "#affected+num",
    "amount": "#value",
    "total": "#affected+total",
    Gender.FEMININE.value: "#affected+f",
    Gender.MASCULINE.value: "#affected+m",
    Gender.TRANSGENDER_FEMININE.value: "#affected+f+transgender",
    Gender.TRANSGENDER_MASCULINE.value: "#affected+m+transgender",
    Gender.NON_CONFORMING.value: "#affected+nonconforming",
    Gender.UNKNOWN.value: "#affected+sex_unknown",
    # Referrals: persons referred, by what became of their referrals and how soon they were answered.
    "answer_time": "#affected+answer_time+code",
    "referred": "#affected+referred+num",
    "referred_total": "#affected+referred+total",
    "referral_waiting": "#affected+referred+waiting",
    "referral_under_way": "#affected+referred+accepted",
    "referral_completed": "#affected+referred+completed",
    "referral_refused": "#affected+referred+refused",
    "referral_stopped": "#affected+referred+stopped",
    "referral_withdrawn": "#affected+referred+withdrawn",
    # Follow-up: persons by how contact went, and where their schedule stands.
    "contact_result": "#affected+contact+code",
    "followup_status": "#affected+followup+code",
    # Outcomes: the domain is an indicator; persons by the direction of the change.
    "outcome": "#indicator+code",
    "improved": "#affected+improved",
    "unchanged": "#affected+unchanged",
    "worse": "#affected+worse",
    # Unmet needs: the area is the sector; persons with a need no service met.
    "unmet_reason": "#affected+unmet_reason+code",
    "unmet": "#affected+unmet+num",
    # Complaints and feedback: counted as complaints, not persons (most are filed without a name).
    "complaint_kind": "#activity+complaint+code",
    "complaint_channel": "#activity+channel+code",
    "complaint_answer": "#activity+answer+code",
    "complaints": "#output+complaints+num",
    # Emergency access: openings of a case outside its team, by the role of who opened it.
    "opened_by": "#activity+opened_by+code",
    "emergency_openings": "#output+emergency_access+num",
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    note: str
    tables: list[Table]


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    min_cell: int
    sections: list[Section]
    # Organisations with cases in the period; for the network, below MIN_NETWORK_ORGANISATIONS the
    # report is withheld: no section is built.
    contributors: int
    withheld: bool = False

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]


def cases_in_period(organisation_ids: tuple[int, ...], start: date, end: date) -> QuerySet[CaseStatistics]:
    """Cases of these organisations open at any time in the period: opened by its end, and not
    closed before its start."""
    since, _until = _moments(start, end)
    return CaseStatistics.objects.filter(organisation_id__in=organisation_ids, case__opened_on__lte=end).filter(
        ~Q(case__status=CaseStatus.CLOSED) | Q(case__status_changed_at__gte=since)
    )


def build_report(
    organisation_ids: tuple[int, ...],
    start: date,
    end: date,
    *,
    network: bool = False,
    on_section: Callable[[int, int], None] | None = None,
) -> Report:
    """Every section in turn; `on_section(done, total)` is told after each, for a background
    run's progress."""
    k = settings.REINTEGRA_REPORT_MIN_CELL
    contributors = (
        cases_in_period(organisation_ids, start, end).values("organisation_id").distinct().count() if network else 1
    )
    if network and contributors < MIN_NETWORK_ORGANISATIONS:
        return Report(start=start, end=end, min_cell=k, sections=[], contributors=contributors, withheld=True)
    builders: list[Callable[[tuple[int, ...], date, date, int], Section]] = [
        _persons,
        _support,
        _referrals,
        _follow_up,
        _outcomes,
        _unmet_needs,
        _complaints,
        _emergency_access,
    ]
    sections = []
    for builder in builders:
        sections.append(builder(organisation_ids, start, end, k))
        if on_section is not None:
            on_section(len(sections), len(builders))
    return Report(start=start, end=end, min_cell=k, sections=sections, contributors=contributors)


def _persons(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    cases = cases_in_period(organisation_ids, start, end)
    by_sex_age: dict[tuple[str, str], int] = defaultdict(int)
    by_nationality: dict[str, int] = defaultdict(int)
    by_identification: dict[str, int] = defaultdict(int)
    # One query: every combination of the categories, summed up below.
    for row in cases.values("sex", "age_band", "nationality", "case__identification_status").annotate(n=Count("pk")):
        by_sex_age[(row["age_band"], row["sex"])] += row["n"]
        by_nationality[row["nationality"] or UNKNOWN] += row["n"]
        by_identification[row["case__identification_status"]] += row["n"]
    # One more: a count a form of exploitation (a case lists several, as a JSON list of codes;
    # the quotes make each code match whole). Matched as text, case and all: icontains would
    # upper-case the list eleven times a case.
    exploitation = cases.annotate(kinds=Cast("case__exploitation_types", TextField())).aggregate(
        **{code: Count("pk", filter=Q(kinds__contains=f'"{code}"')) for code in ExploitationType.values}
    )
    persons = _("Persons")
    nationalities = sorted(
        ((code, countries.name(code) or code) for code in by_nationality if code != UNKNOWN), key=lambda c: str(c[1])
    )
    nationalities.append((UNKNOWN, _("Not known")))
    return Section(
        key="persons",
        title=_("Persons assisted"),
        note=_("Persons whose case was open at any time in the period."),
        tables=[
            two_way(
                key="persons_by_age_and_sex",
                title=_("By age at the opening of the case, and sex"),
                row_heading=_("Age band"),
                rows=list(ReportAgeBand.choices),
                columns=list(Gender.choices),
                counts=by_sex_age,
                k=k,
                total_label=_("Total"),
                hxl=[HXL["age_band"], *(HXL[code] for code in Gender.values), HXL["total"]],
            ),
            one_way(
                key="persons_by_nationality",
                title=_("By nationality (the first recorded)"),
                row_heading=_("Nationality"),
                column_label=persons,
                categories=nationalities,
                counts=by_nationality,
                k=k,
                total_label=_("Total"),
                hxl=[HXL["nationality"], HXL["persons"]],
            ),
            one_way(
                key="persons_by_exploitation",
                title=_("By form of exploitation"),
                row_heading=_("Form of exploitation"),
                column_label=persons,
                categories=list(ExploitationType.choices),
                counts=exploitation,
                k=k,
                total_label=_("All mentions"),
                hxl=[HXL["exploitation"], HXL["persons"]],
                note=_(
                    "One person can have suffered several forms of exploitation and is counted under each: "
                    "the figures add up to more than the persons assisted."
                ),
            ),
            one_way(
                key="persons_by_identification",
                title=_("By identification as a victim of trafficking"),
                row_heading=_("Identification"),
                column_label=persons,
                categories=list(IdentificationStatus.choices),
                counts=by_identification,
                k=k,
                total_label=_("Total"),
                hxl=[HXL["identification"], HXL["persons"]],
            ),
        ],
    )


def _support(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Support given in the period (plans' support records), by service area, a table a currency:
    sums in different currencies do not add up."""
    rows = (
        SupportItem.objects.filter(
            action__plan__case__organisation_id__in=organisation_ids, given_on__gte=start, given_on__lte=end
        )
        .values("action__area", "currency")
        .annotate(persons=Count("action__plan__case", distinct=True), amount=Sum("amount"))
        .order_by()
    )
    persons: dict[str, dict[str, int]] = defaultdict(dict)
    amounts: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        persons[row["currency"]][row["action__area"]] = row["persons"]
        amounts[row["currency"]][row["action__area"]] = row["amount"] or Decimal(0)
    tables = []
    for currency in sorted(persons):
        counted = one_way(
            key=f"support_persons_{currency}",
            title=_("Persons supported, in %(currency)s") % {"currency": currency},
            row_heading=_("Service area"),
            column_label=_("Persons"),
            categories=[(code, label) for code, label in AREA_CHOICES if code in persons[currency]],
            counts=persons[currency],
            k=k,
            total_label=_("All areas"),
            hxl=[HXL["area"], HXL["persons"]],
            note=_("A person supported in several areas is counted in each."),
        )
        tables.append(counted)
        tables.append(
            amounts_like(
                counted,
                amounts[currency],
                key=f"support_amount_{currency}",
                title=_("Support spent, in %(currency)s") % {"currency": currency},
                column_label=currency,
                hxl=[HXL["area"], HXL["amount"]],
            )
        )
    return Section(
        key="support",
        title=_("Support given"),
        note=_("Support recorded in the plans, given in the period. A sum is hidden where it adds up few persons."),
        tables=tables,
    )


def _moments(start: date, end: date) -> tuple[datetime, datetime]:
    """The period as moments in local time: its first moment, and the first moment after its
    last day. Timestamps are compared with these rather than through a __date lookup: the same
    rows, but SQLite would convert every row's timestamp in Python and no index could help."""
    since = timezone.make_aware(datetime.combine(start, time.min))
    until = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    return since, until


# What became of a sent referral, from its status today: the model's own states, grouped. A
# referral never sent (still proposed, or withdrawn before sending) is not counted.
REFERRAL_FATES: dict[str, tuple[str, ...]] = {
    "waiting": (ReferralStatus.SENT,),
    "under_way": (ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE),
    "completed": (ReferralStatus.COMPLETED,),
    "refused": (ReferralStatus.REFUSED,),
    "stopped": (ReferralStatus.DROPPED, ReferralStatus.DECLINED),
    "withdrawn": (ReferralStatus.WITHDRAWN,),
}
# Time to the provider's first answer (accepting or refusing sets Referral.answered_at), in whole
# days of 24 hours from sending, as the reminders count a wait (notifications.due): each band's
# code and the number of days it stays below.
ANSWER_BANDS = (("0-2", 3), ("3-5", 6), ("6-10", 11))
# Attempts that did not reach the person: the ones log_contact counts in FollowUp.missed_in_a_row.
MISSED_OUTCOMES = (ContactOutcome.NO_ANSWER, ContactOutcome.MISSED)


def _referrals(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Referrals sent in the period by these organisations' cases: by service area and what has
    become of them since, and how soon the provider answered. Two grouped queries. Persons are
    counted, not referrals, as everywhere in the report: one person's many referrals must not
    make a count look large."""
    since, until = _moments(start, end)
    sent = Referral.objects.filter(
        case__organisation_id__in=organisation_ids, sent_at__gte=since, sent_at__lt=until
    ).order_by()
    fate = Case(
        *(When(status__in=statuses, then=Value(code)) for code, statuses in REFERRAL_FATES.items()),
        default=Value(UNKNOWN),
        output_field=CharField(),
    )
    by_area_and_fate = {
        (row["area"], row["fate"]): row["persons"]
        for row in sent.annotate(fate=fate).values("area", "fate").annotate(persons=Count("case", distinct=True))
    }
    title = _("Referrals")
    note = _(
        "Referrals sent in the period to other organisations' services, as they stand today. Persons are "
        "counted, not referrals; a referral for a family member counts for the person whose case made it."
    )
    if not by_area_and_fate:
        return Section(key="referrals", title=title, note=note, tables=[])
    waited = ExpressionWrapper(F("answered_at") - F("sent_at"), output_field=DurationField())
    band = Case(
        When(answered_at__isnull=True, status=ReferralStatus.SENT, then=Value("waiting")),
        # No answer and no longer sent: withdrawn before the provider answered.
        When(answered_at__isnull=True, then=Value("withdrawn")),
        *(When(waited__lt=timedelta(days=days), then=Value(code)) for code, days in ANSWER_BANDS),
        default=Value("over-10"),
        output_field=CharField(),
    )
    by_band = {
        row["band"]: row["persons"]
        for row in sent.annotate(waited=waited)
        .annotate(band=band)
        .values("band")
        .annotate(persons=Count("case", distinct=True))
    }
    fates = [
        ("waiting", _("Waiting for an answer")),
        ("under_way", _("Accepted, service not ended")),
        ("completed", _("Completed")),
        ("refused", _("Refused by the provider")),
        ("stopped", _("Stopped: dropped, or declined by the person")),
        ("withdrawn", _("Withdrawn by the sender")),
    ]
    areas = {area for area, _fate in by_area_and_fate}
    return Section(
        key="referrals",
        title=title,
        note=note,
        tables=[
            two_way(
                key="referrals_by_area_and_fate",
                title=_("Persons referred, by service area and what became of the referral"),
                row_heading=_("Service area"),
                rows=[(code, label) for code, label in AREA_CHOICES if code in areas],
                columns=fates,
                counts=by_area_and_fate,
                k=k,
                total_label=_("All counted"),
                hxl=[HXL["area"], *(HXL[f"referral_{code}"] for code, _label in fates), HXL["referred_total"]],
                note=_(
                    "A person is counted once in each cell their referrals fall in: referred in two areas, or "
                    "with referrals that fared differently, they count more than once."
                ),
            ),
            one_way(
                key="referrals_by_answer_time",
                title=_("Persons referred, by how soon the provider answered"),
                row_heading=_("Time to the first answer"),
                column_label=_("Persons"),
                categories=[
                    ("0-2", _("2 days or less")),
                    ("3-5", _("3 to 5 days")),
                    ("6-10", _("6 to 10 days")),
                    ("over-10", _("More than 10 days")),
                    ("waiting", _("Not answered yet")),
                    ("withdrawn", _("Withdrawn before an answer")),
                ],
                counts=by_band,
                k=k,
                total_label=_("All counted"),
                hxl=[HXL["answer_time"], HXL["referred"]],
                note=_(
                    "From sending to the provider accepting or refusing, in whole days of 24 hours. A person whose "
                    "referrals were answered at different speeds is counted in each band."
                ),
            ),
        ],
    )


def _follow_up(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """How follow-up contact went in the period, and, when the period ends today, where each
    schedule stands. One or two queries.

    Whether one contact was made on time cannot be counted here: the due dates a schedule had in
    the past are not stored, only the next one (FollowUp.next_due_on), and working them out again
    means walking each case's schedule in Python with its assessed intensity, which is
    encrypted. So the first table counts what the contact log says (reached, or attempts that
    missed the person, as log_contact counts them), and the second applies the app's own rule for
    a late contact (schedule.OVERDUE_GRACE_DAYS, as supervision's "contact overdue" sign does) to
    the stored next due date, which is only true of today."""
    since, until = _moments(start, end)
    cases = cases_in_period(organisation_ids, start, end)
    # Persons by their best contact of the period: reached before any missed attempt, and that
    # before a contact we cancelled. Three distinct counts in one pass over the period's contacts
    # (a subquery a case was ten times slower at 100,000 cases), told apart by subtraction.
    persons = Contact.objects.filter(case_id__in=cases.values("case_id"), at__gte=since, at__lt=until).aggregate(
        any=Count("case_id", distinct=True),
        tried=Count("case_id", distinct=True, filter=Q(outcome__in=(ContactOutcome.REACHED, *MISSED_OUTCOMES))),
        reached=Count("case_id", distinct=True, filter=Q(outcome=ContactOutcome.REACHED)),
    )
    how_it_went = {
        "reached": persons["reached"],
        "missed": persons["tried"] - persons["reached"],
        "cancelled": persons["any"] - persons["tried"],
    }
    tables = []
    if any(how_it_went.values()):
        tables.append(
            one_way(
                key="followup_contacts",
                title=_("Persons with contacts logged in the period, by how they went"),
                row_heading=_("Contacts in the period"),
                column_label=_("Persons"),
                categories=[
                    ("reached", _("Reached at least once")),
                    ("missed", _("Tried, but never reached (no answer, or did not come)")),
                    ("cancelled", _("Only contacts we cancelled")),
                ],
                counts=how_it_went,
                k=k,
                total_label=_("Total"),
                hxl=[HXL["contact_result"], HXL["persons"]],
            )
        )
    today = timezone.localdate()
    if end >= today:
        late_before = today - timedelta(days=OVERDUE_GRACE_DAYS)
        due_on = "case__followup__next_due_on"
        standing = cases.exclude(case__status=CaseStatus.CLOSED).aggregate(
            later=Count("pk", filter=Q(**{f"{due_on}__gt": today})),
            due=Count("pk", filter=Q(**{f"{due_on}__lte": today, f"{due_on}__gte": late_before})),
            late=Count("pk", filter=Q(**{f"{due_on}__lt": late_before})),
            over=Count("pk", filter=Q(case__followup__isnull=False, **{f"{due_on}__isnull": True})),
            not_started=Count("pk", filter=Q(case__followup__isnull=True)),
        )
        if any(standing.values()):
            tables.append(
                one_way(
                    key="followup_today",
                    title=_("Open cases today, by where their follow-up stands"),
                    row_heading=_("Follow-up"),
                    column_label=_("Persons"),
                    categories=[
                        ("later", _("Next contact not due yet")),
                        ("due", _("Contact due, late by %(days)s days or less") % {"days": OVERDUE_GRACE_DAYS}),
                        ("late", _("Contact late by more than %(days)s days") % {"days": OVERDUE_GRACE_DAYS}),
                        ("over", _("Schedule completed")),
                        ("not_started", _("Follow-up not started")),
                    ],
                    counts=standing,
                    k=k,
                    total_label=_("Total"),
                    hxl=[HXL["followup_status"], HXL["persons"]],
                    note=_(
                        "Shown only for a period that ends today: the next due date of a schedule is known for today."
                    ),
                )
            )
    return Section(
        key="follow_up",
        title=_("Follow-up contact"),
        note=_(
            "Contacts with persons whose case was open in the period. Whether each contact due in the period "
            "was made on time cannot be told from what is stored: a schedule keeps only its next due date."
        ),
        tables=tables,
    )


# The two voices of an outcome review (outcomes.Rating), each a table of its own.
VOICES = ("person_score", "worker_score")
DIGITS = "12345"


def _outcome_changes(
    organisation_ids: tuple[int, ...], start: date, end: date
) -> dict[str, dict[tuple[str, str], int]]:
    """Persons by outcome domain and the direction of its score between their first review and
    their latest up to the end of the period, in each voice (VOICES). One query: each case's
    first and latest review's score digests (Review.scores) are read with a window function and
    compared position by position; joining every rating of both reviews took two seconds at
    100,000 cases."""
    # One window over each case's reviews in order gives its first and latest digest; the ORM
    # keeps the first row of each case by wrapping the windows in a subquery. Put side by side
    # in Python, position by position: faster than spreading them over the positions in SQL, and
    # a pair of 20 characters a person is little to carry.
    case, in_order = [F("case_id")], [F("reviewed_on").asc(), F("pk").asc()]
    pairs = (
        Review.objects.filter(case_id__in=cases_in_period(organisation_ids, start, end).values("case_id"))
        .filter(reviewed_on__lte=end)
        .annotate(
            n=Window(RowNumber(), partition_by=case, order_by=in_order),
            reviews=Window(Count("pk"), partition_by=case),
            before=Window(FirstValue("scores"), partition_by=case, order_by=in_order),
            latest=Window(
                LastValue("scores"), partition_by=case, order_by=in_order, frame=RowRange(start=None, end=None)
            ),
        )
        .filter(n=1, reviews__gt=1)
        .order_by()
        .values_list("before", "latest")
    )
    slots = range(2 * len(Outcome.values))
    by_slot: Counter[tuple[int, str, str]] = Counter()
    for before, latest in pairs:
        by_slot.update(zip(slots, before, latest, strict=False))  # a review without ratings has ""
    counts: dict[str, dict[tuple[str, str], int]] = {voice: defaultdict(int) for voice in VOICES}
    for (slot, before, latest), persons in by_slot.items():
        # Scores 1 to 5 only: "not applicable" or "not assessed" at either review is left out.
        if before not in DIGITS or latest not in DIGITS:
            continue
        index, offset = divmod(slot, 2)
        change = "improved" if latest > before else "worse" if latest < before else "unchanged"
        counts[VOICES[offset]][(Outcome.values[index], change)] += persons
    return counts


def _outcomes(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Change in each outcome domain from the first review to the latest by the end of the period,
    for persons with two reviews or more: in their own words, then in the worker's. One query."""
    counted = _outcome_changes(organisation_ids, start, end)
    changes = [("improved", _("Improved")), ("unchanged", _("Unchanged")), ("worse", _("Worse"))]
    hxl = [HXL["outcome"], *(HXL[code] for code, _label in changes), HXL["total"]]
    tables = []
    for voice, key, title, note in (
        (
            "person_score",
            "outcomes_person",
            _("Persons by outcome and change, in the person's own scores"),
            _("The score the person gave themselves at each review."),
        ),
        (
            "worker_score",
            "outcomes_worker",
            _("Persons by outcome and change, in the worker's scores"),
            _("The score the case worker gave at each review, for comparison."),
        ),
    ):
        counts = counted[voice]
        if counts:
            tables.append(
                two_way(
                    key=key,
                    title=title,
                    row_heading=_("Outcome"),
                    rows=list(Outcome.choices),
                    columns=changes,
                    counts=counts,
                    k=k,
                    total_label=_("All counted"),
                    hxl=hxl,
                    note=note,
                )
            )
    return Section(
        key="outcomes",
        title=_("Change in outcomes"),
        note=_(
            "Persons whose case was open in the period and who had two outcome reviews or more by its end: "
            "their first review's score against their latest one, domain by domain. A domain rated "
            "“not applicable” or “not assessed” at either review is left out of that domain."
        ),
        tables=tables,
    )


def _unmet_needs(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Persons with a need no service could meet (directory.UnmetNeed, R8), recorded in the
    period, by service area and by why it went unmet. Two grouped queries. An unmet need is
    appended and never marked as met later, so only its recording date says when it stood."""
    needs = UnmetNeed.objects.filter(
        case__organisation_id__in=organisation_ids, recorded_on__gte=start, recorded_on__lte=end
    ).order_by()
    by_area = {
        row["area"]: row["persons"] for row in needs.values("area").annotate(persons=Count("case", distinct=True))
    }
    title = _("Unmet needs")
    note = _(
        "Needs that workers recorded in the period as met by no service: the gaps in what the network "
        "offers. A person with unmet needs in several areas, or for several reasons, is counted in each."
    )
    if not by_area:
        return Section(key="unmet_needs", title=title, note=note, tables=[])
    by_reason = {
        row["reason"]: row["persons"] for row in needs.values("reason").annotate(persons=Count("case", distinct=True))
    }
    persons = _("Persons")
    return Section(
        key="unmet_needs",
        title=title,
        note=note,
        tables=[
            one_way(
                key="unmet_needs_by_area",
                title=_("Persons with an unmet need, by service area"),
                row_heading=_("Service area"),
                column_label=persons,
                categories=[(code, label) for code, label in AREA_CHOICES if code in by_area],
                counts=by_area,
                k=k,
                total_label=_("All areas"),
                hxl=[HXL["area"], HXL["unmet"]],
            ),
            one_way(
                key="unmet_needs_by_reason",
                title=_("Persons with an unmet need, by why it went unmet"),
                row_heading=_("Why it went unmet"),
                column_label=persons,
                categories=list(UnmetReason.choices),
                counts=by_reason,
                k=k,
                total_label=_("All reasons"),
                hxl=[HXL["unmet_reason"], HXL["unmet"]],
            ),
        ],
    )


def _complaints(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Complaints and feedback received in the period, by kind, by how they came in, and by
    whether they were answered within their time limit (where they stand today). Two queries:
    the organisations' time zones, and the complaints' few columns; complaints are counted in
    Python, since "in time" is a day in each office's own calendar."""
    since, until = _moments(start, end)
    zones = {org.pk: org.tzinfo for org in Organisation.objects.filter(pk__in=organisation_ids)}
    rows = (
        Complaint.objects.filter(organisation_id__in=organisation_ids, received_at__gte=since, received_at__lt=until)
        .order_by()
        .values_list("organisation_id", "kind", "channel", "answer_by", "answered_at")
    )
    by_kind: Counter[str] = Counter()
    by_channel: Counter[str] = Counter()
    by_answer: Counter[str] = Counter()
    now = timezone.now()
    for organisation_id, kind, channel, answer_by, answered_at in rows:
        by_kind[kind] += 1
        by_channel[channel] += 1
        by_answer[answer_timeliness(answer_by, answered_at, zones[organisation_id], now)] += 1
    title = _("Complaints and feedback")
    note = _(
        "Complaints and feedback received in the period, from the public page or taken down by staff, "
        "counted one by one: most come without a name. Whether each was answered in time is where it "
        "stands today."
    )
    if not by_kind:
        return Section(key="complaints", title=title, note=note, tables=[])
    received = _("Received")
    return Section(
        key="complaints",
        title=title,
        note=note,
        tables=[
            one_way(
                key="complaints_by_kind",
                title=_("Complaints and feedback, by kind"),
                row_heading=_("Kind"),
                column_label=received,
                categories=list(ComplaintKind.choices),
                counts=by_kind,
                k=k,
                total_label=_("All received"),
                hxl=[HXL["complaint_kind"], HXL["complaints"]],
            ),
            one_way(
                key="complaints_by_channel",
                title=_("Complaints and feedback, by how they came in"),
                row_heading=_("How it came in"),
                column_label=received,
                categories=list(Channel.choices),
                counts=by_channel,
                k=k,
                total_label=_("All received"),
                hxl=[HXL["complaint_channel"], HXL["complaints"]],
            ),
            one_way(
                key="complaints_by_answer",
                title=_("Complaints and feedback, by whether they were answered in time"),
                row_heading=_("Answer"),
                column_label=received,
                categories=list(ANSWER_TIMELINESS),
                counts=by_answer,
                k=k,
                total_label=_("All received"),
                hxl=[HXL["complaint_answer"], HXL["complaints"]],
            ),
        ],
    )


EMERGENCY_OPENERS = [
    ("case_worker", gettext_lazy("By a case worker")),
    ("supervisor", gettext_lazy("By a supervisor")),
]


def _emergency_access(organisation_ids: tuple[int, ...], start: date, end: date, k: int) -> Section:
    """Break-the-glass openings of a case outside its team in the period, by the role of the one
    who opened it (a supervisor who also does casework counts as a supervisor). One query."""
    since, until = _moments(start, end)
    supervises = RoleGrant.objects.filter(user=OuterRef("user"), role=Role.SUPERVISOR)
    rows = (
        EmergencyAccess.objects.filter(
            case__organisation_id__in=organisation_ids, granted_at__gte=since, granted_at__lt=until
        )
        .annotate(by_supervisor=Exists(supervises))
        .order_by()
        .values("by_supervisor")
        .annotate(n=Count("pk"))
        .values_list("by_supervisor", "n")
    )
    counts = {("supervisor" if by_supervisor else "case_worker"): n for by_supervisor, n in rows}
    title = _("Emergency access")
    note = _(
        "Cases opened in an emergency by staff outside the case's team, with a written reason, each "
        "one told to the case's supervisor at once. Each opening counts once."
    )
    if not counts:
        return Section(key="emergency_access", title=title, note=note, tables=[])
    return Section(
        key="emergency_access",
        title=title,
        note=note,
        tables=[
            one_way(
                key="emergency_access_by_role",
                title=_("Emergency openings, by who opened the case"),
                row_heading=_("Opened"),
                column_label=_("Openings"),
                categories=EMERGENCY_OPENERS,
                counts=counts,
                k=k,
                total_label=_("All openings"),
                hxl=[HXL["opened_by"], HXL["emergency_openings"]],
            )
        ],
    )
