"""Who acts on a person's data as a whole: exporting everything held about them, placing and
lifting a legal hold, erasing. Each reaches every section of every case of the person, so only a
supervisor who supervises the case and is on its team does it: not another member of the team,
not another supervisor of the organisation, not someone under emergency access, not another
organisation. Anyone else gets 404.

Data-sharing agreements are the organisation's: its administrators record and end them, and
its administrators and supervisors read them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from reintegra.access.sections import Section
from reintegra.accounts.models import Role, User
from reintegra.audit.models import AuditAction
from reintegra.cases.access import cases_supervised_by, get_case_for_user, supervises
from reintegra.cases.models import Case, CaseTeamMember
from reintegra.privacy.models import (
    Anonymisation,
    DataSharingAgreement,
    DataSharingAgreementQuerySet,
    LegalHold,
    LegalHoldQuerySet,
    SharingPurpose,
)

ALL_SECTIONS = tuple(Section.values)


def get_case_for_privacy(user: User, case_id: int, *, action: AuditAction = AuditAction.VIEW) -> Case:
    """The case, for a supervisor who supervises it and is on its team (its named supervisor, or
    a supervisor on the team of a case that names none): the one who opens every team-only
    section of it anyway. Checked before the case is read, so a refusal reads and logs nothing."""
    on_team = Exists(CaseTeamMember.objects.filter(case=OuterRef("pk"), user_id=user.pk))
    if not cases_supervised_by(user).filter(Q(supervisor_id=user.pk) | on_team, pk=case_id).exists():
        raise Http404
    return get_case_for_user(user, case_id, write=True, sections=ALL_SECTIONS, action=action)


def acts_for_person(user: User, case: Case) -> bool:
    """The rule above, with no query, for a case read through get_case_for_user (the case
    page's link)."""
    return supervises(user, case) and (case.supervisor_id == user.pk or bool(getattr(case, "user_in_team", False)))


def may_read_agreements(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.ORG_ADMIN, Role.SUPERVISOR)


def may_record_agreements(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.ORG_ADMIN)


def agreements_visible_to(user: User) -> DataSharingAgreementQuerySet:
    if not may_read_agreements(user):
        return DataSharingAgreement.objects.none()
    return DataSharingAgreement.objects.filter(organisation_id=user.organisation_pk)


def get_agreement_for_admin(user: User, agreement_id: int) -> DataSharingAgreement:
    if not may_record_agreements(user):
        raise Http404
    agreement = agreements_visible_to(user).filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404
    return agreement


def shares_network_figures(user: User) -> bool:
    """Whether the user's organisation has an agreement in force for the network's figures."""
    return (
        agreements_visible_to(user)
        .in_force(timezone.localdate())
        .filter(purpose=SharingPurpose.NETWORK_REPORTS)
        .exists()
    )


# What follows reads records of a case already reached through get_case_for_privacy.


def holds_of(case: Case) -> LegalHoldQuerySet:
    """Holds on any case of the person: a hold on one keeps the person's data as a whole."""
    return LegalHold.objects.filter(case__person=case.person_id)


def other_cases_of(case: Case) -> QuerySet[Case]:
    return Case.objects.filter(person=case.person_id).exclude(pk=case.pk).order_by("opened_on")


def anonymisation_of(case: Case) -> Anonymisation | None:
    return Anonymisation.objects.filter(person=case.person_id).first()
