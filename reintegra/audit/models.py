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
    action = models.CharField(max_length=64)
    channel = models.CharField(max_length=16)
    ip = models.CharField(max_length=45, null=True)
    # Encrypted JSON (old and new values of a change, search terms); empty when there is none.
    detail = models.TextField(blank=True, editable=False)
    previous_seal = models.CharField(max_length=64, editable=False)
    seal = models.CharField(max_length=64, editable=False)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["case", "kind", "-at"], name="audit_case_kind_at")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AuditKind.values), name="audit_kind_valid"),
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
            # The plaintext, not the ciphertext, so that re-encrypting details under a new data
            # key (rotate_data_key) leaves the seals valid.
            "detail": self.decrypted_detail_text(),
        }
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

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
