"""Mutate the sample content at random and build each mutant, as a careless or hostile editor would.

    .venv/bin/python -m benchmarks.fuzz --mutants 600 --seed 20261203

Not a test (it runs for minutes, and its findings become tests): each mutant deletes, duplicates, swaps
or cuts lines of one release, people.yaml or topics.yaml, or types a hostile snippet into one. `check`
judges every mutant in this process; each one it passes is built with `invoke build`, in a copy of the
project. A failure is a traceback from `check`, a build that hangs, or a build that stops (or prints a
traceback) after `check` passed: the mutant is kept in the report folder, named by its number, to be
turned into a test. The report is the counts and each distinct failure with the mutants that showed it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What people paste or mistype: YAML's own syntax, invisible and direction characters, hostile addresses
# and markup, Pressroom's markers and fields, dates that are not, and long or odd text.
SNIPPETS = (
    " #BabiesCantWait and more", "'", "'don't'", ": ", "\t", "\u200b", "\u202e", "\u00ad", "\ufeff",
    "\u2028", "\u0085", "\x00", "\x1b[31m", "\r", "\\", '"', "“quoted”", "%", "@", "`", "|", ">", "~",
    "|-", ">-", "\\n", "{", "}", "[", "]", "*", "&", "- ", "  - ", "&a ", "<<: *a",
    "!!python/object:os.system", "null", "yes", "1e9", "0x1F", ".inf", "[[", "]]", "[[quote 1]]",
    "[[quote 9]]", "<!--", "---",
    "<script>alert(1)</script>", '<iframe src="https://www.youtube-nocookie.com/embed/x"></iframe>',
    "javascript:alert(1)", "https://evil.example\\@www.youtube-nocookie.com/x",
    "https://img.example;sandbox/p.png", "{filename}/releases/nope.md", "![x]({static}/images/nope.png)",
    "status: draft", "status: withdrawn", "withdrawn:", "embargo: 2031-01-01T00:01",
    "\n\n---\nembargo: 2031-01-01T00:01\n---\n", "previous_urls: [./index.html]", "slug: index",
    "slug: news", "photo: javascript:alert(1)", "2024-01-00", "+25:00", "+01:60", "李华", "😀👶🏽", "ﬁ",
    "\u0301", "<blockquote>" * 3, "x" * 5000,
)  # fmt: skip
OPERATIONS = ("insert", "insert", "insert", "delete_line", "duplicate_line", "swap_lines", "cut", "delete")


def mutated(text: str, rng: random.Random) -> tuple[str, str]:
    """(operation, text) after one random change."""
    lines = text.split("\n")
    operation, index = rng.choice(OPERATIONS), rng.randrange(len(lines))
    line = lines[index]
    if operation == "insert":
        at = rng.randrange(len(line) + 1)
        lines[index] = line[:at] + rng.choice(SNIPPETS) + line[at:]
    elif operation == "delete_line":
        del lines[index]
    elif operation == "duplicate_line":
        lines.insert(index, line)
    elif operation == "swap_lines":
        other = rng.randrange(len(lines))
        lines[index], lines[other] = lines[other], line
    elif operation == "cut":
        lines = lines[: index + 1]
    else:
        at = rng.randrange(len(line) + 1)
        lines[index] = line[:at] + line[at + rng.randint(1, 5) :]
    return operation, "\n".join(lines)


def project_copy(folder: Path) -> Path:
    """The tracked files of this project, as a clone would have them, with this checkout's .venv."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    project = folder / "project"
    for name in filter(None, files.decode().split("\0")):
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, target)
    (project / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return project


def check_mutant(project: Path) -> tuple[str, str]:
    """('error'|'clean'|'failure', what): how `check` judged the content as it is now."""
    from pressroom.validation.site_check import check_site
    from publishing.build import settings_for

    try:
        result = check_site(settings_for(project / "pelicanconf.py"))
    except SystemExit:
        return "error", ""
    except Exception:
        return "failure", "check: " + traceback.format_exc().strip().splitlines()[-1][:200]
    return ("error", "") if result.errors else ("clean", "")


def build_mutant(project: Path, output: Path) -> str:
    """'' when the build of a checked mutant succeeds, else what went wrong."""
    shutil.rmtree(output, ignore_errors=True)
    command = [str(project / ".venv" / "bin" / "invoke"), "build", "--output", str(output)]
    try:
        built = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        return "build: hung for 300 s"
    if built.returncode != 0 or "Traceback" in built.stderr:
        last = [line for line in built.stderr.strip().splitlines() if line.strip()][-2:]
        return "build after a clean check: " + " | ".join(last)[:300]
    return ""


def run(mutants: int, seed: int, report: Path) -> dict:
    rng = random.Random(seed)
    report.mkdir(parents=True, exist_ok=True)
    counts = {"mutants": 0, "refused by check": 0, "passed check": 0, "built": 0}
    failures: dict[str, list[int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        project = project_copy(Path(folder))
        sys.path.insert(0, str(project))
        os.chdir(project)
        sources = sorted((project / "content" / "releases").rglob("*.md"))
        sources += [project / "content" / "people.yaml", project / "content" / "topics.yaml"]
        originals = {path: path.read_text(encoding="utf-8") for path in sources}
        for number in range(mutants):
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")
            target = rng.choice(sources)
            text = originals[target]
            for _ in range(rng.randint(1, 3)):
                _operation, text = mutated(text, rng)
            target.write_text(text, encoding="utf-8")
            counts["mutants"] += 1
            verdict, failure = check_mutant(project)
            if verdict == "clean":
                counts["passed check"] += 1
                failure = build_mutant(project, Path(folder) / "output")
                counts["built"] += 1
            elif verdict == "error":
                counts["refused by check"] += 1
            if failure:
                failures.setdefault(failure, []).append(number)
                (report / f"{number}-{target.name}").write_text(text, encoding="utf-8")
    return {"seed": seed, **counts, "failures": failures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=600)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "fuzz")
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.mutants, arguments.seed, arguments.report), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
