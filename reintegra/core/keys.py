"""Loading of the keys that protect data at rest.

Three independent keys, so that one can be rotated or revealed without touching the others:

- data keys (REINTEGRA_DATA_KEYS): AES-256-GCM keys for field encryption, as a comma-separated
  list of ``key_id:base64key``. The first one encrypts; all of them decrypt, which is what makes
  rotation possible without downtime.
- the index key (REINTEGRA_INDEX_KEY): HMAC-SHA256 key for blind indexes (exact lookups).
- the audit key (REINTEGRA_AUDIT_KEY): HMAC-SHA256 key that seals the audit hash chain, so that
  someone with write access to the database alone cannot rewrite history and re-chain it.

They come from the environment or from the file named by REINTEGRA_KEY_FILE (same names, one
``NAME=value`` a line). They are never written to the database.
"""

from __future__ import annotations

import base64
import binascii
import functools
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from dotenv import dotenv_values

KEY_NAMES = ("REINTEGRA_DATA_KEYS", "REINTEGRA_INDEX_KEY", "REINTEGRA_AUDIT_KEY")


@dataclass(frozen=True)
class KeyRing:
    data_keys: dict[str, bytes]  # insertion-ordered: the first is the active one
    index_key: bytes
    audit_key: bytes

    @property
    def active_key_id(self) -> str:
        return next(iter(self.data_keys))


def decode_key(name: str, value: str, error: type[Exception] = ImproperlyConfigured) -> bytes:
    """A 32-byte key written in base64 (padding optional), or `error` saying what is wrong."""
    try:
        raw = base64.urlsafe_b64decode(value.strip() + "=" * (-len(value.strip()) % 4))
    except (binascii.Error, ValueError) as exc:
        raise error(f"{name} is not valid base64.") from exc
    if len(raw) != 32:
        raise error(f"{name} must decode to 32 bytes, not {len(raw)}.")
    return raw


def raw_values() -> dict[str, str]:
    values: dict[str, str] = {}
    key_file = settings.REINTEGRA_KEY_FILE
    if key_file:
        path = Path(key_file)
        if not path.is_file():
            raise ImproperlyConfigured(f"REINTEGRA_KEY_FILE points at {path}, which is not a file.")
        values.update({k: v for k, v in dotenv_values(path).items() if v is not None})
    for name in KEY_NAMES:
        if os.environ.get(name):
            values[name] = os.environ[name]
    return values


def parse_data_keys(value: str) -> dict[str, bytes]:
    keys: dict[str, bytes] = {}
    for item in value.split(","):
        if not item.strip():
            continue
        key_id, sep, encoded = item.strip().partition(":")
        if not sep or not key_id.isalnum():
            raise ImproperlyConfigured("REINTEGRA_DATA_KEYS entries look like key_id:base64key, key_id alphanumeric.")
        if key_id in keys:
            raise ImproperlyConfigured(f"REINTEGRA_DATA_KEYS names key {key_id!r} twice.")
        keys[key_id] = decode_key(f"data key {key_id}", encoded)
    if not keys:
        raise ImproperlyConfigured("REINTEGRA_DATA_KEYS holds no key.")
    return keys


@functools.cache
def keyring() -> KeyRing:
    values = raw_values()
    missing = [name for name in KEY_NAMES if not values.get(name)]
    if missing:
        raise ImproperlyConfigured(
            "Missing encryption keys: " + ", ".join(missing) + ". Generate them with "
            "`python manage.py generate_keys` and set them in the environment or a key file."
        )
    return KeyRing(
        data_keys=parse_data_keys(values["REINTEGRA_DATA_KEYS"]),
        index_key=decode_key("REINTEGRA_INDEX_KEY", values["REINTEGRA_INDEX_KEY"]),
        audit_key=decode_key("REINTEGRA_AUDIT_KEY", values["REINTEGRA_AUDIT_KEY"]),
    )


def reset_keyring() -> None:
    """Forget the cached keys, so the next use reads them again (rotation, tests)."""
    keyring.cache_clear()


def new_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def new_key_id() -> str:
    return "k" + secrets.token_hex(4)
