"""Who sees which monitoring report: the one chokepoint.

Reports show aggregates only and open no case. An organisation's analysts, supervisors and
administrators see their own organisation's report. The network coordinator also sees the
network's, over the organisations that agreed to share their statistics (the latest decision
counts) and signed a data-sharing agreement with the coordinator's organisation (privacy.models). Nobody sees another single organisation's figures: an organisation agreed to be counted
with the others, not to be shown alone. Anyone else gets 404, like a page that does not exist.
The research extract, rows rather than counts, is for fewer people (EXTRACT_ROLES below)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.orgs.models import Organisation
from reintegra.privacy.models import SharingPurpose, organisations_sharing_with
from reintegra.reports.models import ReportRun, StatisticsAgreement
from reintegra.reports.queries import MIN_NETWORK_ORGANISATIONS

# Roles that see their own organisation's report.
REPORT_ROLES = frozenset({Role.ANALYST, Role.SUPERVISOR, Role.ORG_ADMIN, Role.COORDINATOR})
NETWORK = "network"


@dataclass(frozen=True)
class ReportScope:
    """What one report counts: these organisations, under this name."""

    choice: str  # an organisation's id as text, or NETWORK
    organisation_ids: tuple[int, ...]
    name: str
    is_network: bool


def may_see_reports(user: User) -> bool:
    return user.is_authenticated and user.organisation_id is not None and user.has_role(*REPORT_ROLES)


def may_decide_agreement(user: User) -> bool:
    return user.organisation_id is not None and user.has_role(Role.ORG_ADMIN)


def organisations_reportable_by(user: User) -> list[tuple[str, str]]:
    """The choices of the organisation filter, as (value, name): the user's own organisation and,
    for the network coordinator, the network. Empty for anyone who sees no report."""
    if not may_see_reports(user):
        return []
    own = Organisation.objects.filter(pk=user.organisation_pk).values_list("pk", "name").get()
    choices = [(str(own[0]), str(own[1]))]
    if user.has_role(Role.COORDINATOR):
        choices.append((NETWORK, _("The network (organisations that share their statistics)")))
    return choices


def report_scope(user: User, choice: str | None) -> ReportScope:
    """The report this user asked for, or 404. No choice: their own organisation's."""
    choices = dict(organisations_reportable_by(user))
    if not choices:
        raise Http404
    if not choice:
        choice = str(user.organisation_id)
    if choice not in choices:
        raise Http404
    if choice == NETWORK:
        # Counted: organisations that decided to share their statistics and have a data-sharing
        # agreement in force with the coordinator's organisation, which receives the figures.
        agreeing = set(StatisticsAgreement.agreeing_organisation_ids())
        bound = organisations_sharing_with(user.organisation_pk, SharingPurpose.NETWORK_REPORTS, timezone.localdate())
        ids = tuple(sorted(agreeing & bound))
        return ReportScope(choice=choice, organisation_ids=ids, name=choices[choice], is_network=True)
    return ReportScope(choice=choice, organisation_ids=(int(choice),), name=choices[choice], is_network=False)


def log_report(user: User, scope: ReportScope, *, action: AuditAction, period: tuple[str, str], form: str) -> None:
    """A report names no case: its record says whose figures, which period, in what form."""
    with transaction.atomic():
        log.log_search(
            actor=user,
            action=action,
            terms={
                "report": scope.choice,
                "organisations": ",".join(map(str, scope.organisation_ids)),
                "from": period[0],
                "to": period[1],
                "form": form,
            },
            result_count=len(scope.organisation_ids),
        )


# The research extract (reports.extract) holds rows, one per person, not counts: fewer people
# download it than see the report. An organisation's analysts and administrators take their own
# organisation's; the network coordinator takes the network's, over the organisations that share
# their statistics. Supervisors see the report but not the extract: their work is cases.
EXTRACT_ROLES = frozenset({Role.ANALYST, Role.ORG_ADMIN})


def may_download_research_extract(user: User, scope: ReportScope | None) -> bool:
    """Whether this user may take the research extract of the report they are looking at (a
    scope report_scope gave them); no query."""
    if scope is None:
        return False
    if scope.is_network:
        return user.has_role(Role.COORDINATOR)
    return scope.choice == str(user.organisation_id) and user.has_role(*EXTRACT_ROLES)


def research_extract_scope(user: User, choice: str | None) -> ReportScope:
    """Whose research extract this user asked for, or 404. No choice: their own organisation's,
    or the network's for a coordinator who holds neither role of EXTRACT_ROLES."""
    if not choice and not user.has_role(*EXTRACT_ROLES) and user.has_role(Role.COORDINATOR):
        choice = NETWORK
    scope = report_scope(user, choice)
    if not may_download_research_extract(user, scope):
        raise Http404
    return scope


def research_extract_shown(scope: ReportScope, contributors: int) -> bool:
    """The network's extract follows the network's figures' rule: rows of MIN_NETWORK_ORGANISATIONS
    organisations or more, counted after suppression, or none (reports.queries says why)."""
    return not scope.is_network or contributors >= MIN_NETWORK_ORGANISATIONS


def log_research_extract(user: User, scope: ReportScope, *, rows: int, form: str) -> None:
    """Whose extract, in what form, how many rows; never a case: the extract names none."""
    with transaction.atomic():
        log.log_search(
            actor=user,
            action=AuditAction.RESEARCH_EXTRACT,
            terms={"extract": scope.choice, "organisations": ",".join(map(str, scope.organisation_ids)), "form": form},
            result_count=rows,
        )


def get_run_for_user(user: User, run_id: uuid.UUID) -> ReportRun:
    """A printable report run, for the user who asked for it only, while they may still see the
    figures it counts; 404 for anyone else, like a run that does not exist."""
    run = ReportRun.objects.filter(pk=run_id, requested_by_id=user.pk).first()
    if run is None:
        raise Http404
    report_scope(user, run.choice)  # 404 once the user may no longer see these figures
    return run
