"""The ``specifications`` directive: the specs defining a BCD feature, linked at the exact anchor.

URLs come from BCD ``spec_url``; titles from the web-specs snapshot. Usage in MyST::

    ```{specifications} api.RTCPeerConnection.removeTrack
    ```
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

from webrtc_sphinx.bcd_data import (
    BCD_FILE,
    SPECS_FILE,
    DataError,
    Spec,
    find_feature,
    find_spec,
    spec_fragment,
)
from webrtc_sphinx.keyed_table import add_keyed_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")


def spec_links(key: str) -> list[tuple[str, Spec]]:
    """(URL, spec) for each spec_url of *key*; DataError if a URL matches no known spec."""
    urls = find_feature(key).compat.get("spec_url", [])
    links = []
    for url in [urls] if isinstance(urls, str) else urls:
        spec = find_spec(url)
        if spec is None:
            raise DataError(f"no web-specs entry covers {url!r} (from {key!r})")
        links.append((url, spec))
    return links


def render_specs_table(key: str) -> str:
    links = spec_links(key)
    if not links:
        message = _("This feature is not defined in any specification.")
        return f'<p class="wsx-specs-none">{escape(message)}</p>'
    rows = "".join(
        f'<tr><td><a class="reference external" href="{escape(url)}">{escape(spec.title)}'
        f'<br><span class="wsx-spec-anchor"># {escape(spec_fragment(url))}</span></a></td></tr>'
        for url, spec in links
    )
    header = escape(_("Specification"))
    return (
        f'<div class="wsx-scroll"><table class="wsx-specs-table">'
        f'<thead><tr><th scope="col">{header}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    add_keyed_table(app, "specifications", check=spec_links, render=render_specs_table,
                    data_files=[BCD_FILE, SPECS_FILE], subtype="specs")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
