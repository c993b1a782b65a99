"""Reading an uploaded file (a scan, a spreadsheet of records to import): in memory only, never
into a temporary file on disk (where it would lie unencrypted), and no further than the size
limit. A bigger file is read to its end and
dropped, and the request is marked so that the view can say why."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

TOO_BIG = "_reintegra_upload_too_big"


class InMemoryUploadHandler(FileUploadHandler):
    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.buffer: BytesIO | None = None
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer, self.received = BytesIO(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.buffer is None:
            return None
        if self.received > self.limit:
            self.buffer = None  # drop what was read: nothing of it is kept
            setattr(self.request, TOO_BIG, self.received)
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile | None:
        if self.buffer is None:
            setattr(self.request, TOO_BIG, file_size)
            return None
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
