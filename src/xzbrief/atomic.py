"""Writing files so that a failure never leaves a half-written or missing file.

Temp file in the same folder, fsync, ``os.replace``; the temp is always removed. When the target
cannot be written (open in PowerPoint on Windows, read-only, a folder, a full disk, a name too
long, any other OSError) the old file is left exactly as it was and ``SaveBlocked`` says why in
the user's words, with another name to use. Temp files of our own naming left by a run that was
killed (``.xzbrief-<pid>-….tmp``) are removed on the next save to that folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
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


# errno -> (Chinese, English): what the user can do something about
REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "the disk is full"),
    errno.EFBIG: ("文件超过了该磁盘或系统允许的大小", "the file is larger than the disk or "
                  "system allows"),
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long"),
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EROFS: ("磁盘是只读的", "the disk is read-only"),
    errno.ENOENT: ("所在文件夹不存在或已被移走", "its folder does not exist or was moved"),
    errno.ENOTDIR: ("路径中有一项不是文件夹", "part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.EIO: ("磁盘或网络读写出错", "a disk or network I/O error"),
    errno.EINVAL: ("文件名含有该磁盘不允许的字符", "the name has characters this disk refuses"),
    errno.EMFILE: ("同时打开的文件太多", "too many open files"),
    errno.EBUSY: ("文件正被其他程序使用", "the file is in use by another program"),
    errno.ETXTBSY: ("文件正被其他程序使用", "the file is in use by another program"),
    errno.EXDEV: ("无法在不同磁盘之间移动文件", "cannot move the file across disks"),
}
if hasattr(errno, "EDQUOT"):
    REASONS[errno.EDQUOT] = ("超出磁盘配额", "the disk quota is exceeded")
MAX_NAME_BYTES = 180  # a suggested name when the given one is too long (most disks: 255)


def save_reason(exc: OSError) -> tuple[str, str]:
    """Why a write failed, in Chinese and English, from its errno (never a bare English text
    in a Chinese sentence)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    detail = exc.strerror or type(exc).__name__
    return f"系统报告写入失败({detail})", f"the system refused the write ({detail})"


def blocked(path: Path, exc: OSError) -> SaveBlocked:
    """SaveBlocked for any OSError, with a name to use that can work."""
    zh, en = save_reason(exc)
    if exc.errno == errno.ENAMETOOLONG:
        stem = path.stem
        while len((stem + path.suffix).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        suggestion = path.with_name(stem + path.suffix)
    else:
        try:
            suggestion = free_name(path)
        except OSError:
            suggestion = Path.home() / path.name
    return SaveBlocked(path, zh, en, suggestion)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temp_path)`` then move the temp over ``path`` atomically. Every failure
    is a SaveBlocked; the old file is untouched and the temp removed."""
    path = Path(path)
    try:
        _atomic_write(path, write)
    except OSError as exc:
        raise blocked(path, exc) from exc


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise SaveBlocked(path, "这是一个文件夹", "it is a folder", free_name(path / "汇报.pptx"))
    if not folder.is_dir():
        raise SaveBlocked(path, "所在文件夹不存在", "its folder does not exist",
                          Path.home() / path.name)
    if path.exists() and _read_only(path):  # before any work, and whoever runs it
        raise SaveBlocked(path, "文件是只读的", "the file is read-only", free_name(path))
    remove_stale_temps(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                        suffix=path.suffix + ".tmp", dir=folder)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise SaveBlocked(path, "没有写入该文件夹的权限", "the folder is not writable",
                              Path.home() / path.name) from exc
        raise
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        with tmp.open("rb+") as fh:  # while the temp is still ours to write (0600)
            os.fsync(fh.fileno())
        _set_mode(tmp, path)
        _replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):  # replaced: the temp is the new file
            tmp.unlink()


TEMP_PREFIX = ".xzbrief-"
# ours: .xzbrief-<pid>-<random>.<suffix>.tmp (and, from older versions, without the pid)
_RE_TEMP = re.compile(r"\.xzbrief-(?:(\d+)-)?[a-z0-9_]{8}\.[^.]+\.tmp")
STALE_SECONDS = 10 * 60  # an unnamed temp older than this is no save in progress


def remove_stale_temps(folder: Path, now: float | None = None) -> list[str]:
    """Delete temp files a killed run of xzbrief left in ``folder``: ours by name, and from a
    process that is gone (or, where that cannot be asked, old enough). Never fails a save."""
    removed: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time() if now is None else now
    for entry in entries:
        m = _RE_TEMP.fullmatch(entry.name)
        if m is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            pid = int(m[1]) if m[1] else None
            if pid == os.getpid():
                continue  # another thread of this process may be saving
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            if (pid is not None and not _alive(pid)) or old:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill would end the process there: the age rule decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


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
            raise blocked(path, exc) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(path, write)
