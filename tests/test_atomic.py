"""Saving decks atomically: a failure never leaves a half-written or missing file."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbooks import basic_sheets, write_workbook
from xzbrief.atomic import SaveBlocked, atomic_write, atomic_write_bytes, free_name
from xzbrief.dataset.loader import load_dataset
from xzbrief.deck.planner import plan_deck
from xzbrief.recipe import Recipe
from xzbrief.render import pptx_writer
from xzbrief.render.brand import load_brand


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".xzbrief-"))


def test_new_file_and_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "汇报.pptx"
    atomic_write_bytes(target, b"first")
    assert target.read_bytes() == b"first"
    atomic_write_bytes(target, b"second")
    assert target.read_bytes() == b"second"
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    atomic_write_bytes(target, b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def test_read_only_target_is_blocked_and_untouched(tmp_path: Path) -> None:
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")
    target.chmod(0o444)
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(target, b"new deck")
    assert target.read_bytes() == b"old deck"
    assert info.value.suggestion == tmp_path / "汇报(2).pptx"
    assert info.value.reason.text("en") == "the file is read-only"
    assert info.value.text("zh") == (f"无法保存 {target}:文件是只读的。原文件未改动;"
                                     f"可另存为 {tmp_path / '汇报(2).pptx'}")
    assert leftovers(tmp_path) == []


def test_a_folder_is_not_a_target(tmp_path: Path) -> None:
    folder = tmp_path / "汇报.pptx"
    folder.mkdir()
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(folder, b"deck")
    assert info.value.reason.text("zh") == "这是一个文件夹"
    assert folder.is_dir() and leftovers(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(tmp_path / "nope" / "deck.pptx", b"deck")
    assert info.value.reason.text("zh") == "所在文件夹不存在"


def test_failure_while_writing_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")
    seen: list[Path] = []

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half a de")
        seen.append(tmp)
        raise OSError(28, "No space left on device")

    with pytest.raises(SaveBlocked) as info:
        atomic_write(target, write)
    assert info.value.text("zh").startswith(f"无法保存 {target}:磁盘已满。原文件未改动")
    assert seen and seen[0].parent == tmp_path and not seen[0].exists()
    assert target.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


def test_replace_blocked_as_on_windows_retries_then_says_close_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")
    calls = []

    def locked(src: str, dst: str) -> None:
        calls.append(dst)
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr("xzbrief.atomic.RETRY_DELAY", 0.0)
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(target, b"new deck")
    assert len(calls) == 3
    assert "PowerPoint" in info.value.reason.text("zh")
    assert target.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


def test_free_name(tmp_path: Path) -> None:
    (tmp_path / "汇报.pptx").write_bytes(b"")
    (tmp_path / "汇报(2).pptx").write_bytes(b"")
    assert free_name(tmp_path / "汇报.pptx") == tmp_path / "汇报(3).pptx"


def test_the_deck_writer_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure inside the renderer never touches an existing deck."""
    dataset = load_dataset(write_workbook(tmp_path / "b.xlsx", basic_sheets())).dataset
    assert dataset is not None
    deck = plan_deck(dataset, Recipe(title="t"))
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old deck")

    def broken(tmp: Path, data: bytes) -> None:
        raise RuntimeError("disk vanished")

    real = pptx_writer.atomic_write_bytes

    def half(path: Path, data: bytes) -> None:
        def write(tmp: Path) -> None:
            tmp.write_bytes(data[:100])
            broken(tmp, data)

        atomic_write(path, write)

    monkeypatch.setattr(pptx_writer, "atomic_write_bytes", half)
    with pytest.raises(RuntimeError, match="disk vanished"):
        pptx_writer.write_pptx(deck, load_brand("政务红"), target)
    assert target.read_bytes() == b"old deck" and leftovers(tmp_path) == []
    monkeypatch.setattr(pptx_writer, "atomic_write_bytes", real)
    pptx_writer.write_pptx(deck, load_brand("政务红"), target)
    assert target.read_bytes().startswith(b"PK")


def test_a_read_only_target_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")
    target.chmod(0o444)
    written: list[Path] = []
    with pytest.raises(SaveBlocked):
        atomic_write(target, written.append)
    assert written == []  # no deck built for nothing, no read-only temp left to remove
    assert target.read_bytes() == b"old deck" and leftovers(tmp_path) == []


# --- every OSError is "cannot save" with its reason; stale temps of killed runs go ----------
def run_cli(*args: str, cwd: Path, limit_bytes: int | None = None
            ) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # a real EFBIG: the file-size limit of the process, SIGXFSZ ignored
        if limit_bytes is not None:
            import resource  # POSIX only

            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "XZBRIEF_LANG": "zh"}
    return subprocess.run([sys.executable, "-m", "xzbrief", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=240,
                          check=False, preexec_fn=limit if limit_bytes else None)


def test_a_name_too_long_says_so_with_a_shorter_name(tmp_path: Path) -> None:
    name = "关于全市工业经济运行情况的汇报" * 10 + ".pptx"  # 450 bytes: no disk takes it
    done = run_cli("build", "--quiet", "-o", name, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    said = done.stderr.strip().splitlines()[-1]
    assert said.startswith(f"xzbrief: 无法保存 {name}:文件名过长。原文件未改动;可另存为 关于")
    assert len(said.rsplit("可另存为 ", 1)[1].encode("utf-8")) <= 180
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_file_too_large_for_the_system_keeps_the_old_deck(tmp_path: Path) -> None:
    old = tmp_path / "汇报.pptx"
    old.write_bytes(b"old deck")
    done = run_cli("build", "--quiet", "-o", "汇报.pptx", cwd=tmp_path, limit_bytes=64 * 1024)
    assert done.returncode == 2, done.stderr
    assert f"无法保存 {old.name}:文件超过了该磁盘或系统允许的大小。原文件未改动" in done.stderr
    assert old.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(("code", "zh"), [(errno.ENOSPC, "磁盘已满"), (getattr(errno, "EDQUOT", 122), "超出磁盘配额"),
                                          (errno.EIO, "磁盘或网络读写出错")])
def test_a_full_disk_at_fsync_keeps_the_old_deck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 code: int, zh: str) -> None:
    """Injected at the os level: a real full disk needs a small filesystem, which needs root
    to mount. Delayed allocation makes fsync where a full disk shows."""
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")

    def full(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(target, b"new deck")
    assert info.value.text("zh") == (f"无法保存 {target}:{zh}。原文件未改动;可另存为 "
                                     f"{tmp_path / '汇报(2).pptx'}")
    assert target.read_bytes() == b"old deck"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and process ids as on POSIX")
def test_temps_of_a_killed_save_are_removed_by_the_next_save(tmp_path: Path) -> None:
    script = ("import sys, time; from pathlib import Path; from xzbrief.atomic import atomic_write\n"
              "def write(tmp):\n    tmp.write_bytes(b'half a deck'); print('writing', flush=True)"
              "; time.sleep(120)\n"
              "atomic_write(Path(sys.argv[1]), write)\n")
    with subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "汇报.pptx")],
                          stdout=subprocess.PIPE, text=True) as victim:
        assert victim.stdout is not None and victim.stdout.readline().strip() == "writing"
        victim.send_signal(signal.SIGKILL)  # kill -9 in the middle of a save
        victim.wait(timeout=30)
    left = leftovers(tmp_path)
    assert len(left) == 1 and left[0].startswith(f".xzbrief-{victim.pid}-")
    mine = tmp_path / ".xzbrief-notes.txt"  # ours by prefix only: not a temp, kept
    mine.write_text("x")
    live = tmp_path / f".xzbrief-{os.getppid()}-abcdefgh.pptx.tmp"  # a save in progress
    live.write_bytes(b"busy")
    old_style = tmp_path / ".xzbrief-zyxwvuts.pptx.tmp"  # an older version's, an hour old
    old_style.write_bytes(b"old")
    os.utime(old_style, (time.time() - 3600, time.time() - 3600))
    atomic_write_bytes(tmp_path / "另一份.pptx", b"next deck")
    assert leftovers(tmp_path) == sorted([mine.name, live.name])
    assert (tmp_path / "另一份.pptx").read_bytes() == b"next deck"
