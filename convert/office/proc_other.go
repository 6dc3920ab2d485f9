//go:build !unix

package office

import "os/exec"

// setGroup has no process groups to set up outside Unix.
func setGroup(*exec.Cmd) {}

// killGroup kills the command; outside Unix its children are not reached.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
