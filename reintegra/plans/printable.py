"""The printable plan the person takes home.

It holds only what the person chose, in the language they chose, in plain words, and never
says why they are being supported: a paper found by the wrong person must not expose them.
Fonts are shipped with the code, so a Thai or Vietnamese plan looks the same on every server.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from reintegra.plans.models import Action, Delivery, Goal, Plan

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

FONTS_DIR = Path(__file__).resolve().parent / "fonts"

# Languages whose translation of the printable plan is complete. Names are written in the
# language itself, so the person can find theirs.
PRINT_LANGUAGES = [("en", "English"), ("vi", "Tiếng Việt"), ("th", "ภาษาไทย")]

# How dates read on paper in each language; Django's Vietnamese long format repeats "ngày".
DATE_FORMATS = {"en": "j F Y", "vi": "j/n/Y", "th": "j F Y"}

# The service areas in the words a person would use; the worker-facing names are too formal.
PLAIN_AREA_LABELS = {
    "HOU": _("A safe place to live"),
    "MED": _("Health"),
    "PSY": _("Feeling well in my mind"),
    "EDU": _("Learning and skills"),
    "ECO": _("Work and money"),
    "ADM": _("Papers and documents"),
    "LEG": _("Legal help"),
    "SAF": _("Feeling safe"),
    "FAM": _("Family"),
    "CAS": _("Support from my worker"),
}

# Words that would tell a reader why the person is supported. Checked on the finished text,
# after normalising case and accents, so no goal or action the worker typed can slip one in.
WORDS_TO_AVOID = (
    "traffick",
    "exploit",
    "victim",
    "buon ban nguoi",
    "mua ban nguoi",
    "nan nhan",
    "ค้ามนุษย์",
    "เหยื่อ",
)


@dataclass
class PrintChoice:
    """What the person chose to take home. Nothing is included unless chosen."""

    language: str
    goal_ids: list[int] = field(default_factory=list)
    action_ids: list[int] = field(default_factory=list)
    include_name: bool = False
    include_own_words: bool = False
    include_helpers: bool = False
    include_dates: bool = False


@dataclass
class PrintedStep:
    area: StrOrPromise
    description: str
    when: date | None
    helper: str


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("đ", "d"))
    # Drop combining accents of Latin letters only: Thai vowel marks carry meaning.
    return "".join(ch for ch in decomposed if not 0x0300 <= ord(ch) <= 0x036F)


def words_to_avoid_in(text: str) -> list[str]:
    folded = _fold(text)
    return [word for word in WORDS_TO_AVOID if _fold(word) in folded]


def visible_text(html: str) -> str:
    """What a reader of the paper sees: the body's text, without styles and font addresses."""
    return strip_tags(html.split("<body>", 1)[-1])


def _upcoming(day: date | None, today: date) -> date | None:
    return day if day is not None and day >= today else None


def _helper(action: Action, choice: PrintChoice) -> str:
    if not choice.include_helpers:
        return ""
    if action.delivery == Delivery.REFERRAL and action.provider is not None:
        return action.provider.name
    return action.responsible.display_name()


def document_html(
    *,
    plan: Plan,
    person_name: str,
    goals: list[Goal],
    actions: list[Action],
    next_meeting: date | None,
    choice: PrintChoice,
    today: date,
) -> str:
    """The document as HTML, in the chosen language. The caller passes only goals and actions
    of a case it obtained from the access layer; this picks the ones the person chose."""
    chosen_goals = [goal for goal in goals if goal.pk in choice.goal_ids]
    chosen_actions = [action for action in actions if action.pk in choice.action_ids]
    context: dict[str, Any] = {
        "person_name": person_name if choice.include_name else "",
        "own_words": plan.in_own_words if choice.include_own_words else "",
        "goals": [(PLAIN_AREA_LABELS[goal.area], goal.description) for goal in chosen_goals],
        "steps": [
            PrintedStep(
                area=PLAIN_AREA_LABELS[action.area],  # lazy: translated when rendered
                description=action.description,
                when=action.due_on if choice.include_dates else None,
                helper=_helper(action, choice),
            )
            for action in chosen_actions
        ],
        # A date already past would only confuse on paper: an overdue talk is arranged afresh.
        "next_meeting": _upcoming(next_meeting, today) if choice.include_dates else None,
        "review_on": _upcoming(plan.review_on, today) if choice.include_dates else None,
        "today": today,
        "date_format": DATE_FORMATS[choice.language],
    }
    with translation.override(choice.language):
        return render_to_string("plans/printable.html", context)


STYLESHEET = Path(__file__).resolve().parent / "printable.css"
_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf")


def render_pdf(html: str, *, stylesheet: Path = STYLESHEET) -> bytes:
    """HTML to PDF with the shipped fonts. Another document (the monitoring report) passes its own
    stylesheet, which names the same font files."""
    # Imported here: WeasyPrint loads Pango when imported, which only printing needs.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {(FONTS_DIR / name).as_uri(): FONTS_DIR / name for name in _FONT_FILES}

    class ShippedFontsOnly(URLFetcher):  # type: ignore[misc]
        """The document may load our font files and nothing else: no network, no other file."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url not in allowed:
                raise ValueError("The printable plan loads only its own fonts.")
            return URLFetcherResponse(url, allowed[url].read_bytes(), {"Content-Type": "font/ttf"})

    fonts, fetcher = FontConfiguration(), ShippedFontsOnly()
    style = CSS(filename=stylesheet, url_fetcher=fetcher, font_config=fonts)
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[style], font_config=fonts)
    if pdf is None:  # only when writing to a target, which we never do
        raise RuntimeError("WeasyPrint returned no document.")
    return bytes(pdf)
