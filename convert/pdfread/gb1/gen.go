//go:build ignore

// gen.go regenerates adobe-gb1.bin.gz, the Adobe-GB1 CID → Unicode table,
// by inverting Adobe's UniGB-UTF32-H CMap (BSD-3-Clause, see LICENSE).
// The CMap ships in Debian's poppler-data package:
//
//	apt-get download poppler-data && dpkg-deb -x poppler-data_*.deb /tmp/pd
//	go run gen.go /tmp/pd/usr/share/poppler/cMap/Adobe-GB1/UniGB-UTF32-H
//
// Output format: gzip of little-endian uint32 code points, one per CID from
// CID 0; 0 = no mapping. When several code points map to one CID the
// preferred one is kept: a unified ideograph or ordinary character before a
// compatibility ideograph or radical, then the smallest.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"os"
	"strconv"
	"strings"
)

func rank(r uint32) int {
	switch {
	case r >= 0x2E80 && r <= 0x2FDF, r >= 0xF900 && r <= 0xFAFF, r >= 0x2F800 && r <= 0x2FA1F:
		return 1
	}
	return 0
}

func better(a, b uint32) bool { // is a preferred over b?
	if b == 0 {
		return true
	}
	if rank(a) != rank(b) {
		return rank(a) < rank(b)
	}
	return a < b
}

func hex(s string) uint32 {
	v, err := strconv.ParseUint(strings.Trim(s, "<>"), 16, 32)
	if err != nil {
		panic(err)
	}
	return uint32(v)
}

func main() {
	in, err := os.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	table := map[uint32]uint32{}
	max := uint32(0)
	set := func(cid, u uint32) {
		if better(u, table[cid]) {
			table[cid] = u
		}
		if cid > max {
			max = cid
		}
	}
	mode := ""
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		switch {
		case strings.HasSuffix(f[len(f)-1], "begincidrange"):
			mode = "range"
			continue
		case strings.HasSuffix(f[len(f)-1], "begincidchar"):
			mode = "char"
			continue
		case strings.HasPrefix(f[0], "end"):
			mode = ""
			continue
		}
		switch {
		case mode == "range" && len(f) == 3:
			lo, hi := hex(f[0]), hex(f[1])
			cid, _ := strconv.Atoi(f[2])
			for u := lo; u <= hi; u++ {
				set(uint32(cid)+u-lo, u)
			}
		case mode == "char" && len(f) == 2:
			cid, _ := strconv.Atoi(f[1])
			set(uint32(cid), hex(f[0]))
		}
	}
	out, err := os.Create("adobe-gb1.bin.gz")
	if err != nil {
		panic(err)
	}
	zw, _ := gzip.NewWriterLevel(out, gzip.BestCompression)
	buf := make([]byte, 4*(max+1))
	for cid, u := range table {
		binary.LittleEndian.PutUint32(buf[4*cid:], u)
	}
	zw.Write(buf)
	zw.Close()
	out.Close()
	fmt.Println("CIDs:", max+1, "mapped:", len(table))
}
