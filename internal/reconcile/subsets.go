package reconcile

import (
	"cmp"
	"slices"
)

// The search for the documents of a debtor whose sum is an amount is
// bounded: the oldest maxSearchDocs invoices, the oldest maxSearchCredit
// credit notes, at most maxSearchSteps steps per search.
const (
	maxSearchDocs   = 40
	maxSearchCredit = 3
	maxSearchSteps  = 20000
)

// subsetSearch enumerates sets of k values whose sum lies in [lo, hi].
type subsetSearch struct {
	vals   []int64 // ascending
	ranks  []int   // each value's document rank (0 the oldest)
	tail   []int64 // tail[k]: the sum of the k largest values
	lo, hi int64
	limit  int
	steps  int
	pick   []int
	found  [][]int // ranks, ascending
}

// combinations finds up to limit sets of minK..maxK documents (indexes
// into docs, which are oldest first) whose open sum, credit notes
// counted negative, lies in [lo, hi]. Smaller sets come first, then those
// holding the oldest documents; at most one credit note is used.
func (m *Matcher) combinations(docs []int32, lo, hi int64, minK, maxK, limit int) [][]int {
	var inv, cn []int
	for r, i := range docs {
		if m.docs[i].creditNote() {
			if len(cn) < maxSearchCredit {
				cn = append(cn, r)
			}
		} else if len(inv) < maxSearchDocs {
			inv = append(inv, r)
		}
	}
	s := &subsetSearch{limit: limit, steps: maxSearchSteps}
	s.vals = make([]int64, len(inv))
	s.ranks = make([]int, len(inv))
	order := slices.Clone(inv)
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(m.docs[docs[a]].Open.Minor, m.docs[docs[b]].Open.Minor) })
	for j, r := range order {
		s.vals[j], s.ranks[j] = m.docs[docs[r]].Open.Minor, r
	}
	s.tail = make([]int64, len(s.vals)+1)
	for k := 1; k <= len(s.vals); k++ {
		s.tail[k] = s.tail[k-1] + s.vals[len(s.vals)-k]
	}
	for k := minK; k <= maxK && k <= len(s.vals); k++ {
		s.lo, s.hi = lo, hi
		s.dfs(0, k, 0)
	}
	for _, c := range cn {
		if len(s.found) >= limit || maxK < 2 {
			break
		}
		credit := m.docs[docs[c]].Open.Minor
		mark := len(s.found)
		for k := max(1, minK-1); k <= maxK-1 && k <= len(s.vals); k++ {
			s.lo, s.hi = lo+credit, hi+credit
			s.dfs(0, k, 0)
		}
		for f := mark; f < len(s.found); f++ {
			s.found[f] = append(s.found[f], c)
			slices.Sort(s.found[f])
		}
	}
	slices.SortStableFunc(s.found, func(a, b []int) int {
		if len(a) != len(b) {
			return cmp.Compare(len(a), len(b))
		}
		return slices.Compare(a, b)
	})
	return s.found
}

// dfs picks k more values from vals[start:], values ascending, pruning
// sums that can no longer fall in [lo, hi].
func (s *subsetSearch) dfs(start, k int, sum int64) {
	if s.steps <= 0 || len(s.found) >= s.limit {
		return
	}
	s.steps--
	if k == 0 {
		if sum >= s.lo && sum <= s.hi {
			f := make([]int, len(s.pick))
			for j, p := range s.pick {
				f[j] = s.ranks[p]
			}
			slices.Sort(f)
			s.found = append(s.found, f)
		}
		return
	}
	if sum+s.tail[k] < s.lo {
		return
	}
	for i := start; i <= len(s.vals)-k; i++ {
		if sum+s.vals[i] > s.hi {
			break
		}
		s.pick = append(s.pick, i)
		s.dfs(i+1, k-1, sum+s.vals[i])
		s.pick = s.pick[:len(s.pick)-1]
	}
}
