"""Notice when the workbook changes on disk, including Excel's way of saving (write a new file,
rename it over the old one), debounced so one save means one reload."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 400


def signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class WorkbookWatcher(QObject):
    changed = Signal(object)  # Path

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._check)
        self.path: Path | None = None
        self._sig: tuple[int, int] | None = None

    def watch(self, path: Path | None, seen: tuple[int, int] | None = None) -> None:
        """Watch ``path``; ``seen`` is its signature when it was read, so that a save made
        while it was being read still counts as a change."""
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)
        self.path = path
        self._sig = seen if seen is not None or path is None else signature(path)
        if path is not None:
            self._watcher.addPath(str(path.parent))
            if path.exists():
                self._watcher.addPath(str(path))
            if signature(path) != self._sig:
                self._poke()

    def _poke(self, _changed: str = "") -> None:
        self._timer.start()

    def _check(self) -> None:
        path = self.path
        if path is None:
            return
        if path.exists() and str(path) not in self._watcher.files():
            self._watcher.addPath(str(path))  # replaced by a rename: watch the new file
        sig = signature(path)
        if sig is None or sig == self._sig:
            return
        self._sig = sig
        self.changed.emit(path)
