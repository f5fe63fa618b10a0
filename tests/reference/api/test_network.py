"""The simulated network: host candidates, connecting, and media that mutes and unmutes.

Spec: https://w3c.github.io/webrtc-pc/#dom-peerconnection-addicecandidate
      https://w3c.github.io/webrtc-pc/#process-remote-track-removal (step 3)
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.reference.reference_helpers import Recorder, media, tasks_run
from webrtc_reference import (
    InvalidStateError,
    OperationError,
    RTCPeerConnection,
    RTCSessionDescription,
)
from webrtc_reference._ice import RTCIceCandidate


def _candidate_lines(description: RTCSessionDescription | None) -> list[str]:
    assert description is not None
    return [line for line in description.sdp.splitlines() if line.startswith("a=candidate:")]


async def _connected_pair(kind: str = "video") -> tuple[RTCPeerConnection, RTCPeerConnection,
                                                        Any, Any]:
    """caller sends one track to callee; each description is read once gathering is done."""
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media(kind)
    sender = caller.addTrack(track, stream)
    await caller.setLocalDescription()
    await tasks_run()
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    await callee.setLocalDescription()
    await tasks_run()
    await caller.setRemoteDescription(callee.localDescription)  # type: ignore[arg-type]
    return caller, callee, sender, callee.getReceivers()[0].track


async def test_gathering_runs_in_tasks_after_the_local_description() -> None:
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    events: list[str] = []
    pc.onicegatheringstatechange = lambda e: events.append(f"gathering:{pc.iceGatheringState}")
    pc.onicecandidate = lambda e: events.append(
        "candidate:null" if e.candidate is None else f"candidate:{e.candidate.sdpMid}")
    await pc.setLocalDescription()
    assert events == [] and pc.iceGatheringState == "new"
    assert _candidate_lines(pc.localDescription) == []
    await tasks_run()
    assert events == ["gathering:gathering", "candidate:0", "gathering:complete",
                      "candidate:null"]
    [line] = _candidate_lines(pc.localDescription)
    assert " typ host " in line and ".local " in line


async def test_later_offers_carry_the_gathered_candidate() -> None:
    pc = RTCPeerConnection()
    pc.addTransceiver("audio")
    await pc.setLocalDescription()
    await tasks_run()
    offer = await pc.createOffer()
    assert _candidate_lines(offer) == _candidate_lines(pc.localDescription)


async def test_candidates_both_ways_connect_then_the_remote_track_unmutes_in_a_later_task() -> None:
    caller, callee, _sender, remote = await _connected_pair()
    assert caller.connectionState == callee.connectionState == "new"  # not yet: later tasks
    assert remote.muted
    recorder = Recorder()
    recorder.watch(caller, "caller", "iceconnectionstatechange", "connectionstatechange")
    recorder.watch(remote, "remote", "unmute")
    await tasks_run()
    assert caller.iceConnectionState == callee.iceConnectionState == "connected"
    assert caller.connectionState == callee.connectionState == "connected"
    assert not remote.muted
    assert recorder.take() == ["caller:iceconnectionstatechange", "caller:connectionstatechange",
                               "caller:iceconnectionstatechange", "caller:connectionstatechange",
                               "remote:unmute"]


async def test_descriptions_without_candidates_never_connect() -> None:
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    caller.addTrack(track, stream)
    offer = await caller.createOffer()  # before gathering: no candidate in it
    await caller.setLocalDescription(offer)
    await callee.setRemoteDescription(offer)
    answer = await callee.createAnswer()
    await callee.setLocalDescription(answer)
    await caller.setRemoteDescription(answer)
    await tasks_run()
    assert caller.connectionState == callee.connectionState == "new"
    assert callee.getReceivers()[0].track.muted


async def test_addIceCandidate_connects_like_candidates_in_the_sdp() -> None:
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    track, stream = await media()
    caller.addTrack(track, stream)
    gathered: dict[str, list[RTCIceCandidate]] = {"caller": [], "callee": []}
    for name, pc in (("caller", caller), ("callee", callee)):
        pc.onicecandidate = lambda e, name=name: gathered[name].extend(
            [e.candidate] if e.candidate else [])
    offer = await caller.createOffer()
    await caller.setLocalDescription(offer)
    await callee.setRemoteDescription(offer)
    answer = await callee.createAnswer()
    await callee.setLocalDescription(answer)
    await caller.setRemoteDescription(answer)
    await tasks_run()
    for candidate in gathered["caller"]:
        await callee.addIceCandidate(candidate)
    for candidate in gathered["callee"]:
        await caller.addIceCandidate(candidate.toJSON())
    assert len(_candidate_lines(callee.remoteDescription)) == 1
    await tasks_run()
    assert caller.connectionState == callee.connectionState == "connected"
    assert not callee.getReceivers()[0].track.muted


async def test_addIceCandidate_step3_1_without_a_remote_description_rejects() -> None:
    pc = RTCPeerConnection()
    with pytest.raises(InvalidStateError):
        await pc.addIceCandidate({"candidate": "", "sdpMid": "0"})


async def test_addIceCandidate_step2_and_3_2_reject_a_bad_mid() -> None:
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    caller.addTransceiver("audio")
    await callee.setRemoteDescription(await caller.createOffer())
    line = "candidate:1 1 udp 2122260223 x.local 50000 typ host"
    with pytest.raises(TypeError):
        await callee.addIceCandidate({"candidate": line})
    with pytest.raises(OperationError):
        await callee.addIceCandidate({"candidate": line, "sdpMid": "7"})
    with pytest.raises(OperationError):
        await callee.addIceCandidate({"candidate": "not a candidate", "sdpMid": "0"})
    assert _candidate_lines(callee.remoteDescription) == []


async def test_removal_negotiated_mutes_the_remote_track_which_stays_live() -> None:
    """Process the removal of a remote track, step 3: an unmuted track is muted."""
    caller, callee, sender, remote = await _connected_pair()
    await tasks_run()
    assert not remote.muted
    recorder = Recorder()
    recorder.watch(remote, "remote", "mute", "unmute", "ended")
    caller.removeTrack(sender)
    await caller.setLocalDescription()
    await tasks_run()
    assert recorder.take() == []  # media stopped at once, but the mute waits for the offer
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    assert recorder.take() == ["remote:mute"]
    await callee.setLocalDescription()
    await caller.setRemoteDescription(callee.localDescription)  # type: ignore[arg-type]
    await tasks_run()
    assert recorder.take() == []  # no media comes back
    assert remote.muted and remote.readyState == "live"


async def test_replaceTrack_null_stops_media_without_a_mute_and_a_track_brings_it_back() -> None:
    caller, _callee, sender, remote = await _connected_pair()
    await tasks_run()
    recorder = Recorder()
    recorder.watch(remote, "remote", "mute", "unmute")
    track = sender.track
    await sender.replaceTrack(None)
    await tasks_run()
    assert recorder.take() == [] and not remote.muted
    assert caller._sending_mids() == set()
    await sender.replaceTrack(track)
    assert caller._sending_mids() == {"0"}


async def test_disabled_track_keeps_media_flowing() -> None:
    """A disabled track sends black frames or silence: the remote track still unmutes."""
    _caller, _callee, sender, remote = await _connected_pair("audio")
    assert sender.track is not None
    sender.track.enabled = False
    await tasks_run()
    assert not remote.muted


async def test_close_sets_closed_without_events_and_the_other_side_stays_connected() -> None:
    caller, callee, _sender, _remote = await _connected_pair()
    await tasks_run()
    recorder = Recorder()
    recorder.watch(caller, "caller", "iceconnectionstatechange", "connectionstatechange")
    caller.close()
    await tasks_run()
    assert caller.iceConnectionState == "closed" and caller.connectionState == "closed"
    assert callee.connectionState == "connected"
    assert recorder.take() == []


def test_ice_candidate_needs_a_mid_or_an_index() -> None:
    with pytest.raises(TypeError):
        RTCIceCandidate({"candidate": "candidate:1 1 udp 1 x.local 9 typ host"})
    candidate = RTCIceCandidate({"candidate": "candidate:1 1 udp 1 x.local 9 typ host",
                                 "sdpMLineIndex": 0})
    assert (candidate.address, candidate.port, candidate.sdpMid) == ("x.local", 9, None)
