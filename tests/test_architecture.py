"""The core never needs Qt (nor python-pptx below the renderer); the public API stays small."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import xzbrief

PROBE = textwrap.dedent("""
    import importlib, json, pkgutil, sys

    blocked = set(sys.argv[1].split(","))

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in blocked:
                raise ImportError(f"blocked for this test: {name}")
            return None

    sys.meta_path.insert(0, Block())
    imported = []
    for top in sys.argv[2].split(","):
        try:
            module = importlib.import_module(top)
        except ModuleNotFoundError as exc:
            if exc.name == top:
                continue  # that part of xzbrief does not exist yet
            raise
        imported.append(top)
        if hasattr(module, "__path__"):
            for info in pkgutil.walk_packages(module.__path__, top + "."):
                importlib.import_module(info.name)
                imported.append(info.name)
    leaked = sorted(m for m in sys.modules if m.split(".")[0] in blocked)
    print(json.dumps({"imported": imported, "leaked": leaked}))
""")


def probe(blocked: list[str], packages: list[str]) -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, ",".join(blocked), ",".join(packages)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def test_core_imports_without_qt_and_pptx() -> None:
    result = probe(["PySide6", "shiboken6", "pptx", "docx"],
                   ["xzbrief.dataset", "xzbrief.recipe", "xzbrief.deck", "xzbrief.refresh"])
    assert "xzbrief.dataset.loader" in result["imported"]
    assert "xzbrief.dataset.workbook_writer" in result["imported"]
    assert result["leaked"] == []


def test_renderers_import_without_qt() -> None:
    result = probe(["PySide6", "shiboken6"], ["xzbrief.render"])
    assert result["leaked"] == []


def test_cli_dataset_command_imports_without_qt() -> None:
    result = probe(["PySide6", "shiboken6"], ["xzbrief.cli.dataset_cmd", "xzbrief.cli.console"])
    assert result["imported"] == ["xzbrief.cli.dataset_cmd", "xzbrief.cli.console"]


def test_block_really_blocks() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, "openpyxl", "xzbrief.dataset"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "blocked for this test: openpyxl" in done.stderr


def test_public_api_is_small() -> None:
    assert sorted(xzbrief.__all__) == ["Dataset", "LoadResult", "Problem", "Severity",
                                       "__version__", "load_dataset"]
    for name in xzbrief.__all__:
        assert getattr(xzbrief, name) is not None


@pytest.mark.parametrize("name", ["load_dataset", "LoadResult", "Dataset"])
def test_public_names_come_from_the_data_layer(name: str) -> None:
    assert getattr(xzbrief, name).__module__.startswith("xzbrief.dataset.")
