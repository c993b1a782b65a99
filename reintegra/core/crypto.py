"""Authenticated encryption of single values, and keyed hashes.

Every value is sealed with AES-256-GCM (from the `cryptography` package) under a fresh random
nonce. The associated data names the model and field the value belongs to, so a ciphertext
copied into another column fails to decrypt instead of being silently accepted.

Token layout: ``v1.<key_id>.<urlsafe base64 of nonce || ciphertext+tag>``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reintegra.core.keys import keyring

VERSION = "v1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A stored value could not be authenticated: wrong key, wrong field, or tampering."""


def encrypt(plaintext: str, *, context: str) -> str:
    ring = keyring()
    key_id = ring.active_key_id
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.data_keys[key_id]).encrypt(nonce, plaintext.encode(), context.encode())
    body = base64.urlsafe_b64encode(nonce + sealed).decode().rstrip("=")
    return f"{VERSION}.{key_id}.{body}"


def split_token(token: str) -> tuple[str, bytes]:
    try:
        version, key_id, body = token.split(".", 2)
        if version != VERSION:
            raise ValueError(version)
        return key_id, base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as exc:
        raise DecryptionError("not an encrypted value") from exc


def decrypt(token: str, *, context: str) -> str:
    key_id, raw = split_token(token)
    key = keyring().data_keys.get(key_id)
    if key is None:
        raise DecryptionError(f"no key with id {key_id!r} is configured")
    try:
        return AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()).decode()
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
