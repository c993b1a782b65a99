"""What makes a case slip, computed over a queryset of cases the access layer returned."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reintegra.access.sections import Section, sections_granted
from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.assessments.models import Assessment, Observation, section_of
from reintegra.cases.models import Case, CaseQuerySet, CaseTeamMember
from reintegra.followups.models import LOST_CONTACT_AFTER, Contact
from reintegra.followups.schedule import OVERDUE_GRACE_DAYS
from reintegra.outcomes.models import Rating, Review
from reintegra.plans.models import Plan
from reintegra.supervision.models import SupervisionNote
from reintegra.tasks.models import Task, TaskKind, TaskStatus

LOW_SCORES = ["1", "2"]


# "Recent" for setbacks, contacts against the person's wishes and reopenings: long enough to
# reach the next monthly supervision of a case, short enough to drop out once dealt with.
RECENT_DAYS = 90
# Assessment answers that are warning signs (FieldSpec.warning_values): the latest version's.
REMIGRATION_FIELD = ("ECO", "remigration_plans")
RISK_LEVEL_FIELD = ("SAF", "risk_level")


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _latest_answer_is_warning(area: str, field: str) -> Exists:
    latest_assessment = Assessment.objects.filter(case=OuterRef(OuterRef("pk"))).order_by("-version").values("pk")[:1]
    return Exists(
        Observation.objects.filter(assessment=Subquery(latest_assessment), area=area, field=field, warning=True)
    )


def recent_since(today: date) -> tuple[date, datetime]:
    """The first day of the recent period, and its first moment in the current (the
    organisation's) time zone, for dated and timestamped records alike."""
    since = today - timedelta(days=RECENT_DAYS)
    return since, timezone.make_aware(datetime.combine(since, time.min))


def warning_conditions(today: date, only: Collection[str]) -> dict[str, Q | Exists]:
    """The warning signs named in `only`, each as a condition on a case, defined once for the
    supervision view (which annotates them) and the caseload (which counts some of them). Only
    those are built: building a subquery costs a request about half a millisecond."""
    since_day, since_moment = recent_since(today)

    def low_outcome() -> Exists:
        latest_review = (
            Review.objects.filter(case=OuterRef(OuterRef("pk"))).order_by("-reviewed_on", "-pk").values("pk")[:1]
        )
        return Exists(Rating.objects.filter(review=Subquery(latest_review), worker_score__in=LOW_SCORES))

    builders: dict[str, Callable[[], Q | Exists]] = {
        "contact_overdue": lambda: Q(followup__next_due_on__lt=today - timedelta(days=OVERDUE_GRACE_DAYS)),
        "due_within_week": lambda: Q(followup__next_due_on__lte=today + timedelta(days=7)),
        "out_of_reach": lambda: Q(followup__missed_in_a_row__gte=LOST_CONTACT_AFTER),
        "low_outcome": low_outcome,
        # Whether a consent is due is a fact about dates, not its content: counted over every
        # section, like the other signs, and only ever shown as a yes or no. The date is the
        # case's copy of its consents' earliest (consents.models.keep_reconfirmation_dates): as a
        # subquery, PostgreSQL hashed every consent or every plan action of the database for it.
        "consent_due": lambda: Q(consent_review_on__lte=today),
        # Only the current episode's plan: after reopening, the old plan's review is history.
        "plan_review_due": lambda: Exists(
            Plan.objects.filter(case=OuterRef("pk"), episode=OuterRef("episode"), review_on__lte=today)
        ),
        "no_manager": lambda: Q(supervisor__isnull=True),
        # Copies of the latest setback's date and reopening's moment, kept on the case: asked of
        # the history tables, PostgreSQL scanned them whole or needed a query of their own.
        "recent_setback": lambda: Q(last_setback_on__gte=since_day),
        "reopened": lambda: Q(reopened_at__gte=since_moment),
        # The indexes these use: contacts by (case, at), answers by (assessment, area, field).
        "contact_against_wishes": lambda: Exists(
            Contact.objects.filter(case=OuterRef("pk"), at__gte=since_moment).exclude(conflicts_acknowledged=[])
        ),
        # The worker's task from a score of 1 or a drop of two is still open.
        "outcome_alert": lambda: Exists(
            Task.objects.filter(case=OuterRef("pk"), kind=TaskKind.OUTCOME_ALERT, status=TaskStatus.OPEN)
        ),
        "remigration_plans": lambda: _latest_answer_is_warning(*REMIGRATION_FIELD),
        "assessed_high_risk": lambda: _latest_answer_is_warning(*RISK_LEVEL_FIELD),
    }
    return {name: build() for name, build in builders.items() if name in only}


def _answer_section(area: str, field: str) -> str:
    found = AREAS_BY_CODE[area]
    return section_of(found, next(spec for spec in found.fields if spec.name == field))


@dataclass(frozen=True)
class Sign:
    code: str
    label: Promise
    weight: int
    # Needs someone to act this week: puts the case on the supervision list. The others only
    # add their weight to a case that is listed anyway, and are shown as its reasons.
    action: bool
    # The section the sign's facts belong to: shown (and counted) only to users who open it on
    # that case, so that a manager outside the team learns nothing from the list.
    section: str
    # Feeds the suggestion that the case may be at risk (never sets it).
    suggests_at_risk: bool = False


# Every sign of the supervision list, its weight and why, heaviest first: the one place to
# change how cases are ranked. A case's urgency is the sum of its signs' weights.
SIGNS: dict[str, Sign] = {
    sign.code: sign
    for sign in (
        # Several contacts missed in a row: the person may be lost to us or in danger again.
        Sign("out_of_reach", _("out of reach?"), 8, True, Section.SUMMARY, suggests_at_risk=True),
        # An outcome fell to 1 or dropped two points, and the worker's task about it is still open.
        Sign("outcome_alert", _("outcome alert not acted on"), 5, True, Section.SENSITIVE, suggests_at_risk=True),
        # A crisis: follow-up should have stepped up and a reassessment started; check they did.
        Sign("recent_setback", _("setback in the last 90 days"), 5, True, Section.SENSITIVE, suggests_at_risk=True),
        # The worker went ahead against what the person asked: to talk over in supervision.
        Sign("contact_against_wishes", _("contacted against their wishes"), 5, True, Section.SAFETY),
        # A contact is late beyond the grace days: someone must call this week.
        Sign("contact_overdue", _("contact overdue"), 4, True, Section.SUMMARY),
        # Nobody supervises the case; naming a manager takes a minute and ends it.
        Sign("no_manager", _("no supervisor"), 4, True, Section.SUMMARY),
        # Leaving again risks being trafficked again: time for a talk about migrating safely.
        Sign(
            "remigration_plans",
            _("plans to migrate again"),
            3,
            True,
            _answer_section(*REMIGRATION_FIELD),
            suggests_at_risk=True,
        ),
        # Back after closure: the old plan no longer fits, a new assessment is due.
        Sign("reopened", _("reopened in the last 90 days"), 3, True, Section.SUMMARY),
        # The latest outcome review rates an outcome 1 or 2: the plan is not working there.
        Sign("low_outcome", _("outcome at 1\u20132"), 2, True, Section.SENSITIVE, suggests_at_risk=True),
        # Consent past its re-confirmation date: the work it covers rests on an old yes.
        Sign("consent_due", _("consent to re-confirm"), 2, True, Section.SUMMARY),
        # Information: its action is confirming the at-risk flag, which the case page suggests.
        Sign(
            "assessed_high_risk",
            _("assessed as high risk"),
            2,
            False,
            _answer_section(*RISK_LEVEL_FIELD),
            suggests_at_risk=True,
        ),
        # Information: already known and followed more closely; it only lifts a listed case.
        Sign("at_risk", _("at risk"), 2, False, Section.SUMMARY),
        # Information: a routine date the worker's own caseload reminds them of.
        Sign("plan_review_due", _("plan review due"), 1, False, Section.SUMMARY),
    )
}


@dataclass(frozen=True)
class CaseSigns:
    pk: int
    next_due_on: date | None
    at_risk: bool
    signs: tuple[str, ...]  # the codes of the signs the user may see, heaviest first

    @property
    def weight(self) -> int:
        return sum(SIGNS[code].weight for code in self.signs)

    @property
    def needs_action(self) -> bool:
        return any(SIGNS[code].action for code in self.signs)

    @property
    def reasons(self) -> list[Sign]:
        return [SIGNS[code] for code in self.signs]

    @property
    def at_risk_suggested_by(self) -> list[Sign]:
        """The signs that suggest the case may be at risk, unless it is already marked."""
        return [] if self.at_risk else [sign for sign in self.reasons if sign.suggests_at_risk]

    @property
    def order(self) -> tuple[int, bool, date, int]:
        """Heaviest first, then the oldest date due, cases without a follow-up schedule last."""
        return (-self.weight, self.next_due_on is None, self.next_due_on or date.min, self.pk)


# Built signs queries, by what decides their SQL: the listed cases' SQL and parameters, the day
# and the user. Resolving a dozen conditions against the models cost more than running the query
# (5 of 13 ms at 10,000 cases); a supervisor opens the page many times a day. Only the unevaluated
# queries are kept, each run as a fresh copy, so no result ever outlives its request.
_BUILT_SIGNS_QUERIES: OrderedDict[Hashable, SignsQuery] = OrderedDict()
_BUILT_SIGNS_LOCK = threading.Lock()
BUILT_SIGNS_QUERIES_KEPT = 256


SignsQuery = QuerySet[Case, dict[str, Any]]


def _build_signs_query(cases: CaseQuerySet, today: date, user: User) -> SignsQuery:
    conditions = warning_conditions(today, only=list(SIGNS))
    return (
        cases.order_by()
        .annotate(
            **{name: _flag(c) if isinstance(c, Q) else c for name, c in conditions.items()},
            # Whether the user opens the team's sections on this case (a case's manager does).
            on_team=_flag(
                Q(supervisor_id=user.pk)
                | Q(Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user_id=user.pk)))
            ),
        )
        .values("pk", "at_risk", "on_team", *conditions, next_due_on=F("followup__next_due_on"))
    )


def _signs_query(cases: CaseQuerySet, today: date, user: User) -> SignsQuery | None:
    """The signs query for these cases, built or kept; None when the cases are none at all."""
    try:
        sql, params = cases.query.sql_with_params()
    except EmptyResultSet:  # Case.objects.none(): nothing to ask
        return None
    key = (sql, params, today, user.pk)
    try:
        hash(key)
    except TypeError:  # a parameter that cannot be a key (a list): build it afresh
        return _build_signs_query(cases, today, user)
    with _BUILT_SIGNS_LOCK:
        built = _BUILT_SIGNS_QUERIES.get(key)
        if built is not None:
            _BUILT_SIGNS_QUERIES.move_to_end(key)
            return built
    built = _build_signs_query(cases, today, user)
    with _BUILT_SIGNS_LOCK:
        _BUILT_SIGNS_QUERIES[key] = built
        while len(_BUILT_SIGNS_QUERIES) > BUILT_SIGNS_QUERIES_KEPT:
            _BUILT_SIGNS_QUERIES.popitem(last=False)
    return built


def warning_signs_of(cases: CaseQuerySet, today: date, user: User) -> list[CaseSigns]:
    """Every case's warning signs the user may see, as plain values in one query. A supervisor
    supervises a few hundred open cases; deciding which are slipping from these rows, rather than
    filtering and counting in SQL, compiles and runs the costly conditions once per page."""
    query = _signs_query(cases, today, user)
    if query is None:
        return []
    rows = list(query.all())
    granted = {on_team: sections_granted(user, on_team=on_team) for on_team in (True, False)}
    shown = {on_team: [code for code, sign in SIGNS.items() if sign.section in granted[on_team]] for on_team in granted}
    return [
        CaseSigns(
            pk=row["pk"],
            next_due_on=row["next_due_on"],
            at_risk=row["at_risk"],
            signs=tuple(code for code in shown[bool(row["on_team"])] if row[code]),
        )
        for row in rows
    ]


def with_last_dates(cases: CaseQuerySet) -> CaseQuerySet:
    return cases.annotate(
        last_review_on=Subquery(
            Review.objects.filter(case=OuterRef("pk")).order_by("-reviewed_on").values("reviewed_on")[:1]
        ),
        last_supervised_on=Subquery(
            SupervisionNote.objects.filter(case=OuterRef("pk")).order_by("-written_on").values("written_on")[:1]
        ),
    )


# The signs the caseload counts; the others are for supervision only (low_outcome is also the
# costliest to compute).
CASELOAD_SIGNS = ("contact_overdue", "due_within_week", "out_of_reach", "consent_due", "plan_review_due")


def caseload_counts(cases: CaseQuerySet, today: date) -> dict[str, dict[str, int]]:
    """For each status, how many cases and how many show each warning sign, in one query: the
    caseload's tabs and its summary line agree with the supervision view by construction."""
    conditions = warning_conditions(today, only=CASELOAD_SIGNS)
    conditions["at_risk"] = Q(at_risk=True) | Q(conditions.pop("out_of_reach"))
    rows = (
        cases.order_by()
        .values("status")
        .annotate(cases=Count("pk"), **{name: Count("pk", filter=condition) for name, condition in conditions.items()})
    )
    return {row.pop("status"): row for row in rows}
