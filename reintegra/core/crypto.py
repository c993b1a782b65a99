"""Authenticated encryption of single values, and keyed hashes.

Every value is sealed with AES-256-GCM (from the `cryptography` package) under a fresh random
nonce. The associated data names the model and field the value belongs to, and, for a value
stored in a record, the record's id: a ciphertext copied into another column, or into the same
column of another record (one person's name swapped with another's by someone with access to
the database), fails to decrypt instead of being silently accepted.

Token layout: ``<version>.<key_id>.<urlsafe base64 of nonce || ciphertext+tag>``, where the
version says what the associated data holds: ``v2`` the field and the record's id, ``v1`` the
field only (values written before records were bound, and values that belong to no record of
their own). `rotate_data_key` re-encrypts ``v1`` values of records as ``v2``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reintegra.core.keys import keyring

# Bound to the field only; bound to the field and the record.
FIELD_BOUND = "v1"
ROW_BOUND = "v2"
VERSIONS = (FIELD_BOUND, ROW_BOUND)
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value could not be authenticated: wrong key, wrong field or record, or tampering."""


def _associated_data(context: str, row: int | None) -> bytes:
    return context.encode() if row is None else f"{context}#{row}".encode()


def encrypt(plaintext: str, *, context: str, row: int | None = None) -> str:
    """Seal a value for one field, and for one record when `row` (its id) is given."""
    ring = keyring()
    key_id = ring.active_key_id
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.data_keys[key_id]).encrypt(nonce, plaintext.encode(), _associated_data(context, row))
    body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
    return f"{FIELD_BOUND if row is None else ROW_BOUND}.{key_id}.{body}"


def parse_token(token: str) -> tuple[str, str, bytes]:
    """(version, key id, nonce and ciphertext) of a token."""
    try:
        version, key_id, body = token.split(".", 2)
        if version not in VERSIONS:
            raise ValueError(version)
        return version, key_id, base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc


def split_token(token: str) -> tuple[str, bytes]:
    _version, key_id, raw = parse_token(token)
    return key_id, raw


def is_row_bound(token: str) -> bool:
    return parse_token(token)[0] == ROW_BOUND


def decrypt(token: str, *, context: str, row: int | None = None) -> str:
    """Open a value sealed for `context` (and for the record `row`, if it was bound to one). A
    value sealed before records were bound opens with its field alone, until `rotate_data_key`
    binds it; once the key it was sealed under is retired, no such value can be planted."""
    version, key_id, raw = parse_token(token)
    if version == ROW_BOUND and row is None:
        raise DecryptionError(f"value for {context} is bound to its record; open it with the record's id")
    key = keyring().data_keys.get(key_id)
    if key is None:
        raise DecryptionError(f"no key with id {key_id!r} is configured")
    associated = _associated_data(context, row if version == ROW_BOUND else None)
    try:
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], associated).decode()
    except InvalidTag as exc:
        raise DecryptionError(f"value for {context} failed authentication") from exc


def key_id_of(token: str) -> str:
    return split_token(token)[0]


def blind_index(kind: str, scope: str, normalised_value: str) -> str:
    """A keyed hash for equality lookups without decryption.

    The scope (the organisation) is part of the input, so the same name in two organisations
    gives two unrelated digests: a stolen database cannot be joined across organisations.
    """
    message = "\x1f".join((kind, scope, normalised_value)).encode()
    return hmac.new(keyring().index_key, message, hashlib.sha256).hexdigest()


def audit_seal(previous: str, payload: bytes) -> str:
    return hmac.new(keyring().audit_key, previous.encode() + b"\x1e" + payload, hashlib.sha256).hexdigest()


def audit_detail_digest(text: str) -> str:
    """What an audit record's seal covers of its detail: a keyed digest of the plaintext, so that
    the detail itself may be erased (an anonymised or erased person) and the chain still verify.
    Empty for a record without detail."""
    if not text:
        return ""
    return hmac.new(keyring().audit_key, b"detail\x1e" + text.encode(), hashlib.sha256).hexdigest()
