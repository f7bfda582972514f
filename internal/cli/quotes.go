package cli

import "errors"

func runQuotes(e *env, args []string) error {
	fs := newFlags(e, "quotes", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("quotes: not available in this build yet")
}
