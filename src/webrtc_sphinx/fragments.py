"""Render the extension's HTML fragments (tables, sidebar, link tags) from Jinja templates.

The templates are in ``fragments/``, next to this module; the Python side only decides what
they say. Everything is escaped unless it is already ``Markup`` (sanitised BCD notes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

FRAGMENTS_DIR: Final = Path(__file__).parent / "fragments"

_ENVIRONMENT: Final = Environment(
    loader=FileSystemLoader(FRAGMENTS_DIR),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_fragment(template: str, **context: object) -> Markup:
    """Render ``fragments/<template>`` with *context*."""
    return Markup(_ENVIRONMENT.get_template(template).render(**context))
