#!/usr/bin/env bash
# build.sh — rebuild every font shipped in this directory from Debian packages.
#
# FOR MAINTAINERS ONLY. Tests and CI never run this script: the .ttf files it
# writes are committed, and `go test ./fonts` only reads them.
#
# What it does (see PROVENANCE.md, which this script also regenerates):
#   1. apt-get download the pinned Debian packages below and dpkg-deb -x them;
#   2. convert the CFF (PostScript-outline) fonts to TrueType outlines with
#      FontForge (the PDF writer embeds TrueType-outline .ttf only);
#   3. subset each role font with fontTools to what an annual report needs
#      (GB2312 + ASCII + Latin-1 + CJK punctuation + full-width forms + common
#      symbols), without hinting and without OpenType layout features;
#   4. build the fallback font from Droid Sans Fallback, minus the code points
#      every role font already has;
#   5. write the licence texts and PROVENANCE.md.
#
# Output is deterministic: timestamps come from SOURCE_DATE_EPOCH (fixed
# below), so running the script twice gives byte-identical files with the same
# package and tool versions.
#
# Requirements (Debian 12 "bookworm"; run as root or with sudo for apt-get):
#   apt-get update && apt-get install -y fontforge python3-fonttools
# Versions used for the committed files:
#   fontforge          1:20230101~dfsg-1.1~deb12u1
#   python3-fonttools  4.38.0-1+deb12u1   (run with /usr/bin/python3)
#   texlive-lang-chinese   2022.20230122-1          (FandolFang/Hei/Kai/Song 0.3)
#   fonts-noto-cjk         1:20220127+repack1-1     (Noto Serif CJK 2.001)
#   fonts-droid-fallback   1:6.0.1r16-1.1           (DroidSansFallbackFull.ttf)
#
# Usage: fonts/build.sh            (from anywhere; writes into fonts/)
#        KEEP_WORK=1 fonts/build.sh  keeps the temporary work directory.
set -euo pipefail

PKG_TEXLIVE="texlive-lang-chinese=2022.20230122-1"
PKG_NOTO="fonts-noto-cjk=1:20220127+repack1-1"
PKG_DROID="fonts-droid-fallback=1:6.0.1r16-1.1"
EXPECT_FONTFORGE="1:20230101~dfsg-1.1~deb12u1"
EXPECT_FONTTOOLS="4.38.0"

# 2023-01-24T00:00:00Z, the date of the texlive-lang-chinese package used.
export SOURCE_DATE_EPOCH=1674518400
export LC_ALL=C.UTF-8 TZ=UTC

PY=/usr/bin/python3
OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$(mktemp -d /tmp/govreport-fonts.XXXXXX)"
if [[ -z "${KEEP_WORK:-}" ]]; then
	trap 'rm -rf "$WORK"' EXIT
else
	echo "work directory: $WORK"
fi

die() { echo "build.sh: $*" >&2; exit 1; }

command -v fontforge >/dev/null || die "fontforge missing: apt-get install -y fontforge"
"$PY" -c 'import fontTools' 2>/dev/null || die "fontTools missing: apt-get install -y python3-fonttools"
command -v apt-get >/dev/null || die "needs Debian's apt-get"

ff_version="$(dpkg-query -W -f='${Version}' fontforge 2>/dev/null || echo unknown)"
ft_version="$("$PY" -c 'import fontTools; print(fontTools.version)')"
[[ "$ff_version" == "$EXPECT_FONTFORGE" ]] ||
	echo "warning: fontforge $ff_version, files were made with $EXPECT_FONTFORGE: output bytes may differ" >&2
[[ "$ft_version" == "$EXPECT_FONTTOOLS" ]] ||
	echo "warning: fontTools $ft_version, files were made with $EXPECT_FONTTOOLS: output bytes may differ" >&2

# ---------------------------------------------------------------- packages
chmod 0755 "$WORK"
mkdir -p "$WORK/deb" "$WORK/root" "$WORK/tmp"
(
	cd "$WORK/deb"
	# apt's sandbox user must be able to write here.
	chmod 0777 . 2>/dev/null || true
	apt-get download "$PKG_TEXLIVE" "$PKG_NOTO" "$PKG_DROID" ||
		die "apt-get download failed (run apt-get update first; are the pinned versions still in the archive?)"
)
for deb in "$WORK"/deb/*.deb; do
	dpkg-deb -x "$deb" "$WORK/root"
done
R="$WORK/root"
FANDOL="$R/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
NOTO_TTC="$R/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
DROID="$R/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
for f in "$FANDOL/FandolFang-Regular.otf" "$FANDOL/FandolHei-Regular.otf" \
	"$FANDOL/FandolKai-Regular.otf" "$FANDOL/FandolSong-Regular.otf" "$NOTO_TTC" "$DROID"; do
	[[ -f "$f" ]] || die "missing in package: $f"
done

# ---------------------------------------------------------------- helper
cat >"$WORK/fontbuild.py" <<'PYEOF'
"""Helper for fonts/build.sh: character set, subsetting, fallback, report."""
import hashlib
import os
import sys

from fontTools import subset
from fontTools.misc.timeTools import epoch_diff
from fontTools.pens.boundsPen import ControlBoundsPen
from fontTools.pens.recordingPen import RecordingPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont


def gb2312():
    """Return (symbols, hanzi): the code points of GB2312 rows 1-9 and 16-87."""
    sym, han = set(), set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                s = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            (han if hi >= 0xB0 else sym).add(ord(s))
    return sym, han


# Ranges an annual report may use besides GB2312 (kept only where the font
# has the glyph): general punctuation, super/subscripts, euro, letterlike
# symbols (℃ № Ⅰ–Ⅻ), arrows, maths, enclosed alphanumerics (①–⑳ ⑴ ⒈),
# box drawing, geometric shapes, stars, CJK punctuation, enclosed CJK (㈠),
# CJK units (㎡ ㎏), vertical forms, full- and half-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x00FF),
    (0x2010, 0x205E), (0x2070, 0x209F), (0x20AC, 0x20AC),
    (0x2100, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF),
    (0x2600, 0x2613), (0x3000, 0x303F), (0x3200, 0x32FF),
    (0x3371, 0x33DF), (0xFE30, 0xFE4F), (0xFF01, 0xFFEF),
]

# Code points that other encodings (Windows cp936, GB18030) use for the same
# GB2312 character: if the font lacks the first, map it to the second's glyph.
ALIASES = {
    0x2015: 0x2014,  # ― horizontal bar (cp936 A1AA) -> — em dash
    0x30FB: 0x00B7,  # ・ katakana middle dot (cp936 A1A4) -> · middle dot
    0x2016: 0x2225,  # ‖ double vertical line -> ∥ parallel to
    0x2225: 0x2016,
    0x301C: 0xFF5E,  # 〜 wave dash -> ～ full-width tilde
}


def charset():
    sym, han = gb2312()
    cps = set(sym) | set(han)
    for a, b in EXTRA_RANGES:
        cps.update(range(a, b + 1))
    return cps


def contours(gs, name):
    rec = RecordingPen()
    gs[name].draw(rec)
    out, cur = [], []
    for op, args in rec.value:
        cur.append((op, args))
        if op in ("closePath", "endPath"):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def replay(cs, pen):
    for c in cs:
        for op, args in c:
            getattr(pen, op)(*args)


def bounds(cs):
    pen = ControlBoundsPen(None)
    replay(cs, pen)
    return pen.bounds


def split_circled(gs, name):
    """Split a circled-number glyph into (circle contours, digit contours)."""
    cs = contours(gs, name)
    x0, _, x1, _ = bounds(cs)
    circle, inner = [], []
    for c in cs:
        b = bounds([c])
        (circle if b[2] - b[0] > 0.6 * (x1 - x0) else inner).append(c)
    return circle, inner


def synth_circled(font):
    """Add ⑪–⑳ (absent from Fandol) built from the font's own ⑩ and ①–⑨.

    The circle and the narrow "1"/"0" come from ⑩ unchanged; other digits are
    the digits of ②–⑨ narrowed the way ⑩ narrows ①'s "1". Outlines are
    flattened into simple glyphs (no composites).
    """
    cmap = font.getBestCmap()
    if any(cp in cmap for cp in range(0x246A, 0x2474)):
        return []
    need = [0x2460 + i for i in range(10)]
    if not all(cp in cmap for cp in need):
        return []
    gs = font.getGlyphSet()
    ten = cmap[0x2469]
    circle, inner10 = split_circled(gs, ten)
    cx0, _, cx1, _ = bounds(circle)
    ccx = (cx0 + cx1) / 2
    left = [c for c in inner10 if (bounds([c])[0] + bounds([c])[2]) / 2 < ccx]
    right = [c for c in inner10 if c not in left]
    L, Rb = bounds(left), bounds(right)
    gap = Rb[0] - L[2]
    span10 = Rb[2] - L[0]
    _, one = split_circled(gs, cmap[0x2460])
    B1 = bounds(one)
    sx = (L[2] - L[0]) / (B1[2] - B1[0])
    sy = (L[3] - L[1]) / (B1[3] - B1[1])

    def digit(d):
        """(contours, sx, sy, dy, width, xmin) for digit d in ⑩'s style."""
        if d == 1:
            return left, 1.0, 1.0, 0.0, L[2] - L[0], L[0]
        if d == 0:
            return right, 1.0, 1.0, 0.0, Rb[2] - Rb[0], Rb[0]
        _, cs = split_circled(gs, cmap[0x2460 + d - 1])
        b = bounds(cs)
        # y: same baseline mapping as ①'s "1" -> ⑩'s "1".
        return cs, sx, sy, L[1] - sy * B1[1], sx * (b[2] - b[0]), sx * b[0]

    glyf = font["glyf"]
    hmtx = font["hmtx"]
    vmtx = font["vmtx"] if "vmtx" in font else None
    order = list(font.getGlyphOrder())
    added = []
    for n in range(11, 21):
        a, b = digit(n // 10), digit(n % 10)
        total = a[4] + gap + b[4]
        f = min(1.0, span10 * 1.12 / total)
        x = ccx - total / 2
        pen = TTGlyphPen(None)
        replay(circle, pen)
        for cs, dsx, dsy, ddy, w, xmin in (a, b):
            # x' = ccx + f*((x + (X - xmin)) - ccx), X = dsx*x_src
            tx = ccx + f * (x - xmin - ccx)
            replay(cs, TransformPen(pen, (f * dsx, 0, 0, dsy, tx, ddy)))
            x += w + gap
        g = pen.glyph()
        g.recalcBounds(glyf)
        name = "uni%04X" % (0x2460 + n - 1)
        order.append(name)
        glyf.glyphs[name] = g
        hmtx.metrics[name] = (hmtx.metrics[ten][0], g.xMin)
        if vmtx is not None:
            vmtx.metrics[name] = vmtx.metrics[ten]
        added.append((0x2460 + n - 1, name))
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for t in font["cmap"].tables:
        if t.isUnicode():
            for cp, name in added:
                t.cmap[cp] = name
    return added


def add_aliases(font):
    cmap = font.getBestCmap()
    done = []
    for cp, src in sorted(ALIASES.items()):
        if cp not in cmap and src in cmap:
            for t in font["cmap"].tables:
                if t.isUnicode():
                    t.cmap[cp] = cmap[src]
            done.append(cp)
    return done


def subset_and_save(font, unicodes, out):
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    # Vertical metrics are unused (horizontal text only): save ~0.2 MB.
    opts.drop_tables += ["vhea", "vmtx", "VORG"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)
    t = int(os.environ["SOURCE_DATE_EPOCH"]) - epoch_diff  # seconds since 1904
    font["head"].created = t
    font["head"].modified = t
    font.recalcTimestamp = False
    font.save(out, reorderTables=True)


def cmd_finish(src, out, synth):
    font = TTFont(src, recalcTimestamp=False)
    if synth == "synth":
        added = synth_circled(font)
        print("  synthesised %d circled numbers" % len(added))
    al = add_aliases(font)
    if al:
        print("  aliases: " + " ".join("U+%04X" % c for c in al))
    subset_and_save(font, charset(), out)


def cmd_fallback(src, out, *mains):
    common = None
    for m in mains:
        cm = set(TTFont(m).getBestCmap())
        common = cm if common is None else common & cm
    font = TTFont(src, recalcTimestamp=False)
    keep = set(font.getBestCmap()) - common
    print("  fallback keeps %d of %d code points" % (len(keep), len(font.getBestCmap())))
    subset_and_save(font, keep, out)


def cmd_title_src(ttc, index, out):
    """Subset one face of a CFF .ttc to the charset (still CFF) for FontForge."""
    font = TTFont(ttc, fontNumber=int(index), recalcTimestamp=False)
    subset_and_save(font, charset(), out)


def coverage(path):
    cm = set(TTFont(path).getBestCmap())
    sym, han = gb2312()
    gbk_han = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                s = bytes([hi, lo]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if len(s) == 1 and 0x4E00 <= ord(s) <= 0x9FFF:
                gbk_han.add(ord(s))
    rows = [
        ("code points", len(cm), None),
        ("ASCII printable", len(cm & set(range(0x20, 0x7F))), 95),
        ("GB2312 symbols (rows 1–9)", len(cm & sym), len(sym)),
        ("GB2312 hanzi", len(cm & han), len(han)),
        ("GBK hanzi outside GB2312", len(cm & (gbk_han - han)), len(gbk_han - han)),
        ("CJK Ext. A", len(cm & set(range(0x3400, 0x4DC0))), 6592),
        ("①–⑳", len(cm & set(range(0x2460, 0x2474))), 20),
        ("full-width forms FF01–FF5E", len(cm & set(range(0xFF01, 0xFF5F))), 94),
        ("CJK punctuation 3000–303F", len(cm & set(range(0x3000, 0x3040))), 64),
    ]
    return rows


def cmd_report(*paths):
    for p in paths:
        name = os.path.basename(p)
        with open(p, "rb") as fh:
            data = fh.read()
        f = TTFont(p)
        fam = f["name"].getDebugName(16) or f["name"].getDebugName(1)
        print("### %s" % name)
        print()
        print("- family: %s; glyphs: %d; size: %d bytes" % (fam, len(f.getGlyphOrder()), len(data)))
        print("- sha256: `%s`" % hashlib.sha256(data).hexdigest())
        cov = "; ".join(
            "%s %d" % (k, v) if tot is None else "%s %d/%d" % (k, v, tot)
            for k, v, tot in coverage(p)
        )
        print("- coverage: " + cov)
        print()


if __name__ == "__main__":
    cmd = sys.argv[1]
    args = sys.argv[2:]
    if cmd == "charset":
        with open(args[0], "w") as fh:
            for cp in sorted(charset()):
                fh.write("U+%04X\n" % cp)
    elif cmd == "finish":
        cmd_finish(*args)
    elif cmd == "fallback":
        cmd_fallback(*args)
    elif cmd == "title-src":
        cmd_title_src(*args)
    elif cmd == "report":
        cmd_report(*args)
    else:
        sys.exit("unknown command " + cmd)
PYEOF
H=("$PY" "$WORK/fontbuild.py")

# FontForge: CFF/CID -> TrueType outlines. SOURCE_DATE_EPOCH fixes its dates.
ff_convert() {
	fontforge -quiet -lang=ff -c 'Open($1); if ($iscid) CIDFlatten(); endif; Generate($2)' "$1" "$2" \
		>"$WORK/tmp/fontforge.log" 2>&1 || { cat "$WORK/tmp/fontforge.log" >&2; die "fontforge failed on $1"; }
}

# ---------------------------------------------------------------- Fandol
for pair in fang:FandolFang hei:FandolHei kai:FandolKai song:FandolSong; do
	role="${pair%%:*}" fam="${pair#*:}"
	echo "== $role.ttf from $fam-Regular.otf"
	ff_convert "$FANDOL/$fam-Regular.otf" "$WORK/tmp/$role-full.ttf"
	"${H[@]}" finish "$WORK/tmp/$role-full.ttf" "$OUT/$role.ttf" synth
done

# ---------------------------------------------------------------- title
# Face 2 of NotoSerifCJK-Bold.ttc is "Noto Serif CJK SC Bold". Subset it first
# (still CFF) so FontForge converts ~9,000 glyphs instead of 65,535.
echo "== title.ttf from NotoSerifCJK-Bold.ttc face 2 (SC Bold)"
"$PY" - "$NOTO_TTC" <<'PYEOF'
import sys
from fontTools.ttLib import TTFont
name = TTFont(sys.argv[1], fontNumber=2)["name"].getDebugName(4)
if name != "Noto Serif CJK SC Bold":
    sys.exit("face 2 of the .ttc is %r, not Noto Serif CJK SC Bold" % name)
PYEOF
"${H[@]}" title-src "$NOTO_TTC" 2 "$WORK/tmp/title-sub.otf"
ff_convert "$WORK/tmp/title-sub.otf" "$WORK/tmp/title-full.ttf"
"${H[@]}" finish "$WORK/tmp/title-full.ttf" "$OUT/title.ttf" nosynth

# ---------------------------------------------------------------- fallback
echo "== fallback.ttf from DroidSansFallbackFull.ttf"
"${H[@]}" fallback "$DROID" "$OUT/fallback.ttf" \
	"$OUT/fang.ttf" "$OUT/hei.ttf" "$OUT/kai.ttf" "$OUT/song.ttf" "$OUT/title.ttf"

# ---------------------------------------------------------------- licences
FANDOL_DOC="$R/usr/share/doc/texlive-doc/fonts/fandol"
{
	cat <<'EOF'
Fandol fonts (FandolFang, FandolHei, FandolKai, FandolSong)
Shipped here as fang.ttf, hei.ttf, kai.ttf, song.ttf (converted to TrueType
outlines and subset; see PROVENANCE.md and build.sh, which is the complete
recipe to regenerate them from the original OpenType sources).

Copyright © 2012-2013, the Fandol team (Clerk Ma, Jie Su).
Upstream: https://www.ctan.org/tex-archive/fonts/fandol
Debian package: texlive-lang-chinese 2022.20230122-1

Licence, as stated by upstream's README (reproduced below):
"These fonts's licensing is GPL + GPL font exception."
The COPYING file shipped with the fonts is the GNU GPL version 3, reproduced
in full after the README. The GPL font exception (text as published by the
Free Software Foundation) reads:

  As a special exception, if you create a document which uses this font,
  and embed this font or unaltered portions of this font into the document,
  this font does not by itself cause the resulting document to be covered
  by the GNU General Public License. This exception does not however
  invalidate any other reasons why the document might be covered by the GNU
  General Public License. If you modify this font, you may extend this
  exception to your version of the font, but you are not obligated to do
  so. If you do not wish to do so, delete this exception statement from
  your version.

The modified versions shipped here keep the exception.

Changes made (GPL-3.0 section 5a): outlines converted from CFF to TrueType
with FontForge; subset to the character set listed in PROVENANCE.md; hinting,
OpenType layout and vertical-metrics tables removed; glyphs ⑪–⑳ added, built from the font's
own ⑩ and ①–⑨ outlines; a few code-point aliases added (U+2015 → U+2014 etc.).

===================================================================== README
EOF
	cat "$FANDOL_DOC/README"
	echo
	echo "==================================================================== COPYING"
	zcat "$FANDOL_DOC/COPYING.gz"
} >"$OUT/LICENSE-Fandol.txt"

{
	cat <<'EOF'
Noto Serif CJK SC Bold — shipped here as title.ttf (one face extracted from
NotoSerifCJK-Bold.ttc, converted to TrueType outlines and subset; see
PROVENANCE.md and build.sh).

Copyright © 2017-2022 Adobe (http://www.adobe.com/).
Noto is a trademark of Google Inc.
Upstream: https://github.com/googlefonts/noto-cjk
Debian package: fonts-noto-cjk 1:20220127+repack1-1

This Font Software is licensed under the SIL Open Font License, Version 1.1.
The modified version shipped here is distributed under the same licence.
Text of the licence, from the Debian package's copyright file:

EOF
	# The OFL text as held in debian/copyright: de-indent, "." lines are blank.
	awk '/^License: SIL-1.1$/ {on++; next} on==2 && /^[^ ]/ {exit} on==2 {sub(/^ /,""); if ($0==".") $0=""; print}' \
		"$R/usr/share/doc/fonts-noto-cjk/copyright"
} >"$OUT/LICENSE-NotoCJK.txt"
grep -q "SIL OPEN FONT LICENSE Version 1.1" "$OUT/LICENSE-NotoCJK.txt" || die "OFL text not found"

{
	cat <<'EOF'
Droid Sans Fallback — shipped here as fallback.ttf (DroidSansFallbackFull.ttf
subset: the code points that all the role fonts lack; hinting, vertical metrics and OpenType
layout tables removed; see PROVENANCE.md and build.sh). This is a modified
version of the original file.

Debian package: fonts-droid-fallback 1:6.0.1r16-1.1
Copyright notice from the Debian package's copyright file:

EOF
	cat "$R/usr/share/doc/fonts-droid-fallback/copyright"
	echo
	echo "================================================ Apache License, Version 2.0"
	echo
	cat /usr/share/common-licenses/Apache-2.0
} >"$OUT/LICENSE-Droid.txt"

# ---------------------------------------------------------------- provenance
TTFS=(fang.ttf hei.ttf kai.ttf song.ttf title.ttf fallback.ttf)
total=0
for f in "${TTFS[@]}"; do total=$((total + $(stat -c %s "$OUT/$f"))); done
((total < 25000000)) || die "fonts total $total bytes, over the 25 MB budget"

{
	cat <<EOF
# Fonts: provenance

Generated by \`fonts/build.sh\` — do not edit by hand; rerun the script.

Free stand-ins for the typefaces GB/T 9704 official documents use. The PDF writer embeds
only TrueType-outline \`.ttf\`, so the CFF sources are converted.

| file | role | source font | Debian package (version) | licence |
|---|---|---|---|---|
| fang.ttf | 仿宋 body | FandolFang-Regular.otf 0.3 | texlive-lang-chinese (2022.20230122-1) | GPL + font exception, LICENSE-Fandol.txt |
| hei.ttf | 黑体 headings | FandolHei-Regular.otf 0.3 | texlive-lang-chinese (2022.20230122-1) | GPL + font exception, LICENSE-Fandol.txt |
| kai.ttf | 楷体 sub-headings | FandolKai-Regular.otf 0.3 | texlive-lang-chinese (2022.20230122-1) | GPL + font exception, LICENSE-Fandol.txt |
| song.ttf | 宋体 tables | FandolSong-Regular.otf 0.3 | texlive-lang-chinese (2022.20230122-1) | GPL + font exception, LICENSE-Fandol.txt |
| title.ttf | 小标宋 title (stand-in) | NotoSerifCJK-Bold.ttc face 2, Noto Serif CJK SC Bold 2.001 | fonts-noto-cjk (1:20220127+repack1-1) | SIL OFL 1.1, LICENSE-NotoCJK.txt |
| fallback.ttf | rare characters (堃 喆 …) | DroidSansFallbackFull.ttf | fonts-droid-fallback (1:6.0.1r16-1.1) | Apache-2.0, LICENSE-Droid.txt |

Tools: fontforge $ff_version, python3-fonttools $ft_version (/usr/bin/python3),
Debian $(cat /etc/debian_version 2>/dev/null || echo unknown). SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH
(head.created/modified of every file).

## Commands

\`\`\`sh
apt-get download $PKG_TEXLIVE $PKG_NOTO $PKG_DROID
dpkg-deb -x <each .deb> root/
# Fandol (CID-keyed CFF) -> TrueType outlines:
fontforge -lang=ff -c 'Open(\$1); if (\$iscid) CIDFlatten(); endif; Generate(\$2)' FandolFang-Regular.otf fang-full.ttf
# then, in fontTools (fontbuild.py finish): add ⑪–⑳ built from the font's own ⑩ and ①–⑨,
# add aliases U+2015→U+2014, U+30FB→U+00B7, U+2016↔U+2225, U+301C→U+FF5E where missing, and subset with
#   layout_features=[] hinting=False name_IDs=* name_languages=* notdef_outline=True
#   drop_tables+=vhea,vmtx,VORG
# to the character set below; head.created = head.modified = SOURCE_DATE_EPOCH.
# Title: subset face 2 of NotoSerifCJK-Bold.ttc to the character set (still CFF), then
# the same fontforge conversion, then the same fontTools step (without ⑪–⑳, Noto has them).
# Fallback: DroidSansFallbackFull.ttf subset to its code points minus those that
# all five role fonts above have (same fontTools options).
\`\`\`

Character set of the role fonts (kept where the source font has the glyph):
GB2312 (all 682 symbols of rows 1–9 and 6,763 hanzi) plus U+0020–007E,
U+00A0–00FF, U+2010–205E, U+2070–209F, U+20AC, U+2100–218F, U+2190–21FF,
U+2200–22FF, U+2460–24FF, U+2500–257F, U+25A0–25FF, U+2600–2613,
U+3000–303F, U+3200–32FF, U+3371–33DF, U+FE30–FE4F, U+FF01–FFEF.

## Files

Total of the six .ttf files: $total bytes (budget: under 25,000,000).

EOF
	(cd "$OUT" && "${H[@]}" report "${TTFS[@]}")
} >"$OUT/PROVENANCE.md"

echo "== done: $total bytes"
(cd "$OUT" && sha256sum "${TTFS[@]}")
