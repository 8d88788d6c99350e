"""Persisted preferences: window geometry, recent files, last brand, language."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None) -> None:
        env = os.environ.get("XZBRIEF_SETTINGS")
        if path is None and env:
            path = Path(env)
        if path is not None:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self.qs = QSettings("xzbrief", "xzbrief")

    def _list(self, key: str) -> list[str]:
        value = self.qs.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return []

    def recent(self, kind: str) -> list[Path]:
        return [Path(p) for p in self._list(f"recent/{kind}") if Path(p).exists()]

    def add_recent(self, kind: str, path: Path) -> None:
        items = [str(path.resolve())] + [p for p in self._list(f"recent/{kind}")
                                         if p != str(path.resolve())]
        self.qs.setValue(f"recent/{kind}", items[:MAX_RECENT])

    @property
    def last_workbook(self) -> Path | None:
        items = self.recent("workbooks")
        return items[0] if items else None

    @property
    def last_recipe(self) -> Path | None:
        value = self.qs.value("session/recipe", "")
        return Path(str(value)) if value and Path(str(value)).exists() else None

    @last_recipe.setter
    def last_recipe(self, path: Path | None) -> None:
        self.qs.setValue("session/recipe", str(path) if path else "")

    @property
    def brand(self) -> str:
        return str(self.qs.value("session/brand", "政务红"))

    @brand.setter
    def brand(self, name: str) -> None:
        self.qs.setValue("session/brand", name)

    @property
    def language(self) -> str:
        """The saved UI language, "" before the user has chosen one."""
        return str(self.qs.value("ui/language", ""))

    @language.setter
    def language(self, code: str) -> None:
        self.qs.setValue("ui/language", code)

    @property
    def pdf(self) -> bool:
        return str(self.qs.value("session/pdf", "false")).lower() == "true"

    @pdf.setter
    def pdf(self, on: bool) -> None:
        self.qs.setValue("session/pdf", "true" if on else "false")

    @property
    def docx(self) -> bool:
        """Also write the 汇报材料 as a Word document beside the deck."""
        return str(self.qs.value("session/docx", "false")).lower() == "true"

    @docx.setter
    def docx(self, on: bool) -> None:
        self.qs.setValue("session/docx", "true" if on else "false")

    @property
    def output_dir(self) -> Path | None:
        value = self.qs.value("session/output_dir", "")
        return Path(str(value)) if value and Path(str(value)).is_dir() else None

    @output_dir.setter
    def output_dir(self, path: Path) -> None:
        self.qs.setValue("session/output_dir", str(path))

    def geometry(self) -> QByteArray | None:
        value = self.qs.value("ui/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, data: QByteArray) -> None:
        self.qs.setValue("ui/geometry", data)

    def sync(self) -> None:
        self.qs.sync()
