#!/bin/sh
# bench/compare.sh — govreport side by side with LibreOffice, on this machine,
# in one run, so that the README can state ratios rather than absolute times.
#
#   bench/compare.sh            # all seeds, summary of 1,000 and 10,000 reports
#   RUNS=5 SUMMARY="1000" bench/compare.sh
#   SUMMARY="1000 10000 100000" bench/compare.sh   # 100,000: ~1 GB of inputs
#
# Table 1, per seed (testdata/seeds): the CPU time (user + system) and peak
# resident memory of one whole process `govreport convert -t pdf`, against
# `soffice --headless --convert-to pdf` of govreport's own docx of the same
# seed (a private LibreOffice profile, created by a warm-up run that is not
# counted), and the two PDFs' sizes. govreport is run RUNS times in a row and
# its CPU time divided by RUNS (getrusage has 10 ms granularity); soffice is
# run 3 times and its median taken. LibreOffice is given the same typefaces
# as govreport's PDF (a private fontconfig configuration, from bench/fcconf,
# adding fonts/*.ttf under the family names the docx asks for), which is the
# run timed and compared; it is also run once with the system's fonts alone,
# whose PDF size is shown for reference (with no Chinese fonts installed it
# draws no Chinese glyphs, and its PDF says little). pdffonts, when
# installed, confirms which faces LibreOffice embedded.
# Table 2: `govreport summary` of N generated reports (each seed with a title
# line naming one of N/3 agencies and a year): CPU time and peak memory.
#
# Needs Go and GNU time (/usr/bin/time); skips LibreOffice when soffice is not
# installed, and pdfinfo-less systems lose nothing (sizes come from the files).
set -eu

cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
SUMMARY=${SUMMARY:-"1000 10000"}

TIME=/usr/bin/time
if ! [ -x "$TIME" ] || ! "$TIME" -f %M true >/dev/null 2>&1; then
	echo "compare.sh: GNU time (/usr/bin/time) is needed; apt-get install time" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
go build -o "$tmp/govreport" ./cmd/govreport
gr="$tmp/govreport"
export SOURCE_DATE_EPOCH=1609459200

# measure N CMD...: runs CMD N times; prints "cpu-seconds-per-run peak-KiB".
measure() {
	n=$1
	shift
	"$TIME" -f '%U %S %M' -o "$tmp/time" sh -c '
		n=$1; shift; i=0
		while [ "$i" -lt "$n" ]; do "$@" >/dev/null 2>&1 || exit 1; i=$((i + 1)); done
	' sh "$n" "$@"
	awk -v n="$n" '{ printf "%.4f %d\n", ($1 + $2) / n, $3 }' "$tmp/time"
}

# median3 CMD...: runs CMD 3 times; prints the median "cpu-seconds peak-KiB".
median3() {
	for _ in 1 2 3; do measure 1 "$@"; done | sort -n | sed -n 2p
}

size() { wc -c <"$1" | tr -d ' '; }

have_lo=0
if command -v soffice >/dev/null 2>&1; then
	have_lo=1
	set -- soffice "-env:UserInstallation=file://$tmp/lo-profile" --headless --convert-to pdf --outdir "$tmp/lo"
	lo="$*" # no spaces in $tmp (mktemp)
	# The same faces as govreport: a fontconfig configuration of its own.
	go run ./bench/fcconf "$PWD/fonts" "$tmp/fc-cache" >"$tmp/fonts.conf"
	set -- env "FONTCONFIG_FILE=$tmp/fonts.conf" soffice "-env:UserInstallation=file://$tmp/lo-same-profile" --headless --convert-to pdf --outdir "$tmp/lo-same"
	lo_same="$*"
	# Warm-up: creates the private profiles (and the font cache).
	mkdir -p "$tmp/lo" "$tmp/lo-same" "$tmp/docx"
	"$gr" convert -q -t docx -o "$tmp/docx" testdata/seeds/000_*.txt
	$lo "$tmp/docx/"000_*.docx >/dev/null 2>&1 || have_lo=0
	$lo_same "$tmp/docx/"000_*.docx >/dev/null 2>&1 || have_lo=0
else
	echo "compare.sh: soffice not installed; LibreOffice columns skipped" >&2
fi

echo "## convert -t pdf, one process per report ($(date -u +%Y-%m-%d), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg))"
echo
if [ "$have_lo" = 1 ]; then
	echo "| seed | govreport CPU ms | LibreOffice CPU ms | CPU ratio | govreport peak MiB | LibreOffice peak MiB | govreport PDF KB | LibreOffice PDF KB | size ratio | LibreOffice PDF KB, system fonts |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
else
	echo "| seed | govreport CPU ms | govreport peak MiB | govreport PDF KB |"
	echo "|---|---:|---:|---:|"
fi
mkdir -p "$tmp/pdf"
for seed in testdata/seeds/*.txt; do
	name=$(basename "$seed" .txt)
	set -- $(measure "$RUNS" "$gr" convert -q -t pdf -o "$tmp/pdf" "$seed")
	g_cpu=$1 g_mem=$2
	g_size=$(size "$tmp/pdf/$name.pdf")
	if [ "$have_lo" = 1 ]; then
		"$gr" convert -q -t docx -o "$tmp/docx" "$seed"
		set -- $(median3 $lo_same "$tmp/docx/$name.docx")
		l_cpu=$1 l_mem=$2
		l_size=$(size "$tmp/lo-same/$name.pdf")
		$lo "$tmp/docx/$name.docx" >/dev/null 2>&1
		l_sys=$(size "$tmp/lo/$name.pdf")
		awk -v s="$name" -v gc="$g_cpu" -v lc="$l_cpu" -v gm="$g_mem" -v lm="$l_mem" -v gs="$g_size" -v ls="$l_size" -v ly="$l_sys" 'BEGIN {
			printf "| %s | %.1f | %.0f | %.0f× | %.0f | %.0f | %.0f | %.0f | %.2f | %.0f |\n", s, gc * 1000, lc * 1000, lc / gc, gm / 1024, lm / 1024, gs / 1000, ls / 1000, gs / ls, ly / 1000 }'
	else
		awk -v s="$name" -v gc="$g_cpu" -v gm="$g_mem" -v gs="$g_size" 'BEGIN {
			printf "| %s | %.1f | %.0f | %.0f |\n", s, gc * 1000, gm / 1024, gs / 1000 }'
	fi
done

if [ "$have_lo" = 1 ] && command -v pdffonts >/dev/null 2>&1; then
	echo
	printf 'Faces LibreOffice embedded (pdffonts, all seeds): with govreport'"'"'s faces: '
	for f in "$tmp/lo-same/"*.pdf; do pdffonts "$f" | awk 'NR > 2 && $(NF-4) == "yes" { sub(/^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/, "", $1); print $1 }'; done | sort -u | tr '\n' ' '
	printf '; with the system'"'"'s fonts: '
	for f in "$tmp/lo/"*.pdf; do pdffonts "$f" | awk 'NR > 2 && $(NF-4) == "yes" { sub(/^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/, "", $1); print $1 }'; done | sort -u | tr '\n' ' '
	echo
fi

echo
echo "## summary of N generated reports, one process"
echo
echo "| reports | CPU s | peak MiB | workbook MiB |"
echo "|---:|---:|---:|---:|"
for n in $SUMMARY; do
	in="$tmp/sum-$n"
	mkdir -p "$in"
	# The same inputs as the Go benchmarks (cmd/govreport genInputs).
	awk -v n="$n" -v dir="$in" '
		FNR == 1 { k++ }
		{ seed[k] = seed[k] $0 "\n" }
		END {
			for (i = 0; i < n; i++) {
				sub_ = sprintf("%s/%03d", dir, int(i / 1000))
				if (i % 1000 == 0) system("mkdir -p " sub_)
				f = sprintf("%s/r%05d.txt", sub_, i)
				printf "%d年测试县第%d局政府信息公开工作年度报告\n%s", 2019 + i % 3, int(i / 3), seed[i % k + 1] > f
				close(f)
			}
		}' testdata/seeds/*.txt
	set -- $(measure 1 "$gr" summary -q -o "$tmp/sum-$n.xlsx" "$in")
	awk -v n="$n" -v c="$1" -v m="$2" -v s="$(size "$tmp/sum-$n.xlsx")" 'BEGIN {
		printf "| %d | %.2f | %.0f | %.1f |\n", n, c, m / 1024, s / 1048576 }'
	rm -rf "$in"
done
