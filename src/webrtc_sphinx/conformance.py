"""The ``conformance-results`` directive: the differential scenarios and their results as a table.

It reads the scenario data the conformance tests run (in Chromium, in Firefox and against
webrtc_reference) and lists each scenario, what it checks, the spec steps, and side by side the
model's result and each engine's: the same trace, or a recorded divergence of that engine from
the spec with its evidence. Usage in MyST::

    ```{conformance-results} ../tests/conformance/scenarios.json
    :engines: ../tests/conformance/engines.json
    ```

The engines file gives the version of each engine the results were verified with.

The "what it checks" sentences, the spec steps and the evidence notes become translatable
paragraphs of the page (they carry a source), so the page's own catalog translates them; the
column headers and result labels are UI strings of the extension's catalog.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from webrtc_sphinx.doctree_tables import table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")
# `code` in a scenario's text: split() gives text, code, text, ...
CODE_SPAN = re.compile(r"`([^`]*)`")
logger = logging.getLogger(__name__)


ENGINES = {"chromium": "Chromium", "firefox": "Firefox"}  # record key -> name readers know


def _engine(record: dict[str, Any]) -> str:
    return next(name for name in ENGINES if name in record)


def _steps(record: dict[str, Any]) -> str:
    return ", ".join(str(step) for step in record["steps"])


class ConformanceResults(SphinxDirective):
    """The table; option ``:engines:`` names a JSON file {engine: version verified here}."""

    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False
    option_spec: ClassVar[dict[str, Any]] = {"engines": directives.unchanged_required}

    def _load(self, argument: str) -> Any:
        relative, absolute = self.env.relfn2path(argument, self.env.docname)
        self.env.note_dependency(relative)
        try:
            with open(absolute, encoding="utf-8") as data:
                return json.load(data)
        except (OSError, ValueError) as error:
            logger.warning(
                "conformance-results: cannot read %s: %s",
                relative,
                error,
                location=self.get_location(),
                type="webrtc",
                subtype="conformance",
            )
            return None

    def run(self) -> list[nodes.Node]:
        scenarios: list[dict[str, Any]] | None = self._load(self.arguments[0])
        versions: dict[str, str] | None = (
            self._load(self.options["engines"]) if "engines" in self.options else {}
        )
        if scenarios is None or versions is None:
            return []
        self.versions = versions
        counts = {
            engine: sum(
                1 for s in scenarios if any(_engine(r) == engine for r in s.get("divergences", []))
            )
            for engine in ENGINES
        }
        agree = sum(1 for s in scenarios if not s.get("divergences"))
        summary = nodes.paragraph(
            text=_(
                "{total} scenarios: {agree} with the same trace in the model and both engines, "
                "{chromium} with a recorded Chromium divergence, "
                "{firefox} with a recorded Firefox divergence."
            ).format(total=len(scenarios), agree=agree, **counts)
        )
        summary["translatable"] = False  # already a UI string; its counts change with the data
        return [summary, self._table(scenarios)]

    def _translatable(self, text: str) -> nodes.paragraph:
        """A paragraph the page's catalog translates (gettext needs a source and line).

        Text in backticks becomes code, as in the page's own Markdown (and as the translated
        message is parsed), so that smart quotes leave its quotes straight.
        """
        parts = CODE_SPAN.split(text)
        children = [nodes.literal(part, part) if index % 2 else nodes.Text(part)
                    for index, part in enumerate(parts) if part]
        para = nodes.paragraph(text, "", *children)
        para.source, para.line = self.get_source_info()
        return para

    def _engine_header(self, engine: str) -> str:
        version = self.versions.get(engine)
        return f"{ENGINES[engine]} {version}" if version else ENGINES[engine]

    def _table(self, scenarios: list[dict[str, Any]]) -> nodes.table:
        headers = [_("Scenario"), _("What it checks"), _("Spec steps"), _("Model")]
        headers += [self._engine_header(engine) for engine in ENGINES]
        rows = []
        for scenario in scenarios:
            row = nodes.row(ids=[f"scenario-{scenario['id']}"])
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=scenario["id"])))
            row += nodes.entry("", self._translatable(scenario["checks"]))
            row += nodes.entry("", self._translatable(scenario["spec"]))
            row += nodes.entry("", *self._model(scenario))
            for engine in ENGINES:
                row += nodes.entry("", *self._result(scenario, engine))
            rows.append(row)
        return table(["wsx-conformance"], headers, (14, 22, 12, 18, 17, 17), rows)

    def _model(self, scenario: dict[str, Any]) -> list[nodes.Node]:
        """The spec's values where an engine departs (the model holds them), once per leaf."""
        records = scenario.get("divergences", [])
        if not records:
            return [nodes.paragraph(text=_("same trace as both engines"))]
        result: list[nodes.Node] = []
        seen: set[tuple[str, str]] = set()
        for record in records:
            key = (record["field"], _steps(record))
            if key in seen:
                continue
            seen.add(key)
            line = _("{field} at step {steps}: {value} (the spec: {spec_step})")
            result.append(self._line(line, record, record["spec"]))
        return result

    def _result(self, scenario: dict[str, Any], engine: str) -> list[nodes.Node]:
        records = [r for r in scenario.get("divergences", []) if _engine(r) == engine]
        if not records:
            return [nodes.paragraph(text=_("agrees with the model"))]
        result: list[nodes.Node] = [
            nodes.paragraph("", "", nodes.strong(text=_("recorded divergence")))
        ]
        evidence: list[str] = []
        for record in records:
            line = _("{field} at step {steps}: {value}")
            result.append(self._line(line, record, record[engine]))
            if record["evidence"] not in evidence:
                evidence.append(record["evidence"])
        result += [self._translatable(text) for text in evidence]
        return result

    def _line(self, line: str, record: dict[str, Any], value: Any) -> nodes.paragraph:
        """One record as a sentence; the field and the value become code (straight quotes)."""
        marked = line.format(
            field="\0", value="\1", steps=_steps(record), spec_step=record["spec_step"]
        )
        codes = {"\0": record["field"], "\1": json.dumps(value)}
        para = nodes.paragraph()
        for piece in re.split("([\0\1])", marked):
            para += nodes.literal(text=codes[piece]) if piece in codes else nodes.Text(piece)
        return para


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.add_directive("conformance-results", ConformanceResults)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
