"""MDN's removeTrack() scenario in Python: start sending a camera track, then hang up.

Hanging up also stops the local track, so that the camera light goes off.

The click handler of the JavaScript version becomes a plain function. Run it with
``python examples/mdn_scenario.py``.
"""

from __future__ import annotations

import asyncio

from webrtc_reference import RTCPeerConnection, navigator


async def main() -> None:
    stream = await navigator.mediaDevices.getUserMedia({"video": True})
    pc = RTCPeerConnection()
    [track] = stream.getVideoTracks()
    sender = pc.addTrack(track, stream)
    [transceiver] = pc.getTransceivers()
    print("sending:", sender.track.kind if sender.track else None, transceiver.direction)

    def on_close_button_click() -> None:
        pc.removeTrack(sender)
        # The sender stays in getSenders(); only its track is gone.
        print("after removeTrack:", sender.track, transceiver.direction, len(pc.getSenders()))
        track.stop()  # the camera light goes off: neither removeTrack() nor close() does that
        pc.close()

    on_close_button_click()
    # close() stops the transceivers, so getSenders() is now empty.
    print("after close:", pc.signalingState, transceiver.direction, pc.getSenders(),
          track.readyState)


if __name__ == "__main__":
    asyncio.run(main())
