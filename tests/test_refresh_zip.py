"""A refreshed deck's untouched parts are copied as stored: the package still reads back whole,
whatever wrote it (sizes after the data, as streaming writers do, or before it)."""

from __future__ import annotations

import io
import zipfile

from xzbrief.render.zip_copy import rezip


class Stream(io.RawIOBase):
    """A write-only, unseekable stream: zipfile then puts each member's sizes after its data."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # type: ignore[no-untyped-def, override]
        self.data += b
        return len(b)


def test_replaced_members_are_new_and_the_rest_read_back_unchanged():
    stream = Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as zf:
        for n in range(5):
            with zf.open(f"ppt/slides/slide{n}.xml", "w") as f:
                f.write(f"<slide n='{n}'>".encode() + b"x" * 2000 * n + b"</slide>")
        zf.writestr("stored.bin", b"\x00\x01" * 100, compress_type=zipfile.ZIP_STORED)
    blob = bytes(stream.data)
    assert zipfile.ZipFile(io.BytesIO(blob)).infolist()[1].flag_bits & 0x08  # descriptors
    out = rezip(blob, {"ppt/slides/slide2.xml": b"<slide n='2'>new</slide>",
                       "docProps/custom.xml": b"<Properties/>"})
    before, after = zipfile.ZipFile(io.BytesIO(blob)), zipfile.ZipFile(io.BytesIO(out))
    assert after.testzip() is None
    assert after.namelist() == [*before.namelist(), "docProps/custom.xml"]
    for name in before.namelist():
        want = (b"<slide n='2'>new</slide>" if name == "ppt/slides/slide2.xml"
                else before.read(name))
        assert after.read(name) == want, name
    assert after.read("docProps/custom.xml") == b"<Properties/>"
