"""Path converters. Record ids in URLs are bounded to what the databases store (a signed 64-bit
integer): Django's own `int` takes any number of digits, and SQLite answered a 20-digit id with
an overflow error, which reached the user as a server error. Too long an id is simply no page."""

from __future__ import annotations


class RecordIdConverter:
    # 18 digits: every id below 10^18 fits a signed 64-bit integer (its maximum is about 9.2 * 10^18).
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
