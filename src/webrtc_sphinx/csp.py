"""A Content-Security-Policy on every page that allows the site's own origin only.

GitHub Pages sets no headers, so the policy is a ``<meta http-equiv>`` at the top of
``<head>``. Furo and Sphinx write a few inline blocks (the theme's colour variables, the
script that applies the stored colour scheme before the first paint) and two inline
``style`` attributes in the icon sprite; rather than allowing inline code, the policy lists
the SHA-256 of each block and attribute that the page actually contains. ``csp-compat.js``
replaces the two places where Sphinx's JavaScript would need ``eval`` or a ``javascript:``
URL. ``frame-ancestors`` and reporting cannot be set from a ``<meta>`` element.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

COMPAT_SCRIPT: Final = "csp-compat.js"
_INLINE_SCRIPT: Final = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE
)
_INLINE_STYLE: Final = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_STYLE_ATTRIBUTE: Final = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CHARSET: Final = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_EXISTING: Final = re.compile(
    r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n?", re.IGNORECASE
)


class PolicyError(ValueError):
    """A page has no place for the policy (no ``<meta charset>`` to follow)."""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _hashes(texts: list[str]) -> list[str]:
    return sorted({_hash(text) for text in texts})


def policy_for(html: str) -> str:
    """The policy for one page: own origin, plus the hashes of its own inline code."""
    scripts = _hashes(_INLINE_SCRIPT.findall(html))
    styles = _hashes(_INLINE_STYLE.findall(html))
    attributes = _hashes([double or single for double, single in _STYLE_ATTRIBUTE.findall(html)])
    style_src = ["'self'", *styles]
    if attributes:
        style_src += ["'unsafe-hashes'", *attributes]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *scripts]),
        "style-src " + " ".join(style_src),
        # Furo's stylesheet draws a few icons as data: SVG images.
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(html: str) -> str:
    """Return *html* with its policy as the first element after ``<meta charset>``."""
    html = _EXISTING.sub("", html)
    match = _CHARSET.search(html)
    if match is None:
        raise PolicyError("the page has no <meta charset> to put the policy after")
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end() :]


def add_policy_to_tree(out_dir: Path) -> None:
    for page in sorted(out_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        try:
            page.write_text(add_policy(text), encoding="utf-8")
        except PolicyError as error:
            raise PolicyError(f"{page}: {error}") from None


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    enabled = app.config.site_content_security_policy
    if exception is None and enabled and app.builder.format == "html":
        add_policy_to_tree(Path(app.outdir))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.assets")  # ships static/ (csp-compat.js)
    # After doctools.js (priority 200), before translations.js (500) which it prepares for.
    app.add_js_file(COMPAT_SCRIPT, priority=250)
    # `make serve` turns it off: sphinx-autobuild injects an inline reload script.
    app.add_config_value("site_content_security_policy", True, "html", types=frozenset({bool}))
    app.connect("build-finished", _finish)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
