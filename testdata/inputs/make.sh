#!/bin/sh
# make.sh regenerates the PDF and Word test inputs in testdata/inputs from
# the text/HTML reports in testdata/seeds and testdata/samples, with the real
# tools a reader of govreport meets in the field: govreport itself,
# LibreOffice, Chromium and qpdf. See README.md next to it for what each file
# is and what it exercises.
#
# Usage (from anywhere inside the repository):
#
#	sh testdata/inputs/make.sh
#
# Needs: go, soffice (LibreOffice), chromium, qpdf, python3. The tool
# versions are printed first; the files in git were made with the versions
# listed in README.md. govreport's outputs are byte-identical on every run;
# LibreOffice ignores SOURCE_DATE_EPOCH and writes the current time and a
# random /ID (PDF) or zip entry times (docx, doc), Chromium writes the current
# time, and qpdf's AES-256 salts are random (its outputs otherwise use
# --static-id and --static-aes-iv): a re-run changes those bytes only.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

# Fixed clock and locale: govreport stamps PDF/docx metadata from
# SOURCE_DATE_EPOCH; LibreOffice and Chromium use TZ for their dates.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1704067200} # 2024-01-01T00:00:00Z
TZ=UTC
LC_ALL=C.UTF-8
export SOURCE_DATE_EPOCH TZ LC_ALL

for p in go soffice chromium qpdf python3 timeout; do
	command -v "$p" >/dev/null || {
		echo "make.sh: $p is needed" >&2
		exit 1
	}
done

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
# govreport is built first, with the user's Go caches.
go build -o "$TMP/govreport" ./cmd/govreport
# A throw-away HOME keeps LibreOffice's and Chromium's caches and fontconfig
# state out of the real one.
HOME=$TMP/home
mkdir -p "$HOME"
export HOME

echo "== tool versions"
go version
timeout 60 soffice -env:UserInstallation=file://$TMP/lo --version
timeout 60 chromium --version 2>/dev/null
qpdf --version | head -1
python3 --version

out=$here
vdir=$out/variants
rm -f "$out"/*.pdf "$out"/*.docx "$out"/*.doc "$vdir"/*.pdf
mkdir -p "$vdir"

# soffice runs LibreOffice headless with a private profile (never the user's,
# so a running office or a stale lock cannot block it) and a timeout.
soffice_conv() { # format outdir files...
	fmt=$1
	dir=$2
	shift 2
	mkdir -p "$dir"
	timeout 300 soffice -env:UserInstallation=file://$TMP/lo --headless --norestore \
		--convert-to "$fmt" --outdir "$dir" "$@" >"$TMP/soffice.log" 2>&1 || {
		cat "$TMP/soffice.log" >&2
		exit 1
	}
}

# chromium_pdf prints one HTML file to PDF, with a throw-away profile.
chromium_pdf() { # in.html out.pdf
	prof=$(mktemp -d "$TMP/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$1" >"$TMP/chromium.log" 2>&1 || {
		cat "$TMP/chromium.log" >&2
		exit 1
	}
	test -s "$2"
	rm -rf "$prof"
}

echo "== govreport PDF and docx"
# id and original source of every report with a text or HTML original.
reports="
seed000 testdata/seeds/000_2a7c9f704202fa4c.txt
seed001 testdata/seeds/001_1d4dd3ae0346d0fe.txt
seed002 testdata/seeds/002_b0e573aacea97adf.txt
seed003 testdata/seeds/003_8178ad8169fa307d.txt
seed004 testdata/seeds/004_22aab187490cdc1c.txt
sample001 testdata/samples/001/source.html
sample003 testdata/samples/003/source.txt
sample006 testdata/samples/006/source.txt
sample451 testdata/samples/451/source.txt
"
mkdir -p "$TMP/gr"
echo "$reports" | while read -r id src; do
	[ -n "$id" ] || continue
	ext=${src##*.}
	cp "$src" "$TMP/gr/$id.$ext"
	# Failed checks are expected on some seeds; they do not stop the output.
	"$TMP/govreport" convert -q -t pdf,docx -o "$TMP/gr" "$TMP/gr/$id.$ext"
	cp "$TMP/gr/$id.pdf" "$out/$id.govreport.pdf"
	cp "$TMP/gr/$id.docx" "$out/$id.govreport.docx"
done

echo "== LibreOffice PDF, docx and HTML of govreport's docx"
soffice_conv pdf "$TMP/lopdf" "$TMP"/gr/*.docx
soffice_conv docx "$TMP/lodocx" "$TMP"/gr/*.docx
soffice_conv html "$TMP/lohtml" "$TMP"/gr/*.docx
for f in "$TMP"/gr/*.docx; do
	id=$(basename "$f" .docx)
	cp "$TMP/lopdf/$id.pdf" "$out/$id.govreport-docx.lo.pdf"
	cp "$TMP/lodocx/$id.docx" "$out/$id.govreport-docx.lo.docx"
done

echo "== Chromium PDF of LibreOffice's HTML of govreport's docx"
# Every seed and sample made from text: Chromium draws the CJK text of the
# Noto CFF fonts as Type 3 glyph procedures (about 600 KB a file), and the
# values carry govreport's marks (△ ※), which the readers strip.
for id in seed000 seed001 seed002 seed003 seed004 sample003 sample006 sample451; do
	chromium_pdf "$TMP/lohtml/$id.html" "$out/$id.govreport-docx.lo-html.chromium.pdf"
done

echo "== the HTML sample 001 straight through LibreOffice and Chromium"
mkdir -p "$TMP/html"
cp testdata/samples/001/source.html "$TMP/html/sample001.html"
soffice_conv pdf "$TMP/html-lopdf" "$TMP/html/sample001.html"
# LibreOffice opens .html in Writer/Web; the filter names the Writer export.
soffice_conv 'docx:MS Word 2007 XML' "$TMP/html-lodocx" "$TMP/html/sample001.html"
cp "$TMP/html-lopdf/sample001.pdf" "$out/sample001.html.lo.pdf"
cp "$TMP/html-lodocx/sample001.docx" "$out/sample001.html.lo.docx"
chromium_pdf "$TMP/html/sample001.html" "$out/sample001.html.chromium.pdf"

echo "== the Word sample 404 (the official blank form) through LibreOffice"
mkdir -p "$TMP/w404"
cp testdata/samples/404/source.docx "$TMP/w404/sample404.docx"
soffice_conv pdf "$TMP/w404-pdf" "$TMP/w404/sample404.docx"
soffice_conv docx "$TMP/w404-docx" "$TMP/w404/sample404.docx"
cp "$TMP/w404-pdf/sample404.pdf" "$out/sample404.docx.lo.pdf"
cp "$TMP/w404-docx/sample404.docx" "$out/sample404.docx.lo.docx"

echo "== legacy Word .doc of seed001"
soffice_conv doc "$TMP/lodoc" "$TMP/gr/seed001.docx"
cp "$TMP/lodoc/seed001.doc" "$out/seed001.govreport-docx.lo.doc"

echo "== qpdf variants"
# Base of the structural variants: LibreOffice's PDF of seed000 (classic
# xref table, compressed streams, TrueType and CFF fonts with ToUnicode).
base=$out/seed000.govreport-docx.lo.pdf
q() { qpdf --static-id "$@"; }
q --object-streams=generate "$base" "$vdir/seed000.objstm.pdf"
q --static-aes-iv --allow-weak-crypto --encrypt "" owner 40 -- "$base" "$vdir/seed000.rc4-40.pdf"
q --static-aes-iv --allow-weak-crypto --encrypt "" owner 128 --use-aes=n -- "$base" "$vdir/seed000.rc4-128.pdf"
q --static-aes-iv --encrypt "" owner 128 --use-aes=y -- "$base" "$vdir/seed000.aes-128.pdf"
q --static-aes-iv --encrypt "" owner 256 -- "$base" "$vdir/seed000.aes-256.pdf"
q --static-aes-iv --encrypt "geheim" owner 256 -- "$base" "$vdir/seed000.password.pdf"
# The real WPS report, AES-256 encrypted: decryption on a file not made here
# (eight CID TrueType fonts, mixed 1- and 2-byte codes).
q --static-aes-iv --encrypt "" owner 256 -- testdata/samples/401/source.pdf "$vdir/sample401.aes-256.pdf"

# No ToUnicode: govreport's own PDF of seed000 has CID fonts with
# Identity-H encoding, so without /ToUnicode the codes are glyph ids with no
# text meaning. qpdf --qdf writes every object uncompressed and
# renumbered; the /ToUnicode references are cut out, fix-qdf repairs the
# offsets, and a last qpdf pass recompresses and drops the orphaned maps.
q --qdf --object-streams=disable "$out/seed000.govreport.pdf" "$TMP/qdf.pdf"
python3 - "$TMP/qdf.pdf" "$TMP/qdf-cut.pdf" <<'EOF'
import re, sys
b = open(sys.argv[1], "rb").read()
b, n = re.subn(rb"/ToUnicode \d+ 0 R", b"", b)
if n == 0:
    sys.exit("no /ToUnicode found")
open(sys.argv[2], "wb").write(b)
print("removed", n, "ToUnicode references")
EOF
fix-qdf "$TMP/qdf-cut.pdf" >"$TMP/qdf-fixed.pdf"
q "$TMP/qdf-fixed.pdf" "$vdir/seed000.no-tounicode.pdf"
if grep -a -q /ToUnicode "$vdir/seed000.no-tounicode.pdf"; then
	echo "make.sh: ToUnicode still present" >&2
	exit 1
fi

# Truncated: the first 60 % of the bytes. LibreOffice writes the page tree
# and the catalog last, so they are gone with the xref table and the trailer;
# the content streams remain.
python3 - "$base" "$vdir/seed000.truncated.pdf" <<'EOF'
import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(b[: len(b) * 6 // 10])
EOF

# Broken xref: every in-use offset of the classic xref table moved by 37
# bytes, and startxref pointing 5 bytes off, so that no offset lands on its
# object; the objects themselves are intact (a reader must rebuild the table
# by scanning for "N 0 obj").
python3 - "$base" "$vdir/seed000.broken-xref.pdf" <<'EOF'
import re, sys
b = open(sys.argv[1], "rb").read()
x = b.rindex(b"\nxref")
head, tail = b[:x], b[x:]
def shift(m):
    return b"%010d %s n" % (int(m.group(1)) + 37, m.group(2))
tail, n = re.subn(rb"(\d{10}) (\d{5}) n", shift, tail)
if n < 10:
    sys.exit("classic xref table not found")
tail = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + 5), tail)
open(sys.argv[2], "wb").write(head + tail)
print("shifted", n, "xref entries")
EOF

echo "== sizes"
ls -l "$out" "$vdir" | awk '$5 ~ /^[0-9]+$/ { print $5, $NF }'
du -sh "$out"
