package cli

import "errors"

func runBench(e *env, args []string) error {
	fs := newFlags(e, "bench", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("bench: not available in this build yet")
}
