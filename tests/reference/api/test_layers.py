"""The layout of webrtc_reference: imports form a hierarchy, even under TYPE_CHECKING.

Lower layers (the DOM basics in ``_dom``, the SDP codec in ``_sdp``) never import the WebRTC
interfaces; no module imports another that imports it back, by any path.
"""

from __future__ import annotations

import ast
from pathlib import Path

import webrtc_reference

PACKAGE = Path(webrtc_reference.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["webrtc_reference", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Each module and the webrtc_reference modules it imports, TYPE_CHECKING ones too."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found.update(t for t in targets if t in modules and t != name)
        graph[name] = found
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return [*path[path.index(name):], name]
        if name in done:
            return None
        for target in sorted(graph[name]):
            found = visit(target, [*path, name])
            if found:
                return found
        done.add(name)
        return None

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return None


def test_no_import_circle_in_the_package() -> None:
    graph = _imports()
    assert "webrtc_reference._rtp" in graph["webrtc_reference._peerconnection"]  # it reads them
    assert "webrtc_reference._rtp" in graph["webrtc_reference._jsep"]  # TYPE_CHECKING too
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_lower_layers_import_only_themselves() -> None:
    graph = _imports()
    for layer in ("webrtc_reference._dom", "webrtc_reference._sdp"):
        for name, targets in graph.items():
            if name == layer or name.startswith(layer + "."):
                outside = {t for t in targets if not t.startswith(layer)}
                assert outside == set(), (name, outside)


def test_no_module_imports_the_package_front() -> None:
    """The package's __init__ gathers the public names; nothing inside leans on it."""
    assert [n for n, targets in _imports().items() if "webrtc_reference" in targets] == []
