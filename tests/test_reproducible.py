"""Two builds of the same content with the same clock are byte for byte the same site."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from support.site import ROOT, SAMPLE_CONTENT

BUILD_TWICE = """
import sys
sys.path.insert(0, {support!r})
from support.site import build
from pathlib import Path
for output in sys.argv[1:]:
    build(Path({content!r}), Path(output), "publishconf.py", PRESSROOM_NOW="2025-03-01T09:00+00:00")
"""


def files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_same_content_and_clock_give_byte_identical_builds_in_one_process(tmp_path):
    # One process, as `invoke serve` rebuilds or a test run builds: nothing may carry over between builds.
    script = BUILD_TWICE.format(support=str(ROOT / "tests"), content=str(SAMPLE_CONTENT))
    first, second = tmp_path / "first", tmp_path / "second"
    subprocess.run(
        [sys.executable, "-c", script, str(first), str(second)], check=True, capture_output=True, cwd=tmp_path
    )
    built = files(first)
    assert len(built) > 40
    differing = sorted(name for name, digest in files(second).items() if built.get(name) != digest)
    assert differing == []
    assert set(files(second)) == set(built)
