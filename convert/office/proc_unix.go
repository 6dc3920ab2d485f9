//go:build unix

package office

import (
	"os/exec"
	"syscall"
)

// setGroup starts the command in a process group of its own, so that
// killGroup reaches soffice.bin and every helper it starts.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// killGroup kills the command's process group; it is harmless when the
// group has already exited.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
