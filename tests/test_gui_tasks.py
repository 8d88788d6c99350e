"""The one background-task helper: a task that outlives the window it reported to (the app
was closed while it ran, a wait that timed out on a slow machine) ends quietly, with no
traceback on the console: the package test's window quit once failed on exactly that."""

from __future__ import annotations

import threading

import pytest
import shiboken6

from xzbrief.gui.tasks import TaskRunner


def test_a_task_whose_listener_is_gone_ends_without_a_traceback(
        qtbot: object, capfd: pytest.CaptureFixture[str]) -> None:
    release = threading.Event()
    started = threading.Event()
    done = threading.Event()

    def work(report, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        release.wait(10)
        report(50, "半程")
        done.set()
        return "结果"

    runner = TaskRunner()
    task = runner.run(work)
    assert started.wait(10)
    shiboken6.delete(task.signals)  # the window and what listened are gone
    release.set()
    assert runner.wait(10000)
    assert done.is_set()
    err = capfd.readouterr().err
    assert "Signal source has been deleted" not in err, err
    assert "Traceback" not in err, err


def test_closing_asks_every_running_task_to_stop(qtbot: object) -> None:
    release = threading.Event()
    seen: list[bool] = []

    def work(report, cancelled):  # type: ignore[no-untyped-def]
        release.wait(10)
        seen.append(cancelled())

    runner = TaskRunner()
    runner.run(work)
    runner.run(work)
    runner.cancel_all()
    release.set()
    assert runner.wait(10000)
    assert seen == [True, True]
