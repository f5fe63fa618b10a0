""""Run in this browser": controls that run a page's examples in the reader's own browser.

Each JavaScript example with documented values (``console.log(x); // value``) gets a control that
runs it in a fresh iframe and compares what it prints with the page. Each ``pycon`` block gets a
control that runs the page's Python session up to that block on ``webrtc_reference``, in a Web
Worker with Pyodide, which the page fetches from this site only when the reader asks for it.

Everything a control runs is a same-origin file written at build time (no inline script, no
``eval`` in the page's own code): the example scripts, the runner (``static/tryit/``), the
Pyodide core files copied from ``node_modules`` (``tryit_pyodide_dir``) and an archive of
``webrtc_reference`` built from its source. Without ``tryit_pyodide_dir`` the Python controls
are left out.
"""

from __future__ import annotations

import json
import zipfile
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

import webrtc_reference
from webrtc_sphinx import tryit_session
from webrtc_sphinx.js_expectations import expectations

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("webrtc_sphinx")
logger = logging.getLogger(__name__)

JS_LANGUAGES: Final = frozenset({"js", "javascript"})
STATIC: Final = "tryit"  # below _static/
EXAMPLES: Final = "examples"  # below _static/tryit/
# The Pyodide core runtime: the interpreter, its loader and the standard library; no packages.
PYODIDE_FILES: Final = (
    "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
)
ARCHIVE: Final = "webrtc_reference.zip"
_ZIP_DATE: Final = (1980, 1, 1, 0, 0, 0)  # the same bytes on every build


def messages() -> dict[str, str]:
    """The strings the runner shows after a click, in the build's language."""
    return {
        "documented": _("Documented"),
        "actual": _("Actual"),
        "statement": _("Statement"),
        "match": _("matches"),
        "mismatch": _("does not match"),
        "error": _("error"),
        "notPrinted": _("nothing printed (the line did not run)"),
        "summary": _("{browser}: {matched} of {total} documented values match."),
        "pySummary": _("{matched} of {total} examples give the documented output."),
        "timeout": _("Stopped: no result within {seconds} s."),
        "loading": _("Loading Python (Pyodide) from this site…"),
        "running": _("Running…"),
        "notRun": _("not run"),
        "edit": _("Edit this block (run again to check your change)"),
        "failed": _("The run could not start: {reason}"),
        "line": _("line {line} of the example"),
    }


def _js_control(example: str) -> str:
    label = escape(_("Run in this browser"))
    note = escape(_("Camera and microphone are synthetic here, so no permission prompt appears."))
    return (
        f'<div class="tryit" data-tryit="js" data-example="{escape(example)}" hidden>'
        f'<button type="button">{label}</button> <span class="tryit-note">{note}</span>'
        '<div class="tryit-out" aria-live="polite"></div></div>'
    )


def _py_control() -> str:
    label = escape(_("Run the Python session up to here"))
    note = escape(
        _("On the reference model, in this browser; loads Python (Pyodide) on first use.")
    )
    return (
        '<div class="tryit" data-tryit="py" hidden>'
        f'<button type="button">{label}</button> <span class="tryit-note">{note}</span>'
        '<div class="tryit-out" aria-live="polite"></div></div>'
    )


def example_script(source: str) -> str | None:
    """The script a JavaScript block runs as in its iframe, or None without documented values.

    Each ``console.log`` line with a documented value reports to the frame instead, with the
    index of its value; the lines keep their numbers, so an error names the page's line.
    """
    found = expectations(source)
    if not found:
        return None
    lines = source.splitlines()
    for number, expectation in enumerate(found):
        line = lines[expectation.index]
        lines[expectation.index] = line.replace("console.log(", f"tryitLog({number}, ", 1)
    documented = [{"statement": e.statement, "expected": e.expected} for e in found]
    head = f"tryitFrame.run({json.dumps(documented, ensure_ascii=False)}, async (tryitLog) => {{"
    return head + "\n".join(lines) + "\n});\n"


def _add_controls(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        return
    with_python = bool(app.config.tryit_pyodide_dir)
    count = 0
    for block in list(doctree.findall(nodes.literal_block)):
        language = str(block.get("language", "")).lower()
        if language in JS_LANGUAGES:
            script = example_script(block.astext())
            if script is None:
                continue
            count += 1
            example = f"{EXAMPLES}/{docname}/{count}.js"
            target = Path(app.outdir) / "_static" / STATIC / example
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(script, encoding="utf-8")
            control = _js_control(example)
        elif language == "pycon" and with_python:
            control = _py_control()
        else:
            continue
        parent = block.parent
        parent.insert(parent.index(block) + 1, nodes.raw("", control, format="html"))


def _add_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if 'class="tryit"' not in context.get("body", ""):
        return
    app.add_css_file(f"{STATIC}/tryit.css")
    # The one message the page may need before the runner loads: on file:// it never loads.
    attributes: dict[str, Any] = {"data-file-message": _(
        "The examples cannot run from a file:// page: browsers do not let such a page load "
        "the example frames and the Python runtime. Serve the site over HTTP, for example "
        "with make serve."
    )}
    app.add_js_file(f"{STATIC}/tryit.js", loading_method="defer", **attributes)


def write_archive(target: Path) -> None:
    """Zip ``webrtc_reference`` (from its source) and the session runner, reproducibly."""
    package = Path(webrtc_reference.__file__).parent
    files = sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    entries = [(p.relative_to(package.parent).as_posix(), p) for p in files]
    entries.append(("tryit_session.py", Path(tryit_session.__file__)))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, path in entries:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _write_runtime(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static" / STATIC
    static.mkdir(parents=True, exist_ok=True)
    (static / "messages.json").write_text(
        json.dumps(messages(), ensure_ascii=False, sort_keys=True), encoding="utf-8"
    )
    if not app.config.tryit_pyodide_dir:
        return
    source = Path(app.config.tryit_pyodide_dir)
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        logger.warning(
            "tryit: Pyodide files %s missing in %s (run `npm ci`)", ", ".join(missing), source
        )
        return
    runtime = static / "pyodide"
    runtime.mkdir(exist_ok=True)
    for name in PYODIDE_FILES:
        data = (source / name).read_bytes()
        if not (runtime / name).is_file() or (runtime / name).read_bytes() != data:
            (runtime / name).write_bytes(data)
    write_archive(static / ARCHIVE)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("webrtc_sphinx.l10n")
    app.setup_extension("webrtc_sphinx.assets")
    app.add_config_value("tryit_pyodide_dir", "", "html", str)
    app.connect("doctree-resolved", _add_controls)
    app.connect("html-page-context", _add_assets)
    app.connect("build-finished", _write_runtime)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
