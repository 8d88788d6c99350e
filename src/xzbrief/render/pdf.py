"""PDF through LibreOffice (``soffice --headless``), when it is installed.

Each conversion gets its own LibreOffice profile (two processes sharing one fail) and its own
output folder; the PDF is then moved into place atomically.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from xzbrief.atomic import atomic_write_bytes

TIMEOUT = 180
WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
MAC_PATH = "/Applications/LibreOffice.app/Contents/MacOS/soffice"


class PdfUnavailable(Exception):
    """LibreOffice is not installed: say how to get it."""

    zh = "未找到 LibreOffice,无法导出 PDF。请安装 LibreOffice(https://zh-cn.libreoffice.org)后重试"
    en = "LibreOffice was not found, so no PDF was made. Install LibreOffice and try again"


class PdfFailed(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.zh = f"LibreOffice 转换 PDF 失败:{detail}"
        self.en = f"LibreOffice could not convert the deck to PDF: {detail}"


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
    with tempfile.TemporaryDirectory(prefix="xzbrief-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        source = work_dir / ("deck" + (pptx.suffix.lower() or ".pptx"))  # .docx too
        shutil.copyfile(pptx, source)
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
               "--convert-to", "pdf", "--outdir", str(work_dir), str(source)]
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) as proc:
            deadline = time.monotonic() + TIMEOUT
            while proc.poll() is None:
                if cancelled is not None and cancelled():
                    proc.kill()
                    raise PdfCancelled()
                if time.monotonic() > deadline:
                    proc.kill()
                    raise PdfFailed(f"超过 {TIMEOUT} 秒未完成")
                time.sleep(0.1)
            stdout, stderr = proc.communicate()
        out = work_dir / "deck.pdf"
        if proc.returncode != 0 or not out.exists():
            detail = (stderr or stdout or f"exit {proc.returncode}").strip()
            raise PdfFailed(detail.splitlines()[-1][:300] if detail else "unknown error")
        atomic_write_bytes(target, out.read_bytes())
    return target
