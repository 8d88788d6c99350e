"""The packages a user installs: ``tools/dev package`` builds the PyInstaller folder and the
UOS-layout .deb from the pinned constraints; the .deb is unpacked (``dpkg-deb -x``) into a
temporary root and its own commands are run from there — the CLI builds the shipped recipe, the
app opens a real window under Xvfb.

Slow (PyInstaller + xz): about 4 minutes from nothing on a 2-core machine, about 2 when
build/package-venv is already there. It runs in CI (``XZBRIEF_CI=1`` fails instead of skipping
when a tool is missing)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from realwindow import require_tools, run_app, xvfb

ROOT = Path(__file__).resolve().parents[1]
APPID = "cn.xzbrief.briefing"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packages")]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [t for t in ("dpkg-deb", "objdump") if shutil.which(t) is None]
    if missing:
        if os.environ.get("XZBRIEF_CI") == "1":
            pytest.fail(f"{', '.join(missing)} missing (tools/dev package installs binutils)")
        pytest.skip(f"{', '.join(missing)} missing")
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run([str(ROOT / "tools" / "dev"), "package"], cwd=ROOT,
                          env={**os.environ, "XZBRIEF_DIST": str(dist)},
                          capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return dist


@pytest.fixture(scope="module")
def installed(packages: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb unpacked into a fresh root; returns /opt/apps/<appid> inside it."""
    debs = list(packages.glob("*.deb"))
    assert [d.name for d in debs] == [f"{APPID}_0.1.0_amd64.deb"]
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-x", str(debs[0]), str(root)], check=True)
    return root / "opt" / "apps" / APPID


def control(packages: Path) -> str:
    deb = next(packages.glob("*.deb"))
    return subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                          check=True).stdout


def test_the_deb_has_the_uos_layout_a_desktop_entry_and_an_icon(packages, installed):
    info = json.loads((installed / "info").read_text(encoding="utf-8"))
    assert info["appid"] == APPID and info["arch"] == ["amd64"]
    entry = (installed / "entries" / "applications" / f"{APPID}.desktop").read_text("utf-8")
    assert f"Exec=/opt/apps/{APPID}/files/xzbrief-gui %f" in entry
    assert "Name[zh_CN]=徐州产业汇报助手" in entry
    mimes = next(line for line in entry.splitlines() if line.startswith("MimeType="))
    assert "application/x-xzbrief-recipe" in mimes  # *.brief.toml (entries/mime)
    assert "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" in mimes
    glob = (installed / "entries" / "mime" / "packages" / f"{APPID}.xml").read_text("utf-8")
    assert '<glob pattern="*.brief.toml"' in glob
    icon = installed / "entries" / "icons" / "hicolor" / "256x256" / "apps" / f"{APPID}.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (installed / "files" / "xzbrief").is_file()
    fields = control(packages)
    depends = next(line for line in fields.splitlines() if line.startswith("Depends:"))
    for lib in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0",
                "libglib2.0-0t64 | libglib2.0-0", "libc6 (>= 2."):
        assert lib in depends
    # the bundle carries Qt's Chinese words and the ibus input plugin (fcitx5 serves it)
    qt = installed / "files" / "_internal" / "PySide6" / "Qt"
    assert (qt / "translations" / "qtbase_zh_CN.qm").is_file()
    assert (qt / "plugins" / "platforminputcontexts"
            / "libibusplatforminputcontextplugin.so").is_file()


def test_the_bundled_cli_builds_the_shipped_recipe(installed, tmp_path):
    recipe = installed / "files" / "_internal" / "xzbrief" / "_shipped" / "data" \
        / "xuzhou.brief.toml"
    assert recipe.is_file()
    out = tmp_path / "汇报.pptx"
    done = subprocess.run([str(installed / "files" / "xzbrief"), "build", str(recipe), "-o",
                           str(out), "--docx"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    slides = Presentation(str(out)).slides
    assert len(slides) > 5
    assert "徐州" in slides[0].shapes.title.text
    import docx  # the Word document too: python-docx's template parts are in the bundle

    paragraphs = [p.text for p in docx.Document(str(out.with_suffix(".docx"))).paragraphs]
    assert any("徐州" in p for p in paragraphs)


def test_the_bundled_app_opens_its_window_and_quits(installed, tmp_path):
    require_tools()
    home = tmp_path / "home"
    home.mkdir()
    with xvfb() as display:
        code, output = run_app([str(installed / "files" / "xzbrief-gui")], display, home)
    assert code == 0, output
    assert "Traceback" not in output, output


def test_postinst_links_the_entries_and_prerm_removes_only_its_own(packages, tmp_path):
    """The maintainer scripts run against a temporary root (their /usr and /opt paths moved
    into it): links made, an existing file left alone, removal takes only our links."""
    deb = str(next(packages.glob("*.deb")))
    scripts = tmp_path / "control"
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-e", deb, str(scripts)], check=True)
    subprocess.run(["dpkg-deb", "-x", deb, str(root)], check=True)  # as dpkg unpacks first

    def run(name: str, arg: str) -> None:
        text = (scripts / name).read_text(encoding="utf-8")
        script = tmp_path / name
        script.write_text(re.sub(r"(?<=[\s:])/(usr|opt)/", f"{root}/\\1/", text),
                          encoding="utf-8")
        env = {**os.environ, "PATH": "/usr/bin:/bin"}  # no desktop-database tools needed
        subprocess.run(["sh", str(script), arg], check=True, env=env, capture_output=True)

    mine = root / "usr" / "bin" / "xzbrief"
    theirs = root / "usr" / "bin" / "xzbrief-gui"
    theirs.parent.mkdir(parents=True)
    theirs.write_text("someone else's\n")
    run("postinst", "configure")
    assert os.readlink(mine) == f"{root}/opt/apps/{APPID}/files/xzbrief"
    desktop = root / "usr" / "share" / "applications" / f"{APPID}.desktop"
    assert desktop.is_symlink() and "Exec=" in desktop.read_text(encoding="utf-8")
    assert theirs.read_text() == "someone else's\n"  # never replaced
    run("prerm", "remove")
    assert not mine.exists() and not mine.is_symlink() and not desktop.is_symlink()
    assert theirs.read_text() == "someone else's\n"
