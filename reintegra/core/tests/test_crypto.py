import pytest
from django.core.exceptions import ImproperlyConfigured

from reintegra.core import crypto
from reintegra.core.keys import KeyRing, new_key, new_key_id, parse_data_keys


def test_round_trip_and_randomised():
    first = crypto.encrypt("Nguyễn Thị Lan", context="cases.person.given_name")
    second = crypto.encrypt("Nguyễn Thị Lan", context="cases.person.given_name")
    assert first != second  # a fresh nonce each time: equal values do not look equal
    assert crypto.decrypt(first, context="cases.person.given_name") == "Nguyễn Thị Lan"
    assert "Lan" not in first


def test_ciphertext_is_bound_to_its_field():
    token = crypto.encrypt("secret", context="cases.person.given_name")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token, context="cases.person.notes")


def test_tampering_is_detected():
    token = crypto.encrypt("secret", context="x")
    key_id, raw = crypto.split_token(token)
    flipped = bytes([raw[-1] ^ 1])
    import base64

    forged = f"v1.{key_id}." + base64.urlsafe_b64encode(raw[:-1] + flipped).decode().rstrip("=")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(forged, context="x")


def test_old_keys_still_decrypt_after_rotation(monkeypatch):
    old_id, new_id = new_key_id(), new_key_id()
    old, new = parse_data_keys(f"{old_id}:{new_key()}")[old_id], parse_data_keys(f"{new_id}:{new_key()}")[new_id]
    ring_old = KeyRing(data_keys={old_id: old}, index_key=b"i" * 32, audit_key=b"a" * 32)
    ring_both = KeyRing(data_keys={new_id: new, old_id: old}, index_key=b"i" * 32, audit_key=b"a" * 32)
    monkeypatch.setattr(crypto, "keyring", lambda: ring_old)
    token = crypto.encrypt("value", context="c")
    monkeypatch.setattr(crypto, "keyring", lambda: ring_both)
    assert crypto.decrypt(token, context="c") == "value"
    assert crypto.key_id_of(crypto.encrypt("value", context="c")) == new_id


@pytest.mark.parametrize("value", ["k1", "k1:short", "k!:" + new_key(), ""])
def test_bad_data_keys_are_refused(value):
    with pytest.raises(ImproperlyConfigured):
        parse_data_keys(value)


def test_blind_index_depends_on_scope():
    assert crypto.blind_index("name", "1", "lan") == crypto.blind_index("name", "1", "lan")
    assert crypto.blind_index("name", "1", "lan") != crypto.blind_index("name", "2", "lan")
