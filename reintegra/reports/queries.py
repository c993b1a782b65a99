"""The figures of a monitoring report, counted in the database: a fixed number of grouped
queries whatever the number of cases, over the organisations reports.access allowed. Nothing
here returns a case, a person or a record: only counts and sums, which the tables then suppress."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from reintegra.cases.vocabularies import CaseStatus, ExploitationType, Gender, IdentificationStatus
from reintegra.directory.models import AREA_CHOICES
from reintegra.plans.models import SupportItem
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
    # The start as the first moment of its day in local time, not a __date lookup: the same
    # cases, but SQLite would convert every row's timestamp in Python and no index could help.
    since = timezone.make_aware(datetime.combine(start, time.min))
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
    builders: list[Callable[[tuple[int, ...], date, date, int], Section]] = [_persons, _support]
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
    # the quotes make each code match whole).
    exploitation = cases.aggregate(
        **{
            code: Count("pk", filter=Q(case__exploitation_types__icontains=f'"{code}"'))
            for code in ExploitationType.values
        }
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
