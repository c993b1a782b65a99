"""Bulk import of case records from a spreadsheet in HTCDS columns: reading and checking every
row (the dry run), and writing them all in one transaction.

Nothing is written unless every row is valid. The check reports each problem by row and column
in plain words; rows that may be persons already registered (the blind index) or that repeat
another row of the file are listed as possible duplicates, which the importer confirms having
looked at before the import runs. Each imported person gets one audit record of their own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases import indexing
from reintegra.cases.actions import CaseDetails, PersonDetails, check_case_details, check_person_details
from reintegra.cases.models import Case, CaseStatusChange, CaseTeamMember, IndexKind, Person, PersonIndexEntry
from reintegra.cases.vocabularies import CaseStatus, ClosureReason, IdentificationStatus
from reintegra.core.dates import plausibility_error
from reintegra.exchange import records
from reintegra.exchange.spreadsheets import FileRefused, Table, looks_like_formula, restore
from reintegra.legal.models import Identification
from reintegra.orgs.models import Organisation
from reintegra.outcomes.models import Review, ReviewKind
from reintegra.reports.statistics import add_written as add_statistics

# Rows are written in batches inside the one transaction: memory stays bounded, the transaction
# does not.
BATCH = 1000
# Kinds of identifier strong enough alone to flag a possible duplicate in a file of thousands:
# a birth date alone, or one part of a name, is shared by many.
DUPLICATE_KINDS = frozenset({IndexKind.NAME, IndexKind.PHONE, IndexKind.DOCUMENT, IndexKind.FAMILY_NAME_AND_BIRTH_DATE})
# At most this many problems are listed: a file with a wrong column gives one per row.
MAX_PROBLEMS = 500

# Which column a workflow's error about a field is reported in.
FIELD_COLUMNS = {
    "given_name": "prs_FirstName",
    "family_name": "prs_SecondName",
    "birth_date": "prs_Birthdate",
    "estimated_birth_year": "reintegra_estimated_birth_year",
    "other_names": "reintegra_other_names",
    "phones": "prs_MobilePhone",
    "emails": "prs_Email",
    "addresses": "prs_MailingStreet",
    "identified_on": "reintegra_identified_on",
    "identifying_authority": "reintegra_identifying_authority",
    "exploitation_ended": "reintegra_exploitation_ended",
    "opened_on": "reintegra_opened_on",
}


@dataclass(frozen=True)
class Problem:
    row: int  # the row's number as a spreadsheet shows it (the header is row 1); 0: the file
    column: str
    message: str


@dataclass
class ImportedRecord:
    row: int
    person: PersonDetails
    case: CaseDetails
    status: str
    closure_reason: str
    opened_on: date | None


@dataclass
class CheckResult:
    encoding: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    # (row, what it matches): another row of the file, or persons already registered here.
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems and not self.more_problems

    def add(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems += 1

    def as_dict(self) -> dict[str, object]:
        return {
            "encoding": self.encoding,
            "rows": self.rows,
            "problems": [asdict(problem) for problem in self.problems],
            "more_problems": self.more_problems,
            "duplicates": [list(item) for item in self.duplicates],
            "ignored_columns": self.ignored_columns,
        }


def _read_row(
    row_number: int, cells: list[str], columns: list[records.Column | None], month_first: bool
) -> tuple[ImportedRecord | None, list[Problem]]:
    draft = records.Draft()
    problems: list[Problem] = []
    for column, raw in zip(columns, cells, strict=False):
        if column is None or column.read is None:
            continue
        cell = restore(raw.strip())
        if looks_like_formula(cell):
            problems.append(
                Problem(row_number, column.name, _("This cell holds a spreadsheet formula; type the value itself."))
            )
            continue
        try:
            if month_first and column.name in _DATE_COLUMNS:
                _DATE_COLUMNS[column.name](cell, draft)
            else:
                column.read(cell, draft)
        except records.CellError as exc:
            problems.append(Problem(row_number, column.name, str(exc)))
    if not draft.person.get("given_name") and not any(p.column == "prs_FirstName" for p in problems):
        problems.append(Problem(row_number, "prs_FirstName", _("Every person needs at least a first name.")))
    if problems:
        return None, problems
    person, case = records.finish(draft)
    status, closure = draft.status or CaseStatus.INTAKE, draft.closure_reason
    if status == CaseStatus.CLOSED and not closure:
        closure = ClosureReason.OTHER
    if status != CaseStatus.CLOSED:
        closure = ""
    for check in (lambda: check_person_details(person), lambda: check_case_details(case)):
        try:
            check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    problems.append(Problem(row_number, FIELD_COLUMNS.get(name, name), message))
    opened_on = draft.opened_on
    if opened_on is not None:
        error = plausibility_error(opened_on, past_only=True)
        if error:
            problems.append(Problem(row_number, "reintegra_opened_on", error))
    if problems:
        return None, problems
    return ImportedRecord(row_number, person, case, status, closure, opened_on), []


def _month_first_date(name: str, target: str) -> Callable[[str, records.Draft], None]:
    def read(cell: str, draft: records.Draft) -> None:
        value = records.read_date(cell, month_first=True)
        if target == "opened_on":
            draft.opened_on = value
        else:
            getattr(draft, target)[name] = value

    return read


# The date columns, read month-first when the importer says the file writes dates that way.
_DATE_COLUMNS = {
    "prs_Birthdate": _month_first_date("birth_date", "person"),
    "reintegra_opened_on": _month_first_date("opened_on", "opened_on"),
    "reintegra_identified_on": _month_first_date("identified_on", "case"),
    "reintegra_exploitation_began": _month_first_date("exploitation_began", "case"),
    "reintegra_exploitation_ended": _month_first_date("exploitation_ended", "case"),
}


def _columns(table: Table, result: CheckResult) -> list[records.Column | None]:
    known = records.readable_columns()
    standard = set(records.header())
    seen: set[str] = set()
    columns: list[records.Column | None] = []
    for position, name in enumerate(table.header, start=1):
        if name in seen and name:
            result.add(Problem(1, name, _("This column appears twice; keep one.")))
        seen.add(name)
        column = known.get(name)
        if column is None and name:
            # Read as the standard spells it whatever the case: PRS_FIRSTNAME, prs_firstname.
            column = next((c for key, c in known.items() if key.casefold() == name.casefold()), None)
        if column is None and name and name not in standard:
            result.ignored_columns.append(name or _("column %(number)d") % {"number": position})
        columns.append(column)
    if not any(column is not None and column.name == "prs_FirstName" for column in columns):
        result.add(Problem(1, "prs_FirstName", _("The file has no prs_FirstName column, which every person needs.")))
    return columns


def read_records(
    table: Table, *, month_first: bool = False, result: CheckResult | None = None
) -> Iterator[ImportedRecord]:
    """Every valid row as a record; problems go into `result`. Stops with FileRefused when the
    file has more rows than the installation takes."""
    result = result or CheckResult(encoding=table.encoding)
    columns = _columns(table, result)
    if not result.valid:
        return
    for row_number, cells in enumerate(table.rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        result.rows += 1
        if result.rows > settings.REINTEGRA_IMPORT_MAX_ROWS:
            raise FileRefused(
                _("The file has more than %(count)d rows, the most this installation takes at once. Split it.")
                % {"count": settings.REINTEGRA_IMPORT_MAX_ROWS}
            )
        record, problems = _read_row(row_number, cells, columns, month_first)
        for problem in problems:
            result.add(problem)
        if record is not None:
            yield record


def _strong_keys(person: PersonDetails) -> set[tuple[str, str]]:
    return {key for key in indexing.keys_of(person) if key[0] in DUPLICATE_KINDS}


def check(
    table: Table, *, organisation_id: int, month_first: bool = False, progress: Callable[[int], None] | None = None
) -> CheckResult:
    """The dry run: every problem of the file, and the rows that may be duplicates."""
    result = CheckResult(encoding=table.encoding)
    first_row_of: dict[tuple[str, str], int] = {}
    pending: list[tuple[int, set[tuple[str, str]]]] = []
    try:
        for record in read_records(table, month_first=month_first, result=result):
            keys = _strong_keys(record.person)
            earlier = sorted({first_row_of[key] for key in keys if key in first_row_of})
            if earlier:
                result.duplicates.append(
                    (record.row, _("the same person as row %(rows)s?") % {"rows": ", ".join(map(str, earlier))})
                )
            for key in keys:
                first_row_of.setdefault(key, record.row)
            pending.append((record.row, keys))
            if len(pending) >= BATCH:
                _flag_registered(pending, organisation_id, result)
                pending = []
                if progress:
                    progress(result.rows)
        _flag_registered(pending, organisation_id, result)
    except FileRefused as exc:
        result.add(Problem(0, "", str(exc)))
    result.duplicates.sort()
    return result


def _flag_registered(
    pending: list[tuple[int, set[tuple[str, str]]]], organisation_id: int, result: CheckResult
) -> None:
    """Rows matching persons already registered here, through the blind index. The importer is
    told that a match exists, not whose record it is: they may not be allowed to open it, and the
    registration page's own check shows them what they may see."""
    row_digests = [
        (row, {indexing.digest(organisation_id, kind, value) for kind, value in keys}) for row, keys in pending
    ]
    every_digest = sorted(set().union(*(digests for _row, digests in row_digests)))
    found: set[str] = set()
    for start in range(0, len(every_digest), BATCH):
        found.update(
            PersonIndexEntry.objects.filter(
                organisation_id=organisation_id,
                kind__in=DUPLICATE_KINDS,
                digest__in=every_digest[start : start + BATCH],
            ).values_list("digest", flat=True)
        )
    for row, digests in row_digests:
        if digests & found:
            result.duplicates.append((row, _("someone already registered in your organisation?")))


def write(*, actor: User, imported: Iterator[ImportedRecord], source: str) -> list[int]:
    """Write every record, in one transaction: a failure anywhere (or the process killed) leaves
    nothing behind. Returns the new cases' ids. The caller has checked the rows (check())."""
    if actor.organisation is None or not actor.does_casework:
        raise ValidationError(_("Only case workers and supervisors can register persons."))
    organisation = actor.organisation
    now = timezone.now()
    today = timezone.localdate(now)
    note = _("Brought in from the file “%(file)s”.") % {"file": source}
    case_ids: list[int] = []
    with transaction.atomic():
        batch: list[ImportedRecord] = []
        for record in imported:
            batch.append(record)
            if len(batch) >= BATCH:
                case_ids += _write_batch(actor, organisation, batch, now=now, today=today, note=note)
                batch = []
        if batch:
            case_ids += _write_batch(actor, organisation, batch, now=now, today=today, note=note)
    return case_ids


def _write_batch(
    actor: User, organisation: Organisation, batch: list[ImportedRecord], *, now: datetime, today: date, note: str
) -> list[int]:
    persons = [
        Person(
            organisation=organisation,
            age_band_on=(record.opened_on or today) if record.person.age_band else None,
            **_fields(record.person),
        )
        for record in batch
    ]
    Person.objects.bulk_create(persons)
    indexing.insert_entries(persons)
    sequences = organisation.reserve_case_sequences(len(batch))
    cases = [
        Case(
            organisation=organisation,
            person=person,
            number=organisation.case_number((record.opened_on or today).year, sequence),
            status=record.status,
            closure_reason=record.closure_reason,
            opened_on=record.opened_on or today,
            status_changed_at=now,
            responsible=actor,
            created_by=actor,
            **_fields(record.case),
        )
        for record, person, sequence in zip(batch, persons, sequences, strict=True)
    ]
    Case.objects.bulk_create(cases)
    CaseTeamMember.objects.bulk_create([CaseTeamMember(case=case, user=actor) for case in cases])
    closed = [case for case in cases if case.status == CaseStatus.CLOSED]
    # Closing rests on a final review (a database constraint). The file carries no ratings, and
    # the review says so rather than pass for an assessment of the person's outcomes.
    reviews = {
        case.pk: Review(
            case=case,
            reviewed_on=today,
            kind=ReviewKind.FINAL,
            by=actor,
            note=_("Closed before it was brought in from a file; no outcome ratings came with it."),
        )
        for case in closed
    }
    Review.objects.bulk_create(list(reviews.values()))
    CaseStatusChange.objects.bulk_create(
        [
            CaseStatusChange(
                case=case,
                from_status="",
                to_status=case.status,
                closure_reason=case.closure_reason,
                note=note,
                final_review=reviews.get(case.pk),
                changed_by=actor,
                changed_at=now,
            )
            for case in cases
        ]
    )
    Identification.objects.bulk_create(
        [
            Identification(
                case=case,
                status=case.identification_status,
                identified_on=case.identified_on,
                authority=case.identifying_authority,
                authority_type=case.identifying_authority_type,
                note=note,
                recorded_by=actor,
            )
            for case in cases
            if case.identification_status != IdentificationStatus.NOT_IDENTIFIED
        ]
    )
    log.log_changes_in_bulk(
        actor=actor,
        action=AuditAction.IMPORT_RECORDS,
        section=Section.IDENTITY,
        entries=[
            (
                case,
                {name: (None, value) for name, value in _fields(record.person).items() if value not in ("", [], None)},
            )
            for case, record in zip(cases, batch, strict=True)
        ],
    )
    # Written in bulk, so no signal told the reports: their counting categories are added here.
    add_statistics(cases)
    return [case.pk for case in cases]


def _fields(details: PersonDetails | CaseDetails) -> dict[str, object]:
    # A shallow copy: dataclasses.asdict deep-copies every list, a tenth of the import's time.
    return dict(vars(details))
