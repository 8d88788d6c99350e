"""Odd and mutated templates never end in an internal error: each builds a clean deck (the
broken piece removed or replaced by the built-in one, with a warning naming it) or stops with
a TemplateError that says what is wrong. The three built-in brands and PowerPoint's own default
master are the bases; the random mutations are seeded and bounded (a fixed number of runs)."""

from __future__ import annotations

import io
import posixpath
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from odd_templates import ODD, bases, odd_template, write
from realclients import needs_soffice, pdf_pages, to_pdf
from test_templates import render
from xzbrief.render.template_file import TemplateError

# What the warning says for each odd template (the part it names is checked too).
SAID = {
    "notes-master-without-body": "备注母版 ppt/notesMasters/notesMaster1.xml 缺少备注正文占位符,已改用内置备注母版",
    "master-without-theme": "母版 ppt/slideMasters/slideMaster1.xml 没有主题(配色和字体),已改用内置主题",
    "shape-without-geometry": None,  # nothing is wrong with it: the deck keeps the shape
    "ink-part": "中的墨迹注释已删除",
    "picture-without-image": "ppt/slideMasters/slideMaster1.xml 中的「图片 92」缺少图片或引用的部件,已删除",
    "picture-dangling-rel": "ppt/slideMasters/slideMaster1.xml 中的「图片 93」缺少图片或引用的部件,已删除",
    "picture-missing-part": "引用的 ppt/media/gone.png 不存在,已略去",
    "bad-font-size": "不是有效数值,已改用默认值",
    "bad-line-width": 'ppt/slideMasters/slideMaster1.xml 中的 w="thick" 不是有效数值,已改用默认值',
    "missing-layout-part": "ppt/slideMasters/slideMaster1.xml 引用的 ppt/slideLayouts/slideLayout",
    "bad-offsets": 'ppt/slideMasters/slideMaster1.xml 中的 x="left"、y="-" 不是有效数值',
    "bad-colour": '中的 val="red" 不是有效数值,已改用默认值',
}
BASES = ["政务红", "科技蓝", "生态绿", "PowerPoint"]


def assert_clean(prs: object) -> None:
    """Every internal relationship of the saved deck points at a part it holds."""
    buf = io.BytesIO()
    prs.save(buf)  # type: ignore[attr-defined]
    with zipfile.ZipFile(buf) as z:
        names = set(z.namelist())
        for rels in (n for n in names if n.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(rels))
            for rel in etree.fromstring(z.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
                assert path in names, (rels, target)
    Presentation(io.BytesIO(buf.getvalue()))  # and python-pptx reads it back


@pytest.mark.parametrize("case", sorted(ODD))
@pytest.mark.parametrize("base", BASES)
def test_odd_template_builds_a_clean_deck_and_says_what_it_changed(
        tmp_path: Path, base: str, case: str) -> None:
    template = odd_template(base, case, tmp_path)
    prs, warnings, kinds = render(tmp_path, template)
    assert len(prs.slides) == len(kinds)
    if SAID[case] is not None:
        assert any(SAID[case] in w and template.name in w for w in warnings), warnings
    assert_clean(prs)
    if case == "notes-master-without-body":  # the speaker notes are still written
        assert any(s.has_notes_slide and s.notes_slide.notes_text_frame.text for s in prs.slides)


def _mutations(rng: random.Random, members: dict[str, bytes]) -> dict[str, bytes]:
    """One random change a careless tool could make to a design part or the package."""
    out = dict(members)
    design = sorted(n for n in out if n.startswith(("ppt/slideMasters/", "ppt/slideLayouts/",
                                                    "ppt/theme/", "ppt/presentation.xml"))
                    and n.endswith((".xml", ".rels")))
    name = rng.choice(design)
    root = etree.fromstring(out[name])
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    how = rng.choice(["drop-element", "junk-attribute", "drop-attribute", "drop-member",
                      "empty-element"])
    if how == "drop-member" or not elements:
        out.pop(name)
        return out
    el = rng.choice(elements)
    if how == "drop-element":
        el.getparent().remove(el)
    elif how == "empty-element":
        for child in list(el):
            el.remove(child)
    elif el.attrib:
        attr = rng.choice(sorted(el.attrib))
        if how == "drop-attribute":
            del el.attrib[attr]
        else:
            el.set(attr, rng.choice(["", "x", "-1", "1e99", "大", "NaN", "99999999999999"]))
    out[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out


RUNS = 60  # bounded: about 0.15 s each


@pytest.mark.parametrize("seed", range(RUNS))
def test_randomly_mutated_templates_build_or_say_why(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    base = BASES[seed % len(BASES)]
    members = bases()[base]
    for _ in range(1 + seed % 3):
        members = _mutations(rng, members)
    template = write(members, tmp_path / f"fuzz{seed}.pptx")
    try:
        prs, _warnings, kinds = render(tmp_path, template)
    except TemplateError as exc:
        refused: TemplateError | None = exc
    else:
        refused = None
    if refused is not None:  # said in both languages, naming the template
        assert refused.text("zh").startswith(f"模板 {template.name}") and refused.text("en"), \
            refused.text("zh")
        return
    assert len(prs.slides) == len(kinds)
    assert_clean(prs)


@needs_soffice
def test_a_template_with_every_odd_piece_at_once_opens_in_libreoffice(tmp_path: Path) -> None:
    """All repairs at once on the red brand: LibreOffice converts the deck, one page a slide."""
    members = dict(bases()["政务红"])
    for case in sorted(ODD):
        if case != "missing-layout-part":  # keep the content layout this check needs
            ODD[case](members)
    template = write(members, tmp_path / "全都有.pptx")
    prs, warnings, kinds = render(tmp_path, template)
    assert len([w for w in warnings if w.startswith("模板 全都有.pptx:")]) >= 8
    out = tmp_path / "deck.pptx"
    prs.save(str(out))
    assert pdf_pages(to_pdf(out, tmp_path)) == len(kinds)
