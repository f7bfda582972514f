package ner

// Internally the tagger predicts BILOU labels (Begin, Inside, Last, Unit
// for each type, and O): knowing that a word ends a name, or is a one-word
// name, helps decide boundaries (Ratinov and Roth, 2009). Tag converts
// them to BIO.

// numLabels is the number of internal labels: O, then B, I, L, U for each
// of the types PER, ORG, LOC, MISC.
const numLabels = 1 + 4*4

// Internal label parts.
const (
	partB = iota
	partI
	partL
	partU
)

// internalLabels names the internal labels, as stored in model files.
var internalLabels = func() []string {
	out := []string{"O"}
	for _, t := range Types {
		for _, p := range []string{"B-", "I-", "L-", "U-"} {
			out = append(out, p+t)
		}
	}
	return out
}()

func internalLabel(t, part int) int { return 1 + 4*t + part }

// labelType returns 0 for O and 1-4 for the types PER, ORG, LOC, MISC.
func labelType(l int) int {
	if l <= 0 || l >= numLabels {
		return 0
	}
	return (l-1)/4 + 1
}

func labelPart(l int) int { return (l - 1) % 4 }

// bioLabels gives the BIO label of each internal label.
var bioLabels = func() []string {
	out := []string{"O"}
	for _, t := range Types {
		out = append(out, "B-"+t, "I-"+t, "I-"+t, "B-"+t)
	}
	return out
}()

// starts reports whether l starts a name (B or U). Words without a letter
// or a digit never start a name; they may continue one (Procter & Gamble).
func starts(l int) bool {
	return l > 0 && l < numLabels && (labelPart(l) == partB || labelPart(l) == partU)
}

// toInternal converts IOB1 or IOB2 labels to internal BILOU indices.
func toInternal(labels []string) []int {
	out := make([]int, len(labels))
	for _, s := range Spans(labels) {
		t := typeIndex(s.Type)
		if t < 0 {
			continue
		}
		if s.End-s.Start == 1 {
			out[s.Start] = internalLabel(t, partU)
			continue
		}
		out[s.Start] = internalLabel(t, partB)
		for i := s.Start + 1; i < s.End-1; i++ {
			out[i] = internalLabel(t, partI)
		}
		out[s.End-1] = internalLabel(t, partL)
	}
	return out
}
