"""A workbook's source string split into what a slide may print and what it may not.

A slide's footnote 数据来源 names the organisation and the document, once, without URLs, file
names or cells (statistics-conventions.md); those go to the speaker notes and the data-check
output. Rules, applied in this order to a source string:

1. reference markers such as ``[S1]``, ``【S3】``, ``[来源2]`` are dropped everywhere;
2. URLs (``http://…``, ``https://…``, ``www.…``), file names (``…xlsx``, ``…pdf``, ``…docx`` …)
   and cells (``数据!D12``) are taken out of the footnote and kept as detail;
3. what is left is the short source: the organisation and the document. ``A · B`` keeps its
   unit ``A`` and document ``B``; otherwise the text is kept as written, trimmed of the
   separators the removed parts leave behind.

The 指标 columns 来源单位 and 来源文件, when filled, are the short source exactly
(「市统计局 · 《2024年徐州市国民经济和社会发展统计公报》」).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SOURCE_SEP = " · "
_MARKER = re.compile(r"[\[【〔]\s*(?:[A-Za-z]{1,3}|来源|出处|参考)?\s*\d+\s*[\]】〕]")
_URL = re.compile(r"(?:https?://|www\.)[^\s,，;；、（）()《》<>]+", re.IGNORECASE)
_FILE = re.compile(r"[^\s,，;；、:：（）()《》]+\.(?:xlsx|xlsm|xls|csv|pdf|docx|doc|pptx|ppt|txt"
                   r"|html?|wps|et)\b", re.IGNORECASE)
_CELL = re.compile(r"[^\s,，;；、:：（）()《》!！]+[!！]\$?[A-Z]{1,3}\$?\d+")
_LEAD_WORDS = re.compile(r"(?:网址|链接|网页|原文|文件|附件|详见|见|url|URL|link)?\s*[:：]?\s*"
                         r"(?:\x00\s*)+")
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[,，;；、:：]*\s*[)）]")
_EDGE = " \t,，;；、:：·|/-—"


@dataclass(frozen=True)
class SourceParts:
    short: str  # for the slide's 数据来源
    detail: str  # the whole string without reference markers, for notes and checks

    @property
    def has_more(self) -> bool:
        return bool(self.detail) and self.detail != self.short


def strip_markers(text: str) -> str:
    """「来源[S1]」 -> 「来源」: reference markers are never printed."""
    return re.sub(r"\s{2,}", " ", _MARKER.sub("", text)).strip()


def split_source(text: str, org: str = "", doc: str = "") -> SourceParts:
    """The short source and the detail (see the module docstring for the rules)."""
    detail = strip_markers(text)
    if org or doc:
        short = SOURCE_SEP.join(p for p in (strip_markers(org), strip_markers(doc)) if p)
        return SourceParts(short, detail or short)
    short = detail
    for pattern in (_URL, _CELL, _FILE):
        short = pattern.sub("\x00", short)
    short = _LEAD_WORDS.sub("", short).replace("\x00", " ")
    pieces = [p.strip(_EDGE) for p in re.split(r"[;；\n]", short)]
    kept = []
    for raw in pieces:
        piece = re.sub(r"\s{2,}", " ", _EMPTY_BRACKETS.sub("", raw).strip(_EDGE))
        if piece and piece not in kept:
            kept.append(piece)
    short = ";".join(kept)
    if SOURCE_SEP.strip() in short and SOURCE_SEP not in short:
        short = short.replace(SOURCE_SEP.strip(), SOURCE_SEP)
    return SourceParts(short, detail)
