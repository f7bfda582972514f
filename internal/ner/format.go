package ner

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// File format, version 2 (written by Save; uncompressed, so that loading
// is copying): the 8-byte magic "NGNER\x00\x02\n" followed by
//
//	string lang, string info
//	uvarint label count, labels (must equal the internal BILOU labels)
//	float32 weight scale (for information)
//	uvarint lexicon count, then per entry, by increasing key: uint64 key
//	(keyHash of a word, or seqHash of a gazetteer name's words), uvarint
//	value (case class, gazetteer bits, cluster path, name marks, see
//	lexTable)
//	uvarint feature count, uvarint hot feature count, the feature hashes
//	as uint64 (the hot ones, then the others, each run increasing), then
//	per feature its row: shift byte and one int8 weight per label
//	the 4 bytes "END\n", then the CRC-32C of everything before
//
// Fixed-size integers are little endian; strings are a uvarint length and
// UTF-8 bytes. Version 1 files (the magic "NGNER\x00\x01\n" and a gzip
// stream holding the gazetteer, case lexicon and clusters as strings and
// 16-bit weights, see decodeV1) are still read. Any inconsistency is an
// error wrapping ErrFormat.
const (
	magic   = "NGNER\x00\x02\n"
	magicV1 = "NGNER\x00\x01\n"
)

// ErrFormat is wrapped by the errors Load returns for input that is not a
// valid model file.
var ErrFormat = errors.New("ner: invalid model file")

// maxModelBytes bounds the (decompressed) size of a model.
const maxModelBytes = 1 << 30

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// rowBytes is the size of a saved row.
const rowBytes = 1 + numLabels

// Save writes the model in the current file format.
func (m *Model) Save(w io.Writer) error {
	var lex []lexCell
	if m.lex != nil {
		lex = m.lex.table.sorted()
	}
	b := make([]byte, 0, 1<<10+len(m.info)+len(lex)*14+len(m.keys)*(8+rowBytes))
	b = append(b, magic...)
	b = appendString(b, m.lang)
	b = appendString(b, m.info)
	b = binary.AppendUvarint(b, uint64(len(internalLabels)))
	for _, l := range internalLabels {
		b = appendString(b, l)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	b = binary.AppendUvarint(b, uint64(len(lex)))
	for _, c := range lex {
		b = binary.LittleEndian.AppendUint64(b, c.key)
		b = binary.AppendUvarint(b, c.val)
	}
	b = binary.AppendUvarint(b, uint64(len(m.keys)))
	b = binary.AppendUvarint(b, uint64(m.hot))
	for _, k := range m.keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	for _, r := range m.rows {
		b = append(b, r.sh)
		for _, v := range r.w {
			b = append(b, byte(v))
		}
	}
	b = append(b, "END\n"...)
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
	_, err := w.Write(b)
	return err
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Load reads a model written by Save. A truncated, corrupt or foreign file
// is an error wrapping ErrFormat.
func Load(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if len(data) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrFormat, maxModelBytes)
	}
	return load(data)
}

// load decodes a model file held in data.
func load(data []byte) (*Model, error) {
	if len(data) < len(magic) {
		return nil, fmt.Errorf("%w: reading header: %v", ErrFormat, io.ErrUnexpectedEOF)
	}
	var m *Model
	var err error
	switch string(data[:len(magic)]) {
	case magic:
		m, err = decode(data)
	case magicV1:
		m, err = loadV1(data[len(magicV1):])
	default:
		return nil, fmt.Errorf("%w: bad magic number", ErrFormat)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	return m, nil
}

// decode decodes a version 2 file.
func decode(b []byte) (*Model, error) {
	if len(b) < len(magic)+4 {
		return nil, errors.New("truncated")
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, crcTable) != binary.LittleEndian.Uint32(b[len(b)-4:]) {
		return nil, errors.New("checksum mismatch: damaged file")
	}
	d := &decoder{b: body[len(magic):]}
	m, err := d.header()
	if err != nil {
		return nil, err
	}
	nx := d.count(9)
	lex := mappedLexTable(m, nx)
	opens := false
	var prev uint64
	for i := 0; i < nx && d.err == nil; i++ {
		k := d.uint64()
		v := d.uvarint()
		if d.err != nil {
			break
		}
		if k <= prev {
			return nil, errors.New("lexicon keys out of order")
		}
		if v&lexClsMask >= numCls || (v&^(lexGiven|lexFamily|lexOpens))>>lexCluShift > lexCluMask {
			return nil, fmt.Errorf("lexicon value %#x", v)
		}
		lex.or(k, v)
		opens = opens || v&lexOpens != 0
		prev = k
	}
	nf := d.count(8 + rowBytes)
	hot := int(d.uvarint())
	if d.err == nil && hot > nf {
		return nil, fmt.Errorf("%d hot features of %d", hot, nf)
	}
	keys := make([]uint64, nf)
	prev = 0
	for i := 0; i < nf && d.err == nil; i++ {
		if i == hot {
			prev = 0
		}
		k := d.uint64()
		if d.err == nil && k <= prev {
			return nil, errors.New("feature hashes out of order")
		}
		keys[i], prev = k, k
	}
	rows := make([]row, nf)
	if rb := d.take(uint64(nf) * rowBytes); d.err == nil {
		for i := range rows {
			r := &rows[i]
			r.sh = rb[0]
			for l := range r.w {
				r.w[l] = int8(rb[1+l])
			}
			if r.sh > 15 || slices.Contains(r.w[:], math.MinInt8) {
				return nil, fmt.Errorf("feature %d: bad weights", i)
			}
			rb = rb[rowBytes:]
		}
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
	m.lex = &lexicons{table: lex, runs: usesRuns(m.lang), openers: opens}
	m.setWeights(keys, rows, hot)
	return m, nil
}

// loadV1 decompresses and decodes the body of a version 1 file.
func loadV1(b []byte) (*Model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, err
	}
	if n > maxModelBytes {
		return nil, fmt.Errorf("larger than %d bytes", maxModelBytes)
	}
	return decodeV1(buf.Bytes())
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

func (d *decoder) uint64() uint64 {
	if b := d.take(8); d.err == nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
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

// header decodes what both versions open with: the language, the note, the
// label set (which must be the tagger's) and the weight scale.
func (d *decoder) header() (*Model, error) {
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
	return m, nil
}

// decodeV1 decodes the uncompressed body of a version 1 file.
func decodeV1(b []byte) (*Model, error) {
	d := &decoder{b: b}
	m, err := d.header()
	if err != nil {
		return nil, err
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
	rows := make([]row, nf)
	for i := range rows {
		rows[i] = quantize(weights[i*numLabels : (i+1)*numLabels])
	}
	m.setWeights(keys, rows, hot)
	return m, nil
}
