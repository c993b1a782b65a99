"""Exchange workflows: keys, pinning a partner, making a referral package, importing a package,
answering an incoming referral. Each writes its audit record inside its own transaction."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import asdict
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.scope import CaseScope
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.core.forms import iso_639
from reintegra.directory.models import AREA_CODES
from reintegra.exchange import access, bulk, htcds, packages, spreadsheets, tasks
from reintegra.exchange.models import (
    ImportBatch,
    ImportStatus,
    IncomingReferral,
    IncomingStatus,
    OrganisationKeys,
    PackageKind,
    PackageReceipt,
    Partner,
)
from reintegra.orgs.models import Organisation
from reintegra.referrals import actions as referral_actions
from reintegra.referrals.access import get_referral_for_user, receives_referrals
from reintegra.referrals.models import Referral, ReferralReason, ReferralStatus


def keys_for(organisation: Organisation) -> OrganisationKeys:
    """The organisation's key pairs, made the first time they are needed."""
    with transaction.atomic():
        existing = OrganisationKeys.objects.select_related("organisation").filter(organisation=organisation).first()
        if existing is not None:
            return existing
        return OrganisationKeys.objects.create(organisation=organisation, **packages.new_key_material())


def partner_card(organisation: Organisation) -> dict[str, str]:
    """What a partner needs to pin this organisation: public keys and their fingerprints, to be
    compared over a second channel (a call, a meeting) before pinning."""
    keys = keys_for(organisation)
    return {
        "name": organisation.name,
        "country": str(organisation.country),
        "signing_key": keys.signing_public,
        "box_key": keys.box_public,
        "signing_fingerprint": packages.fingerprint(keys.signing_public),
        "box_fingerprint": packages.fingerprint(keys.box_public),
    }


def pin_partner(*, actor: User | None, card: dict[str, Any]) -> Partner:
    name, country = str(card.get("name", "")).strip(), str(card.get("country", "")).strip().upper()
    if not name or len(country) != 2:
        raise ValidationError(_("The partner's card must give its name and two-letter country code."))
    for field in ("signing_key", "box_key"):
        try:
            raw = base64.b64decode(str(card.get(field, "")), validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ValidationError(_("The partner's card has no valid %(field)s.") % {"field": field})
    with transaction.atomic():
        try:
            partner = Partner.objects.create(
                name=name[:200],
                country=country,
                signing_public=card["signing_key"],
                box_public=card["box_key"],
                pinned_by=actor,
            )
        except IntegrityError:
            raise ValidationError(_("These keys are pinned already.")) from None
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.PIN_PARTNER,
            changes={
                "partner": (None, partner.pk),
                "signing_key": (None, packages.fingerprint(partner.signing_public)),
            },
        )
    return partner


def _shared_content(scope: CaseScope) -> dict[str, Any]:
    """The shared sections, in HTCDS names where the standard has them, as the receiver of a
    referral inside this installation would read them (referrals.views.shared_case)."""
    case = scope.case
    content: dict[str, Any] = {
        "case": {
            "reintegra_case_number": case.number,
            "cas_Status": htcds.case_status(case.status, case.closure_reason),
        }
    }
    if scope.can_see("identity"):
        person = case.person
        languages = list(dict.fromkeys(iso_639(code) for code in person.languages or []))
        content["person"] = {
            "prs_FirstName": person.given_name,
            "prs_SecondName": person.family_name,
            "prs_Birthdate": person.birth_date.isoformat() if person.birth_date else None,
            "prs_Gender": person.gender or None,
            "prs_Citizenship": list(person.nationalities or []),
            "prs_PrimaryLanguage": languages[0] if languages else None,
            "prs_SecondaryLanguage": languages[1] if len(languages) > 1 else None,
        }
    if scope.plan() is not None:
        content["actions"] = [
            {"area": action.area, "description": action.description, "status": action.status}
            for action in scope.actions()
        ]
    return content


def export_referral_package(*, actor: User, referral: Referral, scope: CaseScope, now: datetime) -> bytes:
    """A sent referral to a partner installation, sealed for it and signed by the case's
    organisation. `scope` is the case as the access layer opened it, with the shared sections."""
    if referral.to_partner is None or referral.status != ReferralStatus.SENT:
        raise ValidationError(_("Only a sent referral to a partner installation travels as a package."))
    if set(scope.sections) - set(referral.shared_sections) - {"summary"}:
        raise RuntimeError("The package is made from the shared sections only.")
    sender = keys_for(scope.case.organisation)
    body = {
        "reintegra_referral_id": referral.pk,
        "cas_ReferringOrganisation": scope.case.organisation.name,
        "cas_ReferringPrimaryCaseWorker": actor.display_name(),
        "cas_OutgoingReferralDate": referral.sent_at.date().isoformat() if referral.sent_at else None,
        "cas_ReasonForOutgoingReferral": htcds.PICKLISTS["cas_ReasonForOutgoingReferral"].code(referral.reason_kind),
        "cas_OutgoingReferralDetails": referral.reason,
        "cas_ReferredOrganisation": referral.to_partner.name,
        "con_Consent": referral.consent_id is not None,
        "reintegra_sent_to_protect_a_child": referral.override_by_id is not None,
        "reintegra_service": referral.service.name,
        "reintegra_area": referral.area,
        "reintegra_sent_at": referral.sent_at.isoformat() if referral.sent_at else None,
        "reintegra_shared_sections": list(referral.shared_sections),
        **_shared_content(scope),
    }
    if referral.family_member_id is not None:
        # For a relative of the person: who, by relationship, and their name only with identity.
        member = scope.family_member(referral.family_member_id) if scope.can_see("identity") else None
        body["reintegra_for_family_member"] = (
            {
                "relationship": member.relationship,
                "prs_FirstName": member.person.given_name,
                "prs_SecondName": member.person.family_name,
            }
            if member is not None
            else {"relationship": referral.family_member.relationship if referral.family_member else ""}
        )
    payload = packages.new_payload(
        kind=PackageKind.REFERRAL, sender=sender, recipient=referral.to_partner, now=now, body=body
    )
    with transaction.atomic():
        log.log_change(
            actor=actor,
            case=scope.case,
            action=AuditAction.EXPORT_PACKAGE,
            changes={"referral": (None, referral.pk), "package": (None, payload["package_id"])},
        )
    return packages.seal(payload=payload, sender=sender, recipient_box_public=referral.to_partner.box_public)


def import_package(*, actor: User, data: bytes, now: datetime) -> IncomingReferral | Referral:
    """Open a package and act on it: a referral becomes a pending incoming referral of the
    organisation it is for; an answer moves the referral it answers. Nothing is written unless
    every check passes."""
    if actor.organisation_id is None:
        raise packages.PackageRefused(_("This package is not for your organisation."))
    opened = packages.open_package(data, now=now, organisation_id=actor.organisation_id)
    if opened.kind == PackageKind.REFERRAL:
        return _import_referral(actor=actor, opened=opened)
    return _import_answer(actor=actor, opened=opened)


def _receipt(actor: User, opened: packages.Opened) -> None:
    try:
        with transaction.atomic():
            PackageReceipt.objects.create(
                package_id=opened.package_id, kind=opened.kind, partner=opened.partner, received_by=actor
            )
    except IntegrityError:
        raise packages.PackageRefused(_("This package was already imported; it is not imported twice.")) from None


def _text(value: object, limit: int = 200) -> str:
    return str(value)[:limit] if isinstance(value, str | int) and not isinstance(value, bool) else ""


def _fields(value: object, names: tuple[str, ...], limit: int = 200) -> dict[str, str]:
    found = value if isinstance(value, dict) else {}
    return {name: _text(found.get(name), limit) for name in names}


def _checked_content(body: dict[str, Any]) -> dict[str, Any]:
    """What the partner shared, in the shapes this installation shows, each value bounded: a
    partner's mistake (or malice) must not break the page or fill the database."""
    content: dict[str, Any] = {"case": _fields(body.get("case"), ("reintegra_case_number", "cas_Status"), 40)}
    person = body.get("person")
    if isinstance(person, dict):
        content["person"] = {
            **_fields(person, ("prs_FirstName", "prs_SecondName", "prs_Gender"), 200),
            **_fields(person, ("prs_Birthdate", "prs_PrimaryLanguage", "prs_SecondaryLanguage"), 10),
            "prs_Citizenship": [
                _text(code, 2) for code in (person.get("prs_Citizenship") or [])[:10] if isinstance(code, str)
            ]
            if isinstance(person.get("prs_Citizenship"), list)
            else [],
        }
    actions = body.get("actions")
    if isinstance(actions, list):
        content["actions"] = [
            {**_fields(action, ("area", "status"), 20), **_fields(action, ("description",), 2000)}
            for action in actions[:300]
            if isinstance(action, dict)
        ]
    sections = body.get("reintegra_shared_sections")
    if isinstance(sections, list):
        content["reintegra_shared_sections"] = [_text(section, 20) for section in sections[:20]]
    member = body.get("reintegra_for_family_member")
    if isinstance(member, dict):
        content["reintegra_for_family_member"] = _fields(member, ("relationship", "prs_FirstName", "prs_SecondName"))
    return content


def _import_referral(*, actor: User, opened: packages.Opened) -> IncomingReferral:
    if not receives_referrals(actor):
        raise packages.PackageRefused(_("Only the service providers of the organisation import its referrals."))
    body = opened.body
    area = str(body.get("reintegra_area", ""))
    sent_at = packages.moment(body.get("reintegra_sent_at"))
    try:
        remote_id = int(body["reintegra_referral_id"])
    except (KeyError, TypeError, ValueError):
        remote_id = 0
    if area not in AREA_CODES or remote_id < 1 or not str(body.get("cas_OutgoingReferralDetails", "")).strip():
        raise packages.PackageRefused(_("This referral package lacks its service area, its number or its reason."))
    content = _checked_content(body)
    content["sender"] = {
        key: body.get(key) if isinstance(body.get(key), bool) else _text(body.get(key))
        for key in (
            "cas_ReferringOrganisation",
            "cas_ReferringPrimaryCaseWorker",
            "con_Consent",
            "reintegra_sent_to_protect_a_child",
        )
    }
    with transaction.atomic():
        _receipt(actor, opened)
        if IncomingReferral.objects.filter(partner=opened.partner, remote_referral_id=remote_id).exists():
            raise packages.PackageRefused(
                _("This referral from %(partner)s was imported already, from another package.")
                % {"partner": opened.partner.name}
            )
        try:
            incoming = IncomingReferral.objects.create(
                partner=opened.partner,
                to_organisation=opened.recipient.organisation,
                remote_referral_id=remote_id,
                package_id=opened.package_id,
                area=area,
                service_name=str(body.get("reintegra_service", ""))[:200],
                reason=str(body["cas_OutgoingReferralDetails"])[:2000],
                # The sender's outgoing reason is this side's incoming one; an unknown or absent
                # code (an older package) reads as the usual reason.
                reason_kind=htcds.PICKLISTS["cas_ReasonForIncomingReferral"].value(
                    _text(body.get("cas_ReasonForOutgoingReferral"))
                )
                or ReferralReason.MORE_SERVICES,
                content=content,  # type: ignore[misc]
                sent_at=sent_at,
                received_by=actor,
            )
        except IntegrityError:  # the same referral imported at the same moment by a colleague
            raise packages.PackageRefused(_("This referral was imported already.")) from None
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.IMPORT_PACKAGE,
            changes={"incoming_referral": (None, incoming.pk), "partner": (None, opened.partner.pk)},
        )
    return incoming


def _import_answer(*, actor: User, opened: packages.Opened) -> Referral:
    """The partner's steps since the referral was sent (accepted or refused, then in service,
    completed...), applied in order from wherever the sender's copy stands."""
    body = opened.body
    steps = body.get("steps")
    if not isinstance(steps, list) or not steps or not all(isinstance(step, dict) for step in steps):
        raise packages.PackageRefused(_("This answer holds no step of the referral."))
    try:
        referral_id = int(body["reintegra_referral_id"])
    except (KeyError, TypeError, ValueError):
        raise packages.PackageRefused(_("This answer does not say which referral it answers.")) from None
    try:
        referral, side = get_referral_for_user(actor, referral_id, write=True)
    except Http404:
        raise packages.PackageRefused(
            _("This answer is about a referral of a case you are not on the team of. Someone of that team imports it.")
        ) from None
    if (
        side != referral_actions.SENDER
        or referral.to_partner_id != opened.partner.pk
        or referral.case.organisation_id != opened.recipient.organisation_id
    ):
        raise packages.PackageRefused(_("This answer is about a referral that was not sent to this partner."))
    statuses = [str(step.get("status", "")) for step in steps]
    # Steps the sender already has are skipped; an answer with nothing new is refused.
    if referral.status == ReferralStatus.SENT:
        done = 0
    elif referral.status in statuses:
        done = statuses.index(referral.status) + 1
    else:
        raise packages.PackageRefused(
            _("The referral here is “%(status)s”, which the partner's steps do not follow.")
            % {"status": referral.get_status_display()}
        )
    if done >= len(steps):
        raise packages.PackageRefused(_("This answer brings nothing new: the referral already stands where it says."))
    with transaction.atomic():
        _receipt(actor, opened)
        for step in steps[done:]:
            status = str(step.get("status", ""))
            note = str(step.get("note", "")).strip()[:2000]
            if status == ReferralStatus.REFUSED and not note:
                note = _("Refused by %(partner)s.") % {"partner": opened.partner.name}
            try:
                referral_actions.move_referral(
                    actor=actor,
                    side=referral_actions.RECEIVER,  # the partner's step, carried by its package
                    referral=referral,
                    to_status=status,
                    note=note or _("Recorded by %(partner)s.") % {"partner": opened.partner.name},
                    outcome=str(step.get("outcome", ""))[:2000],
                    feedback=str(step.get("feedback", ""))[:2000],
                )
            except ValidationError:
                raise packages.PackageRefused(
                    _("This answer's steps do not follow from where the referral stands here.")
                ) from None
        log.log_change(
            actor=actor,
            case=referral.case,
            action=AuditAction.IMPORT_PACKAGE,
            changes={
                "referral": (None, referral.pk),
                "partner": (None, opened.partner.pk),
                "steps": (None, statuses[done:]),
            },
        )
    return referral


def move_incoming(
    *,
    actor: User,
    incoming: IncomingReferral,
    to_status: str,
    note: str = "",
    outcome: str = "",
    feedback: str = "",
    now: datetime,
) -> None:
    """Answer a referral from a partner, then follow it to its end, as a provider would inside
    one installation. Each step is kept and goes back in the next answer package."""
    if to_status not in incoming.next_statuses():
        raise ValidationError(_("This referral cannot be moved to that state from where it stands."))
    if to_status == IncomingStatus.REFUSED and not note.strip():
        raise ValidationError({"reason": _("Say why the referral is refused, so the sender can look elsewhere.")})
    with transaction.atomic():
        locked = IncomingReferral.objects.select_for_update().get(pk=incoming.pk)
        if locked.status != incoming.status:
            raise ValidationError(_("Someone moved this referral meanwhile. Look at it again."))
        old = incoming.status
        incoming.status = to_status
        if old == IncomingStatus.PENDING:
            incoming.answered_by, incoming.answered_at = actor, now
        if to_status == IncomingStatus.REFUSED:
            incoming.refusal_reason = note.strip()
        if outcome.strip():
            incoming.outcome = outcome.strip()
        if feedback.strip():
            incoming.feedback = feedback.strip()
        step = {"status": to_status, "at": now.isoformat(), "note": note.strip()}
        if to_status == IncomingStatus.COMPLETED:
            step.update(outcome=incoming.outcome, feedback=incoming.feedback)
        incoming.steps = [*incoming.steps, step]  # type: ignore[misc]
        if incoming.is_ended:
            # Ended here: the person's details go; the bare facts and the provider's own records stay.
            incoming.content = {"sender": incoming.content.get("sender", {})}  # type: ignore[misc]
        incoming.save()
        log.log_change(
            actor=actor,
            case=None,
            action=AuditAction.ANSWER_INCOMING,
            changes={"incoming_referral": (incoming.pk, incoming.pk), "status": (old, to_status)},
        )


def answer_incoming(*, actor: User, incoming: IncomingReferral, accept: bool, reason: str, now: datetime) -> None:
    move_incoming(
        actor=actor,
        incoming=incoming,
        to_status=IncomingStatus.ACCEPTED if accept else IncomingStatus.REFUSED,
        note=reason,
        now=now,
    )


def answer_package(*, actor: User, incoming: IncomingReferral, now: datetime) -> bytes:
    """The answer, signed by the receiving organisation and sealed for the sender."""
    if incoming.status == IncomingStatus.PENDING:
        raise ValidationError(_("Answer the referral first."))
    sender = keys_for(incoming.to_organisation)
    body = {
        "reintegra_referral_id": incoming.remote_referral_id,
        "status": incoming.status,
        "steps": list(incoming.steps),
        "answered_by": actor.display_name(),
    }
    payload = packages.new_payload(
        kind=PackageKind.ANSWER, sender=sender, recipient=incoming.partner, now=now, body=body
    )
    return packages.seal(payload=payload, sender=sender, recipient_box_public=incoming.partner.box_public)


# Bulk import of case records (exchange.bulk does the reading and the writing) ----------------


def start_import(*, actor: User, data: bytes, filename: str, month_first: bool) -> ImportBatch:
    """Keep the file, encrypted, and have it checked in the background. Nothing about any person
    is registered until the importer confirms the check."""
    if not access.moves_records(actor):
        raise ValidationError(_("Only supervisors bring in files of case records."))
    if len(data) > settings.REINTEGRA_IMPORT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("The file is larger than %(size)d MB, the most this installation takes at once. Split it.")
                % {"size": settings.REINTEGRA_IMPORT_MAX_BYTES // 1_000_000}
            }
        )
    if not data.strip():
        raise ValidationError({"file": _("The file is empty.")})
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation_id=actor.organisation_pk,
            uploaded_by=actor,
            filename=filename[:255],
            content=base64.b64encode(data).decode("ascii"),
            sha256=hashlib.sha256(data).hexdigest(),
            month_first=month_first,
        )
        transaction.on_commit(lambda: tasks.check_records_file.enqueue(batch.pk))
    return batch


def _table(batch: ImportBatch) -> spreadsheets.Table:
    return spreadsheets.read_table(base64.b64decode(batch.content), batch.filename)


def check_import(*, batch_id: int) -> ImportBatch:
    """The dry run: read every row, report every problem and possible duplicate. A file with
    problems is refused and erased; the importer fixes it and brings it in again."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportStatus.CHECKING:
        return batch

    def progress(rows: int) -> None:
        ImportBatch.objects.filter(pk=batch.pk).update(rows_read=rows)

    try:
        result = bulk.check(
            _table(batch), organisation_id=batch.organisation_id, month_first=batch.month_first, progress=progress
        )
    except spreadsheets.FileRefused as exc:
        result = bulk.CheckResult(encoding="")
        result.add(bulk.Problem(0, "", str(exc)))
    earlier = (
        ImportBatch.objects.filter(
            organisation_id=batch.organisation_id, sha256=batch.sha256, status=ImportStatus.IMPORTED
        )
        .exclude(pk=batch.pk)
        .order_by("finished_at")
        .first()
    )
    report = result.as_dict()
    if earlier is not None and earlier.finished_at is not None:
        report["imported_before"] = timezone.localdate(earlier.finished_at).isoformat()
    batch.report = report
    batch.rows_read = result.rows
    batch.checked_at = timezone.now()
    if result.valid and result.rows:
        batch.status = ImportStatus.CHECKED
    else:
        if not result.rows and result.valid:
            report["problems"] = [asdict(bulk.Problem(0, "", _("The file has no rows under its header.")))]
        batch.status, batch.content = ImportStatus.REFUSED, ""
    batch.save()
    return batch


def confirm_import(*, actor: User, batch: ImportBatch, duplicates_seen: bool) -> ImportBatch:
    if batch.uploaded_by_id != actor.pk or batch.status != ImportStatus.CHECKED:
        raise ValidationError(_("This file is not waiting to be imported."))
    if batch.report.get("duplicates") and not duplicates_seen:
        raise ValidationError(
            {"duplicates_seen": _("Look at the possible duplicates first, then tick the box to register them.")}
        )
    with transaction.atomic():
        batch.status, batch.duplicates_seen = ImportStatus.IMPORTING, duplicates_seen
        batch.save(update_fields=["status", "duplicates_seen"])
        transaction.on_commit(lambda: tasks.import_records_file.enqueue(batch.pk))
    return batch


def run_import(*, batch_id: int) -> ImportBatch:
    """Register every person of a checked file, in one transaction (exchange.bulk.write). If the
    file no longer reads as it did at the check, or anything fails, nothing is registered."""
    batch = ImportBatch.objects.select_related("uploaded_by__organisation").get(pk=batch_id)
    if batch.status != ImportStatus.IMPORTING:
        return batch
    result = bulk.CheckResult(encoding="")
    try:
        with transaction.atomic():
            records_in_file = bulk.read_records(_table(batch), month_first=batch.month_first, result=result)
            case_ids = bulk.write(actor=batch.uploaded_by, imported=records_in_file, source=batch.filename)
            if not result.valid or not case_ids:
                raise ValidationError(_("The file no longer reads as it did when it was checked."))
    except (ValidationError, spreadsheets.FileRefused, DatabaseError) as exc:
        batch.status = ImportStatus.FAILED
        batch.report = {**batch.report, "failure": " ".join(getattr(exc, "messages", [str(exc)]))}
    else:
        batch.status, batch.imported_count = ImportStatus.IMPORTED, len(case_ids)
    batch.content, batch.finished_at = "", timezone.now()
    batch.save()
    return batch
