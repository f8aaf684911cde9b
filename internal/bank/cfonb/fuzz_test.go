package cfonb

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/i18n"
)

// FuzzParse: whatever the bytes, Parse neither panics nor hangs, any
// error is a statement.Issue with a catalogue key, every issue has one,
// and every entry is plausible with unique payment keys.
func FuzzParse(f *testing.F) {
	rcn := []byte(detail(acct, "RCN", "E2E"))
	put(rcn, 84, "SALA")
	for _, s := range []string{
		simple("\n"),
		simple("\r\n"),
		simple(""),
		file(oldBalance(acct, "300124", "0000000000000{"), op(acct, "310124", "000000", "VIR", "0000000000010A", "R"),
			detail(acct, "NPY", "DUPONT"), detail(acct, "LCC", "F-1"), detail(acct, "LC2", "F-2"), string(rcn),
			detail(acct, "REF", "X"), detail(acct, "N Y", "?"), newBalance(acct, "310124", "0000000000010A")),
		file(oldBalance(acct, "300124", "0000000000000{"), detail(acct, "LIB", "X"), oldBalance(acct, "310124", "0000000000000}"),
			op("00000000001", "999999", "AB", "", "             X", ""), newBalance(acct, "310124", "0000000000001R")),
		strings.TrimRight(op(acct, "310124", "", "X", "0000000000000{", ""), " ") + "\r\r\n\x1a",
		"01",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watch := time.AfterFunc(10*time.Second, func() { panic("cfonb: Parse hangs") })
		file, err := Parse(context.Background(), bytes.NewReader(data))
		watch.Stop()
		if err != nil {
			if k := fatalKey(err); !i18n.Has("fr", k) || !i18n.Has("en", k) {
				t.Fatalf("error %v has no catalogue key", err)
			}
			return
		}
		checkFile(t, file)
		if len(file.Issues) > MaxIssues+1 {
			t.Fatalf("%d issues", len(file.Issues))
		}
		for _, st := range file.Statements {
			if st.HasBalances && (st.Opening.Currency != st.Currency || st.Closing.Currency != st.Currency) {
				t.Fatalf("statement %+v", st)
			}
		}
	})
}
