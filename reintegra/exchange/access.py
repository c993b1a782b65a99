"""Who reaches what of the exchange. Incoming referrals: the service providers of the organisation
they are for, nobody else (404). Importing a package: a member of an organisation that sends or
receives referrals; the package itself then decides (it is for one organisation, and an answer
for one case's team). Partners and fingerprints: network coordinators and organisation admins.

Case records in HTCDS columns, out (export) and in (bulk import): supervisors, who see their
organisation's cases. The export holds only the cases the supervisor may see, each with the
sections they may open, and only those whose person agreed to their record being passed on. An
import's batch is seen by the supervisor who brought the file in, nobody else (it quotes it)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.http import Http404
from django.utils import timezone

from reintegra.accounts.models import Role, User
from reintegra.cases.access import cases_to_write_out
from reintegra.cases.models import Case, CaseQuerySet
from reintegra.consents.models import ConsentScope, latest_decision_stands
from reintegra.exchange import records
from reintegra.exchange.models import ImportBatch, IncomingReferral, IncomingReferralQuerySet
from reintegra.referrals.access import receives_referrals


def incoming_for(user: User) -> IncomingReferralQuerySet:
    if not receives_referrals(user):
        return IncomingReferral.objects.none()
    return IncomingReferral.objects.for_organisation(user.organisation_pk)


def get_incoming_for_user(user: User, incoming_id: int) -> IncomingReferral:
    incoming = incoming_for(user).select_related("partner", "to_organisation").filter(pk=incoming_id).first()
    if incoming is None:
        raise Http404
    return incoming


def may_import(user: User) -> bool:
    return (
        user.is_active
        and user.organisation_id is not None
        and user.has_role(Role.SERVICE_PROVIDER, Role.CASE_WORKER, Role.SUPERVISOR)
    )


def require_import(user: User) -> None:
    if not may_import(user):
        raise Http404


def sees_keys(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.COORDINATOR, Role.ORG_ADMIN)


def moves_records(user: User) -> bool:
    return user.is_active and user.organisation_id is not None and user.has_role(Role.SUPERVISOR)


def require_moves_records(user: User) -> None:
    if not moves_records(user):
        raise Http404


def cases_to_export(user: User, *, on: date) -> tuple[CaseQuerySet, CaseQuerySet]:
    """The cases the user may write out, split by the person's standing consent to passing their
    record on (given, and not past its re-confirmation date, on `on`): (agreed, not agreed)."""
    if not moves_records(user):
        none = cases_to_write_out(user).none()
        return none, none
    # The person's latest word counts: an older "yes" left standing in its own thread does not
    # outvote a later "no" recorded as a new decision rather than as a withdrawal.
    agreed = latest_decision_stands(ConsentScope.RECORD_TRANSFER, on)
    cases = cases_to_write_out(user)
    return cases.filter(agreed), cases.exclude(agreed)


def imports_for(user: User) -> models.QuerySet[ImportBatch]:
    if not moves_records(user):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(organisation_id=user.organisation_pk, uploaded_by_id=user.pk)


def get_import_for_user(user: User, batch_id: int) -> ImportBatch:
    batch = imports_for(user).filter(pk=batch_id).first()
    if batch is None:
        raise Http404
    return batch


def attach_export_related(cases: list[Case], sections: dict[int, frozenset[str]]) -> None:
    """Look up, in two queries for all the cases, the records some columns write, keeping for
    each case only those in sections its reader may open (`sections`, by case id)."""
    from reintegra.assessments.catalogue import AREAS_BY_CODE
    from reintegra.assessments.models import Observation
    from reintegra.referrals.models import Referral

    ids = [case.pk for case in cases]
    education: dict[int, str] = {}
    # Whole records: an encrypted answer is only read with its record.
    schooling = (
        Observation.objects.filter(assessment__case_id__in=ids, area="EDU", field="education_level")
        .select_related("assessment")
        .only("section", "value", "assessment__case_id", "assessment__version")
        .order_by("assessment__case_id", "-assessment__version")
    )
    for answer in schooling:
        case_id = answer.assessment.case_id
        if case_id not in education and answer.section in sections[case_id]:
            education[case_id] = records.PICKLISTS["prs_HighestLevelOfEducation"].code(str(answer.value or ""))
    referrals: dict[int, tuple[str, date, str]] = {}
    sent = (
        Referral.objects.filter(case_id__in=ids, sent_at__isnull=False, family_member__isnull=True)
        .order_by("case_id", "-sent_at", "-pk")
        .values_list("case_id", "area", "sent_at", "reason_kind", "to_organisation__name", "to_partner__name")
    )
    for case_id, area, sent_at, reason_kind, organisation, partner in sent:
        if case_id not in referrals and AREAS_BY_CODE[area].section in sections[case_id]:
            referrals[case_id] = (organisation or partner or "", timezone.localdate(sent_at), reason_kind)
    for case in cases:
        to, on, reason = referrals.get(case.pk, ("", None, ""))
        records.with_related(
            case,
            records.Related(
                education=education.get(case.pk, ""), referred_to=to, referred_on=on, referral_reason=reason
            ),
        )
