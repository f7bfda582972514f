package cli

import "errors"

func runTrain(e *env, args []string) error {
	fs := newFlags(e, "train", "", "Not available yet.")
	if err := parse(fs, args); err != nil {
		return err
	}
	return errors.New("train: not available in this build yet")
}
