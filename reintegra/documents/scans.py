"""What a scan is, read from its bytes. A file's name and the type its sender declares are both
chosen by the sender, so neither is trusted: the first bytes are read (the `filetype` package,
which reads magic numbers and nothing else), and only PDF, JPEG and PNG are taken."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from reintegra.documents.models import AttachmentType


def max_bytes() -> int:
    return int(settings.REINTEGRA_ATTACHMENT_MAX_BYTES)


def check_size(size: int) -> None:
    if size > max_bytes():
        raise ValidationError(
            {
                "file": _(
                    "This file is %(size)s; a scan may be %(limit)s at most. Scan it again at a lower resolution."
                )
                % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("This file is empty.")})


def content_type_of(data: bytes) -> str:
    """The scan's type from its content, or a refusal naming the types taken."""
    kind = filetype.guess(data[:8192])
    mime = kind.mime if kind is not None else ""
    if mime not in AttachmentType.values:
        raise ValidationError(
            {"file": _("This file is not a PDF, JPEG or PNG, whatever its name says. Only those are taken.")}
        )
    return mime
