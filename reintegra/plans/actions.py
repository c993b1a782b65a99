"""Plan workflows: one transaction each, with the audit record inside it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import User
from reintegra.assessments.catalogue import AREAS_BY_CODE
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.consents.actions import ConsentDecision, record_consent
from reintegra.consents.models import Consent, ConsentGiver, ConsentScope, ConsentStatus, keep_reconfirmation_dates
from reintegra.core.dates import require_plausible
from reintegra.core.errors import Conflict
from reintegra.family.models import FamilyMember
from reintegra.orgs.models import Organisation
from reintegra.plans import printable
from reintegra.plans.models import Action, ActionStatus, Agreement, Delivery, Goal, Plan, SupportItem


def _require_current(plan: Plan) -> None:
    """An earlier episode's plan is kept as it was agreed: what happened then stays readable."""
    if plan.episode != plan.case.episode:
        raise ValidationError(_("This plan belongs to an earlier episode of the case and can no longer change."))


def create_plan(
    *, actor: User, case: Case, review_on: date, in_own_words: str = "", agreed_on: date | None = None
) -> Plan:
    require_plausible(past={"agreed_on": agreed_on}, ahead={"review_on": review_on})
    with transaction.atomic():
        if Plan.objects.select_for_update().filter(case=case, episode=case.episode).exists():
            raise Conflict(_("This case has a plan already."))
        plan = Plan.objects.create(
            case=case,
            episode=case.episode,
            review_on=review_on,
            agreed_on=agreed_on,
            in_own_words=in_own_words,
            created_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.CREATE_PLAN,
            changes={"review_on": (None, review_on), "agreed_on": (None, agreed_on)},
        )
    return plan


def update_plan(*, actor: User, plan: Plan, review_on: date, agreed_on: date | None, in_own_words: str) -> None:
    _require_current(plan)
    require_plausible(past={"agreed_on": agreed_on}, ahead={"review_on": review_on})
    new = {"review_on": review_on, "agreed_on": agreed_on, "in_own_words": in_own_words}
    changes = {name: (getattr(plan, name), value) for name, value in new.items() if getattr(plan, name) != value}
    if not changes:
        return
    with transaction.atomic():
        for name, value in new.items():
            setattr(plan, name, value)
        plan.save()
        log.log_change(actor=actor, case=plan.case, action=AuditAction.UPDATE_PLAN, changes=changes)


def _require_room(plan: Plan, *, goals: bool) -> None:
    """One plan holds at most Plan.MAX_GOALS goals and Plan.MAX_ACTIONS actions. The plan's row is
    locked first, so that two workers adding at once cannot both take the last place."""
    list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True))
    if goals and plan.goals.count() >= Plan.MAX_GOALS:
        raise ValidationError(_("This plan already has %(n)d goals, the most one plan holds.") % {"n": Plan.MAX_GOALS})
    if not goals and plan.actions.count() >= Plan.MAX_ACTIONS:
        raise ValidationError(
            _("This plan already has %(n)d actions, the most one plan holds.") % {"n": Plan.MAX_ACTIONS}
        )


def add_goal(*, actor: User, plan: Plan, area: str, description: str) -> Goal:
    _require_current(plan)
    with transaction.atomic():
        _require_room(plan, goals=True)
        goal = Goal.objects.create(plan=plan, area=area, description=description)
        log.log_change(
            actor=actor,
            case=plan.case,
            action=AuditAction.ADD_GOAL,
            changes={"goal": (None, goal.pk), "area": (None, area)},
        )
    return goal


def add_action(
    *,
    actor: User,
    plan: Plan,
    area: str,
    description: str,
    responsible: User,
    delivery: str = Delivery.OUR_TEAM,
    provider: Organisation | None = None,
    goal: Goal | None = None,
    starts_on: date | None = None,
    due_on: date | None = None,
    family_member: FamilyMember | None = None,
) -> Action:
    _require_current(plan)
    if responsible.organisation_id != plan.case.organisation_id or not responsible.does_casework:
        raise ValidationError({"responsible": _("The responsible worker must do casework in this organisation.")})
    if delivery == Delivery.REFERRAL and provider is None:
        raise ValidationError({"provider": _("Name the provider the person would be referred to.")})
    if goal is not None and goal.plan_id != plan.pk:
        raise ValidationError({"goal": _("That goal belongs to another plan.")})
    if family_member is not None and family_member.case_id != plan.case_id:
        raise ValidationError({"family_member": _("That family member belongs to another case.")})
    require_plausible(ahead={"starts_on": starts_on, "due_on": due_on})
    if starts_on and due_on and due_on < starts_on:
        raise ValidationError({"due_on": _("An action cannot be due before it starts.")})
    with transaction.atomic():
        _require_room(plan, goals=False)
        action = Action.objects.create(
            plan=plan,
            goal=goal,
            area=area,
            description=description,
            delivery=delivery,
            provider=provider if delivery == Delivery.REFERRAL else None,
            responsible=responsible,
            starts_on=starts_on,
            due_on=due_on,
            family_member=family_member,
        )
        log.log_change(
            actor=actor,
            case=plan.case,
            action=AuditAction.ADD_ACTION,
            changes={
                "action": (None, action.pk),
                "area": (None, area),
                **({"family_member": (None, family_member.pk)} if family_member else {}),
            },
        )
    return action


# How long an agreement to an action stands before it is asked again, when the plan's own
# review is not later: six months, as the plan reviews usually come.
CONSENT_STANDS_FOR = timedelta(days=182)


def _consent_review_date(plan: Plan, decided_on: date) -> date:
    """Re-confirm with the plan's review, or six months on if that review is already past: a
    consent given today was due at once when the plan's review date had passed."""
    return plan.review_on if plan.review_on > decided_on else decided_on + CONSENT_STANDS_FOR


def record_decision(
    *,
    actor: User,
    action: Action,
    agreement: str,
    decided_on: date,
    information_given: str,
    language: str,
    declined_reason: str = "",
    given_by: str = ConsentGiver.SELF,
    giver_name: str = "",
    understood: bool = False,
    child_view: str = "",
    child_view_note: str = "",
) -> Action:
    """The person (or for a child, a parent, guardian or court) agrees to or declines one action.
    The decision is kept as a consent record, with whether understanding was checked; a declined
    action is set aside with its reason, and nothing else about the case changes."""
    if agreement not in (Agreement.AGREED, Agreement.DECLINED):
        raise ValidationError(_("Record whether the person agreed or declined."))
    plan = action.plan
    _require_current(plan)
    with transaction.atomic():
        consent = record_consent(
            actor=actor,
            case=plan.case,
            decision=ConsentDecision(
                scope=ConsentScope.SERVICE,
                # Not a copy of the description: the consent points at the action and takes its
                # section, so it is shown to exactly those who may see the action.
                subject="",
                plan_action_id=action.pk,
                section=AREAS_BY_CODE[action.area].section,
                status=ConsentStatus.GIVEN if agreement == Agreement.AGREED else ConsentStatus.DECLINED,
                decided_on=decided_on,
                information_given=information_given,
                language=language,
                given_by=given_by,
                giver_name=giver_name,
                understood=understood,
                child_view=child_view,
                child_view_note=child_view_note,
                review_on=_consent_review_date(plan, decided_on) if agreement == Agreement.AGREED else None,
                note=declined_reason,
            ),
        )
        old = action.agreement
        action.agreement, action.consent = agreement, consent
        action.declined_reason = declined_reason if agreement == Agreement.DECLINED else ""
        if agreement == Agreement.DECLINED:
            action.status = ActionStatus.CANCELLED
        action.save()
        if agreement == Agreement.DECLINED:
            # Cancelled now: an earlier consent to it no longer asks (record_consent kept the date
            # before the action changed).
            keep_reconfirmation_dates([plan.case_id])
        log.log_change(
            actor=actor, case=plan.case, action=AuditAction.ACTION_DECISION, changes={"agreement": (old, agreement)}
        )
    return action


def _require_consent_in_force(action: Action) -> None:
    """Nothing new rests on a consent that was withdrawn or has lapsed (past its re-confirmation
    date): the person is asked again first."""
    consent = Consent.objects.current_of_thread(action.consent.thread_id) if action.consent else None
    if consent is not None and consent.status == ConsentStatus.DECLINED:
        raise ValidationError(_("The person declined this action. Record a new decision before going ahead."))
    if consent is not None and not consent.is_in_force(timezone.localdate()):
        raise ValidationError(
            _("The person's consent to this action has lapsed or was withdrawn. Ask them again before going on.")
        )


def set_action_status(*, actor: User, action: Action, status: str) -> None:
    _require_current(action.plan)
    if action.agreement == Agreement.DECLINED and status != ActionStatus.CANCELLED:
        raise ValidationError(_("The person declined this action. Record a new decision before going ahead."))
    if status == ActionStatus.IN_PROGRESS:
        _require_consent_in_force(action)
    with transaction.atomic():
        old = action.status
        action.status = status
        action.save(update_fields=["status"])
        # Once the action is done or cancelled, its consent no longer asks to be re-confirmed.
        keep_reconfirmation_dates([action.plan.case_id])
        log.log_change(
            actor=actor, case=action.plan.case, action=AuditAction.ACTION_STATUS, changes={"status": (old, status)}
        )


def add_support_item(
    *,
    actor: User,
    action: Action,
    kinds: list[str],
    amount: Decimal,
    currency: str,
    given_on: date,
    purpose: str = "",
    funding_line: str = "",
    family_assistance: bool = False,
    quantity: int | None = None,
) -> SupportItem:
    _require_current(action.plan)
    _require_consent_in_force(action)
    # Support under an action for a family member is family assistance, whatever the form said.
    family_assistance = family_assistance or action.family_member_id is not None
    with transaction.atomic():
        list(Action.objects.select_for_update().filter(pk=action.pk).values_list("pk", flat=True))
        if action.support_items.count() >= Action.MAX_SUPPORT_ITEMS:
            raise ValidationError(
                _(
                    "This action already has %(n)d support items, the most one action holds; record further support under a new action."
                )
                % {"n": Action.MAX_SUPPORT_ITEMS}
            )
        item = SupportItem.objects.create(
            action=action,
            kinds=SupportItem.join_kinds(kinds),
            quantity=quantity,
            amount=amount,
            currency=currency.upper(),
            given_on=given_on,
            purpose=purpose,
            funding_line=funding_line,
            family_assistance=family_assistance,
            recorded_by=actor,
        )
        log.log_change(
            actor=actor,
            case=action.plan.case,
            action=AuditAction.ADD_SUPPORT,
            changes={"support": (None, item.pk), "amount": (None, f"{amount} {currency.upper()}")},
        )
    return item


def print_plan(
    *,
    actor: User,
    plan: Plan,
    person_name: str,
    goals: list[Goal],
    actions: list[Action],
    next_meeting: date | None,
    choice: printable.PrintChoice,
) -> bytes:
    """The PDF the person takes home. Refuses when a chosen text would say why the person is
    supported; the audit trail records what was printed, in which language, but not the text."""
    html = printable.document_html(
        plan=plan,
        person_name=person_name,
        goals=goals,
        actions=actions,
        next_meeting=next_meeting,
        choice=choice,
        today=timezone.localdate(),
    )
    found = printable.words_to_avoid_in(printable.visible_text(html))
    if found:
        raise ValidationError(
            _(
                "Something chosen for printing says why the person is supported (%(words)s). "
                "Reword it or leave it out: this paper may be read by anyone."
            )
            % {"words": ", ".join(found)}
        )
    pdf = printable.render_pdf(html)
    with transaction.atomic():
        log.log_change(
            actor=actor,
            case=plan.case,
            action=AuditAction.PRINT_PLAN,
            changes={
                "language": (None, choice.language),
                "goals": (None, len(choice.goal_ids)),
                "actions": (None, len(choice.action_ids)),
                "name": (None, choice.include_name),
                "own_words": (None, choice.include_own_words),
                "helpers": (None, choice.include_helpers),
                "dates": (None, choice.include_dates),
            },
        )
    return pdf
