"""Seals of version 2 cover a keyed digest of each record's detail instead of the detail, so that
details holding a person's identifiers can be erased and the chain still verify.

Existing records (version 1) are resealed as version 2, but only after their chain has verified
as it stands: resealing a chain that was tampered with would hide the tampering. If it does not
verify, the migration stops, and the operator investigates with `manage.py verify_audit_log`
before upgrading. The payload of version 1 is written out here as it was, so that later changes
to the model do not change what this migration checks."""

import hashlib
import hmac
import json

from django.db import migrations, models


def _v1_payload(record, detail_text):
    fields = {
        "sequence": record.sequence,
        "at": record.at.isoformat(timespec="microseconds"),
        "kind": record.kind,
        "actor": record.actor_id,
        "organisation": record.organisation_id,
        "case": record.case_id,
        "person": record.person_id,
        "section": record.section,
        "action": record.action,
        "channel": record.channel,
        "ip": record.ip,
        "detail": detail_text,
    }
    return fields


def _encode(fields):
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def reseal(apps, schema_editor):
    from reintegra.core import crypto

    AuditRecord = apps.get_model("audit", "AuditRecord")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    if not AuditRecord.objects.exists():
        return
    key = crypto.keyring().audit_key

    def seal(previous, payload):
        return hmac.new(key, previous.encode() + b"\x1e" + payload, hashlib.sha256).hexdigest()

    old_previous = new_previous = ""
    expected = 1
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=2000):
        text = crypto.decrypt(record.detail, context="audit.auditrecord.detail") if record.detail else ""
        fields = _v1_payload(record, text)
        if (
            record.sequence != expected
            or record.previous_seal != old_previous
            or seal(old_previous, _encode(fields)) != record.seal
        ):
            raise RuntimeError(
                f"The audit chain does not verify at record {expected}: it is not resealed. "
                "Run `manage.py verify_audit_log` and investigate before upgrading."
            )
        old_previous = record.seal
        expected += 1
        digest = crypto.audit_detail_digest(text)
        record.seal_version = 2
        record.detail_digest = digest
        record.previous_seal = new_previous
        record.seal = seal(new_previous, _encode({**fields, "detail": digest}))
        record.save(update_fields=["seal_version", "detail_digest", "previous_seal", "seal"])
        new_previous = record.seal
    head = AuditChainHead.objects.get(pk=1)
    if head.sequence != expected - 1 or head.seal != old_previous:
        raise RuntimeError("The audit chain's head does not match its last record: it is not resealed.")
    head.seal = new_previous
    head.save(update_fields=["seal"])


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0012_staff_complaint_and_emergency_actions"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditrecord",
            name="detail_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditrecord",
            name="detail_erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditrecord",
            name="seal_version",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditrecord",
            name="seal_version",
            field=models.PositiveSmallIntegerField(default=2, editable=False),
        ),
        migrations.RunPython(reseal, migrations.RunPython.noop),
    ]
