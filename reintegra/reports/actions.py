"""Workflows of the reports app: an organisation agrees to be counted in the network's figures,
or withdraws; a printable report is asked for and prepared in the background."""

from __future__ import annotations

import logging
import zoneinfo
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.reports import access, printable, tasks
from reintegra.reports.access import ReportScope
from reintegra.reports.models import ReportRun, ReportRunStatus, StatisticsAgreement
from reintegra.reports.queries import build_report

logger = logging.getLogger(__name__)


def record_agreement(*, actor: User, agreed: bool) -> StatisticsAgreement:
    """The actor's organisation agrees to share its statistics with the network, or withdraws.
    Appended: the history of decisions stays. The caller has checked that the actor administers
    the organisation (reports.access.may_decide_agreement)."""
    organisation_id = actor.organisation_pk
    with transaction.atomic():
        before = StatisticsAgreement.current(organisation_id)
        decision = StatisticsAgreement.objects.create(
            organisation_id=organisation_id, agreed=agreed, decided_by=actor, decided_at=timezone.now()
        )
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.AGREE_STATISTICS,
            changes={"shares_statistics": (before.agreed if before else None, agreed)},
        )
    return decision


def request_pdf(*, actor: User, scope: ReportScope, start: date, end: date) -> ReportRun:
    """Queue the printable report of this scope and period, for the actor alone. The request is
    what is audited: the figures are decided now, whoever fetches the file later."""
    with transaction.atomic():
        run = ReportRun.objects.create(
            requested_by=actor,
            choice=scope.choice,
            organisation_ids=list(scope.organisation_ids),
            name=scope.name,
            period_start=start,
            period_end=end,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            time_zone=timezone.get_current_timezone_name(),
        )
        access.log_report(
            actor, scope, action=AuditAction.DOWNLOAD_REPORT, period=(start.isoformat(), end.isoformat()), form="pdf"
        )
        transaction.on_commit(lambda: tasks.build_report_pdf.enqueue(str(run.pk)))
    return run


def build_pdf(*, run_id: str) -> ReportRun:
    """The background job's work: every section, then the PDF. Progress is saved section by
    section so that the waiting page can show it. A run that fails keeps no partial file."""
    run = ReportRun.objects.get(pk=run_id)
    if not run.in_progress:
        return run  # a job delivered twice does the work once
    ids = tuple(run.organisation_ids)

    def progress(done: int, total: int) -> None:
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRunStatus.RUNNING, sections_done=done, sections_total=total
        )

    try:
        with translation.override(run.language), timezone.override(zoneinfo.ZoneInfo(run.time_zone)):
            built = build_report(
                ids, run.period_start, run.period_end, network=run.choice == access.NETWORK, on_section=progress
            )
            pdf = printable.report_pdf(
                built, name=run.name, organisations=len(ids), network=run.choice == access.NETWORK
            )
    except Exception:
        # The job must end the run whatever went wrong, or the page would wait for ever; the
        # error itself goes to the log, never to the user.
        logger.exception("The printable report %s could not be prepared.", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(status=ReportRunStatus.FAILED, finished_at=timezone.now())
    else:
        ReportRun.objects.filter(pk=run.pk).update(status=ReportRunStatus.READY, pdf=pdf, finished_at=timezone.now())
    run.refresh_from_db()
    return run
