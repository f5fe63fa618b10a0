"""Per-language settings, the language switcher's links and hreflang alternates.

``-D language=de`` reaches the config only after conf.py has run, so everything
derived from the language is computed here, in a ``config-inited`` hook.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from webrtc_sphinx.fragments import render_fragment

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


def language_root(site_url: str, language: str) -> str:
    """Return the absolute URL of one language's tree, ending in a slash."""
    return f"{site_url.rstrip('/')}/{language}/"


def _set_language_settings(app: Sphinx, config: Config) -> None:
    languages: dict[str, str] = config.site_languages
    if config.language not in languages:
        raise ValueError(
            f"language {config.language!r} is not one of site_languages {sorted(languages)}"
        )
    config.html_baseurl = language_root(config.site_url, config.language)
    config.html_context = {
        **config.html_context,
        "site_languages": languages,
        "current_language_name": languages[config.language],
    }


def _add_language_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Give each page links to itself in every language: switcher entries and hreflang."""
    config = app.config
    target = app.builder.get_target_uri(pagename)
    # Relative path from this page up to the directory that holds en/ and de/.
    up_to_site = posixpath.relpath(".", posixpath.dirname(target) or ".")
    prefix = "../" if up_to_site == "." else f"{up_to_site}/../"
    switcher = []
    alternates = []
    for code, name in config.site_languages.items():
        absolute = language_root(config.site_url, code) + target
        switcher.append(
            {
                "code": code,
                "name": name,
                "href": f"{prefix}{code}/{target}",
                "current": code == config.language,
            }
        )
        alternates.append((code, absolute))
    default = language_root(config.site_url, next(iter(config.site_languages))) + target
    alternates.append(("x-default", default))
    context["language_switcher"] = switcher
    links = render_fragment("hreflang-links.html", alternates=alternates)
    # The tags other extensions put there (sphinxext-opengraph) are already HTML: appending
    # them to Markup as plain text would escape them.
    context["metatags"] = Markup(context.get("metatags", "")) + "\n" + links + "\n"


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the site settings and the hooks of this module."""
    app.add_config_value("site_url", "https://example.org/", "html", types=frozenset({str}))
    app.add_config_value("site_languages", {"en": "English"}, "html", types=frozenset({dict}))
    app.connect("config-inited", _set_language_settings)
    app.connect("html-page-context", _add_language_links)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
