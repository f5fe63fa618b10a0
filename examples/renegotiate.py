"""Two peers: the caller stops sending its video, renegotiates, and the callee notices.

Both connections live in this one program; ``negotiate()`` stands in for a signaling channel.
Run it with ``python examples/renegotiate.py``.
"""

from __future__ import annotations

import asyncio

from webrtc_reference import (
    MediaStream,
    MediaStreamTrack,
    RTCPeerConnection,
    RTCTrackEvent,
    navigator,
)


async def negotiate(offerer: RTCPeerConnection, answerer: RTCPeerConnection) -> None:
    """One complete offer/answer exchange."""
    offer = await offerer.createOffer()
    await offerer.setLocalDescription(offer)
    await answerer.setRemoteDescription(offer)
    answer = await answerer.createAnswer()
    await answerer.setLocalDescription(answer)
    await offerer.setRemoteDescription(answer)


def kinds(stream: MediaStream) -> list[str]:
    return sorted(track.kind for track in stream.getTracks())


async def main() -> None:
    caller, callee = RTCPeerConnection(), RTCPeerConnection()
    stream = await navigator.mediaDevices.getUserMedia({"audio": True, "video": True})
    for track in stream.getTracks():
        caller.addTrack(track, stream)

    received: dict[str, tuple[MediaStreamTrack, MediaStream]] = {}

    def on_track(event: RTCTrackEvent) -> None:
        received[event.track.kind] = (event.track, event.streams[0])

    callee.ontrack = on_track
    await negotiate(caller, callee)
    remote_video, remote_stream = received["video"]
    print("callee receives:", kinds(remote_stream))
    remote_stream.onremovetrack = lambda event: print("callee: removetrack", event.track.kind)

    renegotiated = asyncio.Event()

    async def on_negotiation_needed(event: object) -> None:
        print("caller: negotiationneeded in state", caller.signalingState)
        await negotiate(caller, callee)
        renegotiated.set()

    caller.onnegotiationneeded = on_negotiation_needed
    [video] = [t for t in caller.getTransceivers() if t.sender.track is stream.getVideoTracks()[0]]
    caller.removeTrack(video.sender)
    print("caller: direction", video.direction, "currentDirection", video.currentDirection)

    async with asyncio.timeout(5):
        await renegotiated.wait()
    print("callee receives:", kinds(remote_stream))
    print("callee: video track", remote_video.readyState, "receiver kept:",
          any(receiver.track is remote_video for receiver in callee.getReceivers()))
    [callee_video] = [t for t in callee.getTransceivers() if t.receiver.track is remote_video]
    print("currentDirection: caller", video.currentDirection,
          "callee", callee_video.currentDirection)
    caller.close()
    callee.close()


if __name__ == "__main__":
    asyncio.run(main())
