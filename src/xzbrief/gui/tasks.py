"""One helper for background work (as Anki does): the UI thread never runs a build or a big
workbook load. Callbacks are delivered on the main thread through Qt signals; a task can be
cancelled between its steps."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskSignals(QObject):
    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    finished = Signal()


def _emit(signals: QObject, name: str, *args: Any) -> None:
    """Emit from the worker unless the window that listened is already gone: a task that
    outlives an app closing while it ran (a slow machine, a wait that timed out) has nobody
    left to tell, and PySide raises "Signal source has been deleted" into the worker thread."""
    try:
        getattr(signals, name).emit(*args)
    except RuntimeError:
        if shiboken6.isValid(signals):  # not the deleted-source case: a real error
            raise


class Task(QRunnable):
    """Runs ``work(report, cancelled)`` in the pool; ``report(percent, message)``."""

    def __init__(self, work: Callable[[Callable[[int, str], None], Callable[[], bool]], Any]
                 ) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        signals = self.signals

        def report(percent: int, message: str) -> None:
            _emit(signals, "progress", percent, message)

        try:
            result = self.work(report, self._cancel.is_set)
        except BaseException as exc:  # delivered to the UI thread, never lost
            _emit(signals, "failed", exc, traceback.format_exc())
        else:
            _emit(signals, "succeeded", result)
        finally:
            _emit(signals, "finished")


class TaskRunner(QObject):
    """Keeps tasks alive until they finish; one pool for the app."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def run(self, work: Callable[[Callable[[int, str], None], Callable[[], bool]], Any], *,
            on_success: Callable[[Any], None] | None = None,
            on_failure: Callable[[BaseException, str], None] | None = None,
            on_progress: Callable[[int, str], None] | None = None,
            on_finished: Callable[[], None] | None = None) -> Task:
        task = Task(work)
        if on_success is not None:
            task.signals.succeeded.connect(on_success)
        if on_failure is not None:
            task.signals.failed.connect(on_failure)
        if on_progress is not None:
            task.signals.progress.connect(on_progress)

        def done() -> None:
            self._running.discard(task)
            if on_finished is not None:
                on_finished()

        task.signals.finished.connect(done)
        self._running.add(task)
        self.pool.start(task)
        return task

    def cancel_all(self) -> None:
        """Ask every running task to stop at its next step (the window is closing)."""
        for task in self._running:
            task.cancel()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return bool(self.pool.waitForDone(msecs))
