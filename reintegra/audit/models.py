from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core import crypto

DETAIL_CONTEXT = "audit.auditrecord.detail"


class AuditKind(models.TextChoices):
    ACCESS = "access", _("Viewed")
    CHANGE = "change", _("Changed")
    SEARCH = "search", _("Searched")


class AuditAction(models.TextChoices):
    """What an audit record records. Labels read as entries of a case's timeline and access log."""

    # Reads of a case: the case page asks for sections, each app's pages for their own.
    VIEW = "view", _("Opened the case")
    EDIT = "edit", _("Opened the case to change it")
    VIEW_CREATED = "view_created", _("Opened the case just registered")
    VIEW_ASSESSMENTS = "view_assessments", _("Opened the needs assessment")
    VIEW_CONSENTS = "view_consents", _("Opened the consents")
    VIEW_PLAN = "view_plan", _("Opened the plan")
    VIEW_FAMILY = "view_family", _("Opened the family")
    VIEW_FOLLOWUP = "view_followup", _("Opened the follow-up")
    VIEW_OUTCOMES = "view_outcomes", _("Opened the outcome reviews")
    VIEW_DEBTS = "view_debts", _("Opened the debts")
    VIEW_SUPERVISION = "view_supervision", _("Opened the supervision notes")
    VIEW_LEGAL_STATUS = "view_legal_status", _("Opened the legal status")
    VIEW_CHILD_PROTECTION = "view_child_protection", _("Opened the child's protection record")
    VIEW_SAFETY = "view_safety", _("Opened the safety record")
    VIEW_DOCUMENTS = "view_documents", _("Opened the documents")
    OPEN_ATTACHMENT = "open_attachment", _("Opened an attached scan")
    # Lists and searches: one record names every case shown.
    CASELOAD = "caseload", _("Listed the caseload")
    SUPERVISION = "supervision", _("Listed the supervised cases")
    TASKS = "tasks", _("Listed the tasks")
    API_LIST = "api_list", _("Listed cases through the API")
    SEARCH = "search", _("Searched the register")
    DUPLICATE_WARNING = "duplicate_warning", _("Checked for duplicates at registration")
    DUPLICATE_CHECK = "duplicate_check", _("Checked for duplicates (live)")
    DUPLICATE_CHECK_API = "duplicate_check_api", _("Checked for duplicates through the API")
    # Changes.
    REGISTER = "register", _("Case opened")
    UPDATE_PERSON = "update_person", _("Personal details changed")
    UPDATE_CASE = "update_case", _("Case details changed")
    CHANGE_STATUS = "change_status", _("Status changed")
    REOPEN = "reopen", _("Case reopened")
    SET_TEAM = "set_team", _("Team changed")
    START_ASSESSMENT = "start_assessment", _("Needs assessment started")
    RECORD_AREA = "record_area", _("Needs assessment updated")
    RECORD_VIEWS = "record_views", _("The person's priorities recorded")
    RECORD_CONSENT = "record_consent", _("Consent decision recorded")
    WITHDRAW_CONSENT = "withdraw_consent", _("Consent withdrawn")
    RECONFIRM_CONSENT = "reconfirm_consent", _("Consent re-confirmed")
    CREATE_PLAN = "create_plan", _("Plan started")
    UPDATE_PLAN = "update_plan", _("Plan updated")
    ADD_GOAL = "add_goal", _("Goal added to the plan")
    ADD_ACTION = "add_action", _("Action added to the plan")
    ACTION_DECISION = "action_decision", _("The person decided on an action")
    ACTION_STATUS = "action_status", _("Action status changed")
    ADD_SUPPORT = "add_support", _("Support recorded")
    PRINT_PLAN = "print_plan", _("Plan printed for the person")
    START_FOLLOWUP = "start_followup", _("Follow-up started")
    INTENSIFY_FOLLOWUP = "intensify_followup", _("Follow-up stepped up after a setback")
    SET_CONTACT_PREFERENCES = "set_contact_preferences", _("Contact preferences changed")
    LOG_CONTACT = "log_contact", _("Contact recorded")
    RECORD_REVIEW = "record_review", _("Outcome review recorded")
    RECORD_SETBACK = "record_setback", _("Setback recorded")
    RECORD_DEBT = "record_debt", _("Debt recorded")
    CHANGE_DEBT = "change_debt", _("Change to a debt recorded")
    RECORD_STATUS_STEP = "record_status_step", _("Step of the legal status recorded")
    RECORD_IDENTIFICATION = "record_identification", _("Identification recorded")
    RECORD_PROCEEDING = "record_proceeding", _("Legal proceeding recorded")
    RECORD_PROCEEDING_EVENT = "record_proceeding_event", _("Event of a legal proceeding recorded")
    CREATE_TASK = "create_task", _("Task created")
    CLOSE_TASK = "close_task", _("Task closed")
    SUPERVISION_NOTE = "supervision_note", _("Supervision note written")
    ADD_FAMILY_MEMBER = "add_family_member", _("Family member added")
    UPDATE_FAMILY_MEMBER = "update_family_member", _("Family member details changed")
    RECORD_FAMILY_NEED = "record_family_need", _("Need of a family member recorded")
    FAMILY_NEED_STATUS = "family_need_status", _("Need of a family member updated")
    # Children.
    RECORD_AGE = "record_age", _("Age assessment recorded")
    RECORD_GUARDIAN = "record_guardian", _("Guardian appointment recorded")
    RECORD_GUARDIAN_CONSULTATION = "record_guardian_consultation", _("Consultation with the guardian recorded")
    RECORD_BIA = "record_bia", _("Best-interests assessment recorded")
    RECORD_BID = "record_bid", _("Best-interests determination recorded")
    APPROVE_BID = "approve_bid", _("Best-interests determination approved")
    RECORD_TRACING = "record_tracing", _("Family tracing recorded")
    RECORD_PLACEMENT = "record_placement", _("Care placement recorded")
    REVIEW_PLACEMENT = "review_placement", _("Care placement reviewed")
    MOVE_TO_YOUTH_SUPPORT = "move_to_youth_support", _("Moved to youth support at 18")
    # Safety.
    RECORD_RISK_ASSESSMENT = "record_risk_assessment", _("Risk assessment recorded")
    UPDATE_SAFETY_PLAN = "update_safety_plan", _("Safety plan updated")
    RECORD_PERSON_OF_CONCERN = "record_person_of_concern", _("Person of concern recorded")
    # Documents.
    RECORD_DOCUMENT = "record_document", _("Document need recorded")
    RECORD_DOCUMENT_STEP = "record_document_step", _("Step towards a document recorded")
    ADD_ATTACHMENT = "add_attachment", _("Scan attached")
    # Accounts.
    SAVE_PROVIDER = "save_provider", _("Directory: provider saved")
    SAVE_LOCATION = "save_location", _("Directory: place saved")
    SAVE_SERVICE = "save_service", _("Directory: service saved")
    IMPORT_DIRECTORY = "import_directory", _("Directory imported")
    VIEW_MATCHES = "view_matches", _("Looked for services for the person")
    RECORD_UNMET_NEED = "record_unmet_need", _("Unmet need recorded")
    VIEW_REFERRALS = "view_referrals", _("Opened the referrals")
    VIEW_REFERRED_CASE = "view_referred_case", _("A receiving provider opened the shared sections")
    REFERRAL_STATUS = "referral_status", _("Referral proposed, sent or answered")
    NOTIFY = "notify", _("Reminder sent")
    PIN_PARTNER = "pin_partner", _("Partner installation's keys pinned")
    EXPORT_PACKAGE = "export_package", _("Referral package made for a partner installation")
    IMPORT_PACKAGE = "import_package", _("Package from a partner installation imported")
    ANSWER_INCOMING = "answer_incoming", _("Referral from a partner installation answered")
    ISSUE_INVITATION = "issue_invitation", _("Invitation issued")
    ACCEPT_INVITATION = "accept_invitation", _("Invitation accepted: password and authenticator set")
    ISSUE_API_TOKEN = "issue_api_token", _("API token issued")
    REVOKE_API_TOKEN = "revoke_api_token", _("API token revoked")
    INVITE_STAFF = "invite_staff", _("Staff account created and its owner invited")
    CHANGE_STAFF_ROLES = "change_staff_roles", _("Staff member's roles changed")
    DEACTIVATE_STAFF = "deactivate_staff", _("Staff account switched off, its sessions and tokens ended")
    REACTIVATE_STAFF = "reactivate_staff", _("Staff account switched on again")
    RESET_SECOND_FACTOR = "reset_second_factor", _("Staff member's second factor reset")
    OPEN_IN_EMERGENCY = "open_in_emergency", _("Emergency access granted, outside the team")
    # Every read while the emergency access lasts, so the access log tells them from the team's.
    VIEW_IN_EMERGENCY = "view_in_emergency", _("Opened under emergency access")
    FILE_COMPLAINT = "file_complaint", _("Complaint or feedback received")
    VIEW_COMPLAINT = "view_complaint", _("Complaint opened")
    HANDLE_COMPLAINT = "handle_complaint", _("Complaint acknowledged, answered, closed or noted")
    RATE_STANDARD = "rate_standard", _("Quality standard rated")
    PLACE_LEGAL_HOLD = "place_legal_hold", _("Legal hold placed: nothing is anonymised while it lasts")
    LIFT_LEGAL_HOLD = "lift_legal_hold", _("Legal hold lifted")
    SUBJECT_ACCESS_EXPORT = "subject_access_export", _("Everything held about the person exported for them")
    ANONYMISE = "anonymise", _("Identifiable data anonymised at the end of the retention period")
    ERASE = "erase", _("Identifiable data erased")
    RECORD_SHARING_AGREEMENT = "record_sharing_agreement", _("Data-sharing agreement recorded")
    END_SHARING_AGREEMENT = "end_sharing_agreement", _("Data-sharing agreement ended")
    VIEW_REPORT = "view_report", _("Opened a monitoring report")
    DOWNLOAD_REPORT = "download_report", _("Downloaded a monitoring report")
    AGREE_STATISTICS = "agree_statistics", _("Agreement to share statistics with the network changed")
    RESEARCH_EXTRACT = "research_extract", _("Research extract downloaded")
    EXPORT_HTCDS = "export_htcds", _("Case records exported in HTCDS columns")
    IMPORT_RECORDS = "import_records", _("Case record imported from a file")


class AuditRecordQuerySet(models.QuerySet["AuditRecord"]):
    def for_case(self, case_id: int) -> AuditRecordQuerySet:
        return self.filter(case_id=case_id)


class AuditRecord(models.Model):
    """One entry of the append-only audit trail: a view of identifiable data, a change, a search.

    Each record carries the HMAC of its predecessor's seal and its own content, keyed with the
    audit key, so altering, inserting or removing a record breaks the chain at that point
    (see `manage.py verify_audit_log`).
    """

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=16, choices=AuditKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, null=True, related_name="+")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, related_name="audit_records")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, null=True, related_name="+")
    section = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=64, choices=AuditAction.choices)
    channel = models.CharField(max_length=16)
    ip = models.CharField(max_length=45, null=True)
    # Encrypted JSON (old and new values of a change, search terms); empty when there is none.
    detail = models.TextField(blank=True, editable=False)
    # Version 2 seals cover the detail's keyed digest rather than the detail itself, so that a
    # detail holding a person's identifiers can be erased when the person is anonymised while the
    # chain still verifies. Version 1 records (sealed over the plaintext) were resealed as
    # version 2 by migration 0013 after their chain had been verified.
    seal_version = models.PositiveSmallIntegerField(default=2, editable=False)
    detail_digest = models.CharField(max_length=64, blank=True, editable=False)
    detail_erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    previous_seal = models.CharField(max_length=64, editable=False)
    seal = models.CharField(max_length=64, editable=False)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["case", "kind", "-at"], name="audit_case_kind_at")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AuditKind.values), name="audit_kind_valid"),
            models.CheckConstraint(condition=models.Q(action__in=AuditAction.values), name="audit_action_valid"),
        ]

    def canonical_payload(self) -> bytes:
        fields = {
            "sequence": self.sequence,
            "at": self.at.isoformat(timespec="microseconds"),
            "kind": self.kind,
            "actor": self.actor_id,
            "organisation": self.organisation_id,
            "case": self.case_id,
            "person": self.person_id,
            "section": self.section,
            "action": self.action,
            "channel": self.channel,
            "ip": self.ip,
            # A digest of the plaintext, not the ciphertext, so that re-encrypting details under a
            # new data key (rotate_data_key) leaves the seals valid.
            "detail": self.detail_digest if self.seal_version >= 2 else self.decrypted_detail_text(),
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    def detail_matches_digest(self) -> bool:
        """Whether the detail held is the one sealed, or, once erased, that nothing is left of it:
        marking a record erased must not let another detail stand in its place."""
        if self.seal_version < 2:
            return True
        if self.detail_erased_at is not None:
            return self.detail == ""
        return crypto.audit_detail_digest(self.decrypted_detail_text()) == self.detail_digest

    def compute_seal(self) -> str:
        return crypto.audit_seal(self.previous_seal, self.canonical_payload())

    def decrypted_detail_text(self) -> str:
        return crypto.decrypt(self.detail, context=DETAIL_CONTEXT) if self.detail else ""

    def decrypted_detail(self) -> Any:
        text = self.decrypted_detail_text()
        return json.loads(text) if text else None


class AuditChainHead(models.Model):
    """A single row holding the chain's newest seal. Writers lock it, so the chain never forks,
    and the verifier compares it with the last record, so removing the newest records shows."""

    sequence = models.PositiveBigIntegerField(default=0)
    seal = models.CharField(max_length=64, default="")

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="audit_chain_head_singleton")]
