"""The logs of the whole run hold no identifier of a person: every log record written while the
suite ran (requests refused, errors, the live server of the browser tests, the drills' own
requests as the suite saw them) is read for the test persons' names, aliases, phone, document
number, address and notes. Runs after every other test."""

from __future__ import annotations

import json

import pytest

from conftest import IDENTIFIERS, SUITE_LOG


@pytest.mark.after_all
def test_no_log_record_of_the_run_names_a_person():
    assert SUITE_LOG.exists()
    records = [json.loads(line) for line in SUITE_LOG.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = [value for value in IDENTIFIERS.values() for value in ([value] if isinstance(value, str) else value)]
    # Also each part of a name, as a message might hold a name split or reordered.
    wanted += [part for value in list(wanted) for part in value.replace(",", " ").split() if len(part) > 5]
    found = {
        value: record.get("message", "")[:200]
        for record in records
        for value in wanted
        if value.casefold() in json.dumps(record, ensure_ascii=False).casefold()
    }
    assert not found, found
