"""Read the committed Baseline snapshot of web-features (Apache-2.0).

tools/refresh_baseline_data.py trims the npm package into data/web-features.json: the
Baseline status of each browser-compat-data key of the compatibility snapshot.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

BASELINE_FILE: Final = Path(__file__).parent / "data" / "web-features.json"

Level = Literal["high", "low", "limited"]


@dataclass(frozen=True)
class Baseline:
    """The Baseline status of one BCD key, as web-features computes it."""

    key: str
    feature: str  # web-features identifier, e.g. "webrtc"
    feature_name: str
    level: Level
    low_date: date | None  # when it became available in all core browsers
    high_date: date | None  # 30 months later: widely available
    support: dict[str, str]  # browser -> first version of the Baseline set


@cache
def load_baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return data


def _date(value: object) -> date | None:
    # web-features marks approximate dates with "≤"; the badge shows the month only.
    return date.fromisoformat(value.lstrip("≤")) if isinstance(value, str) else None


def find_baseline(key: str) -> Baseline | None:
    """The status of *key*, or None when web-features does not list it."""
    data = load_baseline()
    entry = data["by_compat_key"].get(key)
    if entry is None:
        return None
    level: Level = entry["baseline"] if entry["baseline"] in ("high", "low") else "limited"
    return Baseline(
        key=key,
        feature=entry["feature"],
        feature_name=data["features"][entry["feature"]]["name"],
        level=level,
        low_date=_date(entry.get("baseline_low_date")),
        high_date=_date(entry.get("baseline_high_date")),
        support=dict(entry.get("support", {})),
    )


def snapshot_version() -> str:
    version: str = load_baseline()["version"]
    return version
