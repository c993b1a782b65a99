import os

import pytest
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import connection

from conftest import person_details
from reintegra.cases import actions
from reintegra.cases.models import Person
from reintegra.core import crypto
from reintegra.core.keys import new_key, new_key_id, reset_keyring

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_keyring():
    reset_keyring()
    yield
    reset_keyring()


def raw_given_names() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name FROM cases_person")
        return [row[0] for row in cursor.fetchall()]


def last_line(capsys) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_rotation_re_encrypts_everything_and_old_key_can_go(monkeypatch, fresh_keyring, worker, case, capsys):
    old_setting = os.environ["REINTEGRA_DATA_KEYS"]
    actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Second"), case=actions.CaseDetails()
    )
    new_entry = f"{new_key_id()}:{new_key()}"
    new_id = new_entry.split(":")[0]
    monkeypatch.setenv("REINTEGRA_DATA_KEYS", f"{new_entry},{old_setting}")
    reset_keyring()

    call_command("rotate_data_key", "--check")
    assert not last_line(capsys).startswith("0 values")
    call_command("rotate_data_key")
    call_command("rotate_data_key", "--check")
    assert last_line(capsys).startswith("0 values still under older keys")
    assert all(value.startswith(f"v2.{new_id}.") for value in raw_given_names())

    # The old key can now be dropped: everything still decrypts, and the audit chain holds.
    monkeypatch.setenv("REINTEGRA_DATA_KEYS", new_entry)
    reset_keyring()
    assert sorted(p.given_name for p in Person.objects.all()) == ["Quỳnh-Anh", "Second"]
    call_command("verify_audit_log")


def test_reindex_after_index_key_change(monkeypatch, fresh_keyring, as_worker, case):
    monkeypatch.setenv("REINTEGRA_INDEX_KEY", new_key())
    reset_keyring()
    search = {"kind": "phone", "value": "0912770431"}
    assert case.number not in as_worker.post("/cases/search/", search).content.decode()
    call_command("rotate_data_key", "--reindex")
    assert case.number in as_worker.post("/cases/search/", search).content.decode()


def _set_raw(table: str, column: str, pk: int, value: str) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {qn(table)} SET {qn(column)} = %s WHERE id = %s", [value, pk])


def test_swapping_two_persons_ciphertexts_is_detected(worker, case):
    """Someone with write access to the database moves one person's encrypted name onto
    another's record: each value is bound to its record, so neither opens."""
    other = actions.register_person_with_case(
        actor=worker, person=person_details(given_name="Second"), case=actions.CaseDetails()
    )
    first, second = case.person, other.person
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, given_name FROM cases_person WHERE id IN (%s, %s)", [first.pk, second.pk])
        raw = dict(cursor.fetchall())
    _set_raw("cases_person", "given_name", first.pk, raw[second.pk])
    _set_raw("cases_person", "given_name", second.pk, raw[first.pk])
    for person in (first, second):
        with pytest.raises(crypto.DecryptionError):
            Person.objects.get(pk=person.pk)


def test_values_from_before_binding_open_and_rotation_binds_them(fresh_keyring, case, capsys):
    person = case.person
    legacy = crypto.encrypt("Quỳnh-Anh", context="cases.person.given_name")  # sealed for the field only
    _set_raw("cases_person", "given_name", person.pk, legacy)
    assert Person.objects.get(pk=person.pk).given_name == "Quỳnh-Anh"
    call_command("rotate_data_key", "--check")
    assert last_line(capsys).startswith("1 values still under older keys or not bound")
    call_command("rotate_data_key")
    (stored,) = [value for value in raw_given_names() if value != legacy]
    assert crypto.is_row_bound(stored) and legacy not in raw_given_names()
    assert Person.objects.get(pk=person.pk).given_name == "Quỳnh-Anh"
    call_command("rotate_data_key", "--check")
    assert last_line(capsys).startswith("0 values")


def test_values_read_without_their_record_cannot_be_shown(case):
    (sealed,) = Person.objects.filter(pk=case.person.pk).values_list("given_name", flat=True)
    with pytest.raises(TypeError):
        str(sealed)


def test_encrypted_columns_are_written_only_by_saving_their_record(case):
    with pytest.raises(FieldError):
        Person.objects.filter(pk=case.person.pk).update(given_name="Someone else")
