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
from pathlib import Path
from typing import Any

import jinja2
import sphinx.locale
from sphinx.cmd.build import build_main
from sphinx.util.i18n import CatalogRepository

from site_files import write_site_files

ROOT = Path(__file__).resolve().parent.parent
_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


class BuildError(RuntimeError):
    """A language's build failed or warned."""


def _conf(conf_dir: Path = ROOT) -> dict[str, Any]:
    """The settings of conf.py, which holds settings only."""
    return runpy.run_path(str(conf_dir / "conf.py"))


def site_settings(conf_dir: Path = ROOT) -> tuple[str, dict[str, str]]:
    """Return (site_url, {code: name}) from conf.py."""
    settings = _conf(conf_dir)
    return str(settings["site_url"]), dict(settings["site_languages"])


def site_languages(conf_dir: Path = ROOT) -> tuple[str, ...]:
    """The site's language codes, in conf.py's order (the first is the default)."""
    return tuple(site_settings(conf_dir)[1])


def compile_catalogs(conf_dir: Path = ROOT) -> None:
    """Compile the outdated .mo files of every translation, as Sphinx does in a build.

    Sphinx writes them in place, next to the .po files; callers that run several builds at
    once (the tests do) call this first, so that no build reads a half-written catalog.
    """
    settings = _conf(conf_dir)
    for language in list(settings["site_languages"])[1:]:  # the first is the source language
        repository = CatalogRepository(conf_dir, settings["locale_dirs"], language, "utf-8")
        for catalog in repository.catalogs:
            if catalog.is_outdated():
                catalog.write_mo(language)


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


def root_page(site_url: str, languages: Mapping[str, str], title: str) -> str:
    """Return the site's index.html: picks German for de* browsers, English otherwise."""
    template = _TEMPLATES.get_template("root-index.html")
    return template.render(
        site_url=site_url, languages=dict(languages), default=next(iter(languages)), title=title
    )


def build(
    out_dir: Path, languages: Iterable[str] | None = None, *, site_url: str | None = None
) -> None:
    """Build each language (default: all of conf.py's) into out_dir/<language>/ and write the
    root files. *site_url* replaces conf.py's address (as the SITE_URL variable does)."""
    out_dir = Path(out_dir)
    configured_url, names = site_settings()
    site_url = site_url or configured_url
    overrides = {"site_url": site_url}
    title = str(_conf()["html_title"])
    chosen = list(names if languages is None else languages)
    unknown = [code for code in chosen if code not in names]
    if unknown:
        raise BuildError(f"unknown languages {unknown}; conf.py has {sorted(names)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    # Doctrees stay outside the published tree.
    with tempfile.TemporaryDirectory(prefix="doctrees-") as doctrees:
        for language in chosen:
            target = out_dir / language
            shutil.rmtree(target, ignore_errors=True)
            build_language(language, target, Path(doctrees), overrides=overrides)
    chosen_names = {code: names[code] for code in chosen}
    (out_dir / "index.html").write_text(
        root_page(site_url, chosen_names, title), encoding="utf-8"
    )
    write_site_files(out_dir, site_url, chosen_names)


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
        build(options.out, options.languages)
    except BuildError as error:
        print(f"build_site: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
