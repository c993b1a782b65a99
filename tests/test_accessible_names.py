"""Every input a worker meets on a case's pages can be named by a screen reader, and no id
repeats on a page: a label for it, a label around it, or an aria-label."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import pytest

from conftest import person_details, signed_in
from reintegra.cases import actions
from tests.test_url_access import our_pages, seed

pytestmark = pytest.mark.django_db


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []
        self._open_labels = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "label":
            self._open_labels += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"] or "")
        if tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit", "button"):
            self.controls.append({**attributes, "_inside_label": "yes" if self._open_labels else None})

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._open_labels = max(0, self._open_labels - 1)

    def unnamed(self) -> list[str]:
        return [
            str(control.get("name"))
            for control in self.controls
            if not (control.get("aria-label") or control["_inside_label"] or control.get("id") in self.label_for)
        ]


def test_every_input_on_every_page_has_a_name_and_no_id_repeats(worker, case):
    seeded = seed(case, worker)
    bare = actions.register_person_with_case(actor=worker, person=person_details(), case=actions.CaseDetails())
    client = signed_in(worker)
    checked = 0
    # The outcome review's form opens only when asked for, so the walk asks for it.
    behind_a_query = [f"/cases/{case.pk}/outcomes/?record=1"]
    for page in [*sorted(our_pages(seeded, bare.pk)), *behind_a_query]:
        response = client.get(page)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Controls()
        parser.feed(response.content.decode())
        assert not parser.unnamed(), f"{page}: inputs without a name for screen readers: {parser.unnamed()}"
        repeated = [name for name, count in Counter(parser.ids).items() if count > 1]
        assert not repeated, f"{page}: ids used more than once: {repeated}"
        checked += len(parser.controls)
    assert checked > 150
