"""A plain `pip install .` (not only an editable install) carries the shipped dataset, recipe,
templates and logos inside the package, so `xzbrief` works from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_the_shipped_files(tmp_path):
    pytest.importorskip("hatchling")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("xzbrief-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = "xzbrief/_shipped/"
    for needed in ("data/xuzhou.xlsx", "data/xuzhou.brief.toml", "templates/gov_red.pptx",
                   "templates/tech_blue.pptx", "templates/eco_green.pptx",
                   "assets/logo_gov_red.png"):
        assert shipped + needed in names, needed
    assert "xzbrief/resources.py" in names and "xzbrief/gui/app.py" in names
    # the copies are the top-level folders' files, byte for byte
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read(shipped + "data/xuzhou.xlsx") == (ROOT / "data/xuzhou.xlsx").read_bytes()
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry).decode()
    assert "xzbrief = xzbrief.cli.main:main" in text
    assert "xzbrief-gui = xzbrief.gui.app:main" in text


def test_the_sdist_holds_every_tracked_file(tmp_path):
    """An sdist is enough to run the tests, build the bundle and read the docs: it has every
    file git tracks (and the LICENSE the metadata names)."""
    pytest.importorskip("hatchling")
    import shutil
    import tarfile

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True,
                             check=True).stdout.decode().split("\0")
    tracked_set = {t for t in tracked if t and (ROOT / t).exists()}
    from hatchling.builders.sdist import SdistBuilder

    sdist = Path(next(iter(SdistBuilder(str(ROOT)).build(directory=str(tmp_path)))))
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert tracked_set - names == set()
    assert "LICENSE" in names and not any(n.startswith(".import_linter_cache") for n in names)
