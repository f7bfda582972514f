package cli

import "errors"

func runServe(e *env, args []string) error {
	fs := newFlags(e, "serve", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("serve: not available in this build yet")
}
