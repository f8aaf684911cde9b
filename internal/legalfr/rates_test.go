package legalfr

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestParseBP(t *testing.T) {
	for in, want := range map[string]BP{"13.15": 1315, "2,4": 240, "10": 1000, "0.05": 5, " 2.65 % ": 265, "-0.5": -50, "0": 0} {
		got, err := ParseBP(in)
		if err != nil || got != want {
			t.Errorf("ParseBP(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1.234", "abc", "1.2.3", ".5", "12345", "1e3", "--1"} {
		if _, err := ParseBP(in); err == nil {
			t.Errorf("ParseBP(%q) accepted", in)
		}
	}
	if s := BP(1315).String(); s != "13.15" {
		t.Errorf("String %q", s)
	}
	if s := BP(240).FormatFR(); s != "2,40\u00a0%" {
		t.Errorf("FormatFR %q", s)
	}
}

// TestSemesterRates pins, semester by semester, the B2B default rate (the
// ECB rate in force on 1 January or 1 July, plus 10 points) and the floor
// of an agreed rate (three times the legal rate, autres cas), as
// legal-fr.md's table gives them.
func TestSemesterRates(t *testing.T) {
	tbl := Default()
	for _, tt := range []struct {
		sem          string
		ecb, dflt, f BP
	}{
		{"2015-S1", 5, 1005, 279}, {"2015-S2", 5, 1005, 297},
		{"2016-S1", 5, 1005, 303}, {"2016-S2", 0, 1000, 279},
		{"2017-S1", 0, 1000, 270}, {"2017-S2", 0, 1000, 270},
		{"2018-S1", 0, 1000, 267}, {"2018-S2", 0, 1000, 264},
		{"2019-S1", 0, 1000, 258}, {"2019-S2", 0, 1000, 261},
		{"2020-S1", 0, 1000, 261}, {"2020-S2", 0, 1000, 252},
		{"2021-S1", 0, 1000, 237}, {"2021-S2", 0, 1000, 228},
		{"2022-S1", 0, 1000, 228}, {"2022-S2", 0, 1000, 231},
		{"2023-S1", 250, 1250, 618}, {"2023-S2", 400, 1400, 1266},
		{"2024-S1", 450, 1450, 1521}, {"2024-S2", 425, 1425, 1476},
		{"2025-S1", 315, 1315, 1113}, {"2025-S2", 215, 1215, 828},
		{"2026-S1", 215, 1215, 786}, {"2026-S2", 240, 1240, 825},
	} {
		s, err := ParseSemester(tt.sem)
		if err != nil {
			t.Fatal(err)
		}
		e, ok := tbl.ECBOn(s.Start())
		if !ok || e.Rate != tt.ecb || e.Rate+B2BMargin != tt.dflt {
			t.Errorf("%s: ECB on %s is %s, want %s (default %s)", tt.sem, s.Start(), e.Rate, tt.ecb, tt.dflt)
		}
		l, ok := tbl.LegalFor(s)
		if !ok || 3*l.Other != tt.f {
			t.Errorf("%s: floor 3 × %s = %s, want %s", tt.sem, l.Other, 3*l.Other, tt.f)
		}
	}
}

// TestRatesAgainstLegalFR reads the team's legal-fr.md and checks every
// ECB and legal rate of its tables is shipped, with the same status.
func TestRatesAgainstLegalFR(t *testing.T) {
	b, err := os.ReadFile("../../../shared/legal-fr.md")
	if err != nil {
		t.Skipf("../shared/legal-fr.md is not beside the repository (%v)", err)
	}
	tbl := Default()
	doc := string(b)
	ecb := regexp.MustCompile(`\| (?:\*\*)?(\d{4}-\d{2}-\d{2})(?:\*\*)? \| (?:\*\*)?(\d+\.\d{2})(?:\*\*)?( [^|]*)?`)
	n := 0
	for _, m := range ecb.FindAllStringSubmatch(doc, -1) {
		n++
		date, rate, note := m[1], m[2], m[3]
		want, _ := ParseBP(rate)
		e, ok := tbl.ECBOn(d(date))
		if !ok || e.Effective != d(date) || e.Rate != want {
			t.Errorf("ECB %s %s: shipped %s from %s", date, rate, e.Rate, e.Effective)
		}
		if strings.Contains(note, "⚠️") == e.Confirmed {
			t.Errorf("ECB %s: confirmed=%v, legal-fr.md says %q", date, e.Confirmed, note)
		}
	}
	legal := regexp.MustCompile(`\| (\d{4}) (S[12]) \| (\d+\.\d{2})( ⚠️)? \| (\d+\.\d{2})( ⚠️)? \|`)
	for _, m := range legal.FindAllStringSubmatch(doc, -1) {
		n++
		s, _ := ParseSemester(m[1] + "-" + m[2])
		c, _ := ParseBP(m[3])
		o, _ := ParseBP(m[5])
		r, ok := tbl.LegalFor(s)
		if !ok || r.Consumer != c || r.Other != o {
			t.Errorf("legal %s: shipped %s / %s, legal-fr.md %s / %s", s, r.Consumer, r.Other, c, o)
		}
		if (m[4] != "" || m[6] != "") == r.Confirmed {
			t.Errorf("legal %s: confirmed=%v", s, r.Confirmed)
		}
	}
	// 38 ECB rows (the ⚠️ "unchanged" test fixture has no rate) and 24 semesters.
	if n != 38+24 {
		t.Errorf("checked %d rates of legal-fr.md, want 62: has its layout changed?", n)
	}
}

func TestTableRoundTripAndMerge(t *testing.T) {
	tbl := Default()
	var buf bytes.Buffer
	if err := tbl.Format(&buf); err != nil {
		t.Fatal(err)
	}
	again, err := ParseTable(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.ECB) != len(tbl.ECB) || len(again.Legal) != len(tbl.Legal) {
		t.Fatalf("round trip: %d/%d rates, want %d/%d", len(again.ECB), len(again.Legal), len(tbl.ECB), len(tbl.Legal))
	}
	// The shipped ECB table is complete through 16 December 2026 (the day
	// before a meeting): the rate of 1 January 2027 is not known yet.
	if _, ok := tbl.ECBOn(d("2026-12-16")); !ok {
		t.Error("no ECB rate on 16 December 2026")
	}
	if _, ok := tbl.ECBOn(d("2027-01-01")); ok {
		t.Error("an ECB rate guessed for 1 January 2027")
	}
	legalOnly, err := ParseTable(strings.NewReader("legal\t2027-S1\t6.50\t2.60\tconfirmed\tJO\n"))
	if err != nil {
		t.Fatal(err)
	}
	if m := tbl.Missing(d("2027-01-05")); len(m) != 1 || m[0] != (Semester{2027, 1}) {
		t.Errorf("missing before the import: %v", m)
	}
	partial := Default()
	partial.Merge(legalOnly)
	if m := partial.Missing(d("2027-01-05")); len(m) != 1 {
		t.Errorf("with the legal rate but not the ECB's decision: missing %v", m)
	}
	upd, err := ParseTable(strings.NewReader("legal\t2026-S2\t6.84\t2.75\tconfirmed\tJO du 30 juin 2026\nlegal\t2027-S1\t6.50\t2.60\tconfirmed\tJO\necb\t2026-12-23\t2.40\tunconfirmed\ttest\necb-through\t2027-03-17\tréunion du 4 mars 2027\n"))
	if err != nil {
		t.Fatal(err)
	}
	tbl.Merge(upd)
	if m := tbl.Missing(d("2027-01-05")); len(m) != 0 {
		t.Errorf("missing after the import: %v", m)
	}
	if r, _ := tbl.LegalFor(Semester{2026, 2}); !r.Confirmed {
		t.Error("the import did not confirm 2026-S2")
	}
	if e, _ := tbl.ECBOn(d("2027-01-01")); e.Rate != 240 {
		t.Errorf("ECB on 1 Jan 2027: %s", e.Rate)
	}
}

func TestParseTableErrors(t *testing.T) {
	for in, want := range map[string]string{
		"# c\n\nfoo\t1\n":                        "line 3: kind \"foo\"",
		"ecb\t2025-13-01\t2.15\tconfirmed\tx\n":  "line 1: date",
		"ecb\t2025-01-01\t2.155\tconfirmed\tx\n": "line 1: \"2.155\"",
		"ecb\t2025-01-01\t2.15\tmaybe\tx\n":      "line 1: status",
		"legal\t2025-S3\t1\t1\tconfirmed\tx\n":   "line 1: \"2025-S3\"",
		"legal\t2025-S1\t1\tconfirmed\tx\n":      "line 1: a legal line has 6 fields",
	} {
		_, err := ParseTable(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err %v, want %q", in, err, want)
		}
	}
}

func FuzzParseTable(f *testing.F) {
	f.Add(string(shipped))
	f.Add("legal\t2025-S1\t7.21\t3.71\tconfirmed\tx\n")
	f.Add("ecb\t2025-01-01\t-0.5\tunconfirmed\t\n")
	f.Add("ecb-through\t2027-03-17\tréunion\necb-through\t2026-01-01\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		tbl, err := ParseTable(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := tbl.Format(&buf); err != nil {
			t.Fatal(err)
		}
		again, err := ParseTable(&buf)
		if err != nil {
			t.Fatalf("a table that parsed does not parse once formatted: %v\n%s", err, buf.String())
		}
		if len(again.ECB) != len(tbl.ECB) || len(again.Legal) != len(tbl.Legal) {
			t.Fatalf("round trip changed the table")
		}
	})
}
