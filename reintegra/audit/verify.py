from __future__ import annotations

from dataclasses import dataclass

from reintegra.audit.models import AuditChainHead, AuditRecord


@dataclass(frozen=True)
class Break:
    sequence: int
    record_id: int | None
    reason: str


def verify_chain(batch_size: int = 5000) -> tuple[int, Break | None]:
    """Walk the chain in order. Returns the number of records checked and the first break."""
    expected_sequence = 1
    previous_seal = ""
    checked = 0
    for record in AuditRecord.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if record.sequence != expected_sequence:
            return checked, Break(expected_sequence, None, f"record {expected_sequence} is missing")
        if record.previous_seal != previous_seal:
            return checked, Break(record.sequence, record.pk, "its link to the previous record does not match")
        if record.compute_seal() != record.seal:
            return checked, Break(record.sequence, record.pk, "its content does not match its seal")
        if not record.detail_matches_digest():
            return checked, Break(record.sequence, record.pk, "its detail does not match its seal")
        previous_seal = record.seal
        expected_sequence += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_sequence, head_seal = (head.sequence, head.seal) if head else (0, "")
    if head_sequence != checked or head_seal != previous_seal:
        return checked, Break(
            checked + 1, None, f"the chain should end at record {head_sequence}; later records are missing"
        )
    return checked, None
