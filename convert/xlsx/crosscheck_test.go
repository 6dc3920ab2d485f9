package xlsx

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/govreport/govreport/convert/model"
)

// Every workbook a test reads through the fast path is read again through
// excelize; a difference panics.
var (
	crossMu   sync.Mutex
	crossFast int
	crossSlow = map[int]int{}
)

func init() {
	fastGaveUp = func(why int) {
		crossMu.Lock()
		crossSlow[why]++
		crossMu.Unlock()
	}
	crossCheck = func(b []byte, fast *model.Report, fastErr error, slow *model.Report, slowErr error) {
		fj, _ := json.Marshal(fast)
		sj, _ := json.Marshal(slow)
		fe, se := fmt.Sprint(fastErr), fmt.Sprint(slowErr)
		crossMu.Lock()
		defer crossMu.Unlock()
		crossFast++
		if string(fj) != string(sj) || fe != se {
			// A panic fails the test run, and a fuzz run keeps the input.
			name := fmt.Sprintf("%s/crosscheck-%d.xlsx", os.TempDir(), os.Getpid())
			_ = os.WriteFile(name, b, 0o644)
			panic(fmt.Sprintf("fast and excelize readers differ on %s:\n fast %s %s\n slow %s %s", name, fe, fj, se, sj))
		}
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		crossCheck = nil // benchmarks measure the fast path alone
	}
	code := m.Run()
	if testing.Verbose() {
		fmt.Printf("cross-checked %d workbooks read by the fast path; excelize read others (why: count) %v\n", crossFast, crossSlow)
	}
	os.Exit(code)
}
