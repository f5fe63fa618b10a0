"""The files at the root of the published site that no single-language build writes.

- ``sitemap.xml``: every page of every language, each with its ``hreflang`` alternates and
  an ``x-default`` (the first language). sphinx-sitemap writes one sitemap per Sphinx
  build, inside that build's folder and without ``x-default``; this site is one build per
  language, so the combined sitemap is written here, from the built trees.
- ``robots.txt``: points to the sitemap. Crawlers read it only at a domain's root, so it
  takes effect when the site has a domain of its own; under a project sub-path the sitemap
  is still found through the pages and the search consoles.
- ``404.html``: GitHub Pages answers every missing address with the root 404.html. It sends
  the reader to the 404 page of the language the missing address was in, or else of the
  browser's language, as the root page does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Final
from xml.sax.saxutils import quoteattr

from webrtc_sphinx.csp import add_policy
from webrtc_sphinx.languages import language_root
from webrtc_sphinx.publishing import base_path

# Built pages that are not content: no sitemap entry.
NOT_CONTENT: Final = frozenset({"search.html", "genindex.html", "404.html"})
SITEMAP_NS: Final = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS: Final = "http://www.w3.org/1999/xhtml"


def content_pages(tree: Path) -> list[str]:
    """The content pages of one language tree, as sorted relative URLs."""
    return sorted(
        path.relative_to(tree).as_posix()
        for path in tree.rglob("*.html")
        if path.name not in NOT_CONTENT and "_static" not in path.parts
    )


def _url_entry(location: str, alternates: Mapping[str, str]) -> str:
    links = "".join(
        f'\n    <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(href)}/>'
        for code, href in alternates.items()
    )
    return f"  <url>\n    <loc>{escape(location)}</loc>{links}\n  </url>"


def sitemap(out_dir: Path, site_url: str, languages: list[str]) -> str:
    """The sitemap of the site in *out_dir*: the root, then each page in each language."""
    default = languages[0]
    root_alternates = {code: language_root(site_url, code) for code in languages}
    root_alternates["x-default"] = site_url
    entries = [_url_entry(site_url, root_alternates)]
    for page in content_pages(out_dir / default):
        alternates = {
            code: language_root(site_url, code) + page
            for code in languages
            if (out_dir / code / page).is_file()
        }
        alternates["x-default"] = alternates[default]
        for code in languages:
            if code in alternates:
                entries.append(_url_entry(alternates[code], alternates))
    body = "\n".join(entries)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n{body}\n</urlset>\n'
    )


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def root_not_found_page(site_url: str, languages: Mapping[str, str]) -> str:
    """The root 404.html: forwards to the 404 page of the address's or the browser's language."""
    codes = list(languages)
    base = base_path(site_url)
    links = "\n".join(
        f'<li><a href="{base}{code}/index.html" hreflang="{code}" lang="{code}">'
        f"{escape(name)}</a></li>"
        for code, name in languages.items()
    )
    page = f"""<!DOCTYPE html>
<html lang="{codes[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page not found / Seite nicht gefunden</title>
<script>
(function () {{
  var base = {json.dumps(base)};
  var supported = {json.dumps(codes)};
  var pick = null;
  var rest = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
  var first = rest.split("/")[0];
  if (supported.indexOf(first) !== -1) {{ pick = first; }}
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; pick === null && i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (supported.indexOf(code) !== -1) {{ pick = code; }}
  }}
  location.replace(base + (pick || supported[0]) + "/404.html");
}})();
</script>
</head>
<body>
<h1>Page not found / Seite nicht gefunden</h1>
<ul>
{links}
</ul>
</body>
</html>
"""
    return add_policy(page)


def write_site_files(out_dir: Path, site_url: str, languages: Mapping[str, str]) -> None:
    """Write sitemap.xml, robots.txt and the root 404.html into *out_dir*."""
    site_url = site_url.rstrip("/") + "/"
    (out_dir / "sitemap.xml").write_text(
        sitemap(out_dir, site_url, list(languages)), encoding="utf-8"
    )
    (out_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    (out_dir / "404.html").write_text(root_not_found_page(site_url, languages), encoding="utf-8")
    index = out_dir / "index.html"
    index.write_text(add_policy(index.read_text(encoding="utf-8")), encoding="utf-8")
