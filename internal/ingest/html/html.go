// Package html reads web pages: it extracts the main text of an article
// page with go-trafilatura and its metadata (title, canonical URL,
// publication date, site name, language), and converts HTML fragments (the
// content of feed items) to plain text.
//
// # What Document.Text is
//
// Text is the page title, a blank line, then the extracted main text with
// one paragraph per block element (p, h1–h6, li, blockquote, table row…),
// paragraphs separated by a blank line. The title is part of the text so
// that headlines can be analysed (spans must point into Text); it is left
// out when the main text already begins with it. Body covers the whole
// Text. Inline markup is dropped, runs of white space inside a paragraph
// become one space, entities are decoded and the text is in Unicode NFC.
// (trafilatura turns no-break spaces of the main text into plain spaces;
// FragmentText keeps them.) Navigation, comments and other
// page chrome that trafilatura leaves out are not in Text at all; later
// stages (clean) may still mark remaining boilerplate as removed.
//
// Title, URL, Outlet (site name), Lang (from the page, with LangSource
// "header") and Published (day precision, from the page's metadata:
// meta tags, JSON-LD, time elements, URL) are recorded on the document.
//
// # Logging
//
// go-trafilatura and go-htmldate create package-global zerolog loggers in
// init() that write to os.Stderr (see architecture.md, practice 9). They
// only write when Options.EnableLog is set, and go-htmldate changes its
// global logger's level when it is, so this package never sets it: the
// global loggers stay silent and untouched, and no global state is
// configured from here.
//
// The package imports only doc among newsgraph packages; it is safe for
// concurrent use.
package html

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/doc"
)

// Errors callers may test with errors.Is.
var (
	// ErrNoContent means no main text could be extracted from the page.
	ErrNoContent = errors.New("no main text found in the HTML page")
	// ErrParse means the page could not be parsed or decoded.
	ErrParse = errors.New("cannot parse HTML")
)

// Options control Read.
type Options struct {
	// URL is where the page was fetched from (a WARC record's target URI);
	// the page's canonical URL wins when it has one.
	URL string
	// ContentType is the HTTP Content-Type, used to find the charset when
	// the page is not UTF-8.
	ContentType string
	// Published is used when the page carries no date of its own (a WARC
	// record's date is the crawl date, so WARC callers leave it unset).
	Published doc.Date
	// Fallback also runs go-readability and go-domdistiller and keeps the
	// best extraction: better recall, about twice as slow.
	Fallback bool
}

// Read extracts the main text and metadata of the HTML page data and
// returns it as a document named name.
func Read(name string, data []byte, opt Options) (*doc.Document, error) {
	root, err := parse(data, opt.ContentType)
	if err != nil {
		return nil, err
	}
	topt := trafilatura.Options{
		ExcludeComments: true,
		EnableFallback:  opt.Fallback,
		HtmlDateMode:    trafilatura.Fast,
		// EnableLog stays false: see the package documentation.
	}
	if opt.URL != "" {
		if u, err := url.Parse(opt.URL); err == nil && u.Scheme != "" {
			topt.OriginalURL = u
		}
	}
	res, err := extract(root, topt)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoContent, err)
	}
	body := blocksText(res.ContentNode)
	if strings.TrimSpace(body) == "" {
		return nil, ErrNoContent
	}
	meta := res.Metadata
	title := collapse(meta.Title)
	text := body
	if title != "" && !strings.HasPrefix(body, title) {
		text = title + "\n\n" + body
	}
	text = norm.NFC.String(text)
	d := &doc.Document{
		ID:     doc.HashID(text),
		Source: name,
		Text:   text,
		Body:   doc.Span{Start: 0, End: len(text)},
		Title:  norm.NFC.String(title),
		URL:    firstNonEmpty(meta.URL, opt.URL),
		Outlet: collapse(meta.Sitename),
	}
	if !meta.Date.IsZero() {
		d.Published = dateOf(meta.Date)
	} else {
		d.Published = opt.Published
	}
	if l := pageLang(root); l != "" {
		d.Lang, d.LangSource, d.LangConfidence = l, "header", 1
	}
	return d, nil
}

// extract runs trafilatura and turns a panic in it into an error: the
// library is large and its input is untrusted.
func extract(root *html.Node, opt trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor failed: %v", r)
		}
	}()
	return trafilatura.ExtractDocument(root, opt)
}

// parse decodes data to UTF-8 (it is kept as is when valid UTF-8;
// otherwise the BOM, the Content-Type or a meta charset decide, falling
// back on Windows-1252) and parses it.
func parse(data []byte, contentType string) (*html.Node, error) {
	var src []byte
	if utf8.Valid(data) {
		src = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	} else {
		enc, _, _ := charset.DetermineEncoding(data, contentType)
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrParse, err)
		}
		src = out
	}
	root, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrParse, err)
	}
	return root, nil
}

// pageLang returns the primary language of <html lang="…">, lowercased,
// or "".
func pageLang(root *html.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for _, a := range n.Attr {
				if strings.EqualFold(a.Key, "lang") || strings.EqualFold(a.Key, "xml:lang") {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if v == "" || len(v) > 35 || strings.ContainsAny(v, " \t<>\"") {
						return ""
					}
					return strings.ReplaceAll(v, "_", "-")
				}
			}
		}
	}
	return ""
}

func dateOf(t time.Time) doc.Date {
	return doc.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: doc.PrecDay}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// FragmentText converts an HTML fragment (a feed item's content) to plain
// text with the same paragraph layout as Read. Text without markup comes
// back with its white space tidied.
func FragmentText(fragment string) string {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return collapse(fragment)
	}
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return norm.NFC.String(blocksText(root))
}

// block lists the elements that start a new paragraph.
var block = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Pre: true, atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Figure: true, atom.Figcaption: true, atom.Br: true, atom.Hr: true, atom.Address: true,
	atom.Main: true, atom.Summary: true, atom.Details: true, atom.Caption: true, atom.Center: true,
}

// skipped elements carry no article text.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Head: true, atom.Select: true,
	atom.Button: true, atom.Canvas: true, atom.Video: true, atom.Audio: true,
}

// blocksText renders n as paragraphs separated by blank lines.
func blocksText(n *html.Node) string {
	var w textWriter
	w.walk(n)
	w.flush()
	return w.out.String()
}

type textWriter struct {
	out  strings.Builder
	para strings.Builder
}

func (w *textWriter) walk(n *html.Node) {
	if n == nil {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.para.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		// trafilatura renames some tags (lb, head, item…); treat its
		// names like their HTML counterparts.
		isBlock := block[n.DataAtom] || n.Data == "lb" || n.Data == "head" || n.Data == "item" || n.Data == "list" || n.Data == "quote" || n.Data == "row"
		if isBlock {
			w.flush()
		}
		if n.DataAtom == atom.Td || n.DataAtom == atom.Th || n.Data == "cell" {
			w.para.WriteByte('\t')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		if isBlock {
			w.flush()
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// flush ends the current paragraph.
func (w *textWriter) flush() {
	p := collapse(w.para.String())
	w.para.Reset()
	if p == "" {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	w.out.WriteString(p)
}

// collapse turns runs of ASCII white space (and other Unicode line or
// paragraph separators) into one space and trims the ends; no-break and
// thin spaces are typography and are kept.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', 0x2028, 0x2029, 0x85:
			space = true
			continue
		case 0:
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
