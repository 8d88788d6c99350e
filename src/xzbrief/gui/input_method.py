"""Which Qt input-method module to use, so that users can type Chinese.

Qt from pip (and so the bundle) carries only the ``ibus`` and ``compose`` input-context plugins,
not fcitx's. On the usual Chinese Linux desktops (统信UOS, 麒麟Kylin, Deepin, Ubuntu with fcitx5)
the session says ``QT_IM_MODULE=fcitx``; Qt then finds no plugin and falls back to no input
method at all. fcitx5 also serves the ibus protocol, so asking for ``ibus`` works there.

Override: ``XZBRIEF_IM_MODULE=fcitx`` (or any plugin name) is used as given;
``XZBRIEF_IM_MODULE=keep`` leaves the session's choice alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

FCITX = ("fcitx", "fcitx5")


def plugin_keys(folder: Path) -> set[str]:
    """Input-context names Qt can load from ``platforminputcontexts`` (file names, e.g.
    libibusplatforminputcontextplugin.so -> ibus; fcitx5's plugin answers to both fcitx names)."""
    keys: set[str] = set()
    if not folder.is_dir():
        return keys
    for path in folder.iterdir():
        match = re.match(r"(?:lib)?(\w+?)platforminputcontextplugin\.(?:so|dll|dylib)$",
                         path.name)
        if match:
            name = match.group(1)
            keys.update(FCITX if name in FCITX else (name,))
    return keys


def requested_module(env: Mapping[str, str]) -> str:
    """The input method the session asks for: QT_IM_MODULE, else XMODIFIERS' @im=…, else
    GTK_IM_MODULE; "" when none."""
    module = env.get("QT_IM_MODULE", "").strip()
    if module:
        return module.split(";")[0]  # Qt 6.7+ accepts a list: the first is the session's choice
    match = re.search(r"@im=(\w+)", env.get("XMODIFIERS", ""))
    if match:
        return match.group(1)
    return env.get("GTK_IM_MODULE", "").strip()


def choose_im_module(env: Mapping[str, str], available: Collection[str]) -> str | None:
    """The QT_IM_MODULE to set before Qt starts, or None to leave the environment as it is."""
    override = env.get("XZBRIEF_IM_MODULE", "").strip()
    if override:
        return None if override == "keep" else override
    wanted = requested_module(env)
    if not wanted or wanted in available:
        # nothing asked for, or the bundled Qt can serve it: only pin a module Qt would not
        # find on its own (XMODIFIERS / GTK_IM_MODULE are not read by Qt)
        return wanted if wanted and not env.get("QT_IM_MODULE") else None
    if wanted.lower() in FCITX and "ibus" in available:
        return "ibus"
    return None
