"""Measure what a reader downloads for the removeTrack() page, per language, in Chromium.

    python tools/bench_page_weight.py --site _build/html

Serves the built site on 127.0.0.1, loads each language's page, records every response and
reports bytes raw and gzip -9 per resource type. Exits 1 when a page is over the budget.
"""

from __future__ import annotations

import argparse
import gzip
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from browsers import CHROMIUM, launched, version
from build_site import site_languages
from local_server import serve

PAGE: Final = "api/rtcpeerconnection/removetrack.html"
LANGUAGES: Final = site_languages()
RESOURCE_TYPES: Final = ("document", "stylesheet", "script", "font", "image")
BUDGET_BYTES: Final = 60_000  # gzipped, everything one page load fetches


@dataclass(frozen=True)
class Resource:
    url: str
    kind: str
    raw: int
    gzipped: int


def gzipped_size(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=9, mtime=0))


def totals_by_kind(resources: Sequence[Resource]) -> dict[str, tuple[int, int]]:
    """(raw, gzipped) bytes per resource type; anything else is counted as 'other'."""
    totals = {kind: (0, 0) for kind in (*RESOURCE_TYPES, "other")}
    for resource in resources:
        kind = resource.kind if resource.kind in RESOURCE_TYPES else "other"
        raw, gzipped = totals[kind]
        totals[kind] = (raw + resource.raw, gzipped + resource.gzipped)
    return totals


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine_description(browser_version: str) -> str:
    return (f"{platform.platform()}; {cpu_model()}; Python {platform.python_version()}; "
            f"Chromium {browser_version}")


def measure(site: Path, chromium: str) -> tuple[dict[str, list[Resource]], str]:
    """Load the page in each language; return its responses per language and Chromium's version."""
    from playwright.sync_api import Response

    loads: dict[str, list[Resource]] = {}
    with serve(site) as base, launched(CHROMIUM, chromium) as browser:
        for language in LANGUAGES:
            responses: list[Response] = []
            context = browser.new_context()
            page = context.new_page()

            def record(response: Response, into: list[Response] = responses) -> None:
                into.append(response)

            page.on("response", record)
            page.goto(f"{base}{language}/{PAGE}", wait_until="networkidle")
            resources = []
            for response in responses:
                if response.url.startswith("data:") or 300 <= response.status < 400:
                    continue
                body = response.body()
                kind = response.request.resource_type
                resources.append(Resource(response.url, kind, len(body), gzipped_size(body)))
            loads[language] = resources
            context.close()
        return loads, version(browser)


def report(loads: dict[str, list[Resource]], machine: str, budget: int) -> tuple[str, bool]:
    lines = [f"Page weight of {PAGE}", f"Machine: {machine}", f"Budget: {budget:,} bytes gzipped"]
    within = True
    for language, resources in loads.items():
        lines.append(f"\n[{language}] {len(resources)} responses")
        lines.append(f"  {'type':<11}{'raw bytes':>12}{'gzip -9':>12}")
        for kind, (raw, gzipped) in totals_by_kind(resources).items():
            lines.append(f"  {kind:<11}{raw:>12,}{gzipped:>12,}")
        raw_total = sum(r.raw for r in resources)
        gz_total = sum(r.gzipped for r in resources)
        verdict = "within budget" if gz_total <= budget else "OVER BUDGET"
        lines.append(f"  {'total':<11}{raw_total:>12,}{gz_total:>12,}  {verdict}")
        within = within and gz_total <= budget
    return "\n".join(lines), within


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, required=True,
                        help="the built site (root of en/, de/)")
    parser.add_argument("--budget", type=int, default=BUDGET_BYTES, help="gzipped bytes per page")
    options = parser.parse_args(argv)
    missing = [lang for lang in LANGUAGES if not (options.site / lang / PAGE).is_file()]
    if missing:
        print(f"bench_page_weight: {PAGE} not built for {missing} under {options.site}",
              file=sys.stderr)
        return 2
    chromium = CHROMIUM.find()
    if chromium is None:
        print(f"bench_page_weight: no Chromium found: {CHROMIUM.install_hint}", file=sys.stderr)
        return 2
    loads, version = measure(options.site, chromium)
    text, within = report(loads, machine_description(version), options.budget)
    print(text)
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())
