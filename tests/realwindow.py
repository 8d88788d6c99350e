"""A real X display for the desktop app: Xvfb on a free display number, xdotool to find the
window and press keys the way a user does (no test hooks inside the app).

``tools/dev test`` installs xvfb and xdotool. Where they are missing the window tests are
skipped, except under CI (``XZBRIEF_CI=1``, set by ``.ci/run``), where missing tools fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool")


def require_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        if os.environ.get("XZBRIEF_CI") == "1":
            pytest.fail(f"{', '.join(missing)} not installed (tools/dev test installs them)")
        pytest.skip(f"{', '.join(missing)} not installed")


@contextmanager
def xvfb(width: int = 1366, height: int = 768) -> Iterator[str]:
    """Start Xvfb on a display number it picks itself (-displayfd); yield ":N"; stop it."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                             f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
                            pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            pytest.fail(f"Xvfb did not start (exit {proc.wait(timeout=10)})")
        yield f":{number}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def app_env(display: str, home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The app's environment: the real xcb platform on ``display``, a home of its own (settings,
    log and the default output folder), Chinese locale."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("QT_", "XDG_", "WAYLAND")) and k not in ("DISPLAY", "HOME")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home), LANG="zh_CN.UTF-8",
               XDG_CONFIG_HOME=str(home / ".config"), XDG_STATE_HOME=str(home / ".state"),
               XDG_DATA_HOME=str(home / ".local" / "share"),
               XZBRIEF_SETTINGS=str(home / "settings.ini"))
    env.update(extra or {})
    return env


def xdotool(display: str, *args: str, timeout: float = 60) -> str:
    done = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, timeout=timeout, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def wait_for_window(display: str, name: str, app: subprocess.Popen[bytes],
                    timeout: float = 60) -> str:
    """The window id of the first visible window whose title matches ``name``; fails with the
    app's own output when it exits first (e.g. Qt aborting on a missing xcb library)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.poll() is not None:
            out = app.stdout.read().decode(errors="replace") if app.stdout else ""
            pytest.fail(f"the app exited with {app.returncode} before its window showed:\n"
                        f"{out[-2000:]}")
        found = xdotool(display, "search", "--onlyvisible", "--name", name, timeout=10)
        if found:
            return found.splitlines()[0]
        time.sleep(0.2)
    pytest.fail(f"no window named {name!r} within {timeout:.0f} s")


def press(display: str, window: str, *keys: str) -> None:
    """Focus the window (there is no window manager under Xvfb) and press keys."""
    xdotool(display, "windowfocus", "--sync", window)
    xdotool(display, "key", "--clearmodifiers", *keys)


def stop(app: subprocess.Popen[bytes], timeout: float = 30) -> int:
    """Wait for the app to exit; kill it (and fail) when it does not."""
    try:
        return app.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait()
        pytest.fail("the app did not quit")


TITLE = "xzbrief 汇报助手"


def run_app(command: list[str], display: str, home: Path,
            drive: Callable[[str], None] = lambda window: None) -> tuple[int, str]:
    """Start the app on ``display``, wait for its main window, let ``drive(window)`` use it
    as a user would, press Ctrl+Q; the exit code and everything the app printed. An app that
    is still running when a check fails is killed, never left behind."""
    with subprocess.Popen(command, env=app_env(display, home), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT) as app:
        try:
            window = wait_for_window(display, TITLE, app)
            drive(window)
            press(display, window, "ctrl+q")
            code = stop(app)
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
        output = app.stdout.read().decode(errors="replace") if app.stdout else ""
    return code, output
