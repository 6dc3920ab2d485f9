package convert_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/govreport/govreport/convert"
)

// Read a report shipped in the repository, look at one cell, and write it
// out as JSON.
func Example() {
	rep, err := convert.ReadFile("../testdata/seeds/002_b0e573aacea97adf.txt", convert.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := rep.Cell("t3.new.natural")
	fmt.Println(rep.Meta.Edition, c.Raw, c.Line)

	json, _ := convert.Lookup("json")
	out := filepath.Join(os.TempDir(), "govreport-example.json")
	defer os.Remove(out)
	if err := convert.WriteFile(out, json, rep, convert.WriteOptions{}); err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(convert.Failed(rep)) > 0)
	// Output:
	// 2019 2 92
	// true
}

// The reader registry: which reader takes an input is decided by content.
func ExampleReaderFor() {
	fmt.Println(convert.ReaderFor([]byte("<html><body><p>一、总体情况</p>")).Name)
	fmt.Println(convert.ReaderFor([]byte("%PDF-1.7\n")).Name)
	fmt.Println(convert.ReaderFor([]byte("一、总体情况\n")).Name)
	// Output:
	// html
	// pdf
	// text
}
