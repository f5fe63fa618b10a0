"""The translators' checks: German spelling, catalog format, translation status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from check_catalog_format import FIX_COMMAND, format_problems, msgfmt_problems
from spellcheck_catalogs import WORD_LIST, check, load_word_list, words
from translation_status import page_status, statuses

ROOT = Path(__file__).resolve().parents[2]
GERMAN = ROOT / "locales" / "de" / "LC_MESSAGES"

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: de\\n"

msgid "The remote peer gets the offer."
msgstr "Die Gegenstelle erhält das Angebot."

msgid "Call `removeTrack()` with {mdn}`RTCRtpSender <Web/API/RTCRtpSender>`."
msgstr ""
"Rufen Sie `removeTrack()` mit {mdn}`RTCRtpSender <Web/API/RTCRtpSender>` "
"auf, siehe [die Spezifikation](https://w3c.github.io/webrtc-pc/#dom-x)."

msgid "The remote track ends."
msgstr ""
"Der Remote-Track endet, und die Verbindnug bleibt bestehen."
"""


def _need(program: str, package: str) -> None:
    if shutil.which(program) is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {program} is missing (apt-get install {package})")
        pytest.skip(f"{program} is not installed (apt-get install {package})")


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "page.po"
    path.write_text(CATALOG, encoding="utf-8")
    return path


def test_code_roles_links_and_urls_are_not_prose() -> None:
    text = (
        "Rufen Sie `removeTrack()` mit {mdn}`RTCRtpSender <Web/API/RTCRtpSender>` auf, "
        "siehe [die Spezifikation](https://w3c.github.io/webrtc-pc/#dom-x), <b>fett</b>, "
        "%(last_updated)s, im Zustand have-remote-offer, mit SDP und WebRTC-API."
    )
    assert words(text) == [
        "Rufen", "Sie", "mit", "auf", "siehe", "die", "Spezifikation", "fett", "im",
        "Zustand", "mit", "und",
    ]


def test_a_url_inside_an_html_tag_leaves_no_attribute_name_behind() -> None:
    assert words('<a href="https://www.sphinx-doc.org/">Sphinx</a> und') == ["Sphinx", "und"]


def test_a_misspelled_word_is_reported_with_catalog_line_and_word(catalog: Path) -> None:
    _need("hunspell", "hunspell hunspell-de-de")
    problems = check([catalog], load_word_list(WORD_LIST))
    misspelled = '"Der Remote-Track endet, und die Verbindnug bleibt bestehen."'
    line = CATALOG.splitlines().index(misspelled)
    assert [str(problem) for problem in problems] == [
        f"{catalog}:{line + 1}: unknown word 'Verbindnug'"
    ]


def test_the_word_list_makes_a_term_known(catalog: Path) -> None:
    _need("hunspell", "hunspell hunspell-de-de")
    assert check([catalog], {*load_word_list(WORD_LIST), "Verbindnug"}) == []


def test_the_command_line_fails_on_a_misspelling(catalog: Path) -> None:
    _need("hunspell", "hunspell hunspell-de-de")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "spellcheck_catalogs.py"), str(catalog)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "unknown word 'Verbindnug'" in result.stdout


def test_a_catalog_in_another_format_fails_with_the_fixing_command(tmp_path: Path) -> None:
    _need("msgcat", "gettext")
    catalog = tmp_path / "page.po"
    shutil.copy(GERMAN / "api" / "rtcpeerconnection" / "removetrack.po", catalog)
    subprocess.run([sys.executable, "-m", "powrap", "--quiet", str(catalog)], check=True)
    assert format_problems(catalog) == []
    # One message rewritten on a single long line, as an editor might leave it.
    text = catalog.read_text(encoding="utf-8")
    start = text.index('msgstr ""\n"', text.index('"The **`removeTrack()`**'))
    end = text.index("\n\n", start)
    joined = "".join(line.strip().strip('"') for line in text[start:end].splitlines()[1:])
    catalog.write_text(text[:start] + f'msgstr "{joined}"' + text[end:], encoding="utf-8")
    assert format_problems(catalog) == [
        f"{catalog}: not in the canonical gettext format; fix it with: {FIX_COMMAND}"
    ]


def test_an_invalid_catalog_fails_with_msgfmts_line(catalog: Path) -> None:
    _need("msgfmt", "gettext")
    catalog.write_text(CATALOG + '\nmsgid "Again"\nmsgstr "%(x)s"\n\nmsgid "Again"\nmsgstr ""\n')
    problems = msgfmt_problems(catalog)
    assert any(
        problem.startswith(f"{catalog}:") and "duplicate message definition" in problem
        for problem in problems
    ), problems


def test_status_counts_translated_fuzzy_and_untranslated(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog

    template = Catalog()
    po = Catalog(locale="de")
    for key in ("one", "two", "three", "four"):
        template.add(key)
    po.add("one", "eins")
    po.add("two", "zwei", flags=["fuzzy"])
    po.add("three", "")
    status = page_status("page", po, template)  # "four" is not merged yet
    assert (status.translated, status.fuzzy, status.untranslated, status.percent) == (1, 1, 2, 25)


def test_status_of_the_real_catalogs_lists_every_page() -> None:
    pages = [status.page for status in statuses(GERMAN, None)]
    assert "api/rtcpeerconnection/removetrack" in pages
    assert all(status.fuzzy == 0 and status.untranslated == 0 for status in statuses(GERMAN, None))
