"""The retention rules: how long identifiable data is kept once it has served its purpose, and
the job that applies them (`manage.py apply_retention`, and the reminder job on its schedule).

| Record type | Kept until | What happens then |
|---|---|---|
| A person and everything of their cases | N years after their last case closed (REINTEGRA_RETENTION_YEARS, 7) | anonymised (privacy.anonymise), unless a case is on legal hold |
| Complaints and feedback | N years after closing (REINTEGRA_RETENTION_COMPLAINT_YEARS, 3) | their texts, the filer's name and contact emptied |
| Search terms in the audit trail | N days (REINTEGRA_RETENTION_SEARCH_DAYS, 365) | the terms erased; the record of the search stays |
| Imported files: the file, its name and its report | N days (REINTEGRA_RETENTION_IMPORT_REPORT_DAYS, 90) | emptied, whatever became of the import |

Each run changes only what is due, so running it often does no harm."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, Max, OuterRef, Q

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction, AuditKind
from reintegra.cases.models import Case, Person
from reintegra.cases.vocabularies import CaseStatus
from reintegra.complaints.models import Complaint, ComplaintEvent, ComplaintStatus
from reintegra.exchange.models import ImportBatch
from reintegra.privacy.anonymise import Cleared, clear_person, clear_row, erase_audit_details
from reintegra.privacy.models import Anonymisation, AnonymisationReason, LegalHold

logger = logging.getLogger(__name__)


def years_before(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


@dataclass
class RetentionRun:
    persons: int = 0
    held: int = 0
    values: int = 0
    audit_details: int = 0
    complaints: int = 0
    search_terms: int = 0
    import_reports: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "persons": self.persons,
            "held": self.held,
            "values": self.values,
            "audit_details": self.audit_details,
            "complaints": self.complaints,
            "search_terms": self.search_terms,
            "import_reports": self.import_reports,
            "failed": self.failed,
        }


def persons_past_retention(now: datetime):  # type: ignore[no-untyped-def]
    """Persons not yet anonymised whose cases are all closed, the last of them longer ago than
    the retention period. Includes those on legal hold: the caller counts and skips them."""
    cutoff = years_before(now, settings.REINTEGRA_RETENTION_YEARS)
    return (
        Person.objects.filter(anonymisation__isnull=True, family_link__isnull=True)
        .annotate(
            open_cases=Count("cases", filter=~Q(cases__status=CaseStatus.CLOSED)),
            last_closed=Max("cases__status_changed_at"),
        )
        .filter(open_cases=0, last_closed__lte=cutoff)
        .annotate(held=Exists(LegalHold.objects.active().filter(case__person=OuterRef("pk"))))
        .order_by("pk")
    )


def apply_retention(*, now: datetime, dry_run: bool = False) -> RetentionRun:
    run = RetentionRun()
    for person in persons_past_retention(now).only("pk", "organisation"):
        if person.held:
            run.held += 1
            continue
        if dry_run:
            run.persons += 1
            continue
        try:
            with transaction.atomic():
                trace = _anonymise_if_still_due(person.pk, now)
        except Exception:  # one person's failure must not stop the others, nor the reminder job
            logger.exception("Retention: person %s could not be anonymised", person.pk)
            run.failed += 1
            continue
        if trace is None:
            continue
        run.persons += 1
        run.values += trace.values_cleared
        run.audit_details += trace.audit_details_erased
    run.complaints = _clear_complaints(now, dry_run=dry_run)
    run.search_terms = _erase_search_terms(now, dry_run=dry_run)
    run.import_reports = _clear_import_reports(now, dry_run=dry_run)
    return run


def _anonymise_if_still_due(person_id: int, now: datetime) -> Anonymisation | None:
    """Lock the person and their cases (the order of the other workflows) and ask again: between
    the search and now a case may have been reopened, a hold placed or the person erased."""
    person = Person.objects.select_for_update().get(pk=person_id)
    cases = list(Case.objects.select_for_update().filter(person_id=person_id))
    cutoff = years_before(now, settings.REINTEGRA_RETENTION_YEARS)
    if (
        not cases
        or any(case.status != CaseStatus.CLOSED or case.status_changed_at > cutoff for case in cases)
        or LegalHold.objects.active().filter(case__person_id=person_id).exists()
        or Anonymisation.objects.filter(person_id=person_id).exists()
    ):
        return None
    return anonymise(person=person, reason=AnonymisationReason.RETENTION, now=now)


def anonymise(
    *,
    person: Person,
    reason: str,
    now: datetime,
    by: User | None = None,
    basis: str = "",
) -> Anonymisation:
    """Empty the person's identifiable data and leave its trace and audit record: numbers and a
    reason, no identifier. Run inside the caller's transaction. The trace is written first, so
    that whatever the clearing sets off (the reports' counting categories) sees the person as
    anonymised and keeps what was counted."""
    trace = Anonymisation.objects.create(person=person, reason=reason, basis=basis, at=now, by=by)
    cleared = clear_person(person, now=now)
    trace.values_cleared, trace.records_touched = cleared.values, cleared.records
    trace.audit_details_erased = cleared.audit_details
    trace.save(update_fields=["values_cleared", "records_touched", "audit_details_erased"])
    log.log_change(
        actor=by,
        case=None,
        action=AuditAction.ANONYMISE if reason == AnonymisationReason.RETENTION else AuditAction.ERASE,
        changes={"anonymisation": (None, trace.pk), "person": (None, person.pk), "basis": (None, basis or reason)},
    )
    return trace


def _clear_complaints(now: datetime, *, dry_run: bool) -> int:
    cutoff = years_before(now, settings.REINTEGRA_RETENTION_COMPLAINT_YEARS)
    due = Complaint.objects.filter(status=ComplaintStatus.CLOSED, closed_at__lte=cutoff, cleared_at__isnull=True)
    if dry_run:
        return due.count()
    done = 0
    for complaint in due.order_by("pk"):
        with transaction.atomic():
            fields = tuple(
                f for f in Complaint._meta.concrete_fields if f.name in {"about", "filer_name", "contact", "answer"}
            )
            clear_row(complaint, fields, Cleared())
            note = ComplaintEvent._meta.get_field("note")
            for event in complaint.events.all():
                clear_row(event, (note,), Cleared())
            Complaint.objects.filter(pk=complaint.pk).update(cleared_at=now)
        done += 1
    return done


def _erase_search_terms(now: datetime, *, dry_run: bool) -> int:
    where = Q(kind=AuditKind.SEARCH, at__lte=now - timedelta(days=settings.REINTEGRA_RETENTION_SEARCH_DAYS))
    if dry_run:
        from reintegra.audit.models import AuditRecord

        return AuditRecord.objects.filter(where, detail_erased_at__isnull=True).exclude(detail="").count()
    with transaction.atomic():
        return erase_audit_details(where, now=now)


def _clear_import_reports(now: datetime, *, dry_run: bool) -> int:
    """A batch's file, its name (often a person's) and its report, whatever became of it: a
    batch checked and never confirmed, or stuck, keeps its file otherwise."""
    due = ImportBatch.objects.filter(
        created_at__lte=now - timedelta(days=settings.REINTEGRA_RETENTION_IMPORT_REPORT_DAYS)
    )
    names = ("filename", "content", "report")
    fields = tuple(ImportBatch._meta.get_field(name) for name in names)
    done = 0
    for batch in due.order_by("pk"):
        if any(getattr(batch, name) for name in names):
            done += 1
            if not dry_run:
                with transaction.atomic():
                    clear_row(batch, fields, Cleared())
    return done


def describe(run: RetentionRun) -> str:
    return (
        "{persons} persons anonymised ({values} values, {audit_details} audit details), {held} kept on "
        "legal hold, {complaints} complaints emptied, {search_terms} search terms erased, "
        "{import_reports} imported files emptied, {failed} persons failed (see the log).".format(**run.as_dict())
    )
