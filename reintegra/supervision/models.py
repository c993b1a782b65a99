from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra.core.fields import EncryptedModel, EncryptedQuerySet, EncryptedTextField


class SupervisionNote(EncryptedModel):
    """A supervisor's note on a case after supervision: what was discussed and agreed."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="supervision_notes")
    written_on = models.DateField(_("date"))
    text = EncryptedTextField(_("what was discussed and agreed"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EncryptedQuerySet.as_manager()

    class Meta:
        ordering = ["-written_on", "-pk"]
        indexes = [models.Index(fields=["case", "-written_on"], name="supervision_note_case")]
