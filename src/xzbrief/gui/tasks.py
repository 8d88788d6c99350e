"""One helper for background work (as Anki does): the UI thread never runs a build or a big
workbook load. Callbacks are delivered on the main thread through Qt signals; a task can be
cancelled between its steps."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskSignals(QObject):
    progress = Signal(int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback
    finished = Signal()


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
        try:
            result = self.work(self.signals.progress.emit, self._cancel.is_set)
        except BaseException as exc:  # delivered to the UI thread, never lost
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


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

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, msecs: int = 30000) -> bool:
        return bool(self.pool.waitForDone(msecs))
