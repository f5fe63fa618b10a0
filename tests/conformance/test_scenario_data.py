"""The scenario data itself: well formed, broad enough, divergence records complete."""

from __future__ import annotations

from tests.conformance.scenarios import OPS, judge, load_scenarios

SCENARIOS = load_scenarios()
RECORD_KEYS = {"steps", "field", "spec", "chromium", "chromium_version", "spec_step", "evidence"}


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
            assert set(record) == RECORD_KEYS, (scenario["id"], sorted(set(record) ^ RECORD_KEYS))
            assert record["spec"] != record["chromium"], scenario["id"]
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
