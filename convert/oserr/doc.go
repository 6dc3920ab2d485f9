// Package oserr turns operating-system and file-system errors into the
// Simplified-Chinese phrases govreport shows to people. It sits under every
// step that touches the file system (reading inputs in convert, walking
// folders in batch, writing outputs and spool files, font files), so that an
// English "permission denied" or "too many levels of symbolic links" never
// reaches a user: errors are classified by kind (errors.Is on the fs and
// syscall sentinels), not by their English text.
package oserr
