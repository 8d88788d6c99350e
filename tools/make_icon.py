"""Write the app icon: assets/xzbrief.svg, assets/xzbrief-256.png (and -48) and
packaging/xzbrief.ico, from one drawing.

A red rounded tile (政务红) with three rising white bars and a gold trend line: shapes only, no
text, so it looks the same without any font. Deterministic output (Pillow, no timestamps).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
RED, WHITE, GOLD = (200, 22, 29), (255, 255, 255), (245, 196, 0)
BARS = ((56, 150, 96, 200), (108, 112, 148, 200), (160, 72, 200, 200))  # on a 256 grid
LINE = ((60, 128), (116, 92), (176, 50), (206, 38))


def svg() -> str:
    bars = "".join(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="6" '
                   f'fill="#fff"/>' for x0, y0, x1, y1 in BARS)
    points = " ".join(f"{x},{y}" for x, y in LINE)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" '
            'height="256">'
            '<rect x="8" y="8" width="240" height="240" rx="44" fill="#c8161d"/>'
            f'{bars}<polyline points="{points}" fill="none" stroke="#f5c400" '
            'stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/>'
            '<rect x="48" y="206" width="160" height="10" rx="5" fill="#fff"/></svg>\n')


def png(size: int) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    big = 256 * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = scale
    draw.rounded_rectangle((8 * s, 8 * s, 248 * s, 248 * s), radius=44 * s, fill=RED)
    for x0, y0, x1, y1 in BARS:
        draw.rounded_rectangle((x0 * s, y0 * s, x1 * s, y1 * s), radius=6 * s, fill=WHITE)
    draw.line([(x * s, y * s) for x, y in LINE], fill=GOLD, width=14 * s, joint="curve")
    for x, y in (LINE[0], LINE[-1]):
        draw.ellipse(((x - 7) * s, (y - 7) * s, (x + 7) * s, (y + 7) * s), fill=GOLD)
    draw.rounded_rectangle((48 * s, 206 * s, 208 * s, 216 * s), radius=5 * s, fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    assets = ROOT / "assets"
    (assets / "xzbrief.svg").write_text(svg(), encoding="utf-8")
    for size in (256, 48):
        png(size).save(assets / f"xzbrief-{size}.png", optimize=True)
    # the Windows executables' icon (packaging/xzbrief.spec)
    png(256).save(ROOT / "packaging" / "xzbrief.ico", sizes=[(16, 16), (32, 32), (48, 48),
                                                              (256, 256)])


if __name__ == "__main__":
    main()
