"""Every URL pattern of the project, and every API operation, walked as every persona who must
get less than the case's team: an outsider from another organisation, a colleague who is not on
the case's team, colleagues whose roles exclude casework, and a supervisor outside the team,
who sees the case's summary but none of its sensitive sections.

The victim case holds one record of every kind, each with a distinctive value. A persona may
get no value it may not see in any response, GET or POST, and a URL naming a record it may not
see must answer 404: not a redirect (a POST view redirects whether or not it checked access) and
not 403 (which tells a record exists). API operations are called with valid bodies, so that an
operation without its access check would succeed and the walk would see it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from conftest import IDENTIFIERS, body_of, signed_in
from reintegra.access.sections import Section
from reintegra.accounts.models import ApiToken
from reintegra.api import api
from reintegra.cases.models import Case, Person

pytestmark = pytest.mark.django_db

# Values only the case's team may see, by the section that holds them.
TEAM_ONLY_VALUES = {
    "Seed-health-action Quillfeather": Section.HEALTH,  # a plan action, and its consent
    "Seed-health-goal Pellucid": Section.HEALTH,
    "Seed-health-support Ottergrove": Section.HEALTH,
    "Seed-medical-test Brindlewick": Section.HEALTH,
    "Seed-relative-health Corvington": Section.HEALTH,
    "Seed-session-language Harrowgate": Section.MENTAL_HEALTH,  # an assessment answer
    "Seed-findings Oxleigh": Section.CLINICAL,
    "Seed-safety-plan Foxhollow": Section.SAFETY,
    "Seed-who-answers Thistlecombe": Section.SAFETY,
    "Seed-cover-story Wimbleton": Section.SAFETY,
    "Seed-issue-raised Wendlebury": Section.SAFETY,
    "Seed-family-words Ashdown": Section.SENSITIVE,
    "Seed-setback Mirkwell": Section.SENSITIVE,
    "Seed-review-note Pennyfeather": Section.SENSITIVE,
    "Seed-relative-concern Gallowmere": Section.SENSITIVE,
    "Seed-creditor Brackenridge": Section.SENSITIVE,
    "Seed-debt-note Ravensmoor": Section.SENSITIVE,
    "Seed-referral-reason Fennimore": Section.HEALTH,  # a referral to a clinic
    "Seed-legal-step Quarrington": Section.LEGAL,  # a step of the person's legal stay
    "Seed-identification Wexcombe": Section.LEGAL,  # an entry of the identification's history
    "Seed-lawyer Ambleside": Section.LEGAL,  # a legal proceeding
    "Seed-interview Cowlinge": Section.LEGAL,  # and an event of it
    "Seed-assessor Pemberley": Section.SAFETY,  # a risk assessment: who made it
    "Seed-risk-notes Coldharbour": Section.SAFETY,  # and its notes
    "Seed-code-words Stonebridge": Section.SAFETY,  # the safety plan
    "Seed-emergency-contact Larchmont": Section.SAFETY,  # one of its emergency contacts
    "Seed-concern Grimsdyke": Section.SAFETY,  # a person of concern
    "Seed-trigger-note Nettlebed": Section.SAFETY,  # an event that calls for a reassessment
    "Seed-bia-findings Hazelmere": Section.CHILD_PROTECTION,  # a best-interests assessment
    "Seed-bid-decision Oakhurst": Section.CHILD_PROTECTION,  # a best-interests determination
    "Seed-traced-relative Fernleigh": Section.CHILD_PROTECTION,  # a tracing request
    "Seed-carer Dunmore": Section.CHILD_PROTECTION,  # a care placement
    "Seed-guardian Ellesmere": Section.CHILD_PROTECTION,  # a guardian appointment
}
# Values a supervisor outside the team may see, but nobody outside the case's organisation.
SUMMARY_VALUES = ["Seed-course Larkspur", "Seed-sister Marrowvale", "Seed-bed Quenby", "Seed-own-words Tillingham"]
# Identity papers: a supervisor outside the team opens identity, nobody outside the organisation,
# and no receiver of a referral (identity is never shared). The last is inside the scan itself.
IDENTITY_VALUES = [
    "Seed-passport-number Thornbury",
    "Seed-issuing-office Ravenglass",
    "Seed-document-step Kettlewell",
    "Seed-obstacle Swaledale",
    "Seed-scan-name Ludgershall",
    "Seed-scan-text Wickhamford",
]


@dataclass
class Seeded:
    case: Case
    health_consent_id: int
    health_action_id: int
    member_id: int
    health_need_id: int
    debt_id: int
    task_id: int
    referral_id: int
    notification_id: int
    incoming_id: int
    proceeding_id: int
    determination_id: int
    tracing_id: int
    placement_id: int
    import_batch_id: int
    report_run_id: str


def seed(case: Case, worker) -> Seeded:
    """One record of every kind, through the workflows, each with a distinctive value."""
    from reintegra.assessments.actions import record_area, record_views, start_assessment
    from reintegra.children import actions as child_actions
    from reintegra.consents.actions import ConsentDecision, record_consent
    from reintegra.consents.models import ConsentScope, ConsentStatus
    from reintegra.debts.actions import record_debt
    from reintegra.exchange.models import ImportBatch
    from reintegra.family.actions import MemberDetails, add_family_member, record_family_need
    from reintegra.followups.actions import PreferenceDetails, log_contact, set_preferences, start_followup
    from reintegra.legal.actions import open_proceeding, record_event, record_identification, record_step
    from reintegra.legal.models import CountryRules
    from reintegra.notifications.models import Notification, NotificationKind
    from reintegra.outcomes.actions import record_review, record_setback
    from reintegra.outcomes.models import Outcome, ReviewKind
    from reintegra.plans.actions import add_action, add_goal, add_support_item, create_plan, record_decision
    from reintegra.referrals.actions import propose_referral
    from reintegra.reports.models import ReportRun
    from reintegra.safety import actions as safety_actions

    start_assessment(actor=worker, case=case, assessed_on=date(2026, 1, 5), reason="first")
    assessment = start_assessment(actor=worker, case=case, assessed_on=date(2026, 3, 5), reason="periodic")
    case.visible_sections = frozenset(Section.values)  # as the access layer grants the team
    for area, values in (
        (
            "PSY",
            {
                "preferred_language": "Seed-session-language Harrowgate",
                "professional_assessment": "Seed-findings Oxleigh",
            },
        ),
        ("SAF", {"safety_plan_details": "Seed-safety-plan Foxhollow"}),
        ("FAM", {"family_relations_in_own_words": "Seed-family-words Ashdown"}),
    ):
        record_area(
            actor=worker,
            assessment=assessment,
            area_code=area,
            values=values,
            observed_on=date(2026, 3, 5),
            source="self_report",
        )
    record_views(
        actor=worker,
        assessment=assessment,
        person_priorities="",
        person_words="Seed-own-words Tillingham",
        worker_view="",
    )
    record_consent(
        actor=worker,
        case=case,
        decision=ConsentDecision(
            scope="medical_test",
            subject="Seed-medical-test Brindlewick",
            status="given",
            decided_on=date(2026, 1, 5),
            information_given="Explained",
            language="vi",
            review_on=date(2026, 7, 5),
        ),
    )
    plan = create_plan(actor=worker, case=case, review_on=date(2027, 12, 1))
    add_goal(actor=worker, plan=plan, area="MED", description="Seed-health-goal Pellucid")
    add_action(actor=worker, plan=plan, area="EDU", description="Seed-course Larkspur", responsible=worker)
    health = add_action(
        actor=worker, plan=plan, area="MED", description="Seed-health-action Quillfeather", responsible=worker
    )
    record_decision(
        actor=worker,
        action=health,
        agreement="agreed",
        decided_on=date(2026, 1, 6),
        information_given="What the treatment involves",
        language="vi",
    )
    add_support_item(
        actor=worker,
        action=health,
        kinds=["fee_paid"],
        amount=Decimal("12.50"),
        currency="VND",
        given_on=date(2026, 1, 7),
        purpose="Seed-health-support Ottergrove",
    )
    member = add_family_member(
        actor=worker,
        case=case,
        details=MemberDetails(
            given_name="Seed-sister Marrowvale", relationship="sibling", concerns="Seed-relative-concern Gallowmere"
        ),
    )
    record_family_need(
        actor=worker, member=member, area="HOU", description="Seed-bed Quenby", noted_on=date(2026, 1, 5)
    )
    health_need = record_family_need(
        actor=worker,
        member=member,
        area="MED",
        description="Seed-relative-health Corvington",
        noted_on=date(2026, 1, 5),
    )
    start_followup(actor=worker, case=case, starts_on=date(2026, 1, 5))
    set_preferences(
        actor=worker,
        case=case,
        details=PreferenceDetails(
            channels=["phone"],
            who_may_answer="Seed-who-answers Thistlecombe",
            what_may_be_said="Seed-cover-story Wimbleton",
        ),
    )
    log_contact(
        actor=worker,
        case=case,
        at=datetime(2026, 2, 5, 10, tzinfo=UTC),
        channel="phone",
        outcome="reached",
        issues_raised="Seed-issue-raised Wendlebury",
    )
    ratings = dict.fromkeys(Outcome.values, ("3", "3", ""))
    ratings["O4"] = ("1", "2", "Seed-crisis Hollowmere")  # a crisis: the worker gets a task
    review = record_review(
        actor=worker,
        case=case,
        reviewed_on=date(2026, 2, 10),
        kind=ReviewKind.BASELINE,
        ratings=ratings,
        note="Seed-review-note Pennyfeather",
    )
    record_setback(
        actor=worker, case=case, occurred_on=date(2026, 2, 20), kind="debt", description="Seed-setback Mirkwell"
    )
    debt = record_debt(
        actor=worker,
        case=case,
        creditor_kind="recruiter",
        creditor="Seed-creditor Brackenridge",
        amount=Decimal("3000000"),
        currency="VND",
        pressure="threats",
        note="Seed-debt-note Ravensmoor",
    )
    record_step(
        actor=worker,
        case=case,
        country=CountryRules.objects.get(country="GB"),
        kind="referred",
        on=date(2026, 2, 2),
        note="Seed-legal-step Quarrington",
    )
    record_identification(actor=worker, case=case, status="informal", country="TH", note="Seed-identification Wexcombe")
    proceeding = open_proceeding(
        actor=worker,
        case=case,
        kind="criminal",
        role="victim_witness",
        opened_on=date(2026, 2, 3),
        currency="VND",
        lawyer="Seed-lawyer Ambleside",
    )
    record_event(
        actor=worker, proceeding=proceeding, kind="interview", on=date(2026, 2, 4), note="Seed-interview Cowlinge"
    )
    # Medium, not high: a high level would restrict the case and change what the walk expects.
    safety_actions.record_risk_assessment(
        actor=worker,
        case=case,
        kind="family",
        assessed_on=date(2026, 2, 6),
        assessed_by="Seed-assessor Pemberley",
        traffickers="medium",
        community="low",
        family="medium",
        own_sense="medium",
        level="medium",
        next_review_on=date(2026, 5, 6),
        notes="Seed-risk-notes Coldharbour",
    )
    safety_actions.update_safety_plan(
        actor=worker,
        case=case,
        measures="Stays at the shelter",
        emergency_contacts=[{"name": "Seed-emergency-contact Larchmont", "phone": "+84 912 345 678"}],
        code_words="Seed-code-words Stonebridge",
    )
    safety_actions.record_person_of_concern(
        actor=worker, case=case, name="Seed-concern Grimsdyke", relationship="trafficker"
    )
    safety_actions.record_trigger(
        actor=worker, case=case, kind="court_date", on=date(2026, 3, 1), note="Seed-trigger-note Nettlebed"
    )
    child_actions.record_guardian(
        actor=worker,
        case=case,
        status="appointed",
        on=date(2026, 2, 1),
        guardian="Seed-guardian Ellesmere",
        authority="District court",
    )
    child_actions.record_assessment(
        actor=worker,
        case=case,
        on=date(2026, 2, 5),
        action_considered="Tracing",
        findings="Seed-bia-findings Hazelmere",
        child_views="Agrees",
    )
    determination = child_actions.record_determination(
        actor=worker,
        case=case,
        decided_on=date(2026, 2, 6),
        panel=["Panel member"],
        family_safety="unsafe",
        carers_complicit="yes",
        family_assessment="Assessed",
        child_views="Heard",
        decision="Seed-bid-decision Oakhurst",
        durable_solution="foster",
        review_on=date(2026, 8, 6),
    )
    tracing = child_actions.request_tracing(
        actor=worker,
        case=case,
        relative="Seed-traced-relative Fernleigh",
        requested_on=date(2026, 2, 7),
        child_agreed=True,
    )
    placement = child_actions.record_placement(
        actor=worker,
        case=case,
        kind="foster",
        started_on=date(2026, 2, 8),
        carer="Seed-carer Dunmore",
        child_views="Fine",
    )
    seed_documents(case, worker)
    referral = propose_referral(
        actor=worker,
        case=case,
        service=walk_clinic_service(),
        area="MED",
        reason="Seed-referral-reason Fennimore",
        sections=[Section.SUMMARY, Section.HEALTH],
        action=health,
    )
    consent = health.decisions.get()
    # Only the reminder job writes notifications (notifications/tests); here only whose it is matters.
    notification = Notification.objects.create(
        user=worker,
        kind=NotificationKind.REFERRAL_UNANSWERED,
        key="walk",
        case=case,
        referral=referral,
        waited_days=5,
        created_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    # The person agreed to their record being passed on, so the HTCDS export would carry it to
    # anyone who wrongly reached it.
    record_consent(
        actor=worker,
        case=case,
        decision=ConsentDecision(
            scope=ConsentScope.RECORD_TRANSFER,
            subject="Seed-transfer-consent Grimsby",
            status=ConsentStatus.GIVEN,
            decided_on=date(2026, 3, 1),
            information_given="What the file holds.",
            language="vi",
            understood=True,
            review_on=date(2030, 3, 1),
        ),
    )
    # A file of records brought in by the worker's organisation (written directly: only a
    # supervisor may bring one in, and only they see it).
    import_batch = ImportBatch.objects.create(
        organisation_id=case.organisation_id,
        uploaded_by=worker,
        filename="Seed-import-file Wolverhampton.csv",
        sha256="0" * 64,
        report={"problems": [{"row": 2, "column": "prs_FirstName", "message": "Seed-import-problem Ambleside"}]},
    )
    # A printable report the worker's organisation asked for (written directly: only the one who
    # asked fetches it, and no persona of the walk asked).
    report_run = ReportRun.objects.create(
        requested_by=worker,
        choice=str(case.organisation_id),
        organisation_ids=[case.organisation_id],
        name="Seed-report-run Wigginton",
        period_start=date(2025, 3, 1),
        period_end=date(2026, 3, 1),
        language="en",
    )
    return Seeded(
        case,
        consent.pk,
        health.pk,
        member.pk,
        health_need.pk,
        debt.pk,
        review.tasks.get().pk,
        referral.pk,
        notification.pk,
        walk_incoming_referral(worker).pk,
        proceeding.pk,
        determination.pk,
        tracing.pk,
        placement.pk,
        import_batch.pk,
        str(report_run.pk),
    )


def seed_documents(case: Case, worker) -> None:
    """The person's passport, a step towards it with a fee and an obstacle, and a scan of it (an
    ASCII PDF, so that the walk can read its text in a response)."""
    from reintegra.documents import actions as document_actions

    passport = document_actions.record_document(
        actor=worker,
        case=case,
        kind="passport",
        status="needed",
        number="Seed-passport-number Thornbury",
        issued_by="Seed-issuing-office Ravenglass",
    )
    document_actions.record_document_step(
        actor=worker,
        document=passport,
        on=date(2026, 2, 9),
        what="Seed-document-step Kettlewell",
        status="applied",
        fee_amount=Decimal("150000"),
        fee_currency="VND",
        obstacle="costs",
        obstacle_note="Seed-obstacle Swaledale",
    )
    document_actions.add_attachment(
        actor=worker,
        document=passport,
        data=b"%PDF-1.4\n%Seed-scan-text Wickhamford\n%%EOF\n",
        filename="Seed-scan-name Ludgershall.pdf",
    )


def seeded_document(seeded: Seeded):
    """The passport seed_documents recorded (the first of the case's documents)."""
    from reintegra.documents.models import Document

    return Document.objects.filter(case=seeded.case).order_by("pk").first()


def documents_snapshot(case: Case) -> tuple[int, int, int]:
    from reintegra.documents.models import Attachment, Document, DocumentStep

    return (
        Document.objects.filter(case=case).count(),
        DocumentStep.objects.filter(document__case=case).count(),
        Attachment.objects.filter(document__case=case).count(),
    )


def walk_clinic_service():
    """A clinic of another organisation of the installation, in the directory."""
    from reintegra.directory.models import Provider, Service, ServiceArea
    from reintegra.orgs.models import Organisation, OrganisationType

    clinic = Organisation.objects.create(
        name="Walk Clinic", code="walkclinic", org_type=OrganisationType.HEALTH_SERVICE, country="VN", holds_cases=False
    )
    provider = Provider.objects.create(name="Walk Clinic", country="VN", member=clinic)
    service = Service.objects.create(provider=provider, name="Walk check-up")
    ServiceArea.objects.create(service=service, area="MED")
    return service


def walk_incoming_referral(worker):
    """A referral from a partner installation to the walk clinic. Only an imported package makes
    one (exchange/tests, tests/test_two_installations.py); here only who reaches it matters."""
    from reintegra.exchange import actions as exchange_actions
    from reintegra.exchange import packages
    from reintegra.exchange.models import IncomingReferral
    from reintegra.orgs.models import Organisation

    material = packages.new_key_material()
    partner = exchange_actions.pin_partner(
        actor=None,
        card={
            "name": "Walk Partner Abroad",
            "country": "TH",
            "signing_key": material["signing_public"],
            "box_key": material["box_public"],
        },
    )
    return IncomingReferral.objects.create(
        partner=partner,
        to_organisation=Organisation.objects.get(code="walkclinic"),
        remote_referral_id=7,
        package_id="00000000-0000-4000-8000-000000000007",
        area="MED",
        service_name="Walk check-up",
        reason="Seed-incoming-reason Ottershaw",
        content={"person": {"prs_FirstName": "Seed-incoming-name Wexcombe"}},
        sent_at=datetime(2026, 3, 1, tzinfo=UTC),
        received_by=worker,
    )


# Values of the incoming referral: the walk clinic's providers read them, nobody of the shelter.
INCOMING_VALUES = ["Seed-incoming-reason Ottershaw", "Seed-incoming-name Wexcombe"]


# URL and API parameters that name a record, with how the seeded record is found and the
# section it belongs to. A new kind of record must be added here, or the walk fails loudly.
# Not sections of a case: the accounts of an organisation, which its administrator manages, and
# the complaints made to it, which only its complaints officers open.
STAFF = "staff"
COMPLAINTS = "complaints"
COMPLAINT_TEXT = "Seed-complaint Hawkridge"


def seeded_complaint(seeded: Seeded):
    from reintegra.complaints.actions import file_complaint
    from reintegra.complaints.models import Complaint

    found = Complaint.objects.filter(organisation=seeded.case.organisation).first()
    return found or file_complaint(
        organisation=seeded.case.organisation, kind="complaint", about=COMPLAINT_TEXT, language="en"
    )


def seeded_hold(seeded: Seeded):
    from reintegra.privacy.actions import place_legal_hold
    from reintegra.privacy.models import LegalHold

    found = LegalHold.objects.filter(case=seeded.case).first()
    return found or place_legal_hold(actor=seeded.case.supervisor, case=seeded.case, reason="Seed-hold Ivybridge")


def seeded_agreement(seeded: Seeded):
    from reintegra.orgs.models import Organisation
    from reintegra.privacy.models import DataSharingAgreement

    found = DataSharingAgreement.objects.filter(organisation=seeded.case.organisation).first()
    return found or DataSharingAgreement.objects.create(
        organisation=seeded.case.organisation,
        with_organisation=Organisation.objects.get(code="walkclinic"),
        purpose="network_reports",
        reference="Seed-agreement DSA-1",
        signed_on=date(2026, 1, 5),
        starts_on=date(2026, 1, 5),
        recorded_by=seeded.case.created_by,
    )


RECORD_KWARGS: dict[str, tuple[Callable[[Seeded], int | str], str]] = {
    "case_id": (lambda s: s.case.pk, Section.SUMMARY),
    "consent_id": (lambda s: s.health_consent_id, Section.HEALTH),
    "action_id": (lambda s: s.health_action_id, Section.HEALTH),
    "member_id": (lambda s: s.member_id, Section.IDENTITY),
    # A staff account of the case's organisation (the worker's): only its administrator reaches it.
    "staff_id": (lambda s: s.case.created_by_id, STAFF),
    # A complaint to the case's organisation: only its complaints officers, none of the walk's.
    "complaint_id": (lambda s: seeded_complaint(s).pk, COMPLAINTS),
    # A legal hold on the case: only the case's supervisor, none of the walk's personas.
    "hold_id": (lambda s: seeded_hold(s).pk, Section.SENSITIVE),
    # The organisation's data-sharing agreement: its administrator ends it.
    "agreement_id": (lambda s: seeded_agreement(s).pk, STAFF),
    "need_id": (lambda s: s.health_need_id, Section.HEALTH),
    "debt_id": (lambda s: s.debt_id, Section.SENSITIVE),
    "task_id": (lambda s: s.task_id, Section.SENSITIVE),  # the worker's own, from an outcome alert
    "referral_id": (lambda s: s.referral_id, Section.HEALTH),  # to a clinic, for a health need
    "notification_id": (lambda s: s.notification_id, Section.SENSITIVE),  # the worker's own reminder
    # From a partner installation to the walk clinic: no persona of the shelter reaches it.
    "incoming_id": (lambda s: s.incoming_id, Section.SENSITIVE),
    "proceeding_id": (lambda s: s.proceeding_id, Section.LEGAL),
    "document_id": (lambda s: seeded_document(s).pk, Section.IDENTITY),
    "attachment_id": (lambda s: seeded_document(s).attachments.get().pk, Section.IDENTITY),
    "determination_id": (lambda s: s.determination_id, Section.CHILD_PROTECTION),
    "tracing_id": (lambda s: s.tracing_id, Section.CHILD_PROTECTION),
    "placement_id": (lambda s: s.placement_id, Section.CHILD_PROTECTION),
    # Seen only by the supervisor who brought the file in: every persona of the walk is refused.
    "batch_id": (lambda s: s.import_batch_id, Section.SENSITIVE),
    # A printable report: figures only, fetched by the one who asked; every persona is refused.
    "run_id": (lambda s: s.report_run_id, Section.SENSITIVE),
}
# Parameters of our own URLs that only make sense under a record (a version of the case's
# assessment, an area code) or name no case record (an invitation token; an API token, which
# only its owner may revoke: accounts/tests/test_api_tokens.py).
# Directory records describe organisations, not persons: every member reads them, and only
# coordinators change them (reintegra/directory/tests/test_directory.py walks that). A standard
# of the quality catalogue is the same for everyone; each organisation reads only its own ratings
# of it (reintegra/quality/tests).
OUR_PLAIN_KWARGS = {
    "code": "CAS-P-05",
    "version": "2",
    "other": "1",
    "area": "MED",
    "token": "not-a-real-invitation",
    "token_id": "1",
    "provider_id": "1",
    "service_id": "1",
    "location_id": "1",
}
# Harmless values for the other parameters that third-party URL patterns take.
OTHER_KWARGS = {
    "app_label": "accounts",
    "model_name": "user",
    "object_id": "1",
    "content_type_id": "1",
    "key": "abc",
    "uidb36": "1",
    "url": "x",
    "path": "x",
    "provider_id": "x",
    "id": "1",
    "pk": "1",
}

STRANGERS = ["outsider", "teammate", "admin", "analyst"]
# What the supervisor outside the team may open on this case.
MANAGER_ELSEWHERE_SECTIONS = {Section.SUMMARY, Section.IDENTITY, Section.TRAFFICKING, Section.ACCESS_LOG}


def walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + _pattern_text(entry))
        else:
            yield prefix + _pattern_text(entry), entry


def _pattern_text(entry: URLPattern | URLResolver) -> str:
    text = str(entry.pattern)
    return text.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")


def fill(
    template: str, seeded: Seeded, *, ours: bool = True, plain: dict[str, str] | None = None
) -> tuple[str, set[str]]:
    """Fill a URL pattern's or API path's parameters. Returns the URL and the sections of the
    records it names."""
    sections: set[str] = set()

    def value_for(name: str) -> str:
        if name in RECORD_KWARGS:
            find, section = RECORD_KWARGS[name]
            sections.add(section)
            return str(find(seeded))
        if name in OUR_PLAIN_KWARGS:
            return {**OUR_PLAIN_KWARGS, **(plain or {})}[name]
        if ours or name not in OTHER_KWARGS:
            raise AssertionError(f"Parameter {name!r} is unknown to the access walk: add it to RECORD_KWARGS.")
        return OTHER_KWARGS[name]

    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value_for(m.group(1)), template)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: value_for(m.group(1)), url)
    url = re.sub(r"\{(\w+)\}", lambda m: value_for(m.group(1)), url)
    return ("" if url.startswith("/") else "/") + url, sections


def our_pages(seeded: Seeded, *other_case_ids: int) -> set[str]:
    """Every URL of ours, filled with the seeded records, and again for each other case."""
    pages = set()
    for template, pattern in walk(get_resolver().url_patterns):
        if is_ours(pattern):
            url, _sections = fill(template, seeded)
            pages.add(url)
            pages.update(url.replace(f"/cases/{seeded.case.pk}/", f"/cases/{other}/") for other in other_case_ids)
    return pages


def is_ours(pattern: URLPattern) -> bool:
    return getattr(pattern.callback, "__module__", "").startswith("reintegra.")


def forbidden_values(persona: str, case: Case, *, echoed: bool) -> list[str]:
    if persona == "manager_elsewhere":
        return [*TEAM_ONLY_VALUES, *INCOMING_VALUES, COMPLAINT_TEXT]
    values = [
        *TEAM_ONLY_VALUES,
        *SUMMARY_VALUES,
        *IDENTITY_VALUES,
        *INCOMING_VALUES,
        COMPLAINT_TEXT,
        f'href="/cases/{case.pk}/"',
    ]
    for value in IDENTIFIERS.values():
        values.extend(value if isinstance(value, list) else [value])
    # A search form may echo the case number it was sent; a link to the case would still count.
    return values if echoed else [*values, case.number]


def must_be_denied(persona: str, sections: set[str]) -> bool:
    if persona == "admin" and sections == {STAFF}:
        return False
    if persona == "manager_elsewhere":
        return bool(sections - MANAGER_ELSEWHERE_SECTIONS)
    return bool(sections)


POST_DATA = {
    "to_status": "closed",
    "closure_reason": "other",
    "note": "probe",
    "kind": "number",
    "person-given_name": "Probe",
    "case-identification_status": "not_identified",
    "withdrawn_on": "2026-03-01",
    "status": "cancelled",
}


@pytest.fixture
def seeded(case, worker) -> Seeded:
    return seed(case, worker)


def snapshot(seeded: Seeded, persona: str) -> dict[str, Any]:
    """The records a persona may not change. A supervisor outside the team may still edit the
    case's summary and the person's identifiers."""
    from reintegra.children.models import BestInterestsDetermination, PlacementReview
    from reintegra.consents.models import Consent
    from reintegra.debts.models import Debt
    from reintegra.followups.models import Contact, ContactPreference
    from reintegra.legal.models import Identification, ProceedingEvent, StatusStep
    from reintegra.plans.models import Action, SupportItem
    from reintegra.safety.models import PersonOfConcern, ReassessmentTrigger, RiskAssessment, SafetyPlan
    from reintegra.tasks.models import Task

    case = Case.objects.get(pk=seeded.case.pk)
    return {
        "case": None
        if persona == "manager_elsewhere"
        else (case.status, Person.objects.get(pk=case.person_id).given_name),
        "consents": sorted(Consent.objects.filter(case=case).values_list("pk", "status")),
        "health_action": Action.objects.filter(pk=seeded.health_action_id).values_list("status", "agreement").get(),
        "support": SupportItem.objects.filter(action__plan__case=case).count(),
        "contacts": Contact.objects.filter(case=case).count(),
        "preference": ContactPreference.objects.get(case=case).who_may_answer,
        "needs": sorted(seeded.case.family_members.get().needs.values_list("pk", "status")),
        "debts": sorted(Debt.objects.filter(case=case).values_list("pk", "status", "amount")),
        "tasks": sorted(Task.objects.filter(case=case).values_list("pk", "status")),
        "legal_steps": StatusStep.objects.filter(case=case).count(),
        # Editing the summary may change the identification, and the change joins its history.
        "identifications": None if persona == "manager_elsewhere" else Identification.objects.filter(case=case).count(),
        "proceeding_events": ProceedingEvent.objects.filter(proceeding__case=case).count(),
        # Identity papers, which a supervisor outside the team may add to like the identifiers.
        "documents": None if persona == "manager_elsewhere" else documents_snapshot(case),
        # Approval takes no field, so a POST that slipped past the access check would show here.
        "determinations": sorted(BestInterestsDetermination.objects.filter(case=case).values_list("pk", "approved_at")),
        "placement_reviews": PlacementReview.objects.filter(placement__case=case).count(),
        "safety": (
            RiskAssessment.objects.filter(case=case).count(),
            SafetyPlan.objects.filter(case=case).count(),
            PersonOfConcern.objects.filter(case=case).count(),
            ReassessmentTrigger.objects.filter(case=case).count(),
            Case.objects.filter(pk=case.pk).values_list("risk_level", "restricted").get(),
        ),
    }


@pytest.mark.parametrize("persona", [*STRANGERS, "manager_elsewhere"])
def test_no_url_gives_a_persona_what_it_may_not_see(request, persona, seeded):
    user = request.getfixturevalue(persona)
    case = seeded.case
    before = snapshot(seeded, persona)
    checked = 0
    for template, pattern in walk(get_resolver().url_patterns):
        url, sections = fill(template, seeded, ours=is_ours(pattern))
        try:
            match = resolve(url)
        except Resolver404:
            continue  # a third-party regex we could not fill; our own patterns always resolve
        if match.func is not pattern.callback or pattern.callback.__module__.startswith("ninja"):
            continue  # API operations take no session: the API walk below covers them
        for method in ("get", "post"):
            client = signed_in(user)
            response = getattr(client, method)(url, {**POST_DATA, "value": case.number} if method == "post" else None)
            body = body_of(response).decode(errors="replace")
            found = [value for value in forbidden_values(persona, case, echoed=method == "post") if value in body]
            assert not found, f"{method.upper()} {url} as {persona} leaked {found}"
            if must_be_denied(persona, sections):
                # A GET to a POST-only view is refused before any lookup, for any record alike.
                allowed = {404, 405} if method == "get" else {404}
                assert response.status_code in allowed, f"{method.upper()} {url} as {persona}: {response.status_code}"
            checked += 1
    assert checked > 60  # the walk really covered the project, third-party routes included
    assert snapshot(seeded, persona) == before


def test_our_own_patterns_are_all_reachable_by_the_walk(seeded):
    ours = [t for t, p in walk(get_resolver().url_patterns) if is_ours(p)]
    for template in ours:
        url, _sections = fill(template, seeded)
        resolve(url)  # raises if the walk could not build a URL for one of our views
    assert any("<id:case_id>" in t for t in ours)


# A valid body for every operation that takes one, so that only the access check can refuse it.
# A debt's change may not predate its first entry (today, when seeded) nor be in the future.
TODAY = timezone.now().date().isoformat()
VALID_BODIES: dict[str, dict[str, Any]] = {
    "RegistrationIn": {"person": {"given_name": "Probe", "family_name": "Person"}, "confirm_new_person": True},
    "AssessmentIn": {"assessed_on": "2026-03-10", "reason": "periodic"},
    "AreaIn": {"observed_on": "2026-03-10", "values": {"urgent_care_needed": True}},
    "ConsentIn": {
        "scope": "medical_test",
        "subject": "probe",
        "status": "declined",
        "decided_on": "2026-03-01",
        "information_given": "probe",
        "language": "vi",
    },
    "WithdrawIn": {"withdrawn_on": "2026-03-01"},
    "PlanIn": {"review_on": "2027-12-01"},
    "GoalIn": {"area": "MED", "description": "probe"},
    "ActionIn": {"area": "MED", "description": "probe", "responsible_id": 0},
    "DecisionIn": {"agreement": "agreed", "decided_on": "2026-03-01", "information_given": "probe", "language": "vi"},
    "StatusIn": {"status": "cancelled"},
    "SupportItemIn": {"kinds": ["cash"], "amount": "1.00", "currency": "VND", "given_on": "2026-03-01"},
    "StartIn": {"starts_on": "2026-03-01"},
    "ContactIn": {
        "at": "2026-03-01T10:00:00+07:00",
        "channel": "phone",
        "outcome": "reached",
        "acknowledged": ["channel", "time"],
    },
    "ReviewIn": {
        "reviewed_on": "2026-03-01",
        "kind": "periodic",
        # The walk's person has an appointed guardian (the child-protection seed): a third voice.
        "guardian_view": "probe",
        "ratings": [
            {"outcome": outcome, "worker_score": "3", "person_score": "3", "justification": "probe"}
            for outcome in [f"O{n}" for n in range(1, 11)]
        ],
    },
    "SetbackIn": {"occurred_on": "2026-03-01", "kind": "debt"},
    "DebtIn": {"creditor_kind": "bank", "amount": "10.00", "currency": "VND", "pressure": "none"},
    "StepIn": {"country": "GB", "kind": "referred", "on": "2026-03-01"},
    "IdentificationIn": {"status": "informal"},
    "ProceedingIn": {"kind": "civil", "role": "complainant", "opened_on": "2026-03-01", "currency": "VND"},
    "EventIn": {"kind": "interview", "on": "2026-03-01"},
    # Medium: a high level would restrict the case in the middle of the walk.
    "RiskAssessmentIn": {
        "kind": "team",
        "assessed_on": "2026-03-01",
        "assessed_by": "probe",
        "level": "medium",
        "next_review_on": "2026-06-01",
    },
    "SafetyPlanIn": {"code_words": "probe", "emergency_contacts": [{"name": "probe", "phone": "+84 912 345 678"}]},
    "PersonOfConcernIn": {"name": "probe", "relationship": "other"},
    "ReassessmentTriggerIn": {"kind": "threat", "on": "2026-03-01"},
    "DocumentIn": {"kind": "passport", "status": "needed"},
    "InviteIn": {"username": "probe.staff", "first_name": "Probe", "roles": ["case_worker"]},
    "RolesIn": {"roles": ["case_worker", "supervisor"]},
    "ReasonIn": {"reason": "probe"},
    "RecordedComplaintIn": {
        "channel": "phone",
        "received_on": TODAY,
        "kind": "complaint",
        "about": "probe",
        "language": "en",
    },
    "ComplaintNoteIn": {"note": "probe"},
    "LegalHoldIn": {"reason": "probe"},
    "LiftHoldIn": {"lift_reason": "probe"},
    "ErasureIn": {"basis": "request", "confirm_number": "probe"},
    "AgreementIn": {
        "with_organisation_id": 1,
        "purpose": "network_reports",
        "reference": "probe",
        "signed_on": TODAY,
        "starts_on": TODAY,
    },
    "StandardRatingIn": {"level": "not_yet", "improvement": "probe"},
    "ComplaintAnswerIn": {"answer": "probe"},
    "DocumentStepIn": {"on": "2026-03-01", "what": "probe"},
    "DebtChangeIn": {"changed_on": TODAY, "status": "negotiated", "amount": "5.00", "pressure": "none"},
    "ReferralIn": {"service_id": 0, "area": "MED", "reason": "probe", "sections": ["summary"]},
    "SharingConsentIn": {
        "status": "given",
        "decided_on": "2026-03-01",
        "information_given": "probe",
        "language": "vi",
        "review_on": "2027-03-01",
    },
    "SendIn": {},
    "MoveIn": {"to_status": "withdrawn"},
    # Well formed, but no package: a package is checked by opening it (see NOT_THE_TEAMS).
    "PackageBody": {"format": "reintegra-package", "version": 1, "to": "0000", "sealed": "AAAA"},
    "AnswerIn": {"accept": True},
    "IncomingMoveIn": {"to_status": "in_service"},
    "AgeAssessmentIn": {"on": "2026-03-01", "outcome": "adult"},
    "GuardianIn": {"status": "appointed", "on": "2026-03-01", "guardian": "probe", "authority": "probe"},
    "GuardianConsultationIn": {"on": "2026-03-01", "about": "probe"},
    "BestInterestsAssessmentIn": {
        "on": "2026-03-01",
        "action_considered": "probe",
        "findings": "probe",
        "child_views": "probe",
    },
    "DeterminationIn": {
        "decided_on": "2026-03-01",
        "panel": ["probe"],
        "family_safety": "safe",
        "carers_complicit": "no",
        "family_assessment": "probe",
        "child_views": "probe",
        "decision": "probe",
        "durable_solution": "foster",
        "review_on": "2026-09-01",
    },
    "TracingIn": {"relative": "probe", "requested_on": "2026-03-01", "child_agreed": True},
    "TracingStepIn": {"kind": "safety_checked", "on": "2026-03-01", "safe_to_contact": False},
    "PlacementIn": {"kind": "shelter", "started_on": "2026-03-01", "carer": "probe", "child_views": "probe"},
    "PlacementReviewIn": {"on": "2026-03-01", "outcome": "continue", "child_views": "probe"},
    "YouthSupportIn": {"on": "2026-03-01"},
    "ImportIn": {"filename": "probe.csv", "content_base64": "cHJzX0ZpcnN0TmFtZQpQcm9iZQo="},
    "ImportConfirmationIn": {"duplicates_seen": True},
}
# Operations whose valid body the case's team cannot make go through, and why.
NOT_THE_TEAMS = {
    # Only a real package passes; exchange/tests and tests/test_two_installations.py import them.
    "/api/v1/referrals/packages": 422,
    # The receiving organisation's own: the walk clinic's provider answers it in the walk below.
    "/api/v1/referrals/incoming/{incoming_id}/answer": 404,
    "/api/v1/referrals/incoming/{incoming_id}/moves": 404,
    # A supervisor who did not record it approves a determination; the walk's team member is the
    # worker who recorded it (children/tests approve it as the case's supervisor).
    "/api/v1/cases/{case_id}/child-protection/determinations/{determination_id}/approval": 422,
    # Files of case records are brought in by supervisors (exchange/tests/test_records.py).
    "/api/v1/exchange/imports": 404,
    "/api/v1/exchange/imports/{batch_id}/confirmation": 404,
    # Staff accounts are the organisation administrator's (accounts/tests/test_staff_admin.py).
    "/api/v1/admin/staff": 404,
    "/api/v1/admin/staff/{staff_id}/roles": 404,
    "/api/v1/admin/staff/{staff_id}/deactivate": 404,
    "/api/v1/admin/staff/{staff_id}/second-factor-reset": 404,
    # Complaints are their officers' (complaints/tests); the team only takes one down.
    "/api/v1/complaints/{complaint_id}/acknowledge": 404,
    "/api/v1/complaints/{complaint_id}/answer": 404,
    "/api/v1/complaints/{complaint_id}/close": 404,
    "/api/v1/complaints/{complaint_id}/notes": 404,
    # A person's data as a whole is the case's supervisor's (privacy/tests).
    "/api/v1/cases/{case_id}/subject-access": 404,
    "/api/v1/cases/{case_id}/legal-holds": 404,
    "/api/v1/cases/{case_id}/legal-holds/{hold_id}/lift": 404,
    "/api/v1/cases/{case_id}/erasure": 404,
    # Data-sharing agreements are the organisation administrator's (privacy/tests).
    "/api/v1/privacy/agreements": 404,
    "/api/v1/privacy/agreements/{agreement_id}/end": 404,
    # The self-assessment is rated by supervisors and administrators (quality/tests).
    "/api/v1/quality/standards/{code}/ratings": 404,
}


def with_real_ids(body: dict[str, Any] | None, worker) -> dict[str, Any] | None:
    """A valid body names real records: the worker as responsible, the seeded clinic's service."""
    from reintegra.directory.models import Service

    if body and "responsible_id" in body:
        body = {**body, "responsible_id": worker.pk}
    if body and "service_id" in body:
        body = {**body, "service_id": Service.objects.get(name="Walk check-up").pk}
    return body


def api_operations() -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    schema = api.get_openapi_schema()
    # Revoking the token in use ends the walk's token: it goes last.
    for path, methods in sorted(schema["paths"].items(), key=lambda item: item[0] == "/api/v1/me/token"):
        for method, operation in methods.items():
            body = operation.get("requestBody")
            if body is None:
                yield method, path, None
                continue
            name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
            assert name in VALID_BODIES, f"{method.upper()} {path}: add a valid {name} to VALID_BODIES"
            yield method, path, VALID_BODIES[name]


@pytest.mark.parametrize("persona", [*STRANGERS, "manager_elsewhere"])
def test_no_api_operation_gives_a_persona_what_it_may_not_see(request, persona, seeded, client, worker):
    user = request.getfixturevalue(persona)
    _token, secret = ApiToken.issue(user)
    headers = {"Authorization": f"Bearer {secret}"}
    before = snapshot(seeded, persona)
    operations = list(api_operations())
    assert len(operations) >= 20
    for method, path, body in operations:
        body = with_real_ids(body, worker)
        url, sections = fill(path, seeded)
        response = client.generic(
            method.upper(), url, data=json.dumps(body or {}), content_type="application/json", headers=headers
        )
        text = body_of(response).decode()
        found = [value for value in forbidden_values(persona, seeded.case, echoed=False) if value in text]
        assert not found, f"{method.upper()} {path} as {persona} leaked {found}"
        if must_be_denied(persona, sections):
            assert response.status_code == 404, f"{method.upper()} {path} as {persona}: {response.status_code}"
    assert snapshot(seeded, persona) == before


def test_the_api_bodies_are_valid_for_the_team(seeded, client, worker):
    """The bodies above must pass validation, or a missing access check could hide behind a 422."""
    _token, secret = ApiToken.issue(worker)
    headers = {"Authorization": f"Bearer {secret}"}
    for method, path, body in api_operations():
        if body is None:
            continue
        body = with_real_ids(body, worker)
        latest = str(seeded.case.assessments.order_by("-version").values_list("version", flat=True)[0])
        url, _sections = fill(path, seeded, plain={"version": latest})
        response = client.generic(
            method.upper(), url, data=json.dumps(body), content_type="application/json", headers=headers
        )
        # The seeded case already has a plan and a follow-up: starting either again is refused by
        # the workflow as a conflict (409), after the access check. Anything else must go through.
        already = path.endswith(("/plan", "/followup"))
        if path in NOT_THE_TEAMS:
            assert response.status_code == NOT_THE_TEAMS[path], f"{path}: {response.status_code}"
            continue
        assert response.status_code in (200, 201) or (already and response.status_code == 409), (
            f"{method.upper()} {path}: {response.status_code} {response.content[:300]!r}"
        )


def test_api_refuses_missing_and_revoked_tokens(client, worker, seeded):
    token, secret = ApiToken.issue(worker)
    for method, path, _body in api_operations():
        assert client.generic(method.upper(), fill(path, seeded)[0]).status_code == 401
    token.revoke()
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_every_selector_of_the_scope_leaves_out_what_the_manager_outside_the_team_may_not_see(
    seeded, worker, manager_elsewhere
):
    """Pages that need a section as a whole refuse it before any selector runs; the selectors
    filter all the same, so a page added later cannot show what its section hides."""
    from reintegra.access.scope import case_scope

    every_section = Section.values
    team = case_scope(worker, seeded.case.pk, sections=every_section)
    other = case_scope(manager_elsewhere, seeded.case.pk, sections=every_section)
    assessment = team.assessment(2)

    def counts(scope):
        return {
            "observations": scope.observations(assessment).count(),
            "goals": scope.goals().count(),
            "actions": scope.actions().count(),
            "support_items": scope.support_items().count(),
            "consents": scope.consents().count(),
            "family_needs": scope.family_needs().count(),
            "contact_preference": scope.contact_preference() is not None,
            "contacts": scope.contacts().count(),
            "reviews": scope.reviews().count(),
            "setbacks": scope.setbacks().count(),
            "status_steps": scope.status_steps().count(),
            "identifications": scope.identifications().count(),
            "proceedings": scope.proceedings().count(),
            "documents": scope.documents().count(),
            "risk_assessments": scope.risk_assessments().count(),
            "safety_plans": scope.safety_plans().count(),
            "persons_of_concern": scope.persons_of_concern().count(),
            "reassessment_triggers": scope.reassessment_triggers().count(),
        }

    assert counts(team) == {
        "observations": 3,  # the counsellor's findings are clinical: not even the worker's
        "goals": 1,
        "actions": 2,
        "support_items": 1,
        "consents": 3,  # the health action's, the referral's sharing, passing the record on
        "family_needs": 2,
        "contact_preference": True,
        "contacts": 1,
        "reviews": 1,
        "setbacks": 1,
        "status_steps": 1,
        "identifications": 1,
        "proceedings": 1,
        "documents": 1,
        "risk_assessments": 1,
        "safety_plans": 1,
        "persons_of_concern": 1,
        "reassessment_triggers": 1,
    }
    assert counts(other) == {
        "observations": 0,
        "goals": 0,
        "actions": 1,  # the course, in a summary area
        "support_items": 0,
        "consents": 1,  # passing the record on, a summary matter
        "family_needs": 1,  # the bed, in a summary area
        "contact_preference": False,
        "contacts": 0,
        "reviews": 0,
        "setbacks": 0,
        "status_steps": 0,
        "identifications": 0,
        "proceedings": 0,
        "documents": 1,  # identity papers, which a manager opens
        "risk_assessments": 0,
        "safety_plans": 0,
        "persons_of_concern": 0,
        "reassessment_triggers": 0,
    }
    assert other.family_members().count() == 1  # names are identity, which a manager opens
    without_identity = case_scope(manager_elsewhere, seeded.case.pk, sections=[Section.SUMMARY])
    assert without_identity.family_members().count() == without_identity.family_needs().count() == 0
    assert without_identity.documents().count() == 0


def test_the_seeded_values_are_really_there_for_the_team(seeded, as_worker):
    """Otherwise the walk's scan would look for values nobody could see."""
    from django.urls import reverse

    case_id = seeded.case.pk
    pages = [
        reverse("cases:detail", args=[case_id]),
        reverse("assessments:detail", args=[case_id, 2]),
        reverse("consents:list", args=[case_id]),
        reverse("plans:plan", args=[case_id]),
        reverse("family:family", args=[case_id]),
        reverse("followups:followup", args=[case_id]),
        reverse("outcomes:outcomes", args=[case_id]),
        reverse("debts:debts", args=[case_id]),
        reverse("legal:status", args=[case_id]),
        reverse("children:record", args=[case_id]),
        reverse("safety:page", args=[case_id]),
        reverse("documents:documents", args=[case_id]),
        reverse(
            "documents:download",
            args=[case_id, seeded_document(seeded).pk, seeded_document(seeded).attachments.get().pk],
        ),
        reverse("referrals:referral", args=[seeded.referral_id]),
    ]
    seen = "".join(as_worker.get(url).content.decode() for url in pages)
    missing = [
        value for value, section in TEAM_ONLY_VALUES.items() if section != Section.CLINICAL and value not in seen
    ]
    assert not missing
    assert not [value for value in SUMMARY_VALUES if value not in seen]
    assert not [value for value in IDENTITY_VALUES if value not in seen]
    assert "Seed-findings Oxleigh" not in seen  # clinical: a clinician's, not the worker's


# --- the receiving provider ---------------------------------------------------------------------


def _send_and_end(seeded: Seeded, worker, provider_user, stage: str) -> None:
    """The seeded referral (summary and health shared) sent with the person's consent, and, at
    stage "ended", accepted and completed by the provider."""
    from reintegra.referrals import actions as referral_actions
    from reintegra.referrals.models import Referral

    referral = Referral.objects.get(pk=seeded.referral_id)
    referral_actions.record_sharing_consent(
        actor=worker,
        referral=referral,
        status="given",
        decided_on=timezone.localdate(),
        information_given="probe",
        language="vi",
        given_by="self",
        understood=True,
        review_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    referral_actions.send_referral(actor=worker, side="sender", referral=referral)
    if stage == "ended":
        for status in ("accepted", "in_service", "completed"):
            referral_actions.move_referral(actor=provider_user, side="receiver", referral=referral, to_status=status)


def _receiver_forbidden(stage: str) -> list[str]:
    """Identity is not shared; health is, while the referral is open, and the case's summary."""
    values = [value for value, section in TEAM_ONLY_VALUES.items() if stage == "ended" or section != Section.HEALTH]
    for value in IDENTIFIERS.values():
        values.extend(value if isinstance(value, list) else [value])
    values.extend(IDENTITY_VALUES)
    return [*values, *SUMMARY_VALUES] if stage == "ended" else values


@pytest.mark.parametrize("stage", ["sent", "ended"])
def test_a_receiving_provider_reads_only_what_was_shared_while_it_is_open(seeded, worker, client, stage):
    from conftest import make_user
    from reintegra.accounts.models import Role
    from reintegra.orgs.models import Organisation

    provider_user = make_user("walk.provider", Organisation.objects.get(code="walkclinic"), Role.SERVICE_PROVIDER)
    _send_and_end(seeded, worker, provider_user, stage)
    before = snapshot(seeded, "provider")
    forbidden = _receiver_forbidden(stage)
    page_client = signed_in(provider_user)
    seen = ""
    for template, pattern in walk(get_resolver().url_patterns):
        url, _sections = fill(template, seeded, ours=is_ours(pattern))
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.func is not pattern.callback or pattern.callback.__module__.startswith("ninja"):
            continue
        for method in ("get", "post"):
            response = getattr(page_client, method)(url, POST_DATA if method == "post" else None)
            body = response.content.decode(errors="replace")
            found = [value for value in forbidden if value in body]
            assert not found, f"{method.upper()} {url} as the receiving provider ({stage}) leaked {found}"
            seen += body
    _token, secret = ApiToken.issue(provider_user)
    for method, path, body in api_operations():
        url, _sections = fill(path, seeded)
        response = client.generic(
            method.upper(),
            url,
            data=json.dumps(body or {}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {secret}"},
        )
        found = [value for value in forbidden if value in body_of(response).decode()]
        assert not found, f"{method.upper()} {path} as the receiving provider ({stage}) leaked {found}"
    assert snapshot(seeded, "provider") == before
    # Not a vacuous walk: while it is open, what was shared is really read.
    if stage == "sent":
        assert "Seed-health-action Quillfeather" in seen and "Seed-referral-reason Fennimore" in seen


def test_the_seeded_complaint_and_staff_page_are_really_there_for_who_may_see_them(seeded, admin):
    """Otherwise the walk's scan would look for a complaint nobody could read."""
    from django.urls import reverse

    from conftest import make_user
    from reintegra.accounts.models import Role

    officer = make_user("walk.officer", seeded.case.organisation, Role.COMPLAINTS_OFFICER)
    page = signed_in(officer).get(reverse("complaints:detail", args=[seeded_complaint(seeded).pk]))
    assert COMPLAINT_TEXT in page.content.decode()
    staff_page = signed_in(admin).get(reverse("accounts:staff_member", args=[seeded.case.created_by_id]))
    assert staff_page.status_code == 200
