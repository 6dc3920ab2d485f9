package oserr

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var latin = regexp.MustCompile(`[A-Za-z]{3,}`)

// TestMessagesAreChinese provokes the OS errors a user meets and checks
// that the message names the file and carries no English.
func TestMessagesAreChinese(t *testing.T) {
	dir := t.TempDir()
	loop := filepath.Join(dir, "loop")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip("no symlinks:", err)
	}
	exists := filepath.Join(dir, "x")
	os.WriteFile(exists, nil, 0o644)
	_, errLoop := os.Open(loop)
	_, errMissing := os.Open(filepath.Join(dir, "missing"))
	errExist := os.Mkdir(exists, 0o755)
	_, errBad := filepath.Glob("[")
	errIsDir := os.WriteFile(dir, nil, 0o644)
	for _, c := range []struct {
		err  error
		want string
	}{
		{errLoop, "符号链接"}, {errMissing, "不存在"}, {errExist, "已存在"}, {errBad, "通配符"}, {errIsDir, "文件夹"},
	} {
		if c.err == nil {
			t.Fatalf("expected an error for %q", c.want)
		}
		msg := Wrap("报告.txt", "无法打开", c.err).Error()
		if !strings.Contains(msg, c.want) || !strings.HasPrefix(msg, "报告.txt：") || latin.MatchString(strings.TrimPrefix(msg, "报告.txt")) {
			t.Errorf("%v → %q, want Chinese with %q", c.err, msg, c.want)
		}
		if !errors.Is(Wrap("a", "b", c.err), c.err) {
			t.Errorf("Wrap loses the original error %v", c.err)
		}
	}
	if Wrap("a", "b", nil) != nil {
		t.Error("Wrap(nil) != nil")
	}
}
