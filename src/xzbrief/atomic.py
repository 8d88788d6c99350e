"""Writing files so that a failure never leaves a half-written or missing file.

Temp file in the same folder, fsync, ``os.replace``; the temp is always removed. When the target
cannot be replaced (open in PowerPoint on Windows, read-only, a folder) the old file is left
exactly as it was and ``SaveBlocked`` says what to do, with another name to use.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

RETRIES = 3
RETRY_DELAY = 0.25


class SaveBlocked(Exception):
    """The target could not be written; the old file is intact."""

    def __init__(self, path: Path, reason_zh: str, reason_en: str, suggestion: Path) -> None:
        super().__init__(reason_zh)
        self.path = path
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        self.suggestion = suggestion

    def text(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"无法保存 {self.path}:{self.reason_zh}。原文件未改动;可另存为 {self.suggestion}"
        return (f"cannot save {self.path}: {self.reason_en}. The old file is untouched; "
                f"try {self.suggestion}")


def free_name(path: Path) -> Path:
    """``汇报.pptx`` -> ``汇报(2).pptx``, the first that does not exist."""
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}-{int(time.time())}{path.suffix}")


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` then move the temp over ``path`` atomically."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SaveBlocked(path, "这是一个文件夹", "it is a folder", free_name(path / "汇报.pptx"))
    if not folder.is_dir():
        raise SaveBlocked(path, "所在文件夹不存在", "its folder does not exist",
                          Path.home() / path.name)
    if path.exists() and _read_only(path):  # before any work, and whoever runs it
        raise SaveBlocked(path, "文件是只读的", "the file is read-only", free_name(path))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".xzbrief-", suffix=path.suffix + ".tmp",
                                        dir=folder)
    except OSError as exc:
        raise SaveBlocked(path, "没有写入该文件夹的权限", "the folder is not writable",
                          Path.home() / path.name) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:  # while the temp is still ours to write (0600)
            os.fsync(fh.fileno())
        _set_mode(tmp, path)
        _replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _read_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# read once, at import: os.umask sets the whole process's mask, and worker threads write files
UMASK = _read_umask()


def _set_mode(tmp: Path, path: Path) -> None:
    """mkstemp makes files private (0600); give the new file the old one's mode, or the
    mode a plain open() would give under the user's umask."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~UMASK
    os.chmod(tmp, mode)


def _read_only(path: Path) -> bool:
    """Marked read-only (Windows attribute, or no write bit), or not writable for us; the
    mode bit is asked too so that the answer is the same for an administrator."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK)


def _replace(tmp: Path, path: Path) -> None:
    for attempt in range(RETRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError as exc:
            # Windows: the file is open in PowerPoint (or scanned by antivirus): retry briefly
            if attempt == RETRIES - 1:
                app = "Word" if path.suffix.lower() == ".docx" else "PowerPoint"
                raise SaveBlocked(path, f"文件可能正在 {app} 中打开,请先关闭",
                                  f"it may be open in {app}; close it first",
                                  free_name(path)) from exc
            time.sleep(RETRY_DELAY)
        except OSError as exc:
            raise SaveBlocked(path, exc.strerror or str(exc), exc.strerror or str(exc),
                              free_name(path)) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(path, write)
