"""What a deck records about itself: core and custom document properties (visible in
PowerPoint's File > Properties) and a provenance part (``customXml``, kept by PowerPoint on
save) listing every slide's sentences and every number with its source cell.

``xzbrief diff`` and the 数据核对表 read from here, never from the drawn shapes.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import uuid
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from xzbrief import __version__
from xzbrief.deck.model import Deck, DeckInfo, Figure
from xzbrief.refresh.keys import slide_keys
from xzbrief.refresh.record import (
    NS_PROV,
    DeckRec,
    ElementRec,
    FigureRec,
    NoRecord,
    ParaRec,
    SlideRec,
    parse_record,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
CT_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_ITEM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CORE_LIMIT = 255  # characters a core property (title, subject) may hold


def deck_record(deck: Deck, elements: Sequence[tuple[ElementRec, ...]] = ()) -> DeckRec:
    """The record of a freshly planned deck: its slides, figures, sentences and (when the
    slides were written) what each tagged shape holds."""
    info = deck.info
    keys = slide_keys(deck.slides)
    slides = []
    for n, slide in enumerate(deck.slides, start=1):
        texts = tuple(t for t in (slide.subtitle, *slide.lines, *slide.footnotes) if t)
        figures = tuple(FigureRec(**_figure_attrs(f)) for f in slide.figures)
        els = elements[n - 1] if n - 1 < len(elements) else ()
        slides.append(SlideRec(n, keys[n - 1], slide.kind.value, slide.title, slide.section,
                               texts, figures, els))
    return DeckRec(info.dataset_file, info.dataset_sha256, info.dataset_modified,
                   info.recipe_toml, tuple(slides), brand=info.brand)


def _para_xml(parent: Any, tag: str, para: ParaRec) -> None:
    p = etree.SubElement(parent, f"{{{NS_PROV}}}{tag}")
    if para.figures:
        p.set("f", " ".join(str(i) for i in para.figures))
    for run in para.runs:
        r = etree.SubElement(p, f"{{{NS_PROV}}}r")
        r.text = clean(run.text)
        if run.colour:
            r.set("c", run.colour)


def _element_xml(parent: Any, el: ElementRec) -> None:
    x = etree.SubElement(parent, f"{{{NS_PROV}}}el", {"tag": str(el.tag), "key": clean(el.key),
                                                      "kind": el.kind, "name": clean(el.name)})
    if el.placeholder:
        x.set("ph", el.placeholder)
    for para in el.paras:
        _para_xml(x, "p", para)
    for row in el.cells:
        tr = etree.SubElement(x, f"{{{NS_PROV}}}tr")
        for cell in row:
            _para_xml(tr, "p", cell)
    if el.chart is not None:
        c = etree.SubElement(x, f"{{{NS_PROV}}}chart", {"plots": " ".join(el.chart.plots)})
        if el.chart.external:
            c.set("external", "1")
        for cat in el.chart.categories:
            etree.SubElement(c, f"{{{NS_PROV}}}cat").text = clean(cat)
        for grp in el.chart.groups:
            etree.SubElement(c, f"{{{NS_PROV}}}grp").text = clean(grp)
        for s in el.chart.series:
            ser = etree.SubElement(c, f"{{{NS_PROV}}}ser", {"name": clean(s.name)})
            for k, v in enumerate(s.values):
                pt = etree.SubElement(ser, f"{{{NS_PROV}}}v")
                pt.text = "" if v is None else repr(v)
                f = s.figures[k] if k < len(s.figures) else None
                if f is not None:
                    pt.set("f", str(f))
                if k < len(s.formats) and s.formats[k] != ":":
                    pt.set("fmt", s.formats[k])


def record_xml(rec: DeckRec) -> bytes:
    """The provenance part: what ``xzbrief diff`` reads (slides, sentences, figures) and what
    ``xzbrief refresh`` reads (each tagged shape's paragraphs, cells and chart points)."""
    root = etree.Element(f"{{{NS_PROV}}}xzbrief", nsmap={None: NS_PROV})
    root.set("version", "2")
    root.set("generator", f"xzbrief {__version__}")
    if rec.brand:
        root.set("brand", rec.brand)
    ds = etree.SubElement(root, f"{{{NS_PROV}}}dataset")
    ds.set("file", rec.dataset_file)
    ds.set("sha256", rec.dataset_sha256)
    ds.set("modified", rec.dataset_modified)
    etree.SubElement(root, f"{{{NS_PROV}}}recipe").text = rec.recipe
    for n, slide in enumerate(rec.slides, start=1):
        el = etree.SubElement(root, f"{{{NS_PROV}}}slide")
        el.set("n", str(n))
        el.set("uid", str(slide.uid))
        el.set("key", clean(slide.key))
        el.set("kind", slide.kind)
        el.set("title", clean(slide.title))
        el.set("section", clean(slide.section))
        for line in slide.texts:
            etree.SubElement(el, f"{{{NS_PROV}}}text").text = clean(line)
        for f in slide.figures:
            etree.SubElement(el, f"{{{NS_PROV}}}figure",
                             {k: clean(v) for k, v in f.__dict__.items()})
        for element in slide.elements:
            _element_xml(el, element)
    for key in rec.listed:
        etree.SubElement(root, f"{{{NS_PROV}}}listed", {"key": clean(key)})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def provenance_xml(deck: Deck, elements: Sequence[tuple[ElementRec, ...]] = ()) -> bytes:
    return record_xml(deck_record(deck, elements))


def clean(text: str) -> str:
    """XML 1.0 cannot hold control characters; the record never needs them."""
    return _CONTROL.sub("", text)


def _figure_attrs(f: Figure) -> dict[str, str]:
    return {"label": f.label, "text": f.text,
            "value": "" if f.value is None else repr(f.value), "unit": f.unit,
            "status": f.status.value, "period": f.period, "region": f.region,
            "source": f.source, "ref": str(f.ref) if f.ref else "",
            "inputs": " ".join(str(r) for r in f.derived_from), "method": f.method}


def pack_record(blob: bytes) -> str:
    """The record for the document properties: compressed, base64 (a second home that
    LibreOffice and PowerPoint keep when a customXml part is lost)."""
    return base64.b64encode(zlib.compress(blob, 6)).decode("ascii")


def custom_props_xml(props: dict[str, str], template: bytes | None = None) -> bytes:
    """Our properties after the template's own (an organisation's sensitivity label, say),
    which are kept; an older deck's xzbrief.* properties are replaced."""
    root = etree.Element(f"{{{NS_CUSTOM}}}Properties", nsmap={None: NS_CUSTOM, "vt": NS_VT})
    if template is not None:
        try:
            old = etree.fromstring(template, etree.XMLParser(resolve_entities=False,
                                                              no_network=True))
        except etree.XMLSyntaxError:
            old = None
        for prop in [] if old is None else old.findall(f"{{{NS_CUSTOM}}}property"):
            if not prop.get("name", "").startswith("xzbrief."):
                root.append(prop)
    pid = max((int(v) for p in root if (v := p.get("pid", "")).isdigit()), default=1)
    for name, value in props.items():
        pid += 1
        prop = etree.SubElement(root, f"{{{NS_CUSTOM}}}property",
                                {"fmtid": FMTID, "pid": str(pid), "name": name})
        etree.SubElement(prop, f"{{{NS_VT}}}lpwstr").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def stamp_core_properties(core: Any, info: DeckInfo) -> None:
    """The file's core properties (python-pptx's and python-docx's alike): title and subject
    clipped to the 255 characters a core property holds, the generator and the data's hash."""
    core.title = info.title[:CORE_LIMIT]
    core.author = "xzbrief"
    core.last_modified_by = "xzbrief"
    core.subject = (f"数据:{info.dataset_file}" if info.dataset_file else "")[:CORE_LIMIT]
    core.comments = (f"由 xzbrief {__version__} 生成。数据集 {info.dataset_file} "
                     f"SHA-256 {info.dataset_sha256}")
    core.keywords = "xzbrief"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    core.created = now
    core.modified = now
    core.revision = 1


def _set_custom_properties(package: Any, props: dict[str, str]) -> Any:
    """Our custom properties merged into the deck's custom.xml (the template may have one);
    returns that part."""
    existing = next((rel for rel in package._rels.values()
                     if rel.reltype == RT.CUSTOM_PROPERTIES), None)
    if existing is not None:
        existing.target_part._blob = custom_props_xml(props, existing.target_part.blob)
        return existing.target_part
    part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM_PROPS, package,
                custom_props_xml(props))
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
    return part


def write_properties(prs: Any, deck: Deck,
                     elements: Sequence[tuple[ElementRec, ...]] = ()) -> None:
    info = deck.info
    stamp_core_properties(prs.core_properties, info)
    props = {"xzbrief.version": __version__, "xzbrief.dataset.file": info.dataset_file,
             "xzbrief.dataset.sha256": info.dataset_sha256,
             "xzbrief.dataset.modified": info.dataset_modified, "xzbrief.brand": info.brand,
             "xzbrief.recipe": info.recipe_toml}
    blob = provenance_xml(deck, elements)
    props["xzbrief.record"] = pack_record(blob)
    package = prs.part.package
    _set_custom_properties(package, props)
    item = Part(package.next_partname("/customXml/item%d.xml"), "application/xml", package,
                blob)
    prs.part.relate_to(item, RT.CUSTOM_XML)
    item_props = Part(package.next_partname("/customXml/itemProps%d.xml"), CT_ITEM_PROPS,
                      package,
                      (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                       f'<ds:datastoreItem ds:itemID="{{{str(uuid.uuid4()).upper()}}}" '
                       f'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                       f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS_PROV}"/></ds:schemaRefs>'
                       f"</ds:datastoreItem>").encode())
    item.relate_to(item_props, RT.CUSTOM_XML_PROPS)


# --- reading back ----------------------------------------------------------------------------
class NotAnXzbriefDeck(Exception):
    """The file is not a deck made by xzbrief (or its provenance was removed)."""


def read_provenance(path: Path) -> DeckRec:
    """The record a deck file carries (``xzbrief diff``, the app's 「what changed」); raises
    NotAnXzbriefDeck or OSError."""
    try:
        return read_record(Path(path).read_bytes())
    except NoRecord as exc:
        raise NotAnXzbriefDeck(str(path)) from exc


def read_record(data: bytes) -> DeckRec:
    """The deck's record, from its customXml part or, when an office program dropped that,
    from the document properties; raises NoRecord."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NoRecord("not a zip package") from exc
    damaged = ""
    with zf:
        names = zf.namelist()
        for name in names:
            if (name.startswith("customXml/item") and not name.startswith("customXml/itemProps")
                    and name.endswith(".xml")):
                blob = zf.read(name)
                if NS_PROV.encode() in blob:
                    try:
                        return parse_record(blob, "customXml")
                    except NoRecord as exc:  # damaged: the second home may be whole
                        damaged = str(exc)
        if "docProps/custom.xml" in names:
            try:
                root = SafeET.fromstring(zf.read("docProps/custom.xml"))
            except SafeET.ParseError as exc:
                raise NoRecord(f"damaged document properties: {exc}") from exc
            for prop in root.findall(f"{{{NS_CUSTOM}}}property"):
                if prop.get("name") == "xzbrief.record":
                    value = prop.find(f"{{{NS_VT}}}lpwstr")
                    try:
                        blob = zlib.decompress(base64.b64decode((value.text or "")
                                                                if value is not None else ""))
                    except (ValueError, zlib.error) as exc:
                        raise NoRecord("damaged record property") from exc
                    return parse_record(blob, "docProps")
    raise NoRecord(damaged or "no record")


def replace_record(prs: Any, rec: DeckRec) -> list[Any]:
    """A refreshed deck's record: the customXml part and the document properties rewritten
    (or added, when another office program dropped them); returns the parts written."""
    blob = record_xml(rec)
    package = prs.part.package
    items = [p for p in package.iter_parts() if str(p.partname).startswith("/customXml/item")
             and not str(p.partname).startswith("/customXml/itemProps")
             and NS_PROV.encode() in p.blob]
    for item in items:
        item._blob = blob
    if not items:
        part = Part(package.next_partname("/customXml/item%d.xml"), "application/xml",
                    package, blob)
        prs.part.relate_to(part, RT.CUSTOM_XML)
        items.append(part)
    props = {"xzbrief.dataset.file": rec.dataset_file,
             "xzbrief.dataset.sha256": rec.dataset_sha256,
             "xzbrief.dataset.modified": rec.dataset_modified, "xzbrief.recipe": rec.recipe,
             "xzbrief.brand": rec.brand, "xzbrief.version": __version__,
             "xzbrief.record": pack_record(blob)}
    return [*items, _set_custom_properties(package, props)]
