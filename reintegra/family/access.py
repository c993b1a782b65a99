"""Family members are reached through their case: the case access layer decides, and each
read is logged there. Their names need the identity section; their needs follow the same
per-area sections as the person's own assessment."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from reintegra.accounts.models import User
from reintegra.assessments.access import ASSESSMENT_SECTIONS
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case
from reintegra.family.models import FamilyMember, FamilyNeed
from reintegra.plans.access import visible_area_codes
from reintegra.plans.models import Action


def get_case_with_family(user: User, case_id: int, *, write: bool = False) -> Case:
    case = get_case_for_user(
        user, case_id, write=write, sections=(Section.IDENTITY, *ASSESSMENT_SECTIONS), action="view_family"
    )
    if Section.IDENTITY not in case.visible_sections:
        raise Http404
    return case


def members_of(case: Case) -> QuerySet[FamilyMember]:
    """Family members of a case the caller obtained from the access layer, with the needs and
    plan actions the caller may see."""
    areas = visible_area_codes(case)
    return (
        FamilyMember.objects.filter(case=case)
        .select_related("person")
        .prefetch_related(
            Prefetch("needs", queryset=FamilyNeed.objects.filter(area__in=areas)),
            Prefetch(
                "plan_actions",
                queryset=Action.objects.filter(area__in=areas).prefetch_related("support_items"),
            ),
        )
    )


def family_of(case: Case) -> QuerySet[FamilyMember]:
    """Just the members, for choosing whom a plan action is for. Names are identity data, so
    a caller without the identity section gets none."""
    if Section.IDENTITY not in case.visible_sections:
        return FamilyMember.objects.none()
    return FamilyMember.objects.filter(case=case).select_related("person")


def get_member_for_user(user: User, case_id: int, member_id: int, *, write: bool = False) -> FamilyMember:
    case = get_case_with_family(user, case_id, write=write)
    member = FamilyMember.objects.filter(case=case, pk=member_id).select_related("person").first()
    if member is None:
        raise Http404
    member.case = case
    return member


def get_need_for_user(user: User, case_id: int, need_id: int, *, write: bool = False) -> FamilyNeed:
    case = get_case_with_family(user, case_id, write=write)
    need = (
        FamilyNeed.objects.filter(member__case=case, pk=need_id, area__in=visible_area_codes(case))
        .select_related("member")
        .first()
    )
    if need is None:
        raise Http404
    need.member.case = case
    return need
