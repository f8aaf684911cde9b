package benchdata

import (
	"math"
	"slices"
	"testing"
	"time"
)

// Report adds the median and the 99th percentile of lat (p50-ms, p99-ms)
// and, unless rows is negative, the rows a request returned on average
// (rows/op) to b's figures.
func Report(b *testing.B, lat []time.Duration, rows int) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return float64(lat[max(i, 0)]) / float64(time.Millisecond)
	}
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
	if rows >= 0 {
		b.ReportMetric(float64(rows)/float64(len(lat)), "rows/op")
	}
}
