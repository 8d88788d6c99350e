"""Recognise what a file really is from its bytes, before any parser sees it.

Users hand us whatever their office system exported: old ``.xls``, WPS ``.et``, CSV, HTML tables
saved as ``.xls``, password-protected workbooks, half-copied files, and now and then something
hostile. Each gets its own clear message instead of a parser's stack trace.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

# Limits for a workbook or template zip. Real bureau workbooks are a few MB; 100k rows of
# long-form data is about 2.5 MB zipped, 30 MB unzipped.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200  # unzipped / zipped, per large member
RATIO_MIN_BYTES = 10 * 1024 * 1024  # small members may compress as well as they like


class FileProblem(Exception):
    """The file cannot be read as a workbook; ``code`` names the message in the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}


@dataclass(frozen=True)
class ZipCheck:
    members: tuple[str, ...]
    unzipped_bytes: int


def read_file_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """Read the whole file and close it at once, so Excel can save while we work."""
    try:
        if path.is_dir():
            raise FileProblem("file-is-dir", path=path)
        size = path.stat().st_size
        if size > max_bytes:
            raise FileProblem("file-too-large", size_mb=f"{size / 1048576:.0f}",
                              limit_mb=max_bytes // 1048576)
        with path.open("rb") as fh:
            return fh.read()
    except FileNotFoundError as exc:
        raise FileProblem("file-missing", path=path) from exc
    except PermissionError as exc:
        raise FileProblem("file-no-permission", path=path) from exc
    except OSError as exc:
        raise FileProblem("file-unreadable", path=path, reason=exc.strerror or exc) from exc


def check_zip(data: bytes) -> tuple[zipfile.ZipFile, ZipCheck]:
    """Open a zip from memory after checking its directory against bomb limits."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileProblem("file-truncated") from exc
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise FileProblem("file-zip-bomb", reason=f"{len(infos)} 个压缩成员")
    seen: set[str] = set()
    for info in infos:
        # Part names are case-insensitive (OPC); two entries under one name are read one way
        # here and another way by an office program, and the size checks would see one.
        key = info.filename.lstrip("/").casefold()
        if key in seen:
            raise FileProblem("file-zip-duplicate", member=info.filename)
        seen.add(key)
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise FileProblem("file-zip-bomb", reason="解压后超过 1 GB")
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise FileProblem("file-zip-bomb", reason=f"{info.filename} 压缩比 {ratio}:1")
    return zf, ZipCheck(tuple(i.filename for i in infos), total)


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """Unzip one member; the declared size bounds the output and the CRC is verified."""
    try:
        data = _inflate(zf, name)
    except KeyError as exc:  # the workbook names a part the file does not have
        raise FileProblem("file-part-missing", part=name) from exc
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
        raise FileProblem("file-truncated") from exc
    check_xml_bytes(name, data)
    return data


_CHUNK = 1 << 24


def _inflate(zf: zipfile.ZipFile, name: str) -> bytes:
    """The member's bytes, held once. ``ZipFile.read`` inflates a member in one call whose
    output blocks are joined at the end: two copies at once, 600 MB for the sheet of a
    1,000,000-row table. A large member is read in chunks into one buffer of its declared
    size instead (BytesIO hands that buffer back without copying); zipfile still checks
    the CRC when the end is reached."""
    info = zf.getinfo(name)
    if info.file_size <= _CHUNK:
        return zf.read(info)
    out = io.BytesIO(bytes(info.file_size))  # zeroed lazily by the OS; this object alone
    with zf.open(info) as member:
        while chunk := member.read(_CHUNK):
            out.write(chunk)
    out.truncate()
    return out.getvalue()


_RE_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def check_xml_bytes(name: str, data: bytes) -> None:
    """Office XML never needs a DTD; one is how entity-expansion bombs work. Searched in the
    part's own encoding (a UTF-16 part hides ``<!DOCTYPE`` from a byte search)."""
    if not name.endswith((".xml", ".rels", ".vml")):
        return
    if _RE_DTD.search(data):  # one pass over a 300 MB sheet, not two
        raise FileProblem("file-xml-bomb", member=name)
    encoding = xml_encoding(data)
    if encoding == "utf-8":
        return
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise FileProblem("file-xml-bomb", member=name) from exc
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise FileProblem("file-xml-bomb", member=name)


_RE_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def xml_encoding(data: bytes) -> str:
    """The encoding an XML parser would use for ``data`` (BOM, NUL pattern, declaration)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                     (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\xfe\xff", "utf-16-be"),
                     (b"\xff\xfe", "utf-16-le")):
        if data.startswith(bom):
            return enc
    head = data[:4]
    if head == b"\x00\x00\x00<":
        return "utf-32-be"
    if head == b"<\x00\x00\x00":
        return "utf-32-le"
    if head[:2] == b"\x00<":
        return "utf-16-be"
    if head[:2] == b"<\x00":
        return "utf-16-le"
    m = _RE_DECLARED.match(data[:200])
    if m:
        declared = m[1].decode("ascii").lower()
        return "utf-8" if declared in ("utf-8", "utf8", "us-ascii", "ascii") else declared
    return "utf-8"


def _looks_like_text(head: bytes) -> str | None:
    for enc in ("utf-8-sig", "gb18030", "utf-16"):
        try:
            return head.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _ole2_kind(data: bytes) -> str:
    # Directory entry names are UTF-16LE; looking for them in the raw bytes is enough to
    # tell an encrypted OOXML package from a BIFF workbook.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "file-encrypted"
    return "file-xls"


def sniff_workbook(data: bytes, suffix: str, name: str = "") -> None:
    """Raise FileProblem unless the bytes are an OOXML workbook (.xlsx / .xlsm)."""
    suffix = suffix.lower()
    if name.startswith("~$") and not data.startswith(ZIP_MAGIC):
        raise FileProblem("file-lock", name=name)
    if not data:
        raise FileProblem("file-empty")
    if data.startswith(OLE2_MAGIC):
        kind = _ole2_kind(data)
        if kind == "file-xls" and suffix == ".et":
            raise FileProblem("file-et")
        raise FileProblem(kind)
    if data.startswith(EMPTY_ZIP_MAGIC):
        raise FileProblem("file-not-workbook")
    if data.startswith(ZIP_MAGIC):
        zf, check = check_zip(data)
        names = set(check.members)
        if "mimetype" in names:
            mime = zf.read("mimetype")[:100]
            if b"opendocument.spreadsheet" in mime:
                raise FileProblem("file-ods")
        if "xl/workbook.bin" in names:
            raise FileProblem("file-xlsb")
        if "xl/workbook.xml" not in names:
            if "word/document.xml" in names or "ppt/presentation.xml" in names:
                raise FileProblem("file-office-other")
            raise FileProblem("file-not-workbook")
        return
    head = data[:4096]
    text = _looks_like_text(head)
    if text is not None:
        low = text.lstrip().lower()
        if low.startswith(("<html", "<!doctype html", "<table")) or "<html" in low[:512]:
            raise FileProblem("file-html")
        if low.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in low:
            raise FileProblem("file-xml2003")
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and any(sep in lines[0] for sep in (",", "\t", ";", ",")):
            raise FileProblem("file-csv")
    if suffix == ".xlsx" and data[:2] == b"PK":
        raise FileProblem("file-truncated")
    raise FileProblem("file-not-workbook")
