"""Saving decks atomically: a failure never leaves a half-written or missing file."""

from __future__ import annotations

import os
import stat
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
    assert info.value.reason_en == "the file is read-only"
    assert info.value.text("zh") == (f"无法保存 {target}:文件是只读的。原文件未改动;"
                                     f"可另存为 {tmp_path / '汇报(2).pptx'}")
    assert leftovers(tmp_path) == []


def test_a_folder_is_not_a_target(tmp_path: Path) -> None:
    folder = tmp_path / "汇报.pptx"
    folder.mkdir()
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(folder, b"deck")
    assert info.value.reason_zh == "这是一个文件夹"
    assert folder.is_dir() and leftovers(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SaveBlocked) as info:
        atomic_write_bytes(tmp_path / "nope" / "deck.pptx", b"deck")
    assert info.value.reason_zh == "所在文件夹不存在"


def test_failure_while_writing_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "汇报.pptx"
    target.write_bytes(b"old deck")
    seen: list[Path] = []

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half a de")
        seen.append(tmp)
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, write)
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
    assert "PowerPoint" in info.value.reason_zh
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
