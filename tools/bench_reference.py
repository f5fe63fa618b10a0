"""Benchmark the webrtc_reference model: removeTrack round trips and offer/answer scaling.

    python tools/bench_reference.py [--rounds 200] [--sizes 10 100 1000] [--check]

Reports the cost of one removeTrack() plus the full renegotiation it calls for between two
peers, and how createOffer() and setRemoteDescription() grow with the number of
transceivers; both must grow linearly. With --check, exits 1 when they do not.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from webrtc_reference import MediaStream, MediaStreamTrack, RTCPeerConnection

# Ten times the transceivers may cost at most this many times the time: linear, with slack
# for caches and timer noise, but far below the 100x of a quadratic algorithm.
LINEAR_LIMIT: Final = 20.0


def machine() -> str:
    """Platform, CPU model and Python version, for the report."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{platform.platform()}; CPU: {cpu}; Python {platform.python_version()}"


async def _negotiate(caller: RTCPeerConnection, callee: RTCPeerConnection) -> None:
    await caller.setLocalDescription(await caller.createOffer())
    await callee.setRemoteDescription(caller.localDescription)  # type: ignore[arg-type]
    await callee.setLocalDescription(await callee.createAnswer())
    await caller.setRemoteDescription(callee.localDescription)  # type: ignore[arg-type]


async def removetrack_round_trip(rounds: int) -> list[float]:
    """Seconds per removeTrack() + offer/answer, each on a freshly negotiated pair."""
    timings = []
    for _ in range(rounds):
        caller, callee = RTCPeerConnection(), RTCPeerConnection()
        sender = caller.addTrack(MediaStreamTrack("audio"), MediaStream())
        await _negotiate(caller, callee)
        start = time.perf_counter()
        caller.removeTrack(sender)
        await _negotiate(caller, callee)
        timings.append(time.perf_counter() - start)
        caller.close()
        callee.close()
    return timings


async def offer_and_apply(size: int, repeats: int) -> tuple[float, float]:
    """Best seconds of createOffer() and of setRemoteDescription(offer) with *size* transceivers."""
    caller = RTCPeerConnection()
    for _ in range(size):
        caller.addTransceiver("audio")
    offers, applies = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        offer = await caller.createOffer()
        offers.append(time.perf_counter() - start)
        callee = RTCPeerConnection()
        start = time.perf_counter()
        await callee.setRemoteDescription(offer)
        applies.append(time.perf_counter() - start)
        callee.close()
    caller.close()
    return min(offers), min(applies)


async def run(rounds: int, sizes: Sequence[int], repeats: int) -> bool:
    """Print the report; return whether the scaling looks linear."""
    print(machine())
    timings = await removetrack_round_trip(rounds)
    print(f"removeTrack + renegotiation: median {statistics.median(timings) * 1e3:.3f} ms, "
          f"min {min(timings) * 1e3:.3f} ms over {rounds} rounds")
    results = {size: await offer_and_apply(size, repeats) for size in sizes}
    header = (("transceivers", 12), ("createOffer ms", 15), ("SRD(offer) ms", 14),
              ("us/transceiver", 15))
    print(" ".join(f"{name:>{width}}" for name, width in header))
    for size, (offer, apply) in results.items():
        print(f"{size:>12} {offer * 1e3:>15.3f} {apply * 1e3:>14.3f} "
              f"{(offer + apply) / size * 1e6:>15.2f}")
    linear = True
    ordered = sorted(results)
    for small, large in itertools.pairwise(ordered):
        for index, name in enumerate(("createOffer", "setRemoteDescription")):
            growth = results[large][index] / results[small][index]
            allowed = LINEAR_LIMIT * large / small / 10
            ok = growth <= allowed
            linear = linear and ok
            print(f"{name} {small}->{large}: x{growth:.1f} (linear if <= x{allowed:.0f})"
                  f" {'ok' if ok else 'NOT LINEAR'}")
    return linear


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=200, help="removeTrack round trips")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000],
                        help="transceiver counts for the scaling table")
    parser.add_argument("--repeats", type=int, default=5, help="best of this many, per size")
    parser.add_argument("--check", action="store_true", help="exit 1 when growth is not linear")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.repeats < 1 or any(size < 1 for size in args.sizes):
        parser.error("--rounds, --repeats and --sizes must be positive")
    linear = asyncio.run(run(args.rounds, args.sizes, args.repeats))
    return 1 if args.check and not linear else 0


if __name__ == "__main__":
    sys.exit(main())
