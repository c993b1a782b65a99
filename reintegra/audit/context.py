"""Where the current request came from, for the audit trail, without threading it through
every function call. Set by RequestContextMiddleware, by the API authentication, and by
management commands (channel "cli")."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Origin:
    channel: str = "system"
    ip: str | None = None


_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar("audit_origin", default=Origin())  # noqa: B039 (frozen)


def current_origin() -> Origin:
    return _origin.get()


@contextmanager
def origin(value: Origin) -> Iterator[None]:
    token = _origin.set(value)
    try:
        yield
    finally:
        _origin.reset(token)
