"""The one access layer for persons and cases. Views, the API and exports get case data only
through these functions; nothing else queries Person or Case for a user.

Rules:
- nothing crosses organisations;
- case workers see the cases whose team they are on (or that they manage);
- supervisors see every case of their organisation, except restricted cases, which only the
  named team sees;
- other roles (administrators, analysts, coordinators, service providers) see no case here,
  except that a service provider opens a case referred to their organisation, while the referral
  is sent, accepted or in service: its shared sections only, never to change it;
- the sections of a case a user may open follow one rule (reintegra.access.sections);
- a case the user may not see does not exist for them: 404, never 403, so that probing case
  numbers reveals nothing.

Each successful read writes an access record to the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from reintegra.access.sections import Section, sections_granted
from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.indexing import digest
from reintegra.cases.models import Case, CaseQuerySet, CaseTeamMember, EmergencyAccess, IndexKind, PersonIndexEntry
from reintegra.cases.vocabularies import RiskLevel
from reintegra.core.normalise import name_key
from reintegra.referrals.models import SHAREABLE_SECTIONS, Referral


def _does_casework_now(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.does_casework


def _opened_in_emergency(user: User) -> QuerySet[EmergencyAccess, dict[str, Any]]:
    """Cases the user opened under emergency access that has not yet run out. A restricted case
    is never opened this way (cases.actions.open_in_emergency), and is left out here as well."""
    return EmergencyAccess.objects.active().filter(user_id=user.pk, case__restricted=False).values("case_id")


def cases_visible_to(user: User) -> CaseQuerySet:
    if not _does_casework_now(user):
        return Case.objects.none()
    in_organisation = Case.objects.filter(organisation_id=user.organisation_pk)
    emergency = in_organisation.filter(pk__in=_opened_in_emergency(user))
    if user.has_role(Role.SUPERVISOR):
        return in_organisation.filter(restricted=False) | in_organisation.with_team_member(user.pk) | emergency
    return in_organisation.with_team_member(user.pk) | emergency


def cases_on_team_of(user: User) -> CaseQuerySet:
    """The user's own caseload: cases whose team they are on or that they manage. Always part of
    cases_visible_to(user), restricted cases included (their named team sees them), and a
    simpler query than narrowing that one down."""
    if not _does_casework_now(user):
        return Case.objects.none()
    return Case.objects.filter(organisation_id=user.organisation_pk).with_team_member(user.pk)


def cases_supervised_by(user: User) -> CaseQuerySet:
    """The cases a supervisor supervises: those naming them as manager, and those naming no
    manager at all, which every manager of the organisation supervises until one is named (a case
    nobody supervises was on nobody's list). Always part of cases_visible_to(user): a case's
    manager sees it even when it is restricted, and a restricted case without a manager stays
    with its named team."""
    if not _does_casework_now(user) or not user.has_role(Role.SUPERVISOR):
        return Case.objects.none()
    # Written so that each side of the OR starts from the supervisor column's index (PostgreSQL
    # combines the two lookups). As `pk IN (a union of the three)` at 10,000 cases it read every
    # open case of the organisation to join them (5 of the supervision page's 15 ms in SQL).
    on_team = Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user_id=user.pk))
    return Case.objects.filter(
        Q(supervisor_id=user.pk) | Q(supervisor__isnull=True) & (Q(restricted=False) | on_team),
        organisation_id=user.organisation_pk,
    )


def supervises(user: User, case: Case) -> bool:
    """Whether a case read through get_case_for_user is one of cases_supervised_by(user), with no
    query: the same rule, on the case's own columns and its team annotation."""
    if not _does_casework_now(user) or not user.has_role(Role.SUPERVISOR):
        return False
    if case.organisation_id != user.organisation_id:
        return False
    if case.supervisor_id is not None:
        return case.supervisor_id == user.pk
    return not case.restricted or bool(getattr(case, "user_in_team", False))


def get_case_for_user(
    user: User,
    case_id: int,
    *,
    write: bool = False,
    sections: Iterable[str] = (Section.SUMMARY,),
    action: AuditAction | None = None,
) -> Case:
    """The case, or 404. Logs the access with the sections the caller is about to show;
    sections the user may not open are dropped from `case.visible_sections`."""
    # Team membership comes with the case, in the same query: every case page needs it for
    # the sensitive sections, and a second round trip per page added up under load.
    case = (
        cases_visible_to(user)
        .select_related("person", "organisation", "supervisor", "responsible")
        .annotate(
            user_in_team=Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user_id=user.pk)),
            # Emergency access opens what the team opens, for its few hours.
            user_in_emergency=Exists(_opened_in_emergency(user).filter(case_id=OuterRef("pk"))),
        )
        .filter(pk=case_id)
        .first()
    )
    if case is not None:
        # Read with a default of "not on the team": if the annotation were ever lost, the
        # sensitive sections would be hidden rather than shown.
        on_team_itself = case.supervisor_id == user.pk or getattr(case, "user_in_team", False)
        in_emergency = not on_team_itself and getattr(case, "user_in_emergency", False)
        on_team = on_team_itself or in_emergency
        if in_emergency:
            action = AuditAction.VIEW_IN_EMERGENCY
        allowed = sections_granted(user, on_team=on_team)
    else:
        shared = sections_shared_with(user, case_id)
        if not shared or write:
            raise Http404
        case = Case.objects.select_related("person", "organisation").get(pk=case_id)
        # A referral's receiver is never on the case's team.
        on_team = False
        allowed = shared
    allowed = _with_location(allowed, case, on_team=on_team)
    if write and Section.SUMMARY not in allowed:
        raise Http404
    shown = [section for section in sections if section in allowed]
    case.visible_sections = frozenset(shown)
    with transaction.atomic():
        log.log_access(
            actor=user,
            case=case,
            section=",".join(shown),
            action=action or (AuditAction.EDIT if write else AuditAction.VIEW),
        )
    return case


def cases_to_write_out(user: User) -> CaseQuerySet:
    """The cases the user may see, each knowing whether the user is on its team, for an export
    that writes many cases at once; each row takes its sections from export_sections(). The
    caller logs what it writes out."""
    return (
        cases_visible_to(user)
        .select_related("person")
        .annotate(user_in_team=Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user_id=user.pk)))
    )


def export_sections(user: User, case: Case) -> frozenset[str]:
    """The sections of a case from cases_to_write_out() that the user may open, by the same rule
    as get_case_for_user."""
    on_team = case.supervisor_id == user.pk or getattr(case, "user_in_team", False)
    return _with_location(sections_granted(user, on_team=on_team), case, on_team=on_team)


def _with_location(allowed: frozenset[str], case: Case, *, on_team: bool) -> frozenset[str]:
    """The person's current address goes with their identifiers, except on a high-risk case,
    where only its team may know where to find them (the issue's "hidden outside the team")."""
    allowed = allowed - {Section.LOCATION}
    if Section.IDENTITY in allowed and (on_team or case.risk_level != RiskLevel.HIGH):
        allowed |= {Section.LOCATION}
    return allowed


def sections_shared_with(user: User, case_id: int) -> frozenset[str]:
    """The sections of a case that open referrals share with the user's organisation, for its
    service-provider users; none for anyone else. A referral being prepared shares nothing, and
    one that has ended shares nothing more."""
    if not (user.is_authenticated and user.is_active and user.organisation_id and user.has_role(Role.SERVICE_PROVIDER)):
        return frozenset()
    lists = (
        Referral.objects.filter(case_id=case_id, to_organisation_id=user.organisation_id)
        .open_to_receiver()
        .values_list("shared_sections", flat=True)
    )
    return frozenset(section for sections in lists for section in sections if section in SHAREABLE_SECTIONS)


def log_list_view(user: User, cases: Iterable[Case], *, action: AuditAction) -> None:
    """A list of cases shows names: one record names every case shown."""
    case_ids = [case.pk for case in cases]
    if not case_ids:
        return
    with transaction.atomic():
        log.log_search(
            actor=user, action=action, terms={"shown": ",".join(map(str, case_ids))}, result_count=len(case_ids)
        )


def find_by_identifier(user: User, kind: str, normalised: str) -> CaseQuerySet:
    """Visible cases whose person matches one normalised identifier exactly (blind index)."""
    if not normalised or not user.does_casework:
        return Case.objects.none()
    entries = PersonIndexEntry.objects.filter(
        organisation_id=user.organisation_pk, kind=kind, digest=digest(user.organisation_pk, kind, normalised)
    )
    return cases_visible_to(user).filter(person_id__in=entries.values("person_id"))


def find_by_name_tokens(user: User, typed: str) -> CaseQuerySet:
    """Visible cases whose person carries every token typed, in any name or alias, in any order:
    "Kyaw Htet" finds "Kyaw Zin Htet". Matched on blind-index digests of single tokens."""
    tokens = set(name_key(typed).split())
    if not tokens or not user.does_casework:
        return Case.objects.none()
    organisation_id = user.organisation_pk
    carrying_all = (
        PersonIndexEntry.objects.filter(
            organisation_id=organisation_id,
            kind=IndexKind.NAME_TOKEN,
            digest__in=[digest(organisation_id, IndexKind.NAME_TOKEN, token) for token in tokens],
        )
        .values("person_id")
        .annotate(found=Count("digest", distinct=True))
        .filter(found=len(tokens))
        .values("person_id")
    )
    return cases_visible_to(user).filter(person_id__in=carrying_all)


def emergency_openings_for(user: User, since: datetime) -> QuerySet[EmergencyAccess]:
    """Emergency access to the cases the supervisor supervises since a moment, newest first: who
    opened which case, until when, and why."""
    return (
        EmergencyAccess.objects.filter(case__in=cases_supervised_by(user), granted_at__gte=since)
        .select_related("case", "user")
        .order_by("-granted_at")
    )


def case_for_emergency(user: User, number: str) -> Case | None:
    """The case of the user's organisation with this number, team or not, for emergency access
    (cases.actions.open_in_emergency); None for a restricted case, as for a number that does not
    exist, so that the answer tells nothing of either."""
    if not _does_casework_now(user):
        return None
    return (
        Case.objects.filter(organisation_id=user.organisation_pk, number=number.strip().upper(), restricted=False)
        .select_related("supervisor")
        .first()
    )


def find_by_number(user: User, number: str) -> CaseQuerySet:
    # Exact on the capitalised number (a database constraint keeps numbers in capitals): an
    # index lookup, where a case-insensitive comparison read every case of the organisation.
    return cases_visible_to(user).filter(number=number.strip().upper())


def matching_persons_in_organisation(organisation_id: int, keys: set[tuple[str, str]]) -> dict[int, set[str]]:
    """Person ids in the organisation sharing any of the given identifier keys, with the kinds
    that matched. Only for check_for_duplicates and the registration workflow's own guard."""
    exact = {(kind, value) for kind, value in keys if kind not in _NEAR_DUPLICATE_KINDS}
    if not keys:
        return {}
    digests = {digest(organisation_id, kind, value): kind for kind, value in exact}
    matches: dict[int, set[str]] = {}
    rows = PersonIndexEntry.objects.filter(organisation_id=organisation_id, digest__in=list(digests)).values_list(
        "person_id", "kind", "digest"
    )
    for person_id, kind, value in rows:
        if digests.get(value) == kind:
            matches.setdefault(person_id, set()).add(kind)
    for person_id in _near_duplicates(organisation_id, keys):
        matches.setdefault(person_id, set()).add(NEAR_NAME)
    return matches


# Index kinds that say little alone (one part of a name, a year of birth): used only together,
# by the near-duplicate rule below, never as an exact match.
_NEAR_DUPLICATE_KINDS = frozenset({IndexKind.NAME_TOKEN, IndexKind.BIRTH_YEAR})
NEAR_NAME = "most of the name"


def _near_duplicates(organisation_id: int, keys: set[tuple[str, str]]) -> set[int]:
    """Persons sharing most of the name's parts (two at least, and two thirds of them) and also
    the year of birth or a phone number: the same person registered with a name part left out
    or added."""
    tokens = {value for kind, value in keys if kind == IndexKind.NAME_TOKEN}
    corroborating = {(kind, value) for kind, value in keys if kind in (IndexKind.BIRTH_YEAR, IndexKind.PHONE)}
    needed = max(2, -(-2 * len(tokens) // 3))
    if len(tokens) < 2 or not corroborating:
        return set()
    sharing_name = (
        PersonIndexEntry.objects.filter(
            organisation_id=organisation_id,
            kind=IndexKind.NAME_TOKEN,
            digest__in=[digest(organisation_id, IndexKind.NAME_TOKEN, token) for token in tokens],
        )
        .values("person_id")
        .annotate(found=Count("digest", distinct=True))
        .filter(found__gte=needed)
        .values("person_id")
    )
    return set(
        PersonIndexEntry.objects.filter(
            organisation_id=organisation_id,
            person_id__in=sharing_name,
            digest__in=[digest(organisation_id, kind, value) for kind, value in corroborating],
        ).values_list("person_id", flat=True)
    )


@dataclass(frozen=True)
class DuplicateCheck:
    """Possible duplicates of a person about to be registered: the cases this user may open,
    with the kinds of identifier that matched, and a bare count of the others."""

    visible: list[tuple[Case, list[str]]]
    hidden_count: int


def check_for_duplicates(user: User, keys: set[tuple[str, str]], *, action: AuditAction) -> DuplicateCheck | None:
    """The one duplicate check, for the registration page, its live check and the API.

    Even a bare count tells the user that a case they cannot open holds someone with this name
    or phone number, so every check that matches anything is audited, naming all the persons it
    matched, visible or not: whoever probes for a restricted person leaves a trace."""
    matches = matching_persons_in_organisation(user.organisation_pk, keys)
    if not matches:
        return None
    visible = list(cases_visible_to(user).filter(person_id__in=list(matches)).select_related("person").order_by("pk"))
    shown_persons = {case.person_id for case in visible}
    hidden = sorted(set(matches) - shown_persons)
    with transaction.atomic():
        log.log_search(
            actor=user,
            action=action,
            terms={
                "shown": ",".join(str(case.pk) for case in visible),
                "persons_not_shown": ",".join(map(str, hidden)),
                "kinds": ",".join(sorted(set().union(*matches.values()))),
            },
            result_count=len(matches),
        )
    return DuplicateCheck(
        visible=[(case, sorted(matches[case.person_id])) for case in visible], hidden_count=len(hidden)
    )
