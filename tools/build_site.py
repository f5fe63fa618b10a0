"""Build the whole site: one strict Sphinx build per language, then the root language page.

    python tools/build_site.py --out _build/html

Any Sphinx warning fails the build, with the language and the warnings in the error.
"""

from __future__ import annotations

import argparse
import runpy
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from pathlib import Path

import sphinx.locale
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LANGUAGES = ("en", "de")


class BuildError(RuntimeError):
    """A language's build failed or warned."""


def site_settings(conf_dir: Path = ROOT) -> tuple[str, dict[str, str]]:
    """Return (site_url, {code: name}) from conf.py, which holds settings only."""
    settings = runpy.run_path(str(conf_dir / "conf.py"))
    return str(settings["site_url"]), dict(settings["site_languages"])


def run_sphinx(args: list[str]) -> int:
    """Run sphinx-build in this process.

    Deprecation warnings that Sphinx raises about its extensions (myst-parser uses APIs
    that Sphinx 11 removes) are not defects of the site; silence them here, so that a
    caller that turns Python warnings into errors (pytest here) still gets a build.
    Sphinx's own warnings about the pages are unaffected: -W fails on those.
    """
    # Sphinx caches its UI translators per process; without this, an English build that
    # follows a German one in the same process would get German UI strings.
    sphinx.locale.translators.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return build_main(args)


def build_language(
    language: str,
    out_dir: Path,
    doctrees_dir: Path,
    *,
    source_dir: Path = ROOT / "docs",
    conf_dir: Path = ROOT,
    overrides: Mapping[str, str] | None = None,
) -> None:
    """Build one language with -W -n into *out_dir*; raise BuildError on any warning."""
    warnings_file = doctrees_dir / f"warnings-{language}.txt"
    doctrees_dir.mkdir(parents=True, exist_ok=True)
    args = ["-b", "html", "-c", str(conf_dir), "-D", f"language={language}"]
    for name, value in (overrides or {}).items():
        args += ["-D", f"{name}={value}"]
    args += ["-d", str(doctrees_dir / language), "-w", str(warnings_file)]
    args += ["-W", "--keep-going", "-n", "-E", "-q", str(source_dir), str(out_dir)]
    status = run_sphinx(args)
    warnings = warnings_file.read_text(encoding="utf-8") if warnings_file.exists() else ""
    if status != 0 or warnings.strip():
        raise BuildError(
            f"the {language!r} build failed (exit status {status}):\n{warnings.strip()}"
        )
    # .buildinfo holds a config hash that differs per language; it is not part of the site.
    (out_dir / ".buildinfo").unlink(missing_ok=True)


def root_page(site_url: str, languages: Mapping[str, str]) -> str:
    """Return the site's index.html: picks German for de* browsers, English otherwise."""
    codes = list(languages)
    default = codes[0]
    alternates = "\n".join(
        f'<link rel="alternate" hreflang="{code}" href="{escape(site_url)}{code}/">'
        for code in codes
    )
    links = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">{escape(name)}</a></li>'
        for code, name in languages.items()
    )
    supported = ", ".join(f'"{code}"' for code in codes)
    return f"""<!DOCTYPE html>
<html lang="{default}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RTCPeerConnection.removeTrack()</title>
{alternates}
<link rel="alternate" hreflang="x-default" href="{escape(site_url)}{default}/">
<script>
(function () {{
  var supported = [{supported}];
  var pick = "{default}";
  var wanted = navigator.languages || [navigator.language || "{default}"];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (supported.indexOf(code) !== -1) {{ pick = code; break; }}
  }}
  location.replace(pick + "/index.html" + location.search + location.hash);
}})();
</script>
</head>
<body>
<h1>RTCPeerConnection.removeTrack()</h1>
<p>Choose a language / Sprache wählen:</p>
<ul>
{links}
</ul>
</body>
</html>
"""


def build(out_dir: Path, languages: Iterable[str] = DEFAULT_LANGUAGES) -> None:
    """Build every language into out_dir/<language>/ and write out_dir/index.html."""
    out_dir = Path(out_dir)
    site_url, names = site_settings()
    chosen = list(languages)
    unknown = [code for code in chosen if code not in names]
    if unknown:
        raise BuildError(f"unknown languages {unknown}; conf.py has {sorted(names)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    # Doctrees stay outside the published tree.
    with tempfile.TemporaryDirectory(prefix="doctrees-") as doctrees:
        for language in chosen:
            target = out_dir / language
            shutil.rmtree(target, ignore_errors=True)
            build_language(language, target, Path(doctrees))
    (out_dir / "index.html").write_text(
        root_page(site_url, {code: names[code] for code in chosen}), encoding="utf-8"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument(
        "--language",
        action="append",
        dest="languages",
        help="build only this language (repeatable); default: all",
    )
    options = parser.parse_args(argv)
    try:
        build(options.out, options.languages or DEFAULT_LANGUAGES)
    except BuildError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
