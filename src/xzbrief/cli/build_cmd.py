"""``xzbrief build`` and ``xzbrief templates``: the monthly deck in one command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from xzbrief.atomic import SaveBlocked
from xzbrief.build import (
    LARGE_DECK,
    Cancelled,
    DataProblems,
    RecipeMismatch,
    TooManySlides,
    build_deck,
    check_output,
    default_deck_name,
    default_recipe,
)
from xzbrief.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, add_lang, words
from xzbrief.cli.dataset_cmd import exit_code, print_problems, summary_line
from xzbrief.dataset.loader import load_dataset
from xzbrief.dataset.problems import Problem
from xzbrief.messages import Note, Words, join, note, pick_lang
from xzbrief.recipe import RecipeError, read_recipe
from xzbrief.render.brand import (
    ALIASES,
    BUILTIN,
    LAYOUT_NAMES,
    brand_about,
    resolve_brand_path,
)
from xzbrief.render.template_file import TemplateError
from xzbrief.resources import shipped_dataset, shipped_recipe, templates_dir


def register(sub: Any, lang: str = "zh") -> None:
    t = words(lang)
    build = sub.add_parser("build", help=t("help-build-build"),
                           description=t("help-build-build-about"))
    build.add_argument("recipe", nargs="?", type=Path,
                       help=t("help-build-recipe"))
    build.add_argument("--data", type=Path, help=t("help-build-data"))
    build.add_argument("-o", "--output", type=Path, action="append", help=t("help-build-output"))
    aliases = " / ".join(dict.fromkeys(a for a in ALIASES if "-" in a))
    build.add_argument("--brand", help=t("help-build-brand", aliases=aliases,
                                         names=join(note(f"brand-{n}") for n in BUILTIN)))
    build.add_argument("--pdf", action="store_true",
                       help=t("help-build-pdf"))
    build.add_argument("--docx", action="store_true", help=t("help-build-docx"))
    build.add_argument("--quiet", action="store_true",
                       help=t("help-build-quiet"))
    build.add_argument("--max-slides", type=int, default=LARGE_DECK, metavar="N", help=t(
        "help-build-max-slides", large_deck=LARGE_DECK))
    add_lang(build, lang)
    build.set_defaults(func=run_build)
    tpl = sub.add_parser("templates", help=t("help-build-templates"))
    add_lang(tpl, lang)
    tpl.set_defaults(func=run_templates)


def _say(args: argparse.Namespace, said: Note | Words) -> None:
    print(f"xzbrief: {said.text(pick_lang(args.lang))}", file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    """Gathers the choice from the command line; the pipeline (xzbrief.build) does the rest,
    with the app's policy for every refusal."""
    lang = pick_lang(args.lang)
    try:
        if args.recipe is not None:
            recipe = read_recipe(args.recipe)
        elif args.data is None:
            recipe = read_recipe(shipped_recipe())
        else:
            recipe = None
    except RecipeError as exc:
        _say(args, note("cli-recipe-bad"))
        for issue in exc.issues:
            print(f"{exc.path}: {issue.format(lang)}", file=sys.stderr)
        return EXIT_USAGE
    data_path: Path | None = args.data
    if data_path is None and recipe is not None:
        data_path = recipe.dataset_path() or shipped_dataset()
    assert data_path is not None
    if not data_path.exists():
        _say(args, note("cli-workbook-missing", path=str(data_path)))
        return EXIT_USAGE
    result = load_dataset(data_path)
    if result.dataset is None or result.errors:
        print_problems(result, lang)
        print(summary_line(result, lang))
        return exit_code(result)
    if recipe is None:
        recipe = default_recipe(result)
    if args.brand:
        try:  # a path typed on the command line is where the user is, not the recipe's folder
            name, brand_path = resolve_brand_path(args.brand, Path.cwd())
        except TemplateError as exc:
            _say(args, exc.note)
            return EXIT_USAGE
        recipe = replace(recipe, brand=name if name in BUILTIN else str(brand_path.absolute()))
    outs = [_output_path(o, recipe.title) for o in args.output or [Path.cwd()]]
    try:
        for o in outs:
            check_output(o, data_path)  # before the warnings, so a typo is said at once
    except SaveBlocked as exc:
        _say(args, exc.note)
        return EXIT_USAGE
    decks = [o for o in outs if o.suffix.lower() == ".pptx"]
    documents = [o for o in outs if o.suffix.lower() == ".docx"]
    if len(decks) > 1 or len(documents) > 1:
        _say(args, note("cli-outputs"))
        return EXIT_USAGE
    if args.docx and decks and not documents:
        documents = [decks[0].with_suffix(".docx")]  # beside the deck, by the same name
    out = decks[0] if decks else documents[0]
    docx = documents[0] if decks and documents else None

    def checked(problems: Sequence[Problem]) -> None:
        # the workbook's warnings, then the pre-flight checks on what this deck shows: first,
        # so they are read before the deck goes out
        for problem in problems:
            print(problem.format(lang), file=sys.stderr)

    def progress(percent: int, message: str) -> None:
        if not args.quiet:
            print(f"[{percent:3d}%] {message}", file=sys.stderr)

    try:
        built = build_deck(recipe, data_path, out, pdf=args.pdf, progress=progress, load=result,
                           lang=lang, max_slides=args.max_slides or None, docx=docx,
                           checked=checked)
    except DataProblems as exc:  # pragma: no cover - checked above
        print_problems(exc.result, lang)
        return EXIT_DATA
    except RecipeMismatch as exc:  # the same refusal as the app's
        where = f"{args.recipe}: " if args.recipe else ""
        head, *names, hint = exc.lines(lang)
        print(f"xzbrief: {where}{head}", file=sys.stderr)
        for line in (*names, hint):
            print(line, file=sys.stderr)
        return EXIT_USAGE
    except TemplateError as exc:
        _say(args, exc.note)
        return EXIT_USAGE
    except TooManySlides as exc:
        _say(args, note("cli-too-many-slides", slides=exc.slides, limit=exc.limit))
        return EXIT_USAGE
    except SaveBlocked as exc:
        _say(args, exc.note)
        return EXIT_USAGE
    except Cancelled:  # pragma: no cover - the CLI never cancels
        return EXIT_USAGE
    for warning in built.notes(lang):
        print(note("cli-note", note=warning).text(lang), file=sys.stderr)
    pages = len(built.deck.slides)
    for written in (built.pptx, built.docx):
        if written is not None:
            print(f"{written}")
    if built.pdf_problem is not None:
        _say(args, note("cli-pdf-missing", path=str(out), reason=built.pdf_problem))
        return EXIT_USAGE
    if built.pdf is not None:
        print(f"{built.pdf}")
    check = built.check_workbook  # every figure with its cell, beside the deck
    said = note("cli-check-workbook", path=str(check)) if check else ""
    done = ("cli-done-document" if built.pptx is None else
            "cli-done-both" if built.docx else "cli-done-deck")
    _say(args, note(done, n=pages, seconds=built.seconds, check=said))
    return EXIT_OK


def _is_dir(path: Path) -> bool:
    """False for a name the system cannot even look up (too long): check_output says why."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _output_path(out: Path, title: str) -> Path:
    """-o 某文件夹 (or one ending in a slash): the default name inside it."""
    if _is_dir(out) or str(out).endswith(("/", "\\")):
        return out / default_deck_name(title)
    return out


def run_templates(args: argparse.Namespace) -> int:
    lang = pick_lang(args.lang)
    print(note("cli-brands-head").text(lang))
    for name, file in BUILTIN.items():
        print(f"  {brand_about(name, lang)}  ({templates_dir() / file})")
    print()
    print(note("cli-layouts-head").text(lang))
    for role, names in LAYOUT_NAMES.items():
        print(f"  {role}: {' / '.join(names)}")
    return EXIT_OK
