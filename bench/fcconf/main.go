// Command fcconf prints a fontconfig configuration under which LibreOffice
// draws a govreport docx with the typefaces govreport's own PDF embeds: it
// adds the shipped fonts (the fonts directory of this repository) and maps
// the family names the docx asks for (fonts.OfficeName, and the
// alternatives fonts.OfficeAltName where no other role claims them) to the
// shipped families. bench/compare.sh uses it for its "same faces" run.
//
//	go run ./bench/fcconf FONTDIR CACHEDIR > fonts.conf
package main

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"

	"github.com/govreport/govreport/fonts"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: fcconf FONTDIR CACHEDIR")
		os.Exit(2)
	}
	esc := func(s string) string {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
		return b.String()
	}
	fmt.Println(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>`)
	fmt.Printf("  <dir>%s</dir>\n  <cachedir>%s</cachedir>\n", esc(os.Args[1]), esc(os.Args[2]))
	target := map[string]string{} // name the docx asks for → shipped family
	var names []string
	for _, pass := range []func(fonts.Role) string{fonts.OfficeName, fonts.OfficeAltName} {
		for _, r := range fonts.Roles() {
			if n := pass(r); n != "" && target[n] == "" && fonts.FamilyName(r) != "" {
				target[n] = fonts.FamilyName(r)
				names = append(names, n)
			}
		}
	}
	for _, n := range names {
		fmt.Printf(`  <match target="pattern"><test name="family"><string>%s</string></test>`+
			`<edit name="family" mode="assign" binding="strong"><string>%s</string></edit></match>`+"\n", esc(n), esc(target[n]))
	}
	fmt.Println("</fontconfig>")
}
