package convert

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/oserr"
)

// ReadFile reads and checks the report in the file at path. Only regular
// files (or symbolic links to them) are read: a named pipe, device or
// socket is refused without being opened for a blocking read, since
// reading one can hang forever or never end.
func ReadFile(path string, o ReadOptions) (*model.Report, error) {
	if o.Name == "" {
		o.Name = path
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &model.ParseError{File: path, Msg: "文件不存在"}
	}
	if err != nil {
		return nil, &model.ParseError{File: path, Msg: "无法打开（" + oserr.Message(err) + "）"}
	}
	if msg := NotRegular(fi); msg != "" {
		return nil, &model.ParseError{File: path, Msg: msg}
	}
	if fi.Size() > input.MaxSize {
		return nil, &model.ParseError{File: path, Msg: fmt.Sprintf("文件过大（%d 字节），不像是一份年度报告", fi.Size())}
	}
	f, err := OpenRegular(path)
	if err != nil {
		var oe *oserr.Error
		if errors.As(err, &oe) {
			return nil, &model.ParseError{File: path, Msg: oe.Action + "（" + oserr.Message(oe.Err) + "）"}
		}
		return nil, &model.ParseError{File: path, Msg: strings.TrimPrefix(err.Error(), path+"：")}
	}
	defer f.Close()
	rep, err := readSized(f, fi.Size(), o)
	var pe *model.ParseError
	if errors.As(err, &pe) && pe.File == o.Name {
		// Messages name the file as the user gave it, whatever name the
		// model records.
		pe.File = path
	}
	return rep, err
}

// OpenRegular opens path for reading if it is a regular file (or a link to
// one). It never blocks: O_NONBLOCK makes opening a named pipe return at
// once, and the kind is checked on the open file, so a file swapped for a
// pipe after a Stat is refused too. Errors name the file, in Chinese.
func OpenRegular(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, oserr.Wrap(path, "无法打开", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, oserr.Wrap(path, "无法打开", err)
	}
	if msg := NotRegular(fi); msg != "" {
		f.Close()
		return nil, fmt.Errorf("%s：%s", path, msg)
	}
	return f, nil
}

// NotRegular returns why a file of this kind is not read ("" for a
// regular file).
func NotRegular(fi fs.FileInfo) string {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "这是一个文件夹，不是文件"
	case m&fs.ModeNamedPipe != 0:
		return "是命名管道（FIFO），不是普通文件，已跳过"
	case m&fs.ModeSocket != 0:
		return "是套接字，不是普通文件，已跳过"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "是设备文件，不是普通文件，已跳过"
	}
	return "不是普通文件，已跳过"
}

// ErrInterrupted is returned by AtomicWrite once Interrupt was called.
var ErrInterrupted = errors.New("已中断")

// pending tracks the temporary files (and the folders made for them) of
// the writes in progress, so that an interrupt can remove them.
var pending = struct {
	sync.Mutex
	stopped bool
	files   map[string][]string // temporary file → folders made for it
}{files: map[string][]string{}}

// Interrupt removes the temporary files of every AtomicWrite in progress
// (and the folders made for them, when empty)
// and makes all further AtomicWrite calls (and the renames of writes in
// progress) fail with ErrInterrupted, so that after it returns no new
// output appears and no temporary file is left. Called on SIGINT/SIGTERM.
func Interrupt() {
	pending.Lock()
	defer pending.Unlock()
	pending.stopped = true
	for p, made := range pending.files {
		os.Remove(p)
		removeMade(made)
		delete(pending.files, p)
	}
}

// WriteFile writes r in format f to path atomically: into a temporary file
// in the same folder, renamed over path only when complete.
func WriteFile(path string, f Format, r *model.Report, o WriteOptions) error {
	return AtomicWrite(path, func(w io.Writer) error { return f.Write(w, r, o) })
}

// CheckOutput tells, before anything is rendered, why path cannot be
// written: it is a folder, or its folder is a file or not writable. It
// creates nothing. nil means a write may succeed.
func CheckOutput(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s：输出路径是一个已有的文件夹，无法写成文件", path)
	}
	dir := filepath.Dir(path)
	for {
		fi, err := os.Stat(dir)
		if err == nil {
			if !fi.IsDir() {
				return fmt.Errorf("%s：%s 不是文件夹，无法在其中写出", path, dir)
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return oserr.Wrap(dir, "无法访问输出文件夹", err)
		}
		up := filepath.Dir(dir)
		if up == dir {
			break
		}
		dir = up
	}
	// The nearest existing folder must take new files: probe it.
	f, err := os.CreateTemp(dir, ".gr-probe-*")
	if err != nil {
		return oserr.Wrap(dir, "输出文件夹无法写入", err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// AtomicWrite creates path through a temporary file in the same folder; on
// any error the temporary file (and any folder made for it) is removed and
// path is left as it was. The temporary name is short (".gr-" and a
// random number), so that any name the file system allows for path works.
func AtomicWrite(path string, write func(io.Writer) error) (err error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s：输出路径是一个已有的文件夹，无法写成文件", path)
	}
	dir := filepath.Dir(path)
	var made []string
	defer func() {
		if err != nil {
			removeMade(made)
		}
	}()
	var tmp *os.File
	for attempt := 0; ; attempt++ {
		m, err := mkdirAll(dir)
		made = append(made, m...)
		if err != nil {
			return oserr.Wrap(dir, "无法创建输出文件夹", err)
		}
		pending.Lock()
		if pending.stopped {
			pending.Unlock()
			return fmt.Errorf("%s：%w，未写出", path, ErrInterrupted)
		}
		tmp, err = os.CreateTemp(dir, ".gr-*.tmp")
		if err == nil {
			break
		}
		pending.Unlock()
		// A failed write of another worker may have just removed the
		// (then empty) folder it made: make it again, once.
		if !errors.Is(err, fs.ErrNotExist) || attempt > 0 {
			return oserr.Wrap(path, "无法写入", err)
		}
	}
	pending.files[tmp.Name()] = made
	pending.Unlock()
	defer func() {
		if err != nil {
			tmp.Close()
			pending.Lock()
			delete(pending.files, tmp.Name())
			os.Remove(tmp.Name())
			pending.Unlock()
		}
	}()
	if err = write(tmp); err != nil {
		var oe *oserr.Error
		if errors.As(err, &oe) || !isOSError(err) {
			return fmt.Errorf("写入 %s 失败：%w", path, err)
		}
		return oserr.Wrap(path, "写入失败", err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return oserr.Wrap(path, "写入失败", err)
	}
	if err = tmp.Close(); err != nil {
		return oserr.Wrap(path, "写入失败", err)
	}
	pending.Lock()
	defer pending.Unlock()
	if pending.stopped {
		return fmt.Errorf("%s：%w，未写出", path, ErrInterrupted)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return oserr.Wrap(path, "无法生成", err)
	}
	delete(pending.files, tmp.Name())
	return nil
}

// isOSError reports whether err comes from the file system (and so needs
// its English text replaced).
func isOSError(err error) bool {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var errno syscall.Errno
	return errors.As(err, &pe) || errors.As(err, &le) || errors.As(err, &se) || errors.As(err, &errno)
}

// mkdirAll is os.MkdirAll that returns the folders it created, deepest
// last, so that a failed write can take them away again.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; {
		fi, err := os.Stat(d)
		if err == nil {
			if !fi.IsDir() {
				return nil, &fs.PathError{Op: "mkdir", Path: d, Err: syscall.ENOTDIR}
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		up := filepath.Dir(d)
		if up == d {
			break
		}
		d = up
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			removeMade(made)
			return nil, err
		} else if err == nil {
			made = append(made, missing[i])
		}
	}
	return made, nil
}

// removeMade removes the folders mkdirAll made, deepest first, where they
// are still empty (another output may have landed in them meanwhile).
func removeMade(made []string) {
	for i := len(made) - 1; i >= 0; i-- {
		os.Remove(made[i])
	}
}

// Timestamps outside these bounds cannot be stored by the formats written:
// zip entries (xlsx, docx) start in 1980, and four-digit years end in 9999.
var (
	minTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
)

// DefaultTime returns the timestamp outputs carry: SOURCE_DATE_EPOCH when
// set (reproducible builds convention; seconds since 1970, between
// 1980-01-01 and 9999-12-31), else 2000-01-01 UTC.
func DefaultTime(getenv func(string) string) (time.Time, error) {
	if v := getenv("SOURCE_DATE_EPOCH"); v != "" {
		var n int64
		_, err := fmt.Sscan(v, &n)
		if err != nil || fmt.Sprint(n) != v {
			return time.Time{}, fmt.Errorf("环境变量 SOURCE_DATE_EPOCH 应为整数秒数（自 1970-01-01 UTC 起），而不是 %q", v)
		}
		if n < minTime.Unix() || n > maxTime.Unix() {
			return time.Time{}, fmt.Errorf("环境变量 SOURCE_DATE_EPOCH=%s 超出可用范围：应在 %d（1980-01-01）到 %d（9999-12-31）之间", v, minTime.Unix(), maxTime.Unix())
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
}

// resumeWrites undoes Interrupt (tests of this package only).
func resumeWrites() {
	pending.Lock()
	pending.stopped = false
	pending.Unlock()
}
