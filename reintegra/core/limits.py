"""Counting what one address does in a window, for the public pages that take input from nobody
signed in (the complaint form, the reference look-up)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest

from reintegra.core.http import client_ip


def spend(request: HttpRequest, scope: str, *, allowed: int, window_seconds: int) -> bool:
    """Count one more for this address in the current window; False once `allowed` are spent.
    The count lives in the shared database cache, so it holds across server processes."""
    key = f"limit:{scope}:{client_ip(request)}:{int(time.time()) // window_seconds}"
    cache.add(key, 0, timeout=window_seconds * 2)
    try:
        used = cache.incr(key)
    except ValueError:  # expired in between: a new window
        cache.set(key, 1, timeout=window_seconds * 2)
        used = 1
    return used <= allowed


def seconds_left(window_seconds: int) -> int:
    return window_seconds - int(time.time()) % window_seconds
