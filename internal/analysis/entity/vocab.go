package entity

import (
	"hash/maphash"
	"math/bits"

	"github.com/newsgraph/newsgraph/internal/kb"
)

// lex is what the stage knows of one key: its word lists per rule set,
// whether it is a first name, the countries it is a demonym of, and where
// it stands among the words of knowledge-base aliases. It holds the key
// itself, so that a lookup reads one record of 64 bytes.
type lex struct {
	bits [numSets]uint32
	// kbWord is the key's number among the words of alias keys (0 for
	// none); first is the trie node of the key as the first word of an
	// alias key (kb.Root for none), and depth the most words of such a
	// key.
	kbWord int32
	first  kb.Node
	depth  int32
	dem    int32 // the countries it is a demonym of: vocab.dems[dem]
	flags  uint8
	// klen is the length of the key, whose bytes are key, or longKey for
	// a longer key (the bytes are then in vocab.long).
	klen uint8
	key  [lexKey]byte
}

// lexKey is the longest key held in a lex record.
const (
	lexKey  = 34
	longKey = 255
)

// vocab indexes the stage's word lists and the words of its knowledge base
// by key, so that each word of a text is looked up once. It is read-only
// once built (seal).
type vocab struct {
	// index maps keys to lex while the vocabulary is built.
	index map[string]int32
	lex   []lex // lex[0] is the empty entry of unknown keys
	dems  [][]*kb.Entry
	// The sealed table: open addressing with linear probing; a slot holds
	// the top byte of the key's hash and the position of its lex (0 for
	// an empty slot).
	slots []uint32
	mask  uint64
	seed  maphash.Seed
	long  map[int32]string // keys longer than lexKey
}

// add returns the position of key's entry, adding an empty one if needed.
func (v *vocab) add(key string) int32 {
	i, ok := v.index[key]
	if !ok {
		i = int32(len(v.lex))
		v.lex = append(v.lex, lex{})
		v.index[key] = i
	}
	return i
}

// seal builds the lookup table from index, which it drops.
func (v *vocab) seal() {
	// At most 2/3 full: linear probing then reads one or two words.
	size := uint64(1) << bits.Len(uint(len(v.lex)+len(v.lex)/2))
	v.slots, v.mask, v.seed = make([]uint32, size), size-1, maphash.MakeSeed()
	v.long = map[int32]string{}
	for key, i := range v.index {
		l := &v.lex[i]
		if len(key) <= lexKey {
			l.klen = uint8(len(key))
			copy(l.key[:], key)
		} else {
			l.klen = longKey
			copy(l.key[:], key)
			v.long[i] = key
		}
		h := maphash.String(v.seed, key)
		for x := h & v.mask; ; x = (x + 1) & v.mask {
			if v.slots[x] == 0 {
				v.slots[x] = uint32(h>>56)<<24 | uint32(i)
				break
			}
		}
	}
	v.index = nil
}

// at returns the entry of key; unknown keys give an empty entry.
func (v *vocab) at(key string) *lex {
	h := maphash.String(v.seed, key)
	tag := uint32(h>>56) << 24
	for x := h & v.mask; ; x = (x + 1) & v.mask {
		s := v.slots[x]
		if s == 0 {
			return &v.lex[0]
		}
		if s&0xff000000 != tag {
			continue
		}
		i := s & 0xffffff
		l := &v.lex[i]
		if l.klen != longKey {
			if int(l.klen) == len(key) && string(l.key[:l.klen]) == key {
				return l
			}
		} else if len(key) > lexKey && v.long[int32(i)] == key {
			return l
		}
	}
}

// atBytes is at for a key held in a byte slice.
func (v *vocab) atBytes(key []byte) *lex { return v.at(string(key)) }

// demonyms returns the countries l is a demonym of.
func (v *vocab) demonyms(l *lex) []*kb.Entry { return v.dems[l.dem] }
