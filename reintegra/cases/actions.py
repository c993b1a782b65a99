"""Workflows that change persons and cases. Each runs in one transaction and writes its audit
record inside it. Arguments are keyword-only; callers pass already-validated values."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases import indexing
from reintegra.cases.access import case_for_emergency
from reintegra.cases.models import Case, CaseStatusChange, CaseTeamMember, EmergencyAccess, Person
from reintegra.cases.vocabularies import (
    BACKDATED_AFTER_DAYS,
    TRANSITIONS,
    CaseStatus,
    IdentificationStatus,
    ReopeningReason,
    ReopeningRequester,
    RiskLevel,
)
from reintegra.children.models import closure_blockers
from reintegra.core.dates import EARLIEST, plausibility_error
from reintegra.core.errors import Conflict
from reintegra.followups.actions import follow_case_status
from reintegra.notifications.models import Notification, NotificationKind
from reintegra.outcomes.models import Review


@dataclass
class PersonDetails:
    given_name: str
    family_name: str = ""
    other_names: list[str] = field(default_factory=list)
    birth_date: date | None = None
    estimated_birth_year: int | None = None
    age_band: str = ""
    age_disputed: bool = False
    gender: str = ""
    marital_status: str = ""
    nationalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    identity_documents: list[dict[str, str]] = field(default_factory=list)
    notes: str = ""

    def identifier_keys(self) -> set[tuple[str, str]]:
        return indexing.keys_of(self)


@dataclass
class CaseDetails:
    identification_status: str = IdentificationStatus.NOT_IDENTIFIED
    identified_on: date | None = None
    identifying_authority: str = ""
    identifying_authority_type: str = ""
    exploitation_types: list[str] = field(default_factory=list)
    origin_countries: list[str] = field(default_factory=list)
    exploitation_countries: list[str] = field(default_factory=list)
    exploitation_began: date | None = None
    exploitation_ended: date | None = None
    recruitment_methods: list[str] = field(default_factory=list)
    recruitment_apps: list[str] = field(default_factory=list)
    exploitation_apps: list[str] = field(default_factory=list)
    control_methods: list[str] = field(default_factory=list)
    labour_industry: str = ""
    sexual_exploitation_forms: list[str] = field(default_factory=list)
    vulnerabilities: list[str] = field(default_factory=list)
    trafficker_relationship: str = ""
    at_risk: bool = False
    restricted: bool = False


PERSON_FIELDS = tuple(PersonDetails.__dataclass_fields__)
IDENTIFICATION_FIELDS = frozenset(
    {"identification_status", "identified_on", "identifying_authority", "identifying_authority_type"}
)
CASE_FIELDS = tuple(CaseDetails.__dataclass_fields__)
# The rest of HTCDS's victim context: asked for only when the person is ready to tell.
MORE_ABOUT_WHAT_HAPPENED = (
    "recruitment_apps",
    "exploitation_apps",
    "control_methods",
    "labour_industry",
    "sexual_exploitation_forms",
    "vulnerabilities",
    "trafficker_relationship",
)
# The trafficking profile: shown only to those who may see the trafficking section.
TRAFFICKING_FIELDS = (
    "exploitation_types",
    "origin_countries",
    "exploitation_countries",
    "exploitation_began",
    "exploitation_ended",
    "recruitment_methods",
    *MORE_ABOUT_WHAT_HAPPENED,
)


def _check_team(*, organisation_id: int, supervisor: User | None, team: list[User]) -> None:
    for member in [*team, *([supervisor] if supervisor else [])]:
        if member.organisation_id != organisation_id or not member.does_casework:
            raise ValidationError(_("Only case workers and supervisors of this organisation can join the team."))
    if supervisor is not None and not supervisor.has_role(Role.SUPERVISOR):
        raise ValidationError(_("The supervisor must hold the supervisor role."))


def register_person_with_case(
    *,
    actor: User,
    person: PersonDetails,
    case: CaseDetails,
    supervisor: User | None = None,
    team: list[User] | None = None,
    opened_on: date | None = None,
    backdated_because: str = "",
    responsible: User | None = None,
) -> Case:
    """Register a new person and open their first case, with the actor on the team. A case
    brought over from paper may carry its real opening date, with the reason; the history then
    shows it as backdated."""
    if not actor.does_casework or actor.organisation is None:
        raise ValidationError(_("Only case workers and supervisors can register a person."))
    check_person_details(person)
    check_case_details(case)
    organisation = actor.organisation
    members = list({u.pk: u for u in [actor, *(team or [])]}.values())
    _check_team(organisation_id=organisation.pk, supervisor=supervisor, team=members)
    responsible = responsible or actor
    if responsible.pk not in {member.pk for member in members}:
        raise ValidationError({"responsible": _("The responsible case worker must be on the team.")})
    now = timezone.now()
    today = timezone.localdate(now)
    opened_on = opened_on or today
    _check_opening_date(opened_on, today, backdated_because)
    with transaction.atomic():
        new_person = Person.objects.create(
            organisation=organisation, age_band_on=opened_on if person.age_band else None, **asdict(person)
        )
        indexing.reindex(new_person)
        new_case = Case.objects.create(
            organisation=organisation,
            person=new_person,
            number=organisation.issue_case_number(opened_on.year),
            status=CaseStatus.INTAKE,
            opened_on=opened_on,
            status_changed_at=now,
            supervisor=supervisor,
            responsible=responsible,
            created_by=actor,
            **asdict(case),
        )
        CaseTeamMember.objects.bulk_create([CaseTeamMember(case=new_case, user=member) for member in members])
        CaseStatusChange.objects.create(
            case=new_case,
            from_status="",
            to_status=CaseStatus.INTAKE,
            note=backdated_because.strip(),
            changed_by=actor,
            changed_at=now,
        )
        if case.identification_status != IdentificationStatus.NOT_IDENTIFIED:
            from reintegra.legal.actions import append_identification  # legal builds on cases

            append_identification(actor=actor, case=new_case, details=case)
        log.log_change(
            actor=actor,
            case=new_case,
            action=AuditAction.REGISTER,
            section=Section.IDENTITY,
            changes={name: (None, value) for name, value in asdict(person).items() if value not in ("", [], None)},
        )
    return new_case


def _check_opening_date(opened_on: date, today: date, backdated_because: str) -> None:
    if opened_on > today:
        raise ValidationError({"opened_on": _("A case cannot be opened on a date still to come.")})
    error = plausibility_error(opened_on)
    if error:
        raise ValidationError({"opened_on": error})
    if (today - opened_on).days > BACKDATED_AFTER_DAYS and not backdated_because.strip():
        raise ValidationError(
            {"backdated_because": _("Say why the case is opened at an earlier date, e.g. it began on paper.")}
        )


def _apply(target: Person | Case, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the values that differ on `target`; return them as {field: (old, new)}."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in values.items():
        old = getattr(target, name)
        if old != value:
            changes[name] = (old, value)
            setattr(target, name, value)
    return changes


def _refuse_if_erased(person_id: int) -> None:
    """A person whose data was anonymised or erased stays so: nothing may write it back."""
    from reintegra.privacy.models import Anonymisation

    if Anonymisation.objects.filter(person_id=person_id).exists():
        raise ValidationError(_("This person's data has been removed; it cannot be written again."))


def update_person(*, actor: User, case: Case, details: PersonDetails) -> list[str]:
    """Replace the person's identifiers. Returns the names of the fields that changed."""
    check_person_details(details)
    person = case.person
    changes = _apply(person, asdict(details))
    if not changes:
        return []
    if "age_band" in changes:
        person.age_band_on = timezone.localdate() if person.age_band else None
    with transaction.atomic():
        # Locked, so that an erasure running now either finishes first (and this is refused) or
        # waits for this change and erases it too.
        Person.objects.select_for_update().filter(pk=person.pk).exists()
        _refuse_if_erased(person.pk)
        person.save()
        indexing.reindex(person)
        log.log_change(
            actor=actor, case=case, action=AuditAction.UPDATE_PERSON, section=Section.IDENTITY, changes=changes
        )
    return list(changes)


# The longest entry each list of a person's details takes: the screens take lines of a text box,
# the API lists, and both are held to these here.
LONGEST_ENTRY = {"other_names": 200, "phones": 50, "emails": 254, "addresses": 500}


def check_person_details(details: PersonDetails) -> None:
    """The rules a person's details keep, for the screens and the API alike."""
    errors: dict[str, str] = {}
    if details.birth_date is not None:
        error = plausibility_error(details.birth_date, past_only=True)
        if error:
            errors["birth_date"] = error
    year = details.estimated_birth_year
    if year is not None and not EARLIEST.year <= year <= timezone.localdate().year:
        errors["estimated_birth_year"] = _("The year of birth must be between 1900 and this year.")
    for name, longest in LONGEST_ENTRY.items():
        if any(len(entry) > longest for entry in getattr(details, name)):
            errors[name] = _("Each entry can be at most %(count)d characters long.") % {"count": longest}
    if errors:
        raise ValidationError(errors)


def check_case_details(details: CaseDetails) -> None:
    """The rules a case's details keep, for the screens and the API alike."""
    errors: dict[str, str] = {}
    if details.identification_status == IdentificationStatus.FORMAL:
        if not details.identified_on:
            errors["identified_on"] = _("A formal identification needs its date.")
        if not details.identifying_authority.strip():
            errors["identifying_authority"] = _("A formal identification needs the authority that made it.")
    began, ended = details.exploitation_began, details.exploitation_ended
    if began and ended and ended < began:
        errors["exploitation_ended"] = _("The exploitation cannot end before it began.")
    if errors:
        raise ValidationError(errors)


def update_case(*, actor: User, case: Case, details: CaseDetails) -> list[str]:
    check_case_details(details)
    with transaction.atomic():
        # Locked and read afresh: a risk assessment recorded meanwhile may have made the case high
        # risk, and this save must neither lift its restriction nor write an older level back.
        case.risk_level = Case.objects.select_for_update().values_list("risk_level", flat=True).get(pk=case.pk)
        if case.risk_level == RiskLevel.HIGH and not details.restricted:
            raise ValidationError(
                {
                    "restricted": _(
                        "The case is at high risk, so only its team may open it. Record a new risk "
                        "assessment with a lower level first; then a person may lift the restriction here."
                    )
                }
            )
        changes = _apply(case, asdict(details))
        if not changes:
            return []
        case.save()
        if changes.keys() & IDENTIFICATION_FIELDS:
            # Identification is a history (legal.models.Identification): the form's change is
            # appended to it, never only written over the case's copy.
            from reintegra.legal.actions import append_identification

            append_identification(actor=actor, case=case, details=details)
        log.log_change(actor=actor, case=case, action=AuditAction.UPDATE_CASE, section=Section.SUMMARY, changes=changes)
    return list(changes)


def confirm_at_risk(*, actor: User, case: Case) -> None:
    """Mark the case as at risk, as confirmed by a person: the warning signs only suggest it
    (supervision.queries.SIGNS), they never set it. Clearing the flag is a change of the case's
    details (update_case)."""
    with transaction.atomic():
        # Lock and re-read: two confirmations at once must leave one audit record, not two.
        current = Case.objects.select_for_update().only("at_risk", "status").get(pk=case.pk)
        if current.status == CaseStatus.CLOSED:
            raise ValidationError(_("The case is closed; reopen it before marking it as at risk."))
        if current.at_risk:
            raise Conflict(_("The case is already marked as at risk."))
        case.at_risk = True
        case.save(update_fields=["at_risk", "updated_at"])
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.UPDATE_CASE,
            section=Section.SUMMARY,
            changes={"at_risk": (False, True)},
        )


def change_status(
    *,
    actor: User,
    case: Case,
    to_status: str,
    closure_reason: str = "",
    reopening_reason: str = "",
    requested_by: str = "",
    note: str = "",
) -> CaseStatusChange:
    """Move a case to another status. Closing needs a reason and a final outcome review.
    Reopening needs a reason and who asked for it, and starts a new episode: a new plan is due
    and the follow-up schedule starts a new cycle. All history stays with the case."""
    if to_status == CaseStatus.CLOSED and not closure_reason:
        raise ValidationError({"closure_reason": _("Give a reason for closing the case.")})
    if to_status != CaseStatus.CLOSED:
        closure_reason = ""
    final_review = None
    with transaction.atomic():
        # Lock and re-read: two people changing the status at once must not both pass the
        # transition check against a stale status.
        current = Case.objects.select_for_update().only("status", "closure_reason", "episode").get(pk=case.pk)
        old_status, old_reason = current.status, current.closure_reason
        if to_status not in TRANSITIONS.get(old_status, frozenset()):
            raise ValidationError(
                _("A case cannot move from %(old)s to %(new)s.")
                % {"old": CaseStatus(old_status).label, "new": CaseStatus(to_status).label}
            )
        reopening = old_status == CaseStatus.CLOSED
        if reopening:
            _refuse_if_erased(case.person_id)
            _check_reopening(reopening_reason, requested_by)
        else:
            reopening_reason = requested_by = ""
        if to_status == CaseStatus.CLOSED:
            blockers = closure_blockers(case)
            if blockers:
                raise ValidationError(
                    _("This child's case cannot close yet: %(reasons)s.") % {"reasons": "; ".join(blockers)}
                )
            final_review = Review.objects.ready_for_closing(case)
            if final_review is None:
                raise ValidationError(
                    _(
                        "Record a final outcome review before closing the case. If the person cannot "
                        "take part, rate what you know and mark the rest as not assessed."
                    )
                )
        now = timezone.now()
        case.episode = current.episode + 1 if reopening else current.episode
        case.status, case.closure_reason, case.status_changed_at = to_status, closure_reason, now
        changed = ["status", "closure_reason", "status_changed_at", "episode", "updated_at"]
        if reopening:
            case.reopened_at = now
            changed.append("reopened_at")
        case.save(update_fields=changed)
        follow_case_status(case=case, reopened_on=timezone.localdate(now) if reopening else None)
        change = CaseStatusChange.objects.create(
            case=case,
            from_status=old_status,
            to_status=to_status,
            closure_reason=closure_reason,
            reopening_reason=reopening_reason,
            requested_by=requested_by,
            episode=case.episode,
            note=note,
            final_review=final_review,
            changed_by=actor,
            changed_at=now,
        )
        changes: dict[str, tuple[Any, Any]] = {
            "status": (old_status, to_status),
            "closure_reason": (old_reason, closure_reason),
        }
        if reopening:
            changes.update(
                episode=(current.episode, case.episode),
                reopening_reason=(None, reopening_reason),
                requested_by=(None, requested_by),
            )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.REOPEN if reopening else AuditAction.CHANGE_STATUS,
            changes=changes,
        )
    return change


def _check_reopening(reason: str, requested_by: str) -> None:
    errors = {}
    # "Not recorded" exists only for reopenings from before the question was asked.
    if reason not in ReopeningReason.values or reason == ReopeningReason.NOT_RECORDED:
        errors["reopening_reason"] = _("Say why the case is reopened.")
    if requested_by not in ReopeningRequester.values or requested_by == ReopeningRequester.NOT_RECORDED:
        errors["requested_by"] = _("Say who asked for the case to be reopened.")
    if errors:
        raise ValidationError(errors)


def set_team(
    *, actor: User, case: Case, supervisor: User | None, team: list[User], responsible: User | None = None
) -> None:
    """Replace the case's supervisor, team and responsible case worker. Who is on the team
    decides who can open the case. The responsible worker is one of the team: when none is
    named, the current one stays if still on the team, or else the first of the team does."""
    _check_team(organisation_id=case.organisation_id, supervisor=supervisor, team=team)
    if not team and supervisor is None:
        raise ValidationError(_("A case needs at least one person on its team."))
    team_ids = {member.pk for member in team}
    if responsible is not None and responsible.pk not in team_ids:
        raise ValidationError({"responsible": _("The responsible case worker must be on the team.")})
    if responsible is None:
        kept = case.responsible_id in team_ids
        responsible = case.responsible if kept else (team[0] if team else None)
    with transaction.atomic():
        before = sorted(case.team_members.values_list("user_id", flat=True))
        old_manager, old_responsible = case.supervisor_id, case.responsible_id
        CaseTeamMember.objects.filter(case=case).exclude(user__in=team).delete()
        CaseTeamMember.objects.bulk_create(
            [CaseTeamMember(case=case, user=member) for member in team if member.pk not in before]
        )
        case.supervisor, case.responsible = supervisor, responsible
        case.save(update_fields=["supervisor", "responsible", "updated_at"])
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.SET_TEAM,
            changes={
                "team": (before, sorted(member.pk for member in team)),
                "supervisor": (old_manager, supervisor.pk if supervisor else None),
                "responsible": (old_responsible, responsible.pk if responsible else None),
            },
        )


# Break-the-glass ----------------------------------------------------------------------------------

EMERGENCY_ACCESS_HOURS = 8
# A stolen account could try case number after case number: a few a day, each told to the
# case's supervisor, is all one account gets.
EMERGENCY_ACCESS_PER_DAY = 3


def open_in_emergency(*, actor: User, number: str, reason: str) -> Case:
    """Open a case of one's organisation whose team one is not on, for EMERGENCY_ACCESS_HOURS,
    with a written reason. The case's supervisor (or, without one, every supervisor of the
    organisation) is notified at once; the opening is audited with its reason. A restricted
    (high-risk) case never opens this way: only its named team sees it."""

    reason = reason.strip()
    if not reason:
        raise ValidationError({"emergency_reason": [_("Say why this cannot wait for the case's team.")]})
    now = timezone.now()
    with transaction.atomic():
        used = EmergencyAccess.objects.filter(user=actor, granted_at__gt=now - timedelta(days=1)).count()
        if used >= EMERGENCY_ACCESS_PER_DAY:
            raise ValidationError(
                _("You have used emergency access %(count)d times in the last day. Ask a supervisor.") % {"count": used}
            )
        case = case_for_emergency(actor, number)
        if case is None:
            raise ValidationError(
                {"case_number": [_("No case of your organisation with this number can be opened this way.")]}
            )
        grant = EmergencyAccess.objects.create(
            case=case,
            user=actor,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(hours=EMERGENCY_ACCESS_HOURS),
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.OPEN_IN_EMERGENCY,
            section=Section.ACCESS_LOG,
            changes={"emergency_access": (None, grant.pk), "until": (None, grant.expires_at), "reason": (None, reason)},
        )
        supervisors = (
            [case.supervisor]
            if case.supervisor is not None and case.supervisor.is_active
            else list(
                User.objects.filter(
                    organisation_id=case.organisation_id, is_active=True, role_grants__role=Role.SUPERVISOR
                ).distinct()
            )
        )
        Notification.objects.bulk_create(
            [
                Notification(
                    user=supervisor,
                    kind=NotificationKind.EMERGENCY_ACCESS,
                    key=f"emergency:{grant.pk}",
                    case=case,
                    created_at=now,
                )
                for supervisor in supervisors
                if supervisor.pk != actor.pk
            ]
        )
    return case
