"""Outcome ratings are sensitive (R1): only the case's team sees them, through the case
access layer."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from reintegra.accounts.models import User
from reintegra.audit.models import Section
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case


def get_case_for_outcomes(user: User, case_id: int, *, write: bool = False) -> Case:
    case = get_case_for_user(user, case_id, write=write, sections=(Section.SENSITIVE,), action="view_outcomes")
    if Section.SENSITIVE not in case.visible_sections:
        raise PermissionDenied
    return case
