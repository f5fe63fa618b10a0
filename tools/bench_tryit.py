"""Measure the Python control of the removeTrack() page: what a click costs, in Chromium.

    python tools/bench_tryit.py --site _build/html

Loads the English page, then clicks the control of its first Python block and reports the
bytes fetched after the click (raw and gzip -9) and the time until that block shows its result.
`make bench` runs it after tools/bench_page_weight.py, which measures the page before any click.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlsplit

from bench_page_weight import PAGE, gzipped_size
from browsers import CHROMIUM, launched
from local_server import serve

# Clicks the block's button and waits for its result, timed in the page itself.
_CLICK_AND_WAIT: Final = """async (button) => {
  const out = button.parentElement.querySelector(".tryit-out");
  const start = performance.now();
  button.click();
  while (!out.dataset.result) await new Promise((resolve) => setTimeout(resolve, 10));
  return performance.now() - start;
}"""


@dataclass(frozen=True)
class PythonRun:
    responses: int
    raw: int
    gzipped: int
    milliseconds: float


def measure_python_run(site: Path, chromium: str, language: str = "en") -> PythonRun:
    from playwright.sync_api import Response

    with serve(site) as base, launched(CHROMIUM, chromium) as browser:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}{language}/{PAGE}", wait_until="networkidle")
        responses: list[Response] = []

        def record(response: Response) -> None:
            responses.append(response)

        context.on("response", record)
        button = page.locator('.tryit[data-tryit="py"] button').first
        milliseconds = float(button.evaluate(_CLICK_AND_WAIT))
        # The worker's responses are gone with the worker: read what the server sent.
        bodies = [(site / unquote(urlsplit(r.url).path).lstrip("/")).read_bytes()
                  for r in responses if r.ok]
        return PythonRun(len(bodies), sum(map(len, bodies)),
                         sum(map(gzipped_size, bodies)), milliseconds)


def report(run: PythonRun) -> str:
    return (f"First Python block after the click: {run.milliseconds / 1000:.2f} s; "
            f"{run.responses} responses, {run.raw:,} bytes raw, {run.gzipped:,} gzip -9")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--site", type=Path, required=True, help="the built site (root of en/, de/)"
    )
    options = parser.parse_args(argv)
    chromium = CHROMIUM.find()
    if chromium is None:
        print(f"bench_tryit: no Chromium found: {CHROMIUM.install_hint}", file=sys.stderr)
        return 2
    print(report(measure_python_run(options.site, chromium)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
