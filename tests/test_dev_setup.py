"""``tools/dev``'s system set-up on machines we do not have: apt and dpkg are replaced on PATH by
small scripts that pretend packages are missing (or renamed, as on Debian 13) and record what
apt would be asked to install. The real ``apt-cache`` still says which names exist."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("dpkg-query") is None
                                or shutil.which("apt-cache") is None,
                                reason="not a Debian/Ubuntu machine")

QT_XCB = ("libxcb-cursor0", "libxkbcommon-x11-0", "libxcb-icccm4", "libxcb-image0",
          "libxcb-keysyms1", "libxcb-render-util0", "libxcb-shape0", "libwayland-cursor0")


def fake_machine(tmp_path: Path, *, installed: set[str] | None, missing: set[str],
                 no_ensurepip: bool = False) -> dict[str, str]:
    """PATH with a dpkg-query that answers from ``installed`` (None: every package but
    ``missing``) and an apt-get that only records its arguments."""
    shims = tmp_path / "shims"
    shims.mkdir()
    log = tmp_path / "apt.log"
    known = "" if installed is None else " ".join(sorted(installed))
    hidden = " ".join(sorted(missing))
    (shims / "dpkg-query").write_text(f"""#!/bin/sh
for pkg; do :; done
for m in {hidden}; do [ "$pkg" = "$m" ] && exit 1; done
if [ -n "{known}" ]; then
  for k in {known}; do [ "$pkg" = "$k" ] && echo "install ok installed" && exit 0; done
  exit 1
fi
echo "install ok installed"
""")
    (shims / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    (shims / "sudo").write_text('#!/bin/sh\nexec "$@"\n')
    env = {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}", "PYTHON": sys.executable}
    if no_ensurepip:  # Debian's python3 without python3.X-venv: ensurepip is missing
        fake = tmp_path / "fakepy"
        fake.mkdir()
        (fake / "ensurepip.py").write_text("raise ImportError('ensurepip is disabled')\n")
        env["PYTHONPATH"] = str(fake)
    for f in shims.iterdir():
        f.chmod(0o755)
    return env


def apt_calls(tmp_path: Path, env: dict[str, str], *args: str) -> list[str]:
    done = subprocess.run([str(ROOT / "tools" / "dev"), "system", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    log = tmp_path / "apt.log"
    return log.read_text().splitlines() if log.exists() else []


def test_a_machine_with_everything_installed_never_runs_apt(tmp_path: Path) -> None:
    env = fake_machine(tmp_path, installed=None, missing=set())
    assert apt_calls(tmp_path, env, "test") == []


def test_the_xcb_libraries_qt_needs_are_installed_when_missing(tmp_path: Path) -> None:
    env = fake_machine(tmp_path, installed=None, missing={*QT_XCB, "fonts-liberation2"})
    calls = apt_calls(tmp_path, env)
    assert calls[0].startswith("update")
    install = calls[-1].split()
    assert install[:3] == ["install", "-y", "-qq"]
    assert set(install[4:]) == {*QT_XCB, "fonts-liberation2"}


def test_xvfb_xdotool_and_binutils_come_with_the_test_tools(tmp_path: Path) -> None:
    env = fake_machine(tmp_path, installed=None, missing={"xvfb", "xdotool", "binutils"})
    assert apt_calls(tmp_path, env) == []  # `build` does not need them
    assert set(apt_calls(tmp_path, env, "test")[-1].split()[4:]) == {"xvfb", "xdotool",
                                                                     "binutils"}


def test_a_t64_renamed_glib_counts_as_installed(tmp_path: Path) -> None:
    """Debian 13 / Ubuntu 24.04: libglib2.0-0 is only a virtual name for libglib2.0-0t64."""
    names = subprocess.run([str(ROOT / "tools" / "dev"), "system", "--list", "test"],
                           capture_output=True, text=True, check=True).stdout.split()
    on_trixie = {n.split("|")[0] for n in names}
    env = fake_machine(tmp_path, installed=on_trixie, missing={"libglib2.0-0"})
    assert apt_calls(tmp_path, env, "test") == []


def test_a_python_without_venv_gets_python3_venv(tmp_path: Path) -> None:
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    env = fake_machine(tmp_path, installed=None, missing={f"python{version}-venv", "python3-venv"},
                       no_ensurepip=True)
    install = apt_calls(tmp_path, env)[-1].split()
    assert install[4:] == [f"python{version}-venv"] or install[4:] == ["python3-venv"]
