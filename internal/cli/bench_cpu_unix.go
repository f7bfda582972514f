//go:build unix

package cli

import (
	"syscall"
	"time"
)

// processCPU returns the user and system CPU time used by the process so
// far, or 0 when unknown.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
