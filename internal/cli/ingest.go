package cli

import "errors"

func runIngest(e *env, args []string) error {
	fs := newFlags(e, "ingest", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("ingest: not available in this build yet")
}
