"""Chinese input on Linux: the input module chosen before Qt starts (gui/input_method.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xzbrief.gui.input_method import choose_im_module, plugin_keys, requested_module

PIP_QT = {"ibus", "compose"}  # what PySide6 from pip ships


@pytest.mark.parametrize("env", [
    {"QT_IM_MODULE": "fcitx"},
    {"QT_IM_MODULE": "fcitx5"},
    {"XMODIFIERS": "@im=fcitx", "GTK_IM_MODULE": "fcitx"},  # UOS / Kylin sessions
    {"QT_IM_MODULE": "fcitx;ibus"},
])
def test_fcitx_without_its_plugin_is_served_through_ibus(env: dict[str, str]) -> None:
    assert choose_im_module(env, PIP_QT) == "ibus"


def test_a_module_the_bundled_qt_has_is_left_alone() -> None:
    assert choose_im_module({"QT_IM_MODULE": "ibus"}, PIP_QT) is None
    assert choose_im_module({"QT_IM_MODULE": "fcitx"}, {*PIP_QT, "fcitx", "fcitx5"}) is None


def test_an_input_method_named_only_for_x_or_gtk_is_given_to_qt() -> None:
    assert choose_im_module({"XMODIFIERS": "@im=ibus"}, PIP_QT) == "ibus"


def test_no_input_method_in_the_session_sets_nothing() -> None:
    assert choose_im_module({}, PIP_QT) is None
    assert choose_im_module({"QT_IM_MODULE": "uim"}, PIP_QT) is None  # nothing better to offer


def test_the_user_override_wins() -> None:
    assert choose_im_module({"QT_IM_MODULE": "fcitx", "XZBRIEF_IM_MODULE": "fcitx"},
                            PIP_QT) == "fcitx"
    assert choose_im_module({"QT_IM_MODULE": "fcitx", "XZBRIEF_IM_MODULE": "keep"},
                            PIP_QT) is None


def test_requested_module_reads_the_session_in_qts_order() -> None:
    assert requested_module({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}) == "ibus"
    assert requested_module({"XMODIFIERS": "@im=fcitx"}) == "fcitx"
    assert requested_module({"GTK_IM_MODULE": "fcitx"}) == "fcitx"


def test_plugin_keys_reads_the_plugin_folder(tmp_path: Path) -> None:
    for name in ("libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so",
                 "libfcitx5platforminputcontextplugin.so", "README"):
        (tmp_path / name).write_bytes(b"")
    assert plugin_keys(tmp_path) == {"ibus", "compose", "fcitx", "fcitx5"}
    assert plugin_keys(tmp_path / "missing") == set()


def test_the_installed_qt_lacks_fcitx_so_ibus_is_chosen() -> None:
    """The real PySide6 in this environment: what the launcher will see."""
    pytest.importorskip("PySide6")
    import sys

    from PySide6.QtCore import QLibraryInfo
    if not sys.platform.startswith("linux"):
        pytest.skip("Linux input methods")
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforminputcontexts"
    keys = plugin_keys(folder)
    assert "ibus" in keys
    if "fcitx" not in keys:
        assert choose_im_module({"QT_IM_MODULE": "fcitx"}, keys) == "ibus"
