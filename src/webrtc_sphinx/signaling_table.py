"""The ``signaling-table`` directive: webrtc_reference's signaling table, rendered as a table.

The rows are the model's own ``SIGNALING`` mapping, the table its setLocalDescription() and
setRemoteDescription() apply, so the page cannot drift from the code. Usage in MyST::

    ```{signaling-table}
    ```

The column headers are UI strings of the extension's catalog; the cells are code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from webrtc_reference import SIGNALING
from webrtc_reference._enums import RTCSdpType, RTCSignalingState, Side
from webrtc_sphinx.doctree_tables import table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")
METHODS = {Side.LOCAL: "setLocalDescription", Side.REMOTE: "setRemoteDescription"}
TYPE_ORDER = list(RTCSdpType)
STATE_ORDER = list(RTCSignalingState)


def _code(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.literal(text=text))


class SignalingTable(SphinxDirective):
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        headers = [_("Signaling state"), _("Description applied"), _("New signaling state")]
        transitions = sorted(SIGNALING.items(), key=lambda item: (
            STATE_ORDER.index(item[0][0]), TYPE_ORDER.index(item[0][2]), item[0][1] is Side.REMOTE))
        rows = []
        for (state, side, sdp_type), next_state in transitions:
            row = nodes.row()
            row += nodes.entry("", _code(f'"{state}"'))
            row += nodes.entry("", _code(f'{METHODS[side]}({{type: "{sdp_type}"}})'))
            row += nodes.entry("", _code(f'"{next_state}"'))
            rows.append(row)
        return [table(["wsx-signaling"], headers, (30, 40, 30), rows)]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.add_directive("signaling-table", SignalingTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
