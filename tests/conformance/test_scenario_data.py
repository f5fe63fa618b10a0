"""The scenario data itself: well formed, broad enough, divergence records complete."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conformance.scenarios import ENGINES, OPS, expected_event_counts, judge, load_scenarios

SCENARIOS = load_scenarios()
COMMON_KEYS = {"steps", "field", "spec", "spec_step", "evidence"}


def test_at_least_forty_scenarios_with_unique_ids() -> None:
    ids = [s["id"] for s in SCENARIOS]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


def test_every_step_uses_a_known_op() -> None:
    unknown = {
        (s["id"], step["op"]) for s in SCENARIOS for step in s["steps"] if step["op"] not in OPS
    }
    assert not unknown


def test_every_scenario_says_what_it_checks() -> None:
    for scenario in SCENARIOS:
        assert scenario["checks"].strip(), scenario["id"]
        assert scenario["spec"].strip(), scenario["id"]


def test_divergence_records_are_complete() -> None:
    for scenario in SCENARIOS:
        for record in scenario.get("divergences", []):
            engines = [name for name in ENGINES if name in record]
            assert len(engines) == 1, (scenario["id"], "a record names exactly one engine")
            keys = COMMON_KEYS | {engines[0], f"{engines[0]}_version"}
            assert set(record) == keys, (scenario["id"], sorted(set(record) ^ keys))
            assert record["spec"] != record[engines[0]], scenario["id"]
            assert all(0 <= step < len(scenario["steps"]) for step in record["steps"]), scenario[
                "id"
            ]


def test_every_removetrack_outcome_is_covered() -> None:
    """Each exception removeTrack() can raise appears in some scenario's steps."""
    ops = [step for s in SCENARIOS for step in s["steps"] if step["op"] == "removeTrack"]
    assert any(step["sender"] is None for step in ops)  # TypeError
    assert any(isinstance(step["sender"], dict) for step in ops)  # a track: TypeError
    assert any(isinstance(step["sender"], int) for step in ops)  # by index


def _trace(senders: int) -> list[dict[str, object]]:
    return [{"op": "close", "error": None, "state": {"a": {"senders": senders}}}]


RECORD = {
    "steps": [0],
    "field": "state.a.senders",
    "spec": 0,
    "chromium": 1,
    "chromium_version": "156",
    "spec_step": "close",
    "evidence": "e",
}


def test_judge_accepts_a_divergence_as_recorded() -> None:
    assert judge({"divergences": [RECORD]}, _trace(0), _trace(1)) == []


def test_judge_fails_a_record_once_the_traces_agree() -> None:
    (problem,) = judge({"divergences": [RECORD]}, _trace(0), _trace(0))
    assert "no longer hold" in problem


def test_judge_fails_a_record_when_the_model_leaves_the_spec() -> None:
    (problem,) = judge({"divergences": [RECORD]}, _trace(2), _trace(1))
    assert "no longer hold" in problem


def test_judge_reports_an_unrecorded_difference() -> None:
    (problem,) = judge({}, _trace(0), _trace(1))
    assert "step 0:state.a.senders: model 0 / chromium 1" in problem


FIREFOX_RECORD = {**{k: v for k, v in RECORD.items() if not k.startswith("chromium")},
                  "firefox": 1, "firefox_version": "153.8.0"}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_record_holds_for_its_engine_only(engine: str) -> None:
    scenario = {"divergences": [FIREFOX_RECORD]}
    problems = judge(scenario, _trace(0), _trace(1), engine)
    if engine == "firefox":
        assert problems == []
    else:
        (problem,) = problems
        assert "step 0:state.a.senders: model 0 / chromium 1" in problem
    # The other engine agreeing with the spec is fine for it, and a stale record for Firefox.
    stale = judge(scenario, _trace(0), _trace(0), engine)
    assert stale == [] if engine == "chromium" else "no longer hold" in stale[0]


def test_expected_event_counts_follow_the_engine_records() -> None:
    model: list[dict[str, Any]] = [{"events": ["a:negotiationneeded"]}, {"events": []}]
    record = {**FIREFOX_RECORD, "steps": [0, 1], "field": "events", "spec": ["x"],
              "firefox": ["a:x", "a:y"]}
    scenario = {"divergences": [record]}
    assert expected_event_counts(scenario, model, "firefox") == [2, 2]
    assert expected_event_counts(scenario, model, "chromium") == [1, 0]
