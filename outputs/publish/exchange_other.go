//go:build !linux

package publish

import "syscall"

func renameExchange(a, b string) error { return syscall.ENOSYS }
