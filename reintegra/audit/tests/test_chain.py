import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from reintegra.audit.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(as_worker, case):
    for _ in range(3):
        as_worker.get(reverse("cases:detail", args=[case.pk]))
    assert AuditRecord.objects.count() >= 4
    return AuditRecord.objects.order_by("sequence")


def test_intact_chain_verifies(history, capsys):
    call_command("verify_audit_log")
    assert "intact" in capsys.readouterr().out


def _raw_update(record: AuditRecord, **values) -> None:
    # Straight to the database, as an attacker with database access would.
    sets = ", ".join(f"{name} = %s" for name in values)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE audit_auditrecord SET {sets} WHERE id = %s", [*values.values(), record.pk])


def test_altered_record_is_named(history):
    victim = history[2]
    _raw_update(victim, ip="203.0.113.9")
    with pytest.raises(CommandError, match=rf"record {victim.sequence} \(id {victim.pk}\)"):
        call_command("verify_audit_log")


def test_altered_actor_is_named(history, supervisor):
    victim = history[1]
    _raw_update(victim, actor_id=supervisor.pk)
    with pytest.raises(CommandError, match=rf"record {victim.sequence} "):
        call_command("verify_audit_log")


def test_removed_record_is_named(history):
    victim = history[2]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match=rf"record {victim.sequence} is missing"):
        call_command("verify_audit_log")


def test_removed_newest_record_is_noticed(history):
    newest = history.last()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE id = %s", [newest.pk])
    with pytest.raises(CommandError, match=rf"record {newest.sequence}"):
        call_command("verify_audit_log")


def test_reordering_is_noticed_even_with_recomputed_hash_without_key(history):
    """Without the audit key an attacker cannot forge a seal: a plain SHA-256 will not do."""
    import hashlib

    victim = history[1]
    fake = hashlib.sha256(b"forged").hexdigest()
    _raw_update(victim, seal=fake)
    with pytest.raises(CommandError):
        call_command("verify_audit_log")


def test_audit_details_are_encrypted(history):
    record = AuditRecord.objects.exclude(detail="").first()
    assert record.detail.startswith("v1.")
    assert record.decrypted_detail()


def test_a_detail_swapped_for_another_is_noticed(history):
    """The seal covers the detail's digest: another record's (valid) ciphertext in its place does
    not verify, nor does an emptied detail that is not marked as erased."""
    with_details = list(AuditRecord.objects.exclude(detail="").order_by("sequence"))
    registered = with_details[0]
    other_detail = registered.detail
    from django.db import transaction

    from reintegra.audit import log

    with transaction.atomic():
        other = log.log_change(
            actor=registered.actor, case=registered.case, action="update_case", changes={"x": (1, 2)}
        )
    _raw_update(registered, detail=other.detail)
    with pytest.raises(CommandError, match=rf"record {registered.sequence} .*detail"):
        call_command("verify_audit_log")
    _raw_update(registered, detail="")
    with pytest.raises(CommandError, match=rf"record {registered.sequence} "):
        call_command("verify_audit_log")
    _raw_update(registered, detail=other_detail)
    call_command("verify_audit_log")


def test_an_erased_detail_still_verifies(history, capsys):
    from django.db import transaction
    from django.db.models import Q
    from django.utils import timezone

    from reintegra.audit import log
    from reintegra.privacy.anonymise import erase_audit_details

    assert erase_audit_details(Q(pk__in=[r.pk for r in history]), now=timezone.now()) > 0
    assert not AuditRecord.objects.filter(pk__in=[r.pk for r in history]).exclude(detail="").exists()
    call_command("verify_audit_log")
    assert "intact" in capsys.readouterr().out
    # Marked erased, a record must hold nothing: another detail put in its place is noticed.
    victim = AuditRecord.objects.filter(pk__in=[r.pk for r in history]).exclude(detail_erased_at=None).first()
    with transaction.atomic():
        other = log.log_change(actor=victim.actor, case=victim.case, action="update_case", changes={"x": (1, 2)})
    _raw_update(victim, detail=other.detail)
    with pytest.raises(CommandError, match=rf"record {victim.sequence} "):
        call_command("verify_audit_log")
