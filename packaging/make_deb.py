"""Make the .deb from the PyInstaller folder, in the UOS (统信) app-store layout.

    python packaging/make_deb.py dist/xzbrief dist      # -> dist/<appid>_<version>_amd64.deb

Layout (UOS store rules; Kylin / Debian / Ubuntu install it the same way)::

    /opt/apps/<appid>/info                              app id, name, version, arch (JSON)
    /opt/apps/<appid>/files/                            the PyInstaller folder
    /opt/apps/<appid>/entries/applications/<appid>.desktop
    /opt/apps/<appid>/entries/icons/hicolor/{48x48,256x256,scalable}/apps/<appid>.*
    /opt/apps/<appid>/entries/mime/packages/<appid>.xml  the .brief.toml file type

UOS's launcher reads ``entries`` itself. Elsewhere ``postinst`` links the entries into
/usr/share (and the two commands into /usr/bin) when nothing of that name is there, and
``prerm`` removes exactly those links. Depends lists the libraries Qt loads; the libc6 floor is
read from the bundled binaries (the newest GLIBC_x.y symbol they need), so it is true for the
machine the bundle was built on. Only the standard library: it runs with any Python 3.11+.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPID = "cn.xzbrief.briefing"
NAME_ZH = "徐州产业汇报助手"
NAME_EN = "xzbrief briefing"
# What Qt's xcb / wayland plugins and the fonts need; "a | b" for t64-renamed names.
DEPENDS = [
    "libegl1", "libgl1", "libglib2.0-0t64 | libglib2.0-0", "libdbus-1-3", "libfontconfig1",
    "libfreetype6", "libxkbcommon0", "libxkbcommon-x11-0", "libx11-6", "libx11-xcb1", "libxcb1",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render0", "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
    "libxcb-xfixes0", "libxcb-xkb1", "libwayland-client0", "libwayland-cursor0",
    "libwayland-egl1", "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei",
]
RECOMMENDS = ["fonts-liberation2", "libreoffice-impress"]
MIME = """<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-xzbrief-recipe">
    <comment>xzbrief briefing recipe</comment>
    <comment xml:lang="zh_CN">汇报配方</comment>
    <sub-class-of type="application/toml"/>
    <glob pattern="*.brief.toml" weight="60"/>
  </mime-type>
</mime-info>
"""
MIME_TYPES = ("application/x-xzbrief-recipe;"
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;")
LINKS = {  # link in /usr -> target under /opt/apps/<appid>
    "/usr/bin/xzbrief": "files/xzbrief",
    "/usr/bin/xzbrief-gui": "files/xzbrief-gui",
    f"/usr/share/applications/{APPID}.desktop": f"entries/applications/{APPID}.desktop",
    f"/usr/share/icons/hicolor/256x256/apps/{APPID}.png":
        f"entries/icons/hicolor/256x256/apps/{APPID}.png",
    f"/usr/share/icons/hicolor/48x48/apps/{APPID}.png":
        f"entries/icons/hicolor/48x48/apps/{APPID}.png",
    f"/usr/share/icons/hicolor/scalable/apps/{APPID}.svg":
        f"entries/icons/hicolor/scalable/apps/{APPID}.svg",
    f"/usr/share/mime/packages/{APPID}.xml": f"entries/mime/packages/{APPID}.xml",
}


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def desktop_entry(prefix: str) -> str:
    return f"""[Desktop Entry]
Type=Application
Name={NAME_EN}
Name[zh_CN]={NAME_ZH}
GenericName=Briefing deck generator
GenericName[zh_CN]=汇报材料生成器
Comment=Editable Chinese PowerPoint briefings from an Excel indicator workbook
Comment[zh_CN]=从 Excel 指标库生成可编辑的中文 PowerPoint 汇报
Exec={prefix}/files/xzbrief-gui %f
Icon={APPID}
Terminal=false
Categories=Office;
MimeType={MIME_TYPES}
Keywords=PowerPoint;PPT;Excel;汇报;指标;
StartupWMClass=xzbrief-gui
"""


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y version any ELF file in the bundle asks for."""
    newest = (2, 17)
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as fh:
            if fh.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                             check=False).stdout
        for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", out):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def scripts(prefix: str) -> tuple[str, str]:
    pairs = " ".join(f"{link}:{prefix}/{target}" for link, target in LINKS.items())
    refresh = ("command -v update-desktop-database >/dev/null && "
               "update-desktop-database -q /usr/share/applications || true\n"
               "command -v update-mime-database >/dev/null && "
               "update-mime-database /usr/share/mime || true\n"
               "command -v gtk-update-icon-cache >/dev/null && "
               "gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true\n")
    postinst = f"""#!/bin/sh
# Outside UOS nothing reads /opt/apps/*/entries: link the entries and commands into /usr,
# never over a file that is not ours.
set -e
if [ "$1" = configure ]; then
  for pair in {pairs}; do
    link=${{pair%%:*}}; target=${{pair#*:}}
    mkdir -p "$(dirname "$link")"
    if [ ! -e "$link" ] && [ ! -L "$link" ]; then ln -s "$target" "$link"; fi
  done
  {refresh.replace(chr(10), chr(10) + '  ').rstrip()}
fi
exit 0
"""
    prerm = f"""#!/bin/sh
set -e
for pair in {pairs}; do
  link=${{pair%%:*}}; target=${{pair#*:}}
  if [ -L "$link" ] && [ "$(readlink "$link")" = "$target" ]; then rm -f "$link"; fi
done
exit 0
"""
    return postinst, prerm


def installed_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()
               and not p.is_symlink()) // 1024


def make_deb(bundle: Path, out_dir: Path) -> Path:
    ver = version()
    floor = glibc_floor(bundle)
    with tempfile.TemporaryDirectory(prefix="xzbrief-deb-") as tmp:
        root = Path(tmp) / "root"
        prefix = f"/opt/apps/{APPID}"
        app = root / prefix.lstrip("/")
        shutil.copytree(bundle, app / "files", symlinks=True)
        entries = app / "entries"
        (entries / "applications").mkdir(parents=True)
        (entries / "applications" / f"{APPID}.desktop").write_text(desktop_entry(prefix),
                                                                  encoding="utf-8")
        for size in (48, 256):
            icons = entries / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            icons.mkdir(parents=True)
            shutil.copyfile(ROOT / "assets" / f"xzbrief-{size}.png", icons / f"{APPID}.png")
        scalable = entries / "icons" / "hicolor" / "scalable" / "apps"
        scalable.mkdir(parents=True)
        shutil.copyfile(ROOT / "assets" / "xzbrief.svg", scalable / f"{APPID}.svg")
        (entries / "mime" / "packages").mkdir(parents=True)
        (entries / "mime" / "packages" / f"{APPID}.xml").write_text(MIME, encoding="utf-8")
        info = {"appid": APPID, "name": NAME_ZH, "version": ver, "arch": ["amd64"],
                "permissions": {"autostart": False, "notification": False,
                                "trayicon": False, "clipboard": True, "account": False,
                                "bluetooth": False, "camera": False, "audio_record": False,
                                "installed_apps": False}}
        (app / "info").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n",
                                  encoding="utf-8")
        debian = root / "DEBIAN"
        debian.mkdir()
        control = (f"Package: {APPID}\nVersion: {ver}\nArchitecture: amd64\n"
                   f"Maintainer: xzbrief developers <xzbrief@localhost>\n"
                   f"Installed-Size: {installed_size(root)}\n"
                   f"Depends: libc6 (>= {floor}), {', '.join(DEPENDS)}\n"
                   f"Recommends: {', '.join(RECOMMENDS)}\n"
                   f"Section: office\nPriority: optional\n"
                   f"Description: {NAME_ZH} - Chinese briefing decks from an Excel workbook\n"
                   f" 从一份本地 Excel 指标库生成可编辑的中文 PowerPoint 汇报(离线)。\n"
                   f" Turns one Excel workbook of indicators into an editable Chinese\n"
                   f" PowerPoint briefing, offline. Needs glibc >= {floor}.\n")
        (debian / "control").write_text(control, encoding="utf-8")
        postinst, prerm = scripts(prefix)
        for name, text in (("postinst", postinst), ("prerm", prerm)):
            (debian / name).write_text(text, encoding="utf-8")
            (debian / name).chmod(0o755)
        for path in [root, *root.rglob("*")]:  # dpkg wants 0755 dirs, readable files
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        out_dir.mkdir(parents=True, exist_ok=True)
        deb = out_dir / f"{APPID}_{ver}_amd64.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z3", "--build", str(root),
                        str(deb)], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "SOURCE_DATE_EPOCH": os.environ.get(
                           "SOURCE_DATE_EPOCH", "1764547200")})
    return deb


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not (Path(argv[0]) / "xzbrief-gui").exists():
        print("usage: make_deb.py dist/xzbrief OUT_DIR (the PyInstaller folder first)",
              file=sys.stderr)
        return 2
    deb = make_deb(Path(argv[0]), Path(argv[1]))
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
