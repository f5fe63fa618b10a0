""""Run in this browser": the controls and files a build writes, and the Python session runner.

The runs themselves, in Chromium and Pyodide, are tested in tests/browser/test_tryit.py.
"""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.sphinx_project import BuildProject
from webrtc_sphinx import tryit_session
from webrtc_sphinx.tryit import PYODIDE_FILES, example_script, write_archive

ROOT = Path(__file__).resolve().parents[2]
ADD_TRYIT = "extensions.append('webrtc_sphinx.tryit')\n"

PAGE = """\
# Page

```js
const pc = new RTCPeerConnection();
console.log(pc.signalingState); // "stable"
console.log("not documented");
```

```js
let nothing;
```

```pycon
>>> 1 + 1
2
```
"""

# -- The example scripts ---------------------------------------------------------------------


def test_an_example_script_reports_each_documented_value_on_its_own_line() -> None:
    source = 'const a = 1;\nconsole.log(a); // 1\nconsole.log(a, "x"); // 1 "x"\nconsole.log(a);\n'
    script = example_script(source)
    assert script is not None
    lines = script.splitlines()
    assert lines[0].startswith("tryitFrame.run(") and lines[0].endswith("const a = 1;")
    head = re.search(r"tryitFrame\.run\((\[.*\]), async", lines[0])
    assert head is not None
    documented = json.loads(head.group(1))
    assert documented == [
        {"statement": "console.log(a); // 1", "expected": "1"},
        {"statement": 'console.log(a, "x"); // 1 "x"', "expected": '1 "x"'},
    ]
    # The same line numbers as the page's block, so that an error names the right line.
    assert lines[1:4] == [
        "tryitLog(0, a); // 1",
        'tryitLog(1, a, "x"); // 1 "x"',
        "console.log(a);",
    ]
    assert lines[4] == "});"


def test_a_block_without_documented_values_gets_no_script() -> None:
    assert example_script("const pc = new RTCPeerConnection();\nconsole.log(pc);\n") is None


# -- The build -------------------------------------------------------------------------------


def test_without_pyodide_only_the_javascript_controls_are_built(
    build_project: BuildProject,
) -> None:
    build = build_project({"index": PAGE}, extra_conf=ADD_TRYIT)
    assert build.status == 0, build.warnings
    html = build.html()
    assert html.count('data-tryit="js"') == 1
    assert 'data-tryit="py"' not in html
    assert "tryit/tryit.js" in html and 'defer="defer"' in html
    static = build.out_dir / "_static" / "tryit"
    script = (static / "examples" / "index" / "1.js").read_text(encoding="utf-8")
    assert "tryitLog(0, pc.signalingState)" in script
    assert not (static / "pyodide").exists()
    assert not (static / "webrtc_reference.zip").exists()


def test_a_page_without_controls_loads_nothing_of_them(build_project: BuildProject) -> None:
    build = build_project({"index": "# Page\n\n```js\nlet a;\n```\n"}, extra_conf=ADD_TRYIT)
    assert build.status == 0, build.warnings
    assert "tryit" not in build.html()


def test_missing_pyodide_files_fail_the_build_naming_npm_ci(
    build_project: BuildProject, tmp_path: Path
) -> None:
    conf = ADD_TRYIT + f"tryit_pyodide_dir = {str(tmp_path / 'nowhere')!r}\n"
    build = build_project({"index": PAGE}, extra_conf=conf)
    assert build.status != 0
    assert "pyodide.asm.wasm" in build.warnings and "npm ci" in build.warnings


def test_the_pyodide_core_files_and_the_archive_are_copied(
    build_project: BuildProject, tmp_path: Path
) -> None:
    runtime = tmp_path / "pyodide"
    runtime.mkdir()
    for name in PYODIDE_FILES:
        (runtime / name).write_bytes(f"core file {name}".encode())
    (runtime / "console.html").write_text("not core", encoding="utf-8")
    build = build_project({"index": PAGE}, language="de",
                          extra_conf=ADD_TRYIT + f"tryit_pyodide_dir = {str(runtime)!r}\n")
    assert build.status == 0, build.warnings
    html = build.html()
    assert html.count('data-tryit="py"') == 1
    assert "Python-Sitzung bis hier ausführen" in html and "In diesem Browser ausführen" in html
    # Nothing of Pyodide is referenced by the page itself: it loads only on a click.
    assert "pyodide" not in html.lower().replace("(pyodide)", "")
    copied = build.out_dir / "_static" / "tryit" / "pyodide"
    assert sorted(p.name for p in copied.iterdir()) == sorted(PYODIDE_FILES)
    assert (copied / "pyodide.asm.wasm").read_bytes() == b"core file pyodide.asm.wasm"
    messages = json.loads((build.out_dir / "_static" / "tryit" / "messages.json").read_bytes())
    assert messages["match"] == "stimmt überein"


def test_the_built_site_ships_the_pinned_pyodide(site_dir: Path) -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = package["devDependencies"]["pyodide"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), "pin an exact version"
    assert lock["packages"]["node_modules/pyodide"]["version"] == version
    source = ROOT / "node_modules" / "pyodide"
    for language in ("en", "de"):
        runtime = site_dir / language / "_static" / "tryit" / "pyodide"
        for name in PYODIDE_FILES:
            assert (runtime / name).read_bytes() == (source / name).read_bytes(), name


# -- The archive -----------------------------------------------------------------------------


def test_the_archive_is_reproducible_and_importable(tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_archive(first)
    write_archive(second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert "webrtc_reference/__init__.py" in names and "tryit_session.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    # Only what is in the archive: no site-packages, no source tree.
    code = ("import sys; sys.path[:] = [sys.argv[1]] + [p for p in sys.path if 'python3' in p "
            "and 'site-packages' not in p]; import webrtc_reference, tryit_session; "
            "print(webrtc_reference.__file__, tryit_session.__file__)")
    result = subprocess.run([sys.executable, "-I", "-c", code, str(first)],
                            capture_output=True, text=True, check=True)
    assert result.stdout.count(str(first)) == 2


# -- The session runner ----------------------------------------------------------------------


def _blocks(page: Path) -> list[str]:
    return re.findall(r"```pycon\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize(
    "page", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md")
                   if "```pycon" in p.read_text(encoding="utf-8")))
def test_every_session_of_the_site_runs_as_documented(page: str) -> None:
    results = asyncio.run(tryit_session.run_blocks(_blocks(ROOT / page)))
    failed = [r for block in results for r in block if r["result"] != "match"]
    assert failed == []
    assert sum(map(len, results)) > 0


def test_blocks_share_one_namespace_and_each_run_starts_clean() -> None:
    blocks = [">>> runs = globals().get('runs', 0) + 1\n", ">>> runs\n1\n"]
    for _ in range(2):
        results = asyncio.run(tryit_session.run_blocks(blocks))
        assert [r["result"] for block in results for r in block] == ["match", "match"]


def test_queued_spec_tasks_run_between_two_examples() -> None:
    block = (">>> from webrtc_reference._dom.event_loop import queue_task\n>>> fired = []\n"
             ">>> queue_task(lambda: fired.append(1)); fired\n[]\n"
             ">>> fired\n[1]\n")
    results = asyncio.run(tryit_session.run_blocks([block]))
    assert [r["result"] for r in results[0]] == ["match"] * 4


def test_bad_examples_are_reported_and_the_session_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tryit_session, "EXAMPLE_TIMEOUT", 1.0)  # a busy machine is slow
    block = (
        ">>> print('other')\nexpected\n"
        ">>> 1 / 0\n"
        ">>> int('x')\nTraceback (most recent call last):\n  ...\nTypeError: no\n"
        ">>> import asyncio; await asyncio.Event().wait()\n"
        ">>> syntax error(\n"
        ">>> print('still running')\nstill running\n"
    )
    reported: list[dict[str, object]] = []
    results = asyncio.run(
        tryit_session.run_blocks([block], lambda text: reported.append(json.loads(text))))
    assert [r["result"] for r in results[0]] == [
        "mismatch", "error", "mismatch", "error", "error", "match"]
    assert results[0][0]["got"] == "other\n" and results[0][0]["want"] == "expected\n"
    assert "ZeroDivisionError" in results[0][1]["got"]
    assert "ValueError" in results[0][2]["got"]
    assert "did not finish within 1 s" in results[0][3]["got"]
    assert "SyntaxError" in results[0][4]["got"]
    assert [(r["block"], r["example"]) for r in reported] == [(0, i) for i in range(6)]


def test_fresh_model_imports_the_model_anew() -> None:
    # In a child process: the test process's other tests keep their model.
    code = ("import webrtc_reference as first; "
            "from webrtc_sphinx.tryit_session import fresh_model; "
            "fresh_model(); import webrtc_reference as second; "
            "print(first is not second, first.RTCPeerConnection is not second.RTCPeerConnection)")
    result = subprocess.run([sys.executable, "-c", code],
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]
