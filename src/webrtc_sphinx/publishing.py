"""Settings of a published site, derived from ``site_url`` alone.

conf.py names the address once (``site_url``, with the base path GitHub Pages serves the
project under); this module derives from it what sphinxext-opengraph and
sphinx-notfound-page need, per language, in a ``config-inited`` hook that runs after
webrtc_sphinx.languages has set the language root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from webrtc_sphinx.languages import language_root

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

# Open Graph wants a territory; the site's languages are written for these readers.
OG_LOCALES: Final = {"en": "en_US", "de": "de_DE"}


def base_path(site_url: str) -> str:
    """The path the site is served under, with slashes at both ends ("/" at a domain root)."""
    path = urlsplit(site_url).path.strip("/")
    return f"/{path}/" if path else "/"


def _og_locale(code: str) -> str:
    return OG_LOCALES.get(code, code)


def _derive_settings(app: Sphinx, config: Config) -> None:
    language: str = config.language
    # sphinxext-opengraph: og:url and the description come from the page, in its language.
    config.ogp_site_url = language_root(config.site_url, language)
    config.ogp_site_name = config.project
    config.ogp_type = "article"
    config.ogp_social_cards = {"enable": False}  # images need matplotlib; a text card suffices
    config.ogp_custom_meta_tags = [
        f'<meta property="og:locale" content="{_og_locale(language)}" />',
        *(
            f'<meta property="og:locale:alternate" content="{_og_locale(code)}" />'
            for code in config.site_languages
            if code != language
        ),
    ]
    # sphinx-notfound-page: the 404 page is served at any depth, so its links are absolute.
    config.notfound_urls_prefix = f"{base_path(config.site_url)}{language}/"
    config.notfound_template = "notfound.html"
    config.notfound_context = {"title": "404", "body": ""}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("site_repository", "", "html", types=frozenset({str}))
    app.add_config_value("site_branch", "main", "html", types=frozenset({str}))
    # After webrtc_sphinx.languages (priority 500), which checks the language.
    app.connect("config-inited", _derive_settings, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
