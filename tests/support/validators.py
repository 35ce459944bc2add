"""Helpers that run the Java validators shipped in the npm package vnu-jar:
the Nu HTML Checker (HTML and CSS) and its bundled Jing RELAX NG validator.

vnu.jar is installed into tests/tools/node_modules by
scripts/install-test-tools; Java comes from Debian (vnu needs Java 17+).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

INSTALL_HINT = "run scripts/install-test-tools"

VNU_JAR = (
    Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)

JING_DRIVER = "nu.validator.vendor.thaiopensource.relaxng.util.Driver"

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht"})
CSS_SUFFIXES = frozenset({".css"})

PathLike = str | os.PathLike


def vnu_jar_path() -> Path:
    """Path of vnu.jar, or a clear error if the tools are not installed."""
    if not VNU_JAR.is_file():
        raise RuntimeError(f"vnu.jar not found at {VNU_JAR}; {INSTALL_HINT}")
    return VNU_JAR


def java_executable() -> str:
    """Path of the ``java`` launcher on PATH, or a clear error."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(f"java not found on PATH; {INSTALL_HINT}")
    return java


def _is_css(path: Path) -> bool:
    """Whether vnu must check ``path`` as a stylesheet."""
    return path.suffix.lower() in CSS_SUFFIXES


def _expand(paths: Iterable[PathLike]) -> list[Path]:
    """Turn files and directories into a sorted list of files to check.

    Directories contribute their HTML and CSS files (recursively); files
    named explicitly are kept whatever their suffix. We walk directories
    ourselves because vnu's directory modes cannot check HTML and CSS with
    correct line numbers in one run (see ``run_vnu``).
    """
    checked_suffixes = HTML_SUFFIXES | CSS_SUFFIXES
    files: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            files.update(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in checked_suffixes)
        elif path.is_file():
            files.add(path)
        else:
            # vnu skips missing files silently and exits 0, which would
            # make a typo in a test look like a valid page.
            raise FileNotFoundError(f"nothing to validate at {path}")
    return sorted(files)


def _vnu(mode_flags: list[str], files: list[Path]) -> list[dict]:
    """Run vnu once over ``files`` and return its JSON messages."""
    if not files:
        return []
    command = [
        java_executable(),
        "-jar",
        str(vnu_jar_path()),
        "--format",
        "json",
        "--errors-only",
        # JSON otherwise goes to stderr, mixed with any JVM warnings.
        "--stdout",
        # vnu stops reading options at the first file name.
        *mode_flags,
        *map(str, files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"vnu produced no JSON report (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        ) from None
    return report["messages"]


def run_vnu(paths: Iterable[PathLike], css: bool = True) -> list[dict]:
    """Check HTML (and, if ``css``, CSS) files with the Nu HTML Checker.

    ``paths`` may mix files and directories (searched for ``*.html``,
    ``*.htm``, ``*.xhtml``, ``*.xht`` and ``*.css``). With ``css=False``,
    CSS files are skipped. Returns vnu's error-level messages as dicts
    (keys such as ``url``, ``lastLine``, ``message``); an empty list means
    everything is valid. CSS inside ``<style>`` and
    ``style=""`` is always checked as part of the HTML.

    HTML and CSS files are checked in two separate vnu runs: with vnu
    26.9.27, ``--also-check-css`` reports HTML line numbers one too low,
    and without it vnu parses ``.css`` files as HTML.
    """
    files = _expand(paths)
    css_files = [f for f in files if _is_css(f)]
    other_files = [f for f in files if not _is_css(f)]
    # Non-CSS files go through vnu's default mode, which picks the parser
    # by suffix (HTML, or XML for .xhtml/.xht).
    messages = _vnu([], other_files)
    if css:
        messages += _vnu(["--css"], css_files)
    return messages


def run_jing(rnc_schema_path: PathLike, xml_paths: Iterable[PathLike]) -> tuple[int, str]:
    """Validate XML files against a RELAX NG compact schema with Jing.

    Returns Jing's exit code (0 means every file is valid, including the
    schema itself) and its combined output, one ``file:line:col: error``
    per problem.
    """
    command = [
        java_executable(),
        "-cp",
        str(vnu_jar_path()),
        JING_DRIVER,
        "-c",  # the schema is in compact (.rnc) syntax
        str(rnc_schema_path),
        *map(str, xml_paths),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return result.returncode, result.stdout + result.stderr
