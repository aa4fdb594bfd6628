#!/usr/bin/python3
"""Makes the bundled Japanese font subset (public/static/fonts/*.woff2) from Debian's Noto Sans CJK JP.

One weight only: headings use the browser's synthetic bold, which halves what the STB downloads.
Why a subset: STB system fonts are unknown, and the full CJK collection is 19 MB. We keep ASCII, kana,
CJK punctuation, JIS X 0208 level-1 kanji (the everyday set, enough for place and facility names from
providers) and every character of the translation files. Needs fonttools + brotli (Debian: python3-fonttools
python3-brotli). Run: /usr/bin/python3 scripts/subset-font.py — the output is committed so builds need no Python.
"""
import json
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# Two files: the UI set (everything the translations print, plus ASCII and kana) is loaded before the first
# screen; the kanji set (JIS level 1, for names that come from the PF and providers) loads right after it, so
# the STB decodes ~1/3 of the glyphs before the portal appears.
UI_FILE = "NotoSansJP-UI-subset.woff2"
KANJI_FILE = "NotoSansJP-Kanji-subset.woff2"


def jis_level1_kanji():
    # JIS X 0208 rows 16–47 are the level-1 kanji; EUC-JP maps row r, cell c to bytes (0xA0+r, 0xA0+c).
    for row in range(16, 48):
        for cell in range(1, 95):
            try:
                yield bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")
            except UnicodeDecodeError:
                pass


def ui_characters():
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in range(0x3000, 0x3100))  # CJK punctuation, hiragana, katakana
    chars |= set(chr(c) for c in range(0xFF01, 0xFF5F))  # full-width forms
    chars |= set("●○×〜・…―‐→←↑↓◀▶▲▼¥円％")
    for path in (ROOT / "public/static/translations").glob("*.json"):
        for value in json.loads(path.read_text("utf-8")).values():
            chars |= set(value)
    return chars


def subset_to(chars, name):
    font = TTCollection(SOURCE).fonts[0]  # index 0 of the collection is the JP face
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "palt", "vert"]
    options.name_IDs = ["*"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    target = ROOT / "public/static/fonts" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(str(target))
    print(f"{target.relative_to(ROOT)}: {len(chars)} characters, {target.stat().st_size // 1024} KB")


def main():
    ui = ui_characters()
    subset_to(ui, UI_FILE)
    subset_to(set(jis_level1_kanji()) - ui, KANJI_FILE)


if __name__ == "__main__":
    sys.exit(main())
