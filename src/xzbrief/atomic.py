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

from xzbrief.messages import Lang, Note, note

RETRIES = 3
RETRY_DELAY = 0.25


class SaveBlocked(Exception):
    """The target could not be written; the old file is intact. ``reason`` is a catalogue
    note (xzbrief.messages), so the refusal reads in the language the surface picked."""

    def __init__(self, path: Path, reason: Note, suggestion: Path) -> None:
        super().__init__(reason.text("zh"))
        self.path = path
        self.reason = reason
        self.suggestion = suggestion

    @property
    def note(self) -> Note:
        """The whole refusal: the path, why, and a name to use instead."""
        return note("save-blocked", path=str(self.path), reason=self.reason,
                    suggestion=str(self.suggestion))

    def text(self, lang: Lang = "zh") -> str:
        return self.note.text(lang)


def free_name(path: Path) -> Path:
    """``汇报.pptx`` -> ``汇报(2).pptx``, the first that does not exist."""
    for n in range(2, 1000):
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{path.stem}-{int(time.time())}{path.suffix}")


# errno -> the catalogue code of what the user can do something about
REASONS: dict[int, str] = {
    errno.ENOSPC: "save-disk-full",
    errno.EFBIG: "save-too-large",
    errno.ENAMETOOLONG: "save-name-too-long",
    errno.EACCES: "save-permission",
    errno.EPERM: "save-permission",
    errno.EROFS: "save-disk-read-only",
    errno.ENOENT: "save-folder-gone",
    errno.ENOTDIR: "save-path-not-folder",
    errno.EISDIR: "save-is-folder",
    errno.EIO: "save-io-error",
    errno.EINVAL: "save-bad-name",
    errno.EMFILE: "save-too-many-open",
    errno.EBUSY: "save-in-use",
    errno.ETXTBSY: "save-in-use",
    errno.EXDEV: "save-across-disks",
}
if hasattr(errno, "EDQUOT"):
    REASONS[errno.EDQUOT] = "save-quota"
MAX_NAME_BYTES = 180  # a suggested name when the given one is too long (most disks: 255)


def save_reason(exc: OSError) -> Note:
    """Why a write failed, from its errno (never a bare English text in a Chinese sentence)."""
    if exc.errno in REASONS:
        return note(REASONS[exc.errno])
    return note("save-refused", detail=exc.strerror or type(exc).__name__)


def blocked(path: Path, exc: OSError) -> SaveBlocked:
    """SaveBlocked for any OSError, with a name to use that can work."""
    reason = save_reason(exc)
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
    return SaveBlocked(path, reason, suggestion)


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
        raise SaveBlocked(path, note("save-is-folder"), free_name(path / "汇报.pptx"))
    if not folder.is_dir():
        raise SaveBlocked(path, note("save-no-folder"), Path.home() / path.name)
    if path.exists() and _read_only(path):  # before any work, and whoever runs it
        raise SaveBlocked(path, note("save-file-read-only"), free_name(path))
    remove_stale_temps(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-",
                                        suffix=path.suffix + ".tmp", dir=folder)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise SaveBlocked(path, note("save-folder-not-writable"),
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
                raise SaveBlocked(path, note("save-open-in", app=app),
                                  free_name(path)) from exc
            time.sleep(RETRY_DELAY)
        except OSError as exc:
            raise blocked(path, exc) from exc


def atomic_write_bytes(path: Path, data: bytes) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    atomic_write(path, write)
