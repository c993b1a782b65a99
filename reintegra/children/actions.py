"""Child-protection workflows. Each runs in one transaction with its audit record, and refuses
bad input with a message per field before anything is written."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases import indexing
from reintegra.cases.models import Case, Person
from reintegra.children.models import (
    PLACEMENT_SOLUTIONS,
    AgeAssessment,
    AgeOutcome,
    BestInterestsAssessment,
    BestInterestsDetermination,
    GuardianConsultation,
    GuardianEntry,
    GuardianStatus,
    Placement,
    PlacementReview,
    TracingRequest,
    TracingStep,
    TracingStepKind,
    YouthTransition,
    current_guardianship,
    placement_state,
)
from reintegra.core.dates import plausibility_error

SECTION = Section.CHILD_PROTECTION


def _refuse_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _past(errors: dict[str, str], name: str, value: date | None) -> None:
    problem = plausibility_error(value, past_only=True) if value else None
    if problem:
        errors[name] = problem


def _required(errors: dict[str, str], **values: str) -> None:
    for name, value in values.items():
        if not value.strip():
            errors[name] = _("This is required.")


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def record_age_assessment(
    *,
    actor: User,
    case: Case,
    on: date,
    outcome: str,
    birth_date: date | None = None,
    assessed_by: str = "",
    note: str = "",
) -> AgeAssessment:
    """A dispute keeps the person a child for every rule of the system; a confirmation settles
    it, and a date of birth established on the way becomes the person's."""
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    _past(errors, "birth_date", birth_date)
    if birth_date and outcome == AgeOutcome.ADULT and _age_on(birth_date, on) < 18:
        errors["birth_date"] = _("With this date of birth the person was under 18 on the day of the assessment.")
    if birth_date and outcome == AgeOutcome.CHILD and _age_on(birth_date, on) >= 18:
        errors["birth_date"] = _("With this date of birth the person was already 18 on the day of the assessment.")
    if birth_date and outcome == AgeOutcome.DISPUTED:
        errors["birth_date"] = _("A disputed age has no established date of birth yet: leave it empty.")
    _refuse_if(errors)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=case.person_id)
        before = {"age_disputed": person.age_disputed, "birth_date": person.birth_date}
        person.age_disputed = outcome == AgeOutcome.DISPUTED
        if birth_date:
            person.birth_date = birth_date
        person.save()
        if birth_date:
            indexing.reindex(person)
        case.person = person
        assessment = AgeAssessment.objects.create(
            case=case,
            on=on,
            outcome=outcome,
            birth_date=birth_date,  # type: ignore[misc]  # an encrypted date, stored as text
            assessed_by=assessed_by,
            note=note,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_AGE,
            section=SECTION,
            changes={
                "age_assessment": (None, assessment.pk),
                "outcome": (None, outcome),
                "age_disputed": (before["age_disputed"], person.age_disputed),
                # Whether the date changed, never the date itself: the trail holds no identifier.
                "birth_date_changed": (False, bool(birth_date) and birth_date != before["birth_date"]),
            },
        )
    return assessment


def record_guardian(
    *,
    actor: User,
    case: Case,
    status: str,
    on: date,
    guardian: str = "",
    authority: str = "",
    contact: str = "",
    note: str = "",
) -> GuardianEntry:
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    if status == GuardianStatus.APPOINTED:
        _required(errors, guardian=guardian, authority=authority)
    current = current_guardianship(case)
    if status == GuardianStatus.ENDED and (current is None or current.status != GuardianStatus.APPOINTED):
        errors["status"] = _("Only an appointed guardian's role can end.")
    _refuse_if(errors)
    with transaction.atomic():
        entry = GuardianEntry.objects.create(
            case=case,
            status=status,
            on=on,
            guardian=guardian.strip(),
            authority=authority.strip(),
            contact=contact.strip(),
            note=note,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_GUARDIAN,
            section=SECTION,
            changes={"guardian_entry": (None, entry.pk), "status": (current.status if current else None, status)},
        )
    return entry


def record_consultation(
    *, actor: User, case: Case, on: date, about: str, guardian_view: str = ""
) -> GuardianConsultation:
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    _required(errors, about=about)
    current = current_guardianship(case)
    if current is None or current.status != GuardianStatus.APPOINTED:
        errors["about"] = _("Record the guardian's appointment first: there is no guardian to consult yet.")
    _refuse_if(errors)
    if current is None:  # refused just above; said again for the type checker
        raise ValidationError(errors)
    with transaction.atomic():
        consultation = GuardianConsultation.objects.create(
            case=case, guardian=current, on=on, about=about, guardian_view=guardian_view, recorded_by=actor
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_GUARDIAN_CONSULTATION,
            section=SECTION,
            changes={"guardian_consultation": (None, consultation.pk)},
        )
    return consultation


def record_assessment(
    *,
    actor: User,
    case: Case,
    on: date,
    action_considered: str,
    findings: str,
    child_views: str,
    recommendation: str = "",
) -> BestInterestsAssessment:
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    _required(errors, action_considered=action_considered, findings=findings, child_views=child_views)
    _refuse_if(errors)
    with transaction.atomic():
        assessment = BestInterestsAssessment.objects.create(
            case=case,
            on=on,
            action_considered=action_considered,
            findings=findings,
            child_views=child_views,
            recommendation=recommendation,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_BIA,
            section=SECTION,
            changes={"best_interests_assessment": (None, assessment.pk)},
        )
    return assessment


def record_determination(
    *,
    actor: User,
    case: Case,
    decided_on: date,
    panel: list[str],
    family_safety: str,
    carers_complicit: str,
    family_assessment: str,
    child_views: str,
    decision: str,
    durable_solution: str,
    review_on: date,
    other_factors: str = "",
    parents_views: str = "",
) -> BestInterestsDetermination:
    """Record a determination for approval. It needs a panel, a family and risk assessment, the
    child's own views and a date to review it by; it takes effect once approved."""
    errors: dict[str, str] = {}
    _past(errors, "decided_on", decided_on)
    panel = [member.strip() for member in panel if member.strip()]
    if not panel:
        errors["panel"] = _("Name the members of the panel, one a line.")
    _required(errors, family_assessment=family_assessment, child_views=child_views, decision=decision)
    if review_on <= decided_on:
        errors["review_on"] = _("The review falls after the day of the decision.")
    if not BestInterestsAssessment.objects.filter(case=case, on__lte=decided_on).exists():
        errors["decision"] = _("Record a best-interests assessment first: a determination weighs what it found.")
    _refuse_if(errors)
    with transaction.atomic():
        determination = BestInterestsDetermination.objects.create(
            case=case,
            decided_on=decided_on,
            panel=panel,  # type: ignore[misc]  # an encrypted list, stored as text
            family_safety=family_safety,
            carers_complicit=carers_complicit,
            family_assessment=family_assessment,
            other_factors=other_factors,
            child_views=child_views,
            parents_views=parents_views,
            decision=decision,
            durable_solution=durable_solution,
            review_on=review_on,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_BID,
            section=SECTION,
            changes={
                "best_interests_determination": (None, determination.pk),
                "durable_solution": (None, durable_solution),
                "carers_complicit": (None, carers_complicit),
            },
        )
    return determination


def approve_determination(*, actor: User, determination: BestInterestsDetermination) -> BestInterestsDetermination:
    """A supervisor who did not write it approves it; from then on it stands as written."""
    if not actor.has_role(Role.SUPERVISOR):
        raise ValidationError(_("Only a supervisor may approve a best-interests determination."))
    if determination.recorded_by_id == actor.pk:
        raise ValidationError(_("A determination is approved by someone other than the person who recorded it."))
    with transaction.atomic():
        current = BestInterestsDetermination.objects.select_for_update().get(pk=determination.pk)
        if current.is_approved:
            raise ValidationError(_("This determination is already approved."))
        now = timezone.now()
        BestInterestsDetermination.objects.filter(pk=determination.pk).update(approved_by=actor, approved_at=now)
        determination.approved_by, determination.approved_at = actor, now
        log.log_change(
            actor=actor,
            case=determination.case,
            action=AuditAction.APPROVE_BID,
            section=SECTION,
            changes={"best_interests_determination": (determination.pk, determination.pk), "approved": (False, True)},
        )
    return determination


def request_tracing(
    *, actor: User, case: Case, relative: str, requested_on: date, child_agreed: bool, relationship: str = ""
) -> TracingRequest:
    errors: dict[str, str] = {}
    _past(errors, "requested_on", requested_on)
    _required(errors, relative=relative)
    if not child_agreed:
        errors["child_agreed"] = _("Tracing starts only once the child has agreed to it.")
    if not BestInterestsAssessment.objects.filter(case=case, on__lte=requested_on).exists():
        errors["relative"] = _("Record a best-interests assessment before starting to trace relatives.")
    _refuse_if(errors)
    with transaction.atomic():
        tracing = TracingRequest.objects.create(
            case=case,
            relative=relative.strip(),
            relationship=relationship.strip(),
            requested_on=requested_on,
            child_agreed=child_agreed,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_TRACING,
            section=SECTION,
            changes={"tracing": (None, tracing.pk)},
        )
    return tracing


def record_tracing_step(
    *, actor: User, tracing: TracingRequest, kind: str, on: date, safe_to_contact: bool | None = None, note: str = ""
) -> TracingStep:
    """Contact with a relative, and finding them, only after a safety check found contact safe
    (the latest check counts: a later one may withdraw the clearance)."""
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    if on < tracing.requested_on:
        errors["on"] = _("A step comes after the request it belongs to.")
    if kind == TracingStepKind.SAFETY_CHECKED and safe_to_contact is None:
        errors["safe_to_contact"] = _("Say whether the check found contact safe.")
    if kind != TracingStepKind.SAFETY_CHECKED:
        safe_to_contact = None
    steps = list(tracing.steps.order_by("on", "pk"))
    if any(step.kind in (TracingStepKind.STOPPED, TracingStepKind.NOT_FOUND) for step in steps):
        errors["kind"] = _("This tracing has ended: start a new request to trace again.")
    checks = [step for step in steps if step.kind == TracingStepKind.SAFETY_CHECKED and step.on <= on]
    if kind in (TracingStepKind.CONTACT_MADE, TracingStepKind.FOUND) and not (checks and checks[-1].safe_to_contact):
        errors["kind"] = _("No contact before a safety check has found it safe for the child and the relatives.")
    _refuse_if(errors)
    with transaction.atomic():
        step = TracingStep.objects.create(
            tracing=tracing, kind=kind, on=on, safe_to_contact=safe_to_contact, note=note, recorded_by=actor
        )
        log.log_change(
            actor=actor,
            case=tracing.case,
            action=AuditAction.RECORD_TRACING,
            section=SECTION,
            changes={"tracing": (tracing.pk, tracing.pk), "step": (None, kind)},
        )
    return step


def record_placement(
    *,
    actor: User,
    case: Case,
    kind: str,
    started_on: date,
    carer: str,
    child_views: str,
    determination: BestInterestsDetermination | None = None,
) -> Placement:
    """A placement with parents or relatives carries out a durable solution, so it needs an
    approved determination that chose it; any placement needs the child's views."""
    errors: dict[str, str] = {}
    _past(errors, "started_on", started_on)
    _required(errors, carer=carer, child_views=child_views)
    solution = PLACEMENT_SOLUTIONS.get(kind)  # type: ignore[call-overload]
    if determination is not None and determination.case_id != case.pk:
        errors["determination"] = _("Choose a determination of this child's case.")
    elif solution is not None:
        if determination is None:
            errors["determination"] = _(
                "A placement with family or relatives needs an approved best-interests determination that chose it."
            )
        elif not determination.is_approved:
            errors["determination"] = _("This determination is still awaiting approval.")
        elif determination.durable_solution != solution:
            errors["determination"] = _("This determination chose another durable solution: %(solution)s.") % {
                "solution": determination.get_durable_solution_display()
            }
    _refuse_if(errors)
    with transaction.atomic():
        placement = Placement.objects.create(
            case=case,
            kind=kind,
            started_on=started_on,
            carer=carer.strip(),
            child_views=child_views,
            determination=determination,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.RECORD_PLACEMENT,
            section=SECTION,
            changes={"placement": (None, placement.pk), "kind": (None, kind)},
        )
    return placement


def review_placement(
    *, actor: User, placement: Placement, on: date, outcome: str, child_views: str, findings: str = ""
) -> PlacementReview:
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    _required(errors, child_views=child_views)
    if on < placement.started_on:
        errors["on"] = _("A review comes after the placement started.")
    ended, _due = placement_state(placement)
    if ended is not None:
        errors["outcome"] = _("This placement has ended.")
    _refuse_if(errors)
    with transaction.atomic():
        review = PlacementReview.objects.create(
            placement=placement, on=on, outcome=outcome, child_views=child_views, findings=findings, recorded_by=actor
        )
        log.log_change(
            actor=actor,
            case=placement.case,
            action=AuditAction.REVIEW_PLACEMENT,
            section=SECTION,
            changes={"placement": (placement.pk, placement.pk), "outcome": (None, outcome)},
        )
    return review


def move_to_youth_support(*, actor: User, case: Case, on: date, note: str = "") -> YouthTransition:
    """At 18 the person leaves child protection for youth support; nothing of the child's record
    is changed or hidden."""
    errors: dict[str, str] = {}
    _past(errors, "on", on)
    person = case.person
    if person.age_disputed:
        errors["on"] = _("The person's age is disputed: settle it before moving them to youth support.")
    elif person.is_child_on(on):
        errors["on"] = _("The person is under 18 on that day.")
    if YouthTransition.objects.filter(case=case).exists():
        errors["on"] = _("The person has already moved to youth support.")
    _refuse_if(errors)
    with transaction.atomic():
        transition = YouthTransition.objects.create(case=case, on=on, note=note, recorded_by=actor)
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.MOVE_TO_YOUTH_SUPPORT,
            section=SECTION,
            changes={"youth_support_from": (None, on.isoformat())},
        )
    return transition
