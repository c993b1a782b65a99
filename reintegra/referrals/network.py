"""The network coordinator's figures: how referrals fare, by receiving organisation, by sending
organisation and by service area. Counts of referrals only; no case, person or field of a case
is read. A count from 1 to 4 is shown only as "fewer than 5" (directory.access.SMALLEST_COUNT_SHOWN),
and a median or a share is given only when it rests on at least that many referrals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from reintegra.directory.access import SMALLEST_COUNT_SHOWN
from reintegra.referrals.models import ReferralStatus

# What a referral's figures need: plain columns, no encrypted field.
NETWORK_FIELDS = (
    "case__organisation_id",
    "to_organisation_id",
    "area",
    "status",
    "sent_at",
    "answered_at",
    "to_partner__name",
)
Row = tuple[int, int | None, str, str, datetime | None, datetime | None, str | None]

# A referral that was accepted and has since ended, one way or another.
ENDED_AFTER_ACCEPTANCE = (
    ReferralStatus.COMPLETED,
    ReferralStatus.DROPPED,
    ReferralStatus.DECLINED,
    ReferralStatus.WITHDRAWN,
)


def shown(count: int) -> int | None:
    """None stands for "fewer than 5"; zero is shown, as it is about nobody."""
    return None if 0 < count < SMALLEST_COUNT_SHOWN else count


@dataclass
class Tally:
    sent: int = 0
    accepted: int = 0
    refused: int = 0
    waiting: int = 0
    completed: int = 0
    ended_after_acceptance: int = 0
    answer_days: list[float] = field(default_factory=list)

    def add(self, status: str, sent_at: datetime | None, answered_at: datetime | None) -> None:
        self.sent += 1
        if status == ReferralStatus.SENT:
            self.waiting += 1
        if answered_at is not None and sent_at is not None:
            self.answer_days.append((answered_at - sent_at).total_seconds() / 86400)
            if status == ReferralStatus.REFUSED:
                self.refused += 1
            else:
                self.accepted += 1
                if status in ENDED_AFTER_ACCEPTANCE:
                    self.ended_after_acceptance += 1
        if status == ReferralStatus.COMPLETED:
            self.completed += 1

    def figures(self) -> dict[str, int | float | None]:
        enough_answers = len(self.answer_days) >= SMALLEST_COUNT_SHOWN
        enough_ended = self.ended_after_acceptance >= SMALLEST_COUNT_SHOWN
        return {
            "sent": shown(self.sent),
            "accepted": shown(self.accepted),
            "refused": shown(self.refused),
            "waiting": shown(self.waiting),
            "completed": shown(self.completed),
            "median_answer_days": round(median(self.answer_days), 1) if enough_answers else None,
            "completion_percent": round(100 * self.completed / self.ended_after_acceptance) if enough_ended else None,
        }


def tally_by(rows: Iterable[Row], key: Callable[[Row], object]) -> dict[object, dict[str, int | float | None]]:
    tallies: dict[object, Tally] = defaultdict(Tally)
    for row in rows:
        tallies[key(row)].add(row[3], row[4], row[5])
    return {group: tally.figures() for group, tally in tallies.items()}


@dataclass(frozen=True)
class NetworkFigures:
    by_receiver: dict[object, dict[str, int | float | None]]
    by_sender: dict[object, dict[str, int | float | None]]
    by_area: dict[object, dict[str, int | float | None]]
    total: dict[str, int | float | None]


def network_figures_from(rows: list[Row]) -> NetworkFigures:
    return NetworkFigures(
        # A partner of another installation is named as pinned; it has no organisation here.
        by_receiver=tally_by(rows, lambda row: row[1] if row[1] is not None else f"partner:{row[6]}"),
        by_sender=tally_by(rows, lambda row: row[0]),
        by_area=tally_by(rows, lambda row: row[2]),
        total=tally_by(rows, lambda row: "all").get("all", Tally().figures()),
    )
