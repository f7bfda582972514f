//go:build !unix

package cli

import "time"

// processCPU is unknown on this system.
func processCPU() time.Duration { return 0 }
