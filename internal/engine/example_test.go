package engine_test

import (
	"context"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/doc"
	"github.com/newsgraph/newsgraph/internal/engine"
	"github.com/newsgraph/newsgraph/internal/ingest"
)

// Analysing one article held in memory: read it (the first line is a
// "date" header), run every stage, and walk the layers. Every annotation
// is a span into the immutable text.
func Example() {
	eng, err := engine.New(engine.Options{})
	if err != nil {
		panic(err)
	}
	text := "date 2024-03-04\n« Nous irons jusqu’au bout », a déclaré lundi Emmanuel Macron à Paris.\n"
	d, err := ingest.ParseText("article.txt", text)
	if err != nil {
		panic(err)
	}
	if err := eng.Analyze(context.Background(), d); err != nil {
		panic(err)
	}
	fmt.Println("published:", d.Published, "lang:", d.Lang)
	for _, q := range d.Quotes {
		fmt.Printf("%s quote by %s: %s\n", q.Kind, q.Speaker.Name, d.Slice(q.Span))
	}
	for _, t := range d.Times {
		fmt.Printf("time %q = %s\n", d.Slice(t.Span), t.Value)
	}
	w := doc.ToWire(d) // the JSON form, with code-point spans
	fmt.Println("entities:", len(w.Entities) > 0)
	// Output:
	// published: 2024-03-04 lang: fr
	// direct quote by Emmanuel Macron: Nous irons jusqu’au bout
	// time "lundi" = 2024-03-04
	// entities: true
}
