"""The ``conformance-results`` directive: the differential scenarios and their results as a table.

It reads the scenario data the conformance tests run (in Chromium and against webrtc_reference)
and lists each scenario, what it checks, the spec steps, and its result: the two agree, or a
recorded divergence of Chromium from the spec with its evidence. Usage in MyST::

    ```{conformance-results} ../tests/conformance/scenarios.json
    ```

The "what it checks" sentences, the spec steps and the evidence notes become translatable
paragraphs of the page (they carry a source), so the page's own catalog translates them; the
column headers and result labels are UI strings of the extension's catalog.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")
# `code` in a scenario's text: split() gives text, code, text, ...
CODE_SPAN = re.compile(r"`([^`]*)`")
logger = logging.getLogger(__name__)


class ConformanceResults(SphinxDirective):
    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        relative, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        self.env.note_dependency(relative)
        try:
            with open(absolute, encoding="utf-8") as data:
                scenarios: list[dict[str, Any]] = json.load(data)
        except (OSError, ValueError) as error:
            logger.warning(
                "conformance-results: cannot read %s: %s",
                relative,
                error,
                location=self.get_location(),
                type="webrtc",
                subtype="conformance",
            )
            return []
        diverging = sum(1 for s in scenarios if s.get("divergences"))
        summary = nodes.paragraph(
            text=_(
                "{total} scenarios: {agree} agree, {diverge} with a recorded Chromium divergence."
            ).format(total=len(scenarios), agree=len(scenarios) - diverging, diverge=diverging)
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

    def _table(self, scenarios: list[dict[str, Any]]) -> nodes.table:
        headers = [_("Scenario"), _("What it checks"), _("Spec steps"), _("Result")]
        table = nodes.table(classes=["wsx-conformance"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        for width in (18, 42, 15, 25):
            group += nodes.colspec(colwidth=width)
        head_row = nodes.row()
        for header in headers:
            head_row += nodes.entry("", nodes.paragraph(text=str(header)))
        group += nodes.thead("", head_row)
        body = nodes.tbody()
        for scenario in scenarios:
            row = nodes.row(ids=[f"scenario-{scenario['id']}"])
            row += nodes.entry("", nodes.paragraph("", "", nodes.literal(text=scenario["id"])))
            row += nodes.entry("", self._translatable(scenario["checks"]))
            row += nodes.entry("", self._translatable(scenario["spec"]))
            row += nodes.entry("", *self._result(scenario))
            body += row
        group += body
        return table

    def _result(self, scenario: dict[str, Any]) -> list[nodes.Node]:
        records = scenario.get("divergences", [])
        if not records:
            return [nodes.paragraph(text=_("agrees"))]
        result: list[nodes.Node] = [
            nodes.paragraph("", "", nodes.strong(text=_("recorded divergence")))
        ]
        for record in records:
            line = _(
                "{field} at step {steps}: the spec ({spec_step}) gives {spec}, "
                "Chromium {version} gives {chromium}."
            )
            # Placeholders become code, so that values keep their straight quotes.
            marked = line.format(
                field="\0",
                spec="\1",
                chromium="\2",
                spec_step=record["spec_step"],
                steps=", ".join(str(step) for step in record["steps"]),
                version=record["chromium_version"],
            )
            codes = {
                "\0": record["field"],
                "\1": json.dumps(record["spec"]),
                "\2": json.dumps(record["chromium"]),
            }
            para = nodes.paragraph()
            for piece in re.split("([\0\1\2])", marked):
                para += nodes.literal(text=codes[piece]) if piece in codes else nodes.Text(piece)
            result += [para, self._translatable(record["evidence"])]
        return result


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.add_directive("conformance-results", ConformanceResults)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
