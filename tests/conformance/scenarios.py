"""Load the scenario data and compare two traces field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCENARIOS_PATH = HERE / "scenarios.json"
DRIVER_JS_PATH = HERE / "driver.js"
ENGINES_PATH = HERE / "engines.json"  # the engine versions the recorded results were verified with

# The ops both drivers implement; a scenario using anything else is a data error.
OPS = frozenset(
    [
        "addTrack",
        "removeTrack",
        "addTransceiver",
        "save",
        "setDirection",
        "stop",
        "stopTrack",
        "replaceTrack",
        "createOffer",
        "createAnswer",
        "setLocalDescription",
        "setRemoteDescription",
        "rollback",
        "negotiate",
        "close",
        "wait",
        "settle",
        "exchangeCandidates",
    ]
)


def load_scenarios(path: Path = SCENARIOS_PATH) -> list[dict[str, Any]]:
    """The scenarios, in file order."""
    scenarios: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return scenarios


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaves of a trace step keyed by dotted path; lists of dicts are walked by index.

    A list of dicts whose length differs from the other trace's is still walked by index, and
    the length is kept as its own leaf, so a missing transceiver shows as one clear difference.
    """
    leaves: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            leaves.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        leaves[f"{prefix}.length"] = len(value)
        for index, item in enumerate(value):
            leaves.update(flatten(item, f"{prefix}.{index}"))
    elif isinstance(value, list) and not value and prefix.endswith("transceivers"):
        leaves[f"{prefix}.length"] = 0
    else:
        leaves[prefix] = value
    return leaves


_MISSING = "<missing>"


def differences(
    model: list[dict[str, Any]], browser: list[dict[str, Any]]
) -> dict[str, tuple[Any, Any]]:
    """{"<step>:<path>": (model value, browser value)} for every leaf that differs."""
    found: dict[str, tuple[Any, Any]] = {}
    for index in range(max(len(model), len(browser))):
        left = flatten(model[index]) if index < len(model) else {}
        right = flatten(browser[index]) if index < len(browser) else {}
        for path in sorted(left.keys() | right.keys()):
            a, b = left.get(path, _MISSING), right.get(path, _MISSING)
            if a != b:
                found[f"{index}:{path}"] = (a, b)
    return found


ENGINES = ("chromium", "firefox")  # the engines a divergence record may name


def record_engine(record: dict[str, Any]) -> str:
    """The engine a divergence record is about: the one engine key it carries."""
    (engine,) = [name for name in ENGINES if name in record]
    return engine


def recorded(scenario: dict[str, Any], engine: str = "chromium") -> dict[str, tuple[Any, Any]]:
    """{"<step>:<path>": (spec value, engine's value)} from the engine's divergence records."""
    found: dict[str, tuple[Any, Any]] = {}
    for record in scenario.get("divergences", []):
        if record_engine(record) == engine:
            for step in record["steps"]:
                found[f"{step}:{record['field']}"] = (record["spec"], record[engine])
    return found


def expected_event_counts(
    scenario: dict[str, Any], model: list[dict[str, Any]], engine: str
) -> list[int]:
    """How many events the engine should show at each step: the model's count, or the recorded
    divergence's where the engine's events are on record. The browser driver waits for these."""
    events = {key: value for key, (_, value) in recorded(scenario, engine).items()}
    return [len(events.get(f"{index}:events", step["events"])) for index, step in enumerate(model)]


def _show(diffs: dict[str, tuple[Any, Any]], left: str, right: str) -> str:
    return "\n".join(
        f"  step {key}: {left} {json.dumps(a)} / {right} {json.dumps(b)}"
        for key, (a, b) in diffs.items()
    )


def judge(
    scenario: dict[str, Any],
    model: list[dict[str, Any]],
    browser: list[dict[str, Any]],
    engine: str = "chromium",
) -> list[str]:
    """The problems of one scenario run in one engine: unexplained differences, stale records.

    Where a divergence is recorded for the engine, the model must hold the spec's value and the
    engine the recorded one; a record that no longer matches (the engine fixed or changed it) is a
    problem too.
    """
    found = differences(model, browser)
    expected = recorded(scenario, engine)
    stale = {k: v for k, v in expected.items() if found.get(k) != v}
    unexplained = {k: v for k, v in found.items() if k not in expected}
    problems = []
    if unexplained:
        problems.append(f"model and {engine} differ:\n" + _show(unexplained, "model", engine))
    if stale:
        now = {k: found.get(k, ("(equal)", "(equal)")) for k in stale}
        problems.append(
            "recorded divergences no longer hold (update or remove the record):\n"
            + _show(stale, "recorded spec", f"recorded {engine}")
            + "\n now:\n"
            + _show(now, "model", engine)
        )
    return problems
