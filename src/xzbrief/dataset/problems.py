"""Problems found in user input, returned as data (never printed by the core).

Every problem carries a stable ``code`` whose wording lives in one catalogue, so the same
problem reads in Chinese in the app and in English in the CLI when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from xzbrief.messages import Lang
from xzbrief.messages.problems import MESSAGES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can (sheet, cell)."""

    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    params: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # (sheet index, row, column) for stable sheet/row order; not shown to users.
    order: tuple[int, int, int] = (0, 0, 0)

    def __post_init__(self) -> None:
        if self.code not in MESSAGES:
            raise KeyError(f"unknown problem code {self.code!r}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def location(self) -> str:
        """`数据!D17`, or the sheet alone for sheet-level problems, or '' for the file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def message(self, lang: Lang = "zh") -> str:
        return MESSAGES[self.code].text(lang).format(**self.params)

    def hint(self, lang: Lang = "zh") -> str:
        return MESSAGES[self.code].hint_text(lang).format(**self.params)

    def format(self, lang: Lang = "zh") -> str:
        """One line: location, severity, message and how to fix it."""
        label = {
            ("zh", Severity.ERROR): "错误",
            ("zh", Severity.WARNING): "警告",
            ("en", Severity.ERROR): "error",
            ("en", Severity.WARNING): "warning",
        }[(lang, self.severity)]
        head = f"{self.location}: " if self.location else ""
        hint = self.hint(lang)
        if not hint:
            tail = ""
        elif lang == "zh":
            tail = f"。建议:{hint}"
        else:
            tail = f". Fix: {hint}"
        return f"{head}[{label}] {self.message(lang)}{tail}"


def error(code: str, /, sheet: str | None = None, cell: str | None = None,
          order: tuple[int, int, int] = (0, 0, 0), **params: object) -> Problem:
    return Problem(code, Severity.ERROR, sheet, cell, {k: str(v) for k, v in params.items()}, order)


def warning(code: str, /, sheet: str | None = None, cell: str | None = None,
            order: tuple[int, int, int] = (0, 0, 0), **params: object) -> Problem:
    return Problem(code, Severity.WARNING, sheet, cell, {k: str(v) for k, v in params.items()},
                   order)


def sorted_problems(problems: list[Problem]) -> tuple[Problem, ...]:
    """Sheet order, then row, then column; file-level problems first."""
    return tuple(sorted(problems, key=lambda p: p.order))
