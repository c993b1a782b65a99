from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra.accounts.models import Role, User
from reintegra.audit import log
from reintegra.audit.models import AuditAction
from reintegra.cases.models import Case
from reintegra.supervision.models import SupervisionNote


def add_note(*, actor: User, case: Case, written_on: date, text: str) -> SupervisionNote:
    if not actor.has_role(Role.SUPERVISOR):
        raise ValidationError(_("Only supervisors write supervision notes."))
    if written_on > timezone.localdate():
        raise ValidationError(_("A note cannot be dated in the future."))
    with transaction.atomic():
        note = SupervisionNote.objects.create(case=case, written_on=written_on, text=text, by=actor)
        log.log_change(actor=actor, case=case, action=AuditAction.SUPERVISION_NOTE, changes={"note": (None, note.pk)})
    return note
