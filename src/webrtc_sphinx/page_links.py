"""The links every page carries: breadcrumbs, "Edit this page", "Report a problem".

The templates page-breadcrumbs.html and page-tools.html (docs/_templates) render what
this module puts into the page context. An English page is edited in its Markdown source,
a translated page in its catalog; a report opens a new issue that names page and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from webrtc_sphinx.languages import language_root
from webrtc_sphinx.sidebar import load_sidebars, parse_entry

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

API_DIR = "api"


@dataclass(frozen=True)
class Crumb:
    label: str
    href: str | None  # None for the current page
    code: bool = False  # an API name, shown as code


@cache
def api_labels() -> dict[str, str]:
    """docname -> the API's own spelling (``removeTrack()``), from the sidebar data."""
    labels = {}
    for interface, data in load_sidebars().items():
        if interface == "guides":  # the list of guides, not an interface
            continue
        labels[f"{API_DIR}/{interface.lower()}/index"] = interface
        for _group, entries in data["groups"]:
            for text in entries:
                entry = parse_entry(text)
                labels.setdefault(entry.docname, entry.label)
    return labels


def breadcrumbs(app: Sphinx, pagename: str, title: str, web_apis: str) -> list[Crumb]:
    """Web APIs › Interface › member() for API pages; Home › title for the others."""
    if pagename == app.config.root_doc:
        return []
    builder = app.builder
    home = builder.get_relative_uri(pagename, app.config.root_doc)
    labels = api_labels()
    parts = pagename.split("/")
    if parts[0] != API_DIR:
        return [Crumb(app.config.project, home), Crumb(title, None)]
    crumbs = [Crumb(web_apis, home)]
    for depth in range(2, len(parts)):
        index = "/".join(parts[:depth]) + "/index"
        if index in app.env.found_docs and index != pagename:
            label = labels.get(index, parts[depth - 1])
            crumbs.append(Crumb(label, builder.get_relative_uri(pagename, index), code=True))
    crumbs.append(Crumb(labels.get(pagename, title), None, code=pagename in labels))
    return crumbs


def edit_url(app: Sphinx, pagename: str) -> str:
    """The English source of the page, or the page's catalog in a translated build."""
    config = app.config
    base = f"{config.site_repository.rstrip('/')}/edit/{config.site_branch}"
    if config.language == next(iter(config.site_languages)):
        source = app.env.doc2path(pagename, base=False)
        return f"{base}/docs/{quote(str(source))}"
    return f"{base}/locales/{config.language}/LC_MESSAGES/{quote(pagename)}.po"


def report_url(app: Sphinx, pagename: str, title: str) -> str:
    """A new-issue form that already names the page, its address and its language."""
    config = app.config
    language = f"{config.site_languages[config.language]} ({config.language})"
    address = language_root(config.site_url, config.language) + app.builder.get_target_uri(
        pagename
    )
    query = urlencode(
        {
            "title": f"[{config.language}] {pagename}: ",
            "body": f"Page: {title}\nAddress: {address}\nLanguage: {language}\n\nProblem:\n",
        },
        quote_via=quote,
    )
    return f"{config.site_repository.rstrip('/')}/issues/new?{query}"


def _add_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    if doctree is None or pagename not in app.env.found_docs or not app.config.site_repository:
        return
    title = app.env.titles[pagename].astext()
    context["page_edit_url"] = edit_url(app, pagename)
    context["page_report_url"] = report_url(app, pagename, title)
    context["page_breadcrumbs"] = lambda web_apis: breadcrumbs(app, pagename, title, web_apis)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", _add_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
