"""The signaling-table directive renders webrtc_reference's SIGNALING table, in both languages."""

from __future__ import annotations

from tests.sphinx_project import BuildProject, tables
from webrtc_reference import SIGNALING

PAGE = "# Page\n\n```{signaling-table}\n```\n"
EXTENSIONS = ("myst_parser", "webrtc_sphinx.signaling_table")


def test_one_row_per_transition_of_the_model(build_project: BuildProject) -> None:
    build = build_project({"index": PAGE}, extensions=EXTENSIONS)
    assert build.status == 0, build.warnings
    [table] = tables(build.html())
    header, *rows = table.rows
    assert [cell.text for cell in header] == [
        "Signaling state", "Description applied", "New signaling state"]
    assert len(rows) == len(SIGNALING) == 16
    assert [cell.text for cell in rows[0]] == [
        '"stable"', 'setLocalDescription({type: "offer"})', '"have-local-offer"']
    shown = {tuple(cell.text for cell in row) for row in rows}
    assert ('"have-remote-offer"', 'setRemoteDescription({type: "rollback"})',
            '"stable"') in shown


def test_german_headers(build_project: BuildProject) -> None:
    build = build_project({"index": PAGE}, language="de", extensions=EXTENSIONS)
    assert build.status == 0, build.warnings
    [table] = tables(build.html())
    assert [cell.text for cell in table.rows[0]] == [
        "Signalisierungszustand", "Angewendete Beschreibung", "Neuer Signalisierungszustand"]
