package ingest

import (
	"fmt"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// readMarkup reads HTML, RSS/Atom and WARC inputs.
func readMarkup(name string, data []byte) ([]*doc.Document, ErrorList) {
	return nil, ErrorList{{Path: name, Err: fmt.Errorf("format %s: reader not available in this build", Sniff(name, data))}}
}
