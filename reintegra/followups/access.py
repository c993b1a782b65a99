"""Follow-up records hang off a case and are reached through the case access layer."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import User
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case
from reintegra.followups.models import ContactPreference, FollowUp


def get_case_for_followup(user: User, case_id: int, *, write: bool = False) -> Case:
    """Follow-up is about reaching the person safely: who may answer, what may be said, what
    they raised. All of it is the safety section, so the page and its API need it."""
    case = get_case_for_user(
        user, case_id, write=write, sections=(Section.SUMMARY, Section.SAFETY), action="view_followup"
    )
    if Section.SAFETY not in case.visible_sections:
        raise Http404
    return case


def followup_of(case: Case) -> FollowUp | None:
    return FollowUp.objects.filter(case=case).first()


def preference_of(case: Case) -> ContactPreference | None:
    return ContactPreference.objects.filter(case=case).first()
