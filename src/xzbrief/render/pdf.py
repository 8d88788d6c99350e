"""PDF through LibreOffice (``soffice --headless``), when it is installed.

Each conversion gets its own LibreOffice profile (two processes sharing one fail) and its own
output folder; the PDF is then moved into place atomically.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from xzbrief.atomic import atomic_write_bytes
from xzbrief.messages import Note, note

TIMEOUT = 180
WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


class PdfUnavailable(Exception):
    """LibreOffice is not installed: say how to get it."""

    note = note("pdf-unavailable")


class PdfFailed(Exception):
    """``detail`` is LibreOffice's own last line (as it wrote it), or ours from the catalogue."""

    def __init__(self, detail: str | Note) -> None:
        super().__init__(detail)
        self.note = note("pdf-failed", detail=detail)


def find_soffice() -> str | None:
    env = os.environ.get("XZBRIEF_SOFFICE")
    if env:
        return env if Path(env).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = WINDOWS_PATHS if sys.platform == "win32" else (MAC_PATH,)
    return next((p for p in candidates if Path(p).exists()), None)


class PdfCancelled(Exception):
    """The user cancelled while LibreOffice was converting; the process was stopped."""


def convert_to_pdf(pptx: Path, pdf: Path | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Path:
    """Write ``pdf`` (default: beside the deck) and return its path. ``cancelled`` is asked
    while LibreOffice works; a yes stops it (PdfCancelled)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable()
    pptx = Path(pptx)
    target = Path(pdf) if pdf is not None else pptx.with_suffix(".pdf")
    work_dir = Path(tempfile.mkdtemp(prefix="xzbrief-pdf-"))
    try:
        profile = (work_dir / "profile").as_uri()
        source = work_dir / ("deck" + (pptx.suffix.lower() or ".pptx"))  # .docx too
        shutil.copyfile(pptx, source)
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
               "--convert-to", "pdf", "--outdir", str(work_dir), str(source)]
        # soffice is a launcher: its children (soffice.bin, oosplash) must stop too, or they
        # keep writing into the profile while we remove it ("Directory not empty")
        group = {"start_new_session": True} if os.name == "posix" else {
            "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, **group) as proc:
            deadline = time.monotonic() + TIMEOUT
            while proc.poll() is None:
                if cancelled is not None and cancelled():
                    _stop(proc)
                    raise PdfCancelled()
                if time.monotonic() > deadline:
                    _stop(proc)
                    raise PdfFailed(note("pdf-timeout", seconds=TIMEOUT))
                time.sleep(0.1)
            stdout, stderr = proc.communicate()
        out = work_dir / "deck.pdf"
        if proc.returncode != 0 or not out.exists():
            detail = (stderr or stdout or f"exit {proc.returncode}").strip()
            raise PdfFailed(detail.splitlines()[-1][:300] if detail else note("pdf-unknown"))
        atomic_write_bytes(target, out.read_bytes())
    finally:
        _remove(work_dir)
    return target


def _stop(proc: subprocess.Popen[str]) -> None:
    """Kill LibreOffice and every process it started, and wait for them."""
    if os.name == "posix":
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            proc.kill()
    else:  # Windows: the whole tree
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)], capture_output=True,
                       check=False)
        proc.kill()
    proc.communicate()
    if os.name == "posix":  # children of the group may outlive the launcher by a moment
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                os.killpg(proc.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)


def _remove(folder: Path) -> None:
    """Remove the temp folder; a process that was still closing files gets a moment."""
    for _ in range(20):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.1)
