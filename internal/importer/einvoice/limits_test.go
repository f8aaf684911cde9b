package einvoice

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBoundedWork feeds inputs crafted to make a naive reader loop,
// recurse, inflate or allocate without end, and checks that each ends
// soon, with a known fault, having allocated a bounded amount.
func TestBoundedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	pdf := func(s string, n int) []byte { return []byte("%PDF-1.7\n" + strings.Repeat(s, n)) }
	sameOffset := func() []byte {
		// 100 000 objects all at offset 0, where a large dictionary is.
		var hdr strings.Builder
		for i := range 100000 {
			fmt.Fprintf(&hdr, "%d 0 ", i+1)
		}
		body := "<< " + strings.Repeat("/A [1 2 3 4 5 6 7 8] ", 50000) + ">>"
		c := deflate([]byte(hdr.String() + body))
		return fmt.Appendf(nil, "%%PDF-1.7\n9 0 obj << /Type /ObjStm /N 100000 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream endobj\n", hdr.Len(), len(c), c)
	}
	bombs := func(content []byte) []byte {
		// 40 embedded files of 9 MB each, named as invoices.
		var b bytes.Buffer
		b.WriteString("%PDF-1.7\n")
		z := deflate(content)
		for i := range 40 {
			fmt.Fprintf(&b, "%d 0 obj << /EF << /F %d 0 R >> /F (factur-x.xml) >> endobj\n", 1000+i, i+1)
			fmt.Fprintf(&b, "%d 0 obj << /Type /EmbeddedFile /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream endobj\n", i+1, len(z), z)
		}
		return b.Bytes()
	}
	root := `<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">`
	tests := []struct {
		name string
		data []byte
		key  string // "" when issues are expected
	}{
		{"a million obj headers", pdf("1 0 obj ", 1<<20), KeyNoXML},
		{"streams without endstream", pdf("1 0 obj << >> stream\n", 300000), KeyNoXML},
		{"streams with an indirect length", pdf("1 0 obj << /Length 2 0 R >> stream\nxx", 300000), KeyNoXML},
		{"nested arrays", pdf("1 0 obj "+strings.Repeat("[", 40)+" ", 100000), KeyNoXML},
		{"file specifications pointing at themselves", pdf("1 0 obj << /EF << /F 1 0 R >> /F (factur-x.xml) >> ", 100000), KeyNoXML},
		{"object stream offsets all alike", sameOffset(), KeyNoXML},
		{"inflation bombs, not XML", bombs(bytes.Repeat([]byte{'<'}, 9<<20)), KeyNoXML},
		{"inflation bombs, XML cut short", bombs([]byte(root + strings.Repeat(" ", 9<<20))), KeyPDFBadXML},
		{"inflation bombs beyond the limit, XML", bombs([]byte(root + strings.Repeat(" ", 11<<20))), KeyTooComplex},
		{"comments splitting a text", []byte(root + "<rsm:ExchangedDocument><ram:ID>" + strings.Repeat("a<!---->", 1<<20) + "</ram:ID></rsm:ExchangedDocument></rsm:CrossIndustryInvoice>"), ""},
		{"many skipped elements", []byte(root + strings.Repeat("<IncludedNote>x</IncludedNote>", 300000) + "</rsm:CrossIndustryInvoice>"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			c, _, err := parseBytes(t, tt.data, Options{})
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if tt.key == "" {
				if err != nil || len(c.issues) == 0 {
					t.Errorf("error %v, issues %v", err, c.issues)
				}
			} else if e := (*Error)(nil); !errors.As(err, &e) || e.Key != tt.key {
				t.Errorf("error %v, want %s", err, tt.key)
			}
			for _, is := range c.issues {
				if !slices.Contains(Keys, is.Key) {
					t.Errorf("issue key %q", is.Key)
				}
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes: %v, %d MB allocated", len(tt.data), elapsed, alloc>>20)
			if elapsed > 20*time.Second || alloc > 2<<30 {
				t.Errorf("%v and %d MB for %d bytes", elapsed, alloc>>20, len(tt.data))
			}
		})
	}
}
