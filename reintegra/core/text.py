"""What text Reintegra refuses to store, for the screens and the API alike."""

from __future__ import annotations

import re

# Control characters other than tab, line feed and carriage return, and lone UTF-16 surrogates
# (which JSON can spell as \ud800 but no database or encryption can store). NUL in particular
# is refused by PostgreSQL, which would otherwise answer with a server error; the others cannot
# be seen on a screen or a printed plan, so a worker could never read back what was stored.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def is_storable(text: str) -> bool:
    return UNSTORABLE.search(text) is None
