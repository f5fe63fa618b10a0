"""Load the extension's own UI catalog (compat legend, sidebar groups) for the build language.

The .po is committed; the .mo is compiled by Babel at build time into the build's doctree
directory, so nothing generated lives in the source tree.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

CATALOG: Final = "webrtc_sphinx"
SOURCE_DIR: Final = Path(__file__).parent / "locales"


def compile_catalogs(source_dir: Path, target_dir: Path) -> list[Path]:
    """Compile every <lang>/LC_MESSAGES/*.po below *source_dir* into *target_dir*.

    Fuzzy entries are left out, as Sphinx does for page catalogs. A .mo is rewritten only
    when its bytes change, so repeated builds leave it untouched.
    """
    written = []
    for po_path in sorted(source_dir.glob("*/LC_MESSAGES/*.po")):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        mo_path = target_dir / po_path.relative_to(source_dir).with_suffix(".mo")
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with (mo_path.parent / (mo_path.name + ".tmp")).open("wb") as tmp:
            write_mo(tmp, catalog, use_fuzzy=False)
        new_bytes = Path(tmp.name).read_bytes()
        if not mo_path.exists() or mo_path.read_bytes() != new_bytes:
            Path(tmp.name).replace(mo_path)
        else:
            Path(tmp.name).unlink()
        written.append(mo_path)
    return written


def _load_catalog(app: Sphinx, config: Config) -> None:
    target = Path(app.doctreedir) / "webrtc_sphinx-locales"
    compile_catalogs(SOURCE_DIR, target)
    # Sphinx keeps translators in a process-wide dict and only ever adds fallbacks to them;
    # drop ours so a German build earlier in the same process cannot leak into this one.
    locale.translators.pop(("general", CATALOG), None)
    app.add_message_catalog(CATALOG, str(target))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", _load_catalog)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
