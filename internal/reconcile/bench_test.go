package reconcile

import (
	"testing"
)

// BenchmarkMatch indexes 100,000 open documents of 20,000 debtors, then
// matches 10,000 statement lines, applying the automatic matches: one
// op is one statement file.
func BenchmarkMatch(b *testing.B) {
	l := generate(labelSeed, 20000, 100000, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	auto := 0
	for b.Loop() {
		m := NewMatcher(l.book, l.opts)
		auto = 0
		for _, p := range l.payments {
			if best, ok := m.Auto(m.Match(p)); ok {
				m.Apply(best)
				auto++
			}
		}
	}
	b.ReportMetric(float64(auto)/float64(len(l.payments))*100, "%auto")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(l.payments)), "ns/payment")
}

// BenchmarkNewMatcher indexes 100,000 open documents of 20,000 debtors.
func BenchmarkNewMatcher(b *testing.B) {
	l := generate(labelSeed, 20000, 100000, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		NewMatcher(l.book, l.opts)
	}
}
