"""The ``specifications`` directive: the specs defining a BCD feature, linked at the exact anchor.

URLs come from BCD ``spec_url``; titles from the web-specs snapshot; the markup is in
``fragments/specs-table.html``. Usage in MyST::

    ```{specifications} api.RTCPeerConnection.removeTrack
    ```
"""

from __future__ import annotations

from dataclasses import dataclass
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
from webrtc_sphinx.fragments import render_fragment
from webrtc_sphinx.keyed_table import add_keyed_table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")


@dataclass(frozen=True)
class SpecLink:
    url: str
    spec: Spec

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def fragment(self) -> str:
        return spec_fragment(self.url)


def spec_links(key: str) -> list[SpecLink]:
    """A link for each spec_url of *key*; DataError if a URL matches no known spec."""
    links = []
    for url in find_feature(key).spec_urls:
        spec = find_spec(url)
        if spec is None:
            raise DataError(f"no web-specs entry covers {url!r} (from {key!r})")
        links.append(SpecLink(url, spec))
    return links


def render_specs_table(key: str) -> str:
    return render_fragment(
        "specs-table.html",
        links=spec_links(key),
        none_message=_("This feature is not defined in any specification."),
        header=_("Specification"),
    )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    add_keyed_table(app, "specifications", check=spec_links, render=render_specs_table,
                    data_files=[BCD_FILE, SPECS_FILE], subtype="specs")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
