package cli

import "errors"

func runSearch(e *env, args []string) error {
	fs := newFlags(e, "search", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("search: not available in this build yet")
}
