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


def convert_to_pdf(pptx: Path, pdf: Path | None = None) -> Path:
    """Write ``pdf`` (default: beside the deck) and return its path."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfUnavailable()
    pptx = Path(pptx)
    target = Path(pdf) if pdf is not None else pptx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="xzbrief-pdf-") as work:
        work_dir = Path(work)
        profile = (work_dir / "profile").as_uri()
        source = work_dir / "deck.pptx"
        shutil.copyfile(pptx, source)
        cmd = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
               "--convert-to", "pdf", "--outdir", str(work_dir), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  check=False)
        except subprocess.TimeoutExpired as exc:
            raise PdfFailed(f"超过 {TIMEOUT} 秒未完成") from exc
        out = work_dir / "deck.pdf"
        if proc.returncode != 0 or not out.exists():
            detail = (proc.stderr or proc.stdout or f"exit {proc.returncode}").strip()
            raise PdfFailed(detail.splitlines()[-1][:300] if detail else "unknown error")
        atomic_write_bytes(target, out.read_bytes())
    return target
