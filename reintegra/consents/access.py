"""Consents belong to a case: visible when the case is, through the case access layer."""

from __future__ import annotations

from django.http import Http404

from reintegra.accounts.models import User
from reintegra.cases.access import get_case_for_user
from reintegra.cases.models import Case
from reintegra.consents.models import Consent


def get_case_with_consents(user: User, case_id: int, *, write: bool = False) -> Case:
    return get_case_for_user(user, case_id, write=write, action="view_consents")


def get_consent_for_user(user: User, case_id: int, consent_id: int, *, write: bool = False) -> Consent:
    case = get_case_with_consents(user, case_id, write=write)
    consent = Consent.objects.filter(case=case, pk=consent_id).first()
    if consent is None:
        raise Http404
    consent.case = case
    return consent
