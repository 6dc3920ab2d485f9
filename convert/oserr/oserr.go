package oserr

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"
)

// Message returns a short Chinese description of err's kind, without the
// file name (callers put the name in front). Errors of no known kind get a
// generic phrase rather than their English text.
func Message(err error) string {
	var errno syscall.Errno
	switch {
	case err == nil:
		return ""
	case errors.Is(err, fs.ErrNotExist):
		return "文件或文件夹不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有访问权限"
	case errors.Is(err, fs.ErrExist):
		return "文件已存在"
	case errors.Is(err, filepath.ErrBadPattern):
		return "通配符格式错误"
	case errors.As(err, &errno):
		if m, ok := errnoMessages[errno]; ok {
			return m
		}
		return fmt.Sprintf("系统错误（错误号 %d）", int(errno))
	case errors.Is(err, fs.ErrClosed):
		return "文件已关闭"
	}
	return "文件系统操作失败"
}

// errnoMessages are the kinds a user can meet reading reports and writing
// outputs. Only portable Errno names are used (they exist on every GOOS).
var errnoMessages = map[syscall.Errno]string{
	syscall.ELOOP:        "符号链接层数过多（可能是循环链接）",
	syscall.EISDIR:       "是一个文件夹，不是文件",
	syscall.ENOTDIR:      "路径中有一部分不是文件夹",
	syscall.ENAMETOOLONG: "文件名过长",
	syscall.ENOSPC:       "磁盘空间不足",
	syscall.EROFS:        "文件系统为只读",
	syscall.EMFILE:       "打开的文件过多",
	syscall.ENFILE:       "打开的文件过多",
	syscall.EIO:          "读写设备出错",
	syscall.EXDEV:        "不能跨文件系统改名",
	syscall.ENOTEMPTY:    "文件夹不为空",
	syscall.EBUSY:        "文件正被占用",
	syscall.ETXTBSY:      "文件正被占用",
	syscall.EFBIG:        "文件过大",
	syscall.EINVAL:       "参数无效",
	syscall.ENXIO:        "设备不存在或未就绪",
	syscall.ENODEV:       "设备不存在",
	syscall.EAGAIN:       "资源暂时不可用",
	syscall.EINTR:        "操作被中断",
	syscall.EACCES:       "没有访问权限",
	syscall.EPERM:        "操作不被允许",
	syscall.EEXIST:       "文件已存在",
	syscall.ENOENT:       "文件或文件夹不存在",
}

// Error is a file-system failure on one path, in Chinese: "path：action失败：why".
// It wraps the original error, so errors.Is still works.
type Error struct {
	Path   string // the file or folder concerned
	Action string // what was being done, e.g. "无法打开", "无法写入"
	Err    error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s：%s（%s）", e.Path, e.Action, Message(e.Err))
}

func (e *Error) Unwrap() error { return e.Err }

// Wrap returns err as an *Error on path, or nil when err is nil.
func Wrap(path, action string, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Path: path, Action: action, Err: err}
}
