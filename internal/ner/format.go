package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// File format (version 1): the 8-byte magic "NGNER\x00\x01\n" followed by
// a gzip stream of:
//
//	string lang, string info
//	uvarint label count, labels (must equal the internal BILOU labels)
//	float32 weight scale (little endian)
//	uvarint gazetteer count, then per name: type byte (index in Types), string
//	uvarint case lexicon count, then per word: class byte, string
//	uvarint cluster count, then per word: uvarint cluster path, string
//	uvarint feature count, uvarint hot feature count, feature hashes as
//	uvarint deltas (the hot ones, then the others, each run sorted),
//	then count × 17 weights (one per label) as zig-zag varints
//	the 4 bytes "END\n"
//
// Strings are a uvarint length and UTF-8 bytes. Any inconsistency is an
// error wrapping ErrFormat.
const magic = "NGNER\x00\x01\n"

// ErrFormat is wrapped by the errors Load returns for input that is not a
// valid model file.
var ErrFormat = errors.New("ner: invalid model file")

// maxModelBytes bounds the decompressed size of a model.
const maxModelBytes = 1 << 30

// Save writes the model in the compressed file format.
func (m *Model) Save(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(magic); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(bw, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriterSize(zw, 1<<16)}
	e.str(m.lang)
	e.str(m.info)
	e.uvarint(uint64(len(internalLabels)))
	for _, l := range internalLabels {
		e.str(l)
	}
	e.bytes(binary.LittleEndian.AppendUint32(nil, math.Float32bits(m.scale)))
	e.uvarint(uint64(len(m.lex.gaz)))
	for _, g := range m.lex.gaz {
		e.bytes([]byte{byte(typeIndex(g.Type))})
		e.str(g.Name)
	}
	e.uvarint(uint64(len(m.lex.words)))
	for _, w := range m.lex.words {
		e.bytes([]byte{byte(w.value)})
		e.str(w.word)
	}
	e.uvarint(uint64(len(m.lex.clusters)))
	for _, w := range m.lex.clusters {
		e.uvarint(w.value)
		e.str(w.word)
	}
	// Hot features, then the others, each in hash order.
	e.uvarint(uint64(len(m.keys)))
	e.uvarint(uint64(m.hot))
	var prev uint64
	for i, k := range m.keys {
		if i == m.hot {
			prev = 0
		}
		e.uvarint(k - prev)
		prev = k
	}
	for _, v := range m.weights {
		e.varint(int64(v))
	}
	e.bytes([]byte("END\n"))
	if e.err != nil {
		return e.err
	}
	if err := e.w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

type encoder struct {
	w   *bufio.Writer
	err error
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) bytes(b []byte) {
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

func (e *encoder) uvarint(v uint64) { e.bytes(e.buf[:binary.PutUvarint(e.buf[:], v)]) }
func (e *encoder) varint(v int64)   { e.bytes(e.buf[:binary.PutVarint(e.buf[:], v)]) }
func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// Load reads a model written by Save. A truncated, corrupt or foreign file
// is an error wrapping ErrFormat.
func Load(r io.Reader) (*Model, error) {
	var head [len(magic)]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, fmt.Errorf("%w: reading header: %v", ErrFormat, err)
	}
	if string(head[:]) != magic {
		return nil, fmt.Errorf("%w: bad magic number", ErrFormat)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if n > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrFormat, maxModelBytes)
	}
	m, err := decode(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return m, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf(format, args...)
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad or truncated number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad or truncated number")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) take(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("truncated")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) str() string { return string(d.take(d.uvarint())) }

// count reads a count of items taking at least minBytes bytes each.
func (d *decoder) count(minBytes int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/minBytes) {
		d.fail("count %d exceeds the data", n)
		return 0
	}
	return int(n)
}

func decode(b []byte) (*Model, error) {
	d := &decoder{b: b}
	m := &Model{lang: d.str(), info: d.str()}
	nl := d.count(1)
	if d.err == nil && nl != len(internalLabels) {
		return nil, fmt.Errorf("%d labels, want %d", nl, len(internalLabels))
	}
	for i := 0; i < nl && d.err == nil; i++ {
		if l := d.str(); d.err == nil && l != internalLabels[i] {
			return nil, fmt.Errorf("label %d is %q, want %q", i, l, internalLabels[i])
		}
	}
	if sb := d.take(4); d.err == nil {
		m.scale = math.Float32frombits(binary.LittleEndian.Uint32(sb))
	}
	ng := d.count(2)
	gaz := make([]GazEntry, 0, ng)
	for i := 0; i < ng && d.err == nil; i++ {
		t := d.take(1)
		name := d.str()
		if d.err == nil {
			if int(t[0]) >= len(Types) {
				return nil, fmt.Errorf("gazetteer type %d", t[0])
			}
			gaz = append(gaz, GazEntry{Name: name, Type: Types[t[0]]})
		}
	}
	nc := d.count(2)
	caselex := make([]wordValue, 0, nc)
	for i := 0; i < nc && d.err == nil; i++ {
		c := d.take(1)
		w := d.str()
		if d.err == nil {
			if c[0] == clsUnseen || c[0] >= numCls {
				return nil, fmt.Errorf("case class %d", c[0])
			}
			caselex = append(caselex, wordValue{w, uint64(c[0])})
		}
	}
	nu := d.count(2)
	clusters := make([]wordValue, 0, nu)
	for i := 0; i < nu && d.err == nil; i++ {
		c := d.uvarint()
		w := d.str()
		if d.err == nil {
			if c >= 1<<(3*clusterBits) {
				return nil, fmt.Errorf("cluster path %d", c)
			}
			clusters = append(clusters, wordValue{w, c})
		}
	}
	nf := d.count(1 + numLabels)
	hot := int(d.uvarint())
	if d.err == nil && hot > nf {
		return nil, fmt.Errorf("%d hot features of %d", hot, nf)
	}
	keys := make([]uint64, nf)
	var prev uint64
	for i := 0; i < nf && d.err == nil; i++ {
		if i == hot {
			prev = 0
		}
		delta := d.uvarint()
		if delta == 0 && (i > 0 && i != hot || prev == 0) || prev+delta < prev {
			return nil, errors.New("feature hashes out of order")
		}
		prev += delta
		keys[i] = prev
	}
	weights := make([]int16, nf*numLabels)
	for i := range weights {
		v := d.varint()
		if d.err != nil {
			break
		}
		if v < math.MinInt16 || v > math.MaxInt16 {
			return nil, fmt.Errorf("weight %d out of range", v)
		}
		weights[i] = int16(v)
	}
	if end := d.take(4); d.err == nil && string(end) != "END\n" {
		return nil, errors.New("missing end marker")
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%d bytes after the end marker", len(d.b))
	}
	m.lex = newLexicons(gaz, caselex, clusters)
	m.lex.runs = usesRuns(m.lang)
	m.setWeights(keys, weights, hot)
	return m, nil
}
