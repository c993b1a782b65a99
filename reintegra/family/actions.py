"""Family workflows: one transaction each, with the audit record inside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.access.sections import Section
from reintegra.accounts.models import User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case, Person
from reintegra.family.models import FamilyMember, FamilyNeed, NeedStatus


@dataclass
class MemberDetails:
    given_name: str
    relationship: str
    family_name: str = ""
    birth_date: date | None = None
    gender: str = ""
    phones: list[str] = field(default_factory=list)
    dependant: bool = False
    lives_with_person: bool = False
    safe_to_contact: bool = False
    concerns: str = ""


def add_family_member(*, actor: User, case: Case, details: MemberDetails) -> FamilyMember:
    """Link a family member or dependant to the case. Their Person record gets no blind index
    entries on purpose: they are not a case of their own, and nobody should be able to find a
    relative by searching the organisation's register."""
    if not details.given_name.strip():
        raise ValidationError(_("Give at least a first name or the name the family uses."))
    if details.birth_date and details.birth_date > timezone.localdate():
        raise ValidationError(_("A date of birth cannot be in the future."))
    with transaction.atomic():
        identifiers: dict[str, Any] = {
            "given_name": details.given_name.strip(),
            "family_name": details.family_name.strip(),
            "birth_date": details.birth_date,
            "gender": details.gender,
            "phones": details.phones,
        }
        person = Person.objects.create(organisation_id=case.organisation_id, **identifiers)
        member = FamilyMember.objects.create(
            case=case,
            person=person,
            relationship=details.relationship,
            dependant=details.dependant,
            lives_with_person=details.lives_with_person,
            safe_to_contact=details.safe_to_contact,
            concerns=details.concerns,
            added_by=actor,
        )
        log.log_change(
            actor=actor,
            case=case,
            action=AuditAction.ADD_FAMILY_MEMBER,
            section=Section.IDENTITY,
            changes={"member": (None, member.pk), "relationship": (None, details.relationship)},
        )
    return member


def update_family_member(
    *, actor: User, member: FamilyMember, dependant: bool, lives_with_person: bool, safe_to_contact: bool, concerns: str
) -> list[str]:
    new = {
        "dependant": dependant,
        "lives_with_person": lives_with_person,
        "safe_to_contact": safe_to_contact,
        "concerns": concerns,
    }
    changes = {name: (getattr(member, name), value) for name, value in new.items() if getattr(member, name) != value}
    if not changes:
        return []
    with transaction.atomic():
        for name, value in new.items():
            setattr(member, name, value)
        member.save(update_fields=list(new))
        log.log_change(
            actor=actor,
            case=member.case,
            action=AuditAction.UPDATE_FAMILY_MEMBER,
            section=Section.IDENTITY,
            changes={"member": (member.pk, member.pk), **changes},
        )
    return list(changes)


def record_family_need(*, actor: User, member: FamilyMember, area: str, description: str, noted_on: date) -> FamilyNeed:
    if noted_on > timezone.localdate():
        raise ValidationError(_("A need cannot be noted in the future."))
    with transaction.atomic():
        need = FamilyNeed.objects.create(
            member=member, area=area, description=description, noted_on=noted_on, recorded_by=actor
        )
        log.log_change(
            actor=actor,
            case=member.case,
            action=AuditAction.RECORD_FAMILY_NEED,
            changes={"member": (None, member.pk), "area": (None, area)},
        )
    return need


def set_family_need_status(*, actor: User, need: FamilyNeed, status: str) -> None:
    if status not in NeedStatus.values:
        raise ValidationError(_("Unknown status."))
    with transaction.atomic():
        old = need.status
        need.status = status
        need.save(update_fields=["status"])
        log.log_change(
            actor=actor, case=need.member.case, action=AuditAction.FAMILY_NEED_STATUS, changes={"status": (old, status)}
        )
