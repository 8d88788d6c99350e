"""What a deck records about itself: core and custom document properties (visible in
PowerPoint's File > Properties) and a provenance part (``customXml``, kept by PowerPoint on
save) listing every slide's sentences and every number with its source cell.

``xzbrief diff`` and the 数据核对表 read from here, never from the drawn shapes.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from xzbrief import __version__
from xzbrief.deck.model import Deck, Figure

NS_PROV = "urn:xzbrief:provenance:1"
CT_CUSTOM_PROPS = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CT_ITEM_PROPS = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
CORE_LIMIT = 255  # characters a core property (title, subject) may hold


def _provenance_xml(deck: Deck) -> bytes:
    root = etree.Element(f"{{{NS_PROV}}}xzbrief", nsmap={None: NS_PROV})
    root.set("version", "1")
    root.set("generator", f"xzbrief {__version__}")
    info = deck.info
    ds = etree.SubElement(root, f"{{{NS_PROV}}}dataset")
    ds.set("file", info.dataset_file)
    ds.set("sha256", info.dataset_sha256)
    ds.set("modified", info.dataset_modified)
    etree.SubElement(root, f"{{{NS_PROV}}}recipe").text = info.recipe_toml
    for n, slide in enumerate(deck.slides, start=1):
        el = etree.SubElement(root, f"{{{NS_PROV}}}slide")
        el.set("n", str(n))
        el.set("kind", slide.kind.value)
        el.set("title", slide.title)
        el.set("section", slide.section)
        for line in (slide.subtitle, *slide.lines, *slide.footnotes):
            if line:
                etree.SubElement(el, f"{{{NS_PROV}}}text").text = line
        for f in slide.figures:
            etree.SubElement(el, f"{{{NS_PROV}}}figure", _figure_attrs(f))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _figure_attrs(f: Figure) -> dict[str, str]:
    return {"label": f.label, "text": f.text,
            "value": "" if f.value is None else repr(f.value), "unit": f.unit,
            "status": f.status.value, "period": f.period, "region": f.region,
            "source": f.source, "ref": str(f.ref) if f.ref else "",
            "inputs": " ".join(str(r) for r in f.derived_from), "method": f.method}


def _custom_props_xml(props: dict[str, str], template: bytes | None = None) -> bytes:
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


def write_properties(prs: Any, deck: Deck) -> None:
    info = deck.info
    core = prs.core_properties
    core.title = info.title[:CORE_LIMIT]  # the file property holds 255 characters
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
    props = {"xzbrief.version": __version__, "xzbrief.dataset.file": info.dataset_file,
             "xzbrief.dataset.sha256": info.dataset_sha256,
             "xzbrief.dataset.modified": info.dataset_modified, "xzbrief.brand": info.brand,
             "xzbrief.recipe": info.recipe_toml}
    package = prs.part.package
    existing = next((rel for rel in package._rels.values()
                     if rel.reltype == RT.CUSTOM_PROPERTIES), None)
    if existing is not None:
        existing.target_part._blob = _custom_props_xml(props, existing.target_part.blob)
    else:
        part = Part(PackURI("/docProps/custom.xml"), CT_CUSTOM_PROPS, package,
                    _custom_props_xml(props))
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    item = Part(package.next_partname("/customXml/item%d.xml"), "application/xml", package,
                _provenance_xml(deck))
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
@dataclass(frozen=True)
class StoredFigure:
    slide: int
    label: str
    text: str
    value: str
    unit: str
    status: str
    period: str
    region: str
    ref: str
    method: str


@dataclass(frozen=True)
class StoredSlide:
    n: int
    kind: str
    title: str
    section: str
    texts: tuple[str, ...]
    figures: tuple[StoredFigure, ...]


@dataclass(frozen=True)
class StoredDeck:
    dataset_file: str
    dataset_sha256: str
    recipe: str
    slides: tuple[StoredSlide, ...]


class NotAnXzbriefDeck(Exception):
    """The file is not a deck made by xzbrief (or its provenance was removed)."""


def read_provenance(path: Path) -> StoredDeck:
    """The provenance a deck carries; raises NotAnXzbriefDeck or OSError."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.startswith("customXml/item")
                     and not n.startswith("customXml/itemProps") and n.endswith(".xml")]
            blob = None
            for name in names:
                data = zf.read(name)
                if NS_PROV.encode() in data:
                    blob = data
                    break
    except zipfile.BadZipFile as exc:
        raise NotAnXzbriefDeck(str(path)) from exc
    if blob is None:
        raise NotAnXzbriefDeck(str(path))
    root = SafeET.fromstring(blob)
    q = f"{{{NS_PROV}}}"
    ds = root.find(q + "dataset")
    slides = []
    for el in root.findall(q + "slide"):
        n = int(el.get("n", "0"))
        figures = tuple(StoredFigure(n, f.get("label", ""), f.get("text", ""),
                                     f.get("value", ""), f.get("unit", ""),
                                     f.get("status", ""), f.get("period", ""),
                                     f.get("region", ""), f.get("ref", ""),
                                     f.get("method", ""))
                        for f in el.findall(q + "figure"))
        slides.append(StoredSlide(n, el.get("kind", ""), el.get("title", ""),
                                  el.get("section", ""),
                                  tuple(t.text or "" for t in el.findall(q + "text")), figures))
    recipe = root.find(q + "recipe")
    return StoredDeck(ds.get("file", "") if ds is not None else "",
                      ds.get("sha256", "") if ds is not None else "",
                      recipe.text or "" if recipe is not None else "", tuple(slides))
