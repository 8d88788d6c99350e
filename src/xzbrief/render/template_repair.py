"""Odd pieces of a template made whole before python-pptx sees them, each with a warning that
names the part: a user's master that PowerPoint shows fine must not stop a build, and a broken
piece must not travel into the deck.

- a reference to a part that is not there (a picture whose image is gone, a layout listed by
  the master but missing from the file, a relationship to nothing): the shape or list entry is
  removed; a picture with no image at all likewise;
- a master without a theme: the built-in Office theme is added (colours and fonts);
- a notes master without its body placeholder (PowerPoint's Notes Master view can delete it,
  and every deck writes speaker notes): the notes master is left out, so the built-in one is
  used;
- an ink annotation (``p:contentPart``) on a master or layout: removed;
- a number or colour that is not one (``sz="大号"``, ``w="thick"``, ``val="red"``): the
  attribute is dropped where it is optional (the inherited value applies) and set to a neutral
  value where it is required.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from lxml import etree

from xzbrief.messages import Note, join, note

NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
SHAPES = {f"{{{NS_P}}}{t}" for t in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp",
                                      "contentPart")}
LISTS = {f"{{{NS_P}}}{t}" for t in ("sldLayoutId", "sldMasterId", "sldId", "notesMasterId",
                                     "handoutMasterId")}
_INT = re.compile(r"-?\d{1,12}")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")
# (element, attribute) -> (check, replacement; None = drop, the inherited value applies)
NUMERIC: dict[tuple[str, str], tuple[re.Pattern[str], str | None]] = {
    (f"{{{NS_A}}}defRPr", "sz"): (_INT, None), (f"{{{NS_A}}}rPr", "sz"): (_INT, None),
    (f"{{{NS_A}}}endParaRPr", "sz"): (_INT, None), (f"{{{NS_A}}}ln", "w"): (_INT, None),
    (f"{{{NS_A}}}off", "x"): (_INT, "0"), (f"{{{NS_A}}}off", "y"): (_INT, "0"),
    (f"{{{NS_A}}}ext", "cx"): (_INT, "0"), (f"{{{NS_A}}}ext", "cy"): (_INT, "0"),
    (f"{{{NS_A}}}chOff", "x"): (_INT, "0"), (f"{{{NS_A}}}chOff", "y"): (_INT, "0"),
    (f"{{{NS_A}}}chExt", "cx"): (_INT, "0"), (f"{{{NS_A}}}chExt", "cy"): (_INT, "0"),
    (f"{{{NS_A}}}srgbClr", "val"): (_HEX, "000000"),  # see _colour_fix: by where it is
}
BOOLEAN = {"b", "i"}


@dataclass
class Repair:
    """What the repair changed: parts to rewrite, parts to add, and what to tell the user."""

    changed: set[str] = field(default_factory=set)
    added: dict[str, bytes] = field(default_factory=dict)
    content_types: list[tuple[str, str]] = field(default_factory=list)  # (part, type)
    notes: list[Note] = field(default_factory=list)


def source_part(rels_name: str) -> str:
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def rels_of(part: str) -> str:
    folder, _, file = part.rpartition("/")
    return f"{folder}/_rels/{file}.rels"


def target_of(rels_name: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    base = posixpath.dirname(source_part(rels_name))
    return posixpath.normpath(posixpath.join(base, target))


def repair(parsed: dict[str, Any], members: set[str]) -> Repair:
    """Repair ``parsed`` (member -> XML root) in place; ``members`` are the zip's names."""
    fix = Repair()
    _lost_rels(parsed, members, fix)
    _dangling(parsed, members, fix)
    _notes_master(parsed, fix)
    _theme(parsed, members, fix)
    _ink(parsed, fix)
    _values(parsed, fix)
    return fix


def _lost_rels(parsed: dict[str, Any], members: set[str], fix: Repair) -> None:
    """A master or layout whose relationships file is gone: an empty one is made, and a
    layout is tied back to the master that lists it."""
    owner: dict[str, str] = {}
    for rels_name, rels in parsed.items():
        if rels_name.startswith("ppt/slideMasters/_rels/") and rels_name.endswith(".rels"):
            for rel in rels:
                if rel.get("Type", "").endswith("/slideLayout"):
                    owner[target_of(rels_name, rel.get("Target", ""))] = source_part(rels_name)
    for part in sorted(parsed):
        if not part.startswith(("ppt/slideMasters/", "ppt/slideLayouts/")) or \
                not part.endswith(".xml") or rels_of(part) in parsed:
            continue
        rels = etree.Element(f"{{{NS_REL}}}Relationships", nsmap={None: NS_REL})
        master = owner.get(part)
        if part.startswith("ppt/slideLayouts/"):
            if master is None:
                continue  # no master lists it: python-pptx never reaches it
            etree.SubElement(rels, f"{{{NS_REL}}}Relationship", Id="rId1",
                             Type=RT + "slideMaster",
                             Target="../slideMasters/" + posixpath.basename(master))
        parsed[rels_of(part)] = rels
        members.add(rels_of(part))
        fix.changed.add(rels_of(part))
        fix.notes.append(note("repair-rels-added", part=part, rels=rels_of(part)))


def _is_design(part: str) -> bool:
    return part.startswith(("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/notesMasters/",
                            "ppt/handoutMasters/", "ppt/theme/")) and part.endswith(".xml")


def _dangling(parsed: dict[str, Any], members: set[str], fix: Repair) -> None:
    for part, root in list(parsed.items()):
        if part.endswith(".rels") or not (part == "ppt/presentation.xml" or _is_design(part)):
            continue
        rels_name = rels_of(part)
        rels = parsed.get(rels_name)
        valid: set[str] = set()
        if rels is not None:
            for rel in list(rels):
                if rel.get("TargetMode") == "External" or \
                        target_of(rels_name, rel.get("Target", "")) in members:
                    valid.add(rel.get("Id", ""))
                else:
                    rels.remove(rel)
                    fix.changed.add(rels_name)
                    fix.notes.append(note("repair-target-missing", part=part, target=target_of(
                        rels_name, rel.get('Target', ''))))
        gone: list[Any] = []
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            refs = [v for k, v in el.attrib.items() if k.startswith(f"{{{NS_R}}}")]
            empty_blip = el.tag == f"{{{NS_A}}}blip" and not refs
            if (refs and any(v not in valid for v in refs)) or empty_blip:
                gone.append(el)
        for el in gone:
            target = _removable(el)
            parent = target.getparent() if target is not None else None
            if parent is None:
                continue
            parent.remove(target)
            fix.changed.add(part)
            if target.tag not in LISTS:
                name = target.find(".//{*}cNvPr")
                label = name.get("name", "") if name is not None else etree.QName(target).localname
                fix.notes.append(note("repair-shape-broken", part=part, label=label))


def _removable(el: Any) -> Any:
    """The element to remove with a broken reference: its list entry, its shape, its
    background, or the element itself."""
    if el.tag in LISTS:
        return el
    node = el
    while node is not None:
        if node.tag in SHAPES or node.tag == f"{{{NS_P}}}bg":
            return node
        node = node.getparent()
    return el


def _notes_master(parsed: dict[str, Any], fix: Repair) -> None:
    pres = parsed.get("ppt/presentation.xml")
    rels = parsed.get("ppt/_rels/presentation.xml.rels")
    if pres is None or rels is None:
        return
    for rel in list(rels):
        if not rel.get("Type", "").endswith("/notesMaster"):
            continue
        part = target_of("ppt/_rels/presentation.xml.rels", rel.get("Target", ""))
        root = parsed.get(part)
        has_body = root is not None and any(
            ph.get("type") == "body" for ph in root.iter(f"{{{NS_P}}}ph"))
        if has_body:
            continue
        rels.remove(rel)
        for lst in pres.iter(f"{{{NS_P}}}notesMasterIdLst"):
            lst.getparent().remove(lst)
            break
        fix.changed |= {"ppt/presentation.xml", "ppt/_rels/presentation.xml.rels"}
        fix.notes.append(note("repair-notes-master", part=part))


def _theme(parsed: dict[str, Any], members: set[str], fix: Repair) -> None:
    for rels_name, rels in list(parsed.items()):
        if not (rels_name.startswith("ppt/slideMasters/_rels/") and rels_name.endswith(".rels")):
            continue
        if any(r.get("Type", "").endswith("/theme") for r in rels):
            continue
        n = 1
        while f"ppt/theme/theme{n}.xml" in members or f"ppt/theme/theme{n}.xml" in fix.added:
            n += 1
        part = f"ppt/theme/theme{n}.xml"
        fix.added[part] = resources.files("pptx").joinpath("templates/theme.xml").read_bytes()
        fix.content_types.append((part, CT_THEME))
        ids = {r.get("Id", "") for r in rels}
        rid = next(f"rId{i}" for i in range(900, 2000) if f"rId{i}" not in ids)
        etree.SubElement(rels, f"{{{NS_REL}}}Relationship", Id=rid, Type=RT + "theme",
                         Target=f"../theme/theme{n}.xml")
        fix.changed.add(rels_name)
        fix.notes.append(note("repair-theme-added", part=source_part(rels_name)))


def _ink(parsed: dict[str, Any], fix: Repair) -> None:
    for part, root in parsed.items():
        if not _is_design(part):
            continue
        for el in list(root.iter(f"{{{NS_P}}}contentPart")):
            parent = el.getparent()
            if parent is None or not parent.tag.endswith(("}spTree", "}grpSp")):
                continue  # inside mc:AlternateContent: its fallback picture is used
            parent.remove(el)
            fix.changed.add(part)
            fix.notes.append(note("repair-ink-removed", part=part))


def _colour_fix(el: Any) -> None:
    """A colour that is no colour becomes the theme's own for its place: the background
    colour on a background, the text colour in text, the first accent on a shape; in the
    theme's colour scheme itself, black for dark slots and white for light ones."""
    slot = el.getparent()
    if slot is not None and slot.getparent() is not None and \
            etree.QName(slot.getparent()).localname == "clrScheme":
        el.set("val", "FFFFFF" if etree.QName(slot).localname.startswith("lt") else "000000")
        return
    names = {etree.QName(a).localname for a in el.iterancestors()}
    if names & {"bg", "bgPr", "bgFillStyleLst"}:
        scheme = "bg1"
    elif names & {"rPr", "defRPr", "endParaRPr", "txPr"}:
        scheme = "tx1"
    else:
        scheme = "accent1"
    el.tag = f"{{{NS_A}}}schemeClr"
    el.set("val", scheme)


def _values(parsed: dict[str, Any], fix: Repair) -> None:
    for part, root in parsed.items():
        if not _is_design(part):
            continue
        bad: list[str] = []
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in list(el.attrib):
                rule = NUMERIC.get((el.tag, attr))
                value = el.get(attr, "")
                if rule is not None:
                    pattern, replacement = rule
                    if pattern.fullmatch(value):
                        continue
                elif attr in BOOLEAN and el.tag.endswith(("}defRPr", "}rPr", "}endParaRPr")):
                    if value in ("0", "1", "true", "false"):
                        continue
                    replacement = None
                else:
                    continue
                bad.append(f'{attr}="{value}"')
                if el.tag == f"{{{NS_A}}}srgbClr":
                    _colour_fix(el)
                elif replacement is None:
                    del el.attrib[attr]
                else:
                    el.set(attr, replacement)
        if bad:
            fix.changed.add(part)
            fix.notes.append(note("repair-bad-values", part=part,
                                  listing=join(dict.fromkeys(bad))))
