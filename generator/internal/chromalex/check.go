package chromalex

import (
	"github.com/dlclark/regexp2/v2/syntax"
)

// check holds what any match of a rule's pattern must start with, taken
// from regexp2's analysis of the pattern for its unanchored searches. may
// is false only where the pattern cannot match.
type check struct {
	minLen int      // runes a match needs at least
	lit    []rune   // a match has these runes (case-sensitive)…
	litAt  int      // …this many runes after its start
	sets   []place  // a match has a rune of each set at its distance
	any    [][]rune // a match starts with one of these (case-sensitive)
}

// place is a character set at a fixed distance from the start of a match.
type place struct {
	distance int
	ascii    [2]uint64 // membership of the runes below 128
	set      *syntax.CharSet
}

func (p *place) has(r rune) bool {
	if r >= 0 && r < 128 {
		return p.ascii[r>>6]&(1<<(r&63)) != 0
	}
	return p.set.Contains(r)
}

// newCheck analyses pattern as regexp2.Compile does without options. It
// returns nil when the analysis finds nothing to check.
func newCheck(pattern string) *check {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil || tree.FindOptimizations == nil {
		return nil
	}
	opt := tree.FindOptimizations
	c := &check{minLen: opt.MinRequiredLength}
	switch opt.FindMode {
	case syntax.LeadingString_LeftToRight:
		c.lit = []rune(opt.LeadingPrefix)
	case syntax.LeadingStrings_LeftToRight:
		c.any = opt.LeadingPrefixesRunes
	case syntax.FixedDistanceChar_LeftToRight:
		if opt.FixedDistanceLiteral.Distance < 0 {
			break
		}
		c.lit, c.litAt = []rune{opt.FixedDistanceLiteral.C}, opt.FixedDistanceLiteral.Distance
	case syntax.FixedDistanceString_LeftToRight:
		if opt.FixedDistanceLiteral.Distance < 0 {
			break
		}
		c.lit, c.litAt = []rune(opt.FixedDistanceLiteral.S), opt.FixedDistanceLiteral.Distance
	case syntax.LeadingSet_LeftToRight, syntax.FixedDistanceSets_LeftToRight:
		for _, s := range opt.FixedDistanceSets {
			if s.Set != nil && s.Distance >= 0 {
				c.sets = append(c.sets, newPlace(s.Distance, s.Set))
			}
		}
	}
	if c.minLen <= 0 && len(c.lit) == 0 && c.sets == nil && c.any == nil {
		return nil
	}
	return c
}

func newPlace(distance int, set *syntax.CharSet) place {
	p := place{distance: distance, set: set}
	for r := rune(0); r < 128; r++ {
		if set.Contains(r) {
			p.ascii[r>>6] |= 1 << (r & 63)
		}
	}
	return p
}

// may reports whether the pattern can match text from pos.
func (c *check) may(text []rune, pos int) bool {
	rest := text[pos:]
	if len(rest) < c.minLen {
		return false
	}
	if len(c.lit) > 0 && (c.litAt > len(rest) || !hasPrefix(rest[c.litAt:], c.lit)) {
		return false
	}
	for i := range c.sets {
		p := &c.sets[i]
		if p.distance >= len(rest) || !p.has(rest[p.distance]) {
			return false
		}
	}
	if c.any == nil {
		return true
	}
	for _, prefix := range c.any {
		if hasPrefix(rest, prefix) {
			return true
		}
	}
	return false
}

func hasPrefix(s, prefix []rune) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i, r := range prefix {
		if s[i] != r {
			return false
		}
	}
	return true
}
