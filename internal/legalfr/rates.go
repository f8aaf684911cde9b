package legalfr

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

// BP is a rate in basis points: 1315 is 13.15 %. Rates are exact integers,
// like money.
type BP int64

// String prints the rate in percent with two decimals: "13.15".
func (r BP) String() string {
	sign := ""
	if r < 0 {
		sign, r = "-", -r
	}
	return fmt.Sprintf("%s%d.%02d", sign, r/100, r%100)
}

// FormatFR prints the rate the French way: "13,15 %" with a no-break space.
func (r BP) FormatFR() string { return strings.Replace(r.String(), ".", ",", 1) + "\u00a0%" }

// ParseBP reads a percentage with at most two decimals ("13.15", "2,4",
// "10") as basis points.
func ParseBP(s string) (BP, error) {
	s = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%")), "\u00a0")
	s = strings.Replace(s, ",", ".", 1)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if intPart == "" || len(intPart) > 4 || len(frac) > 2 || !digits(intPart) || (frac != "" && !digits(frac)) {
		return 0, fmt.Errorf("%q is not a percentage with at most two decimals", s)
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, _ := strconv.ParseInt(intPart+frac, 10, 64)
	if neg {
		n = -n
	}
	return BP(n), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Semester is a half-year: the legal rate and the B2B reference rate are
// set per semester.
type Semester struct {
	Year int
	Half int // 1: January–June, 2: July–December
}

// SemesterOf is the semester of day d.
func SemesterOf(d civil.Date) Semester {
	if d.Month <= time.June {
		return Semester{d.Year, 1}
	}
	return Semester{d.Year, 2}
}

// Start is the first day of the semester.
func (s Semester) Start() civil.Date {
	if s.Half == 1 {
		return civil.D(s.Year, time.January, 1)
	}
	return civil.D(s.Year, time.July, 1)
}

// End is the last day of the semester.
func (s Semester) End() civil.Date { return s.Next().Start().AddDays(-1) }

// Next is the semester after s.
func (s Semester) Next() Semester {
	if s.Half == 1 {
		return Semester{s.Year, 2}
	}
	return Semester{s.Year + 1, 1}
}

// String prints "2025-S2", the form of the rate files.
func (s Semester) String() string { return fmt.Sprintf("%d-S%d", s.Year, s.Half) }

// ParseSemester reads "2025-S2".
func ParseSemester(s string) (Semester, error) {
	y, h, ok := strings.Cut(strings.TrimSpace(s), "-S")
	year, err1 := strconv.Atoi(y)
	half, err2 := strconv.Atoi(h)
	if !ok || err1 != nil || err2 != nil || year < 1900 || year > 2999 || (half != 1 && half != 2) {
		return Semester{}, fmt.Errorf("%q is not a semester like 2025-S2", s)
	}
	return Semester{year, half}, nil
}

// ECBRate is the ECB main refinancing rate from a date of effect on.
type ECBRate struct {
	Effective civil.Date
	Rate      BP
	Confirmed bool
	Source    string
}

// LegalRate is the taux de l'intérêt légal of a semester (CMF L313-2):
// Consumer when the creditor is a natural person acting for non-business
// purposes, Other in all other cases.
type LegalRate struct {
	Semester  Semester
	Consumer  BP
	Other     BP
	Confirmed bool
	Source    string
}

// Table holds the rates. The zero value is empty; Default is the table
// shipped in the binary.
type Table struct {
	ECB   []ECBRate   // by date of effect
	Legal []LegalRate // by semester
	// ECBThrough is the last day the ECB table is known to be complete:
	// the day before the next monetary-policy meeting whose decision it
	// does not hold. Past it, the rate in force is unknown — the last one
	// may have changed —, so ECBOn answers nothing rather than guess. Zero
	// means no limit.
	ECBThrough civil.Date
	// ECBThroughSource says where that day comes from.
	ECBThroughSource string
}

//go:embed rates.tsv
var shipped []byte

// Default returns a fresh copy of the rates shipped with recouvre.
func Default() *Table {
	t, err := ParseTable(bytes.NewReader(shipped))
	if err != nil {
		panic("legalfr: shipped rates: " + err.Error())
	}
	return t
}

// ParseError is a line of a rate file that cannot be read.
type ParseError struct {
	Line   int
	Reason string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// ParseTable reads a rate file: tab-separated lines
//
//	ecb	2025-06-11	2.15	confirmed	source
//	legal	2025-S2	6.65	2.76	confirmed	source
//
// with # comments and blank lines. A key given twice keeps its last line.
func ParseTable(r io.Reader) (*Table, error) {
	t := &Table{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if err := t.parseLine(line); err != nil {
			return nil, &ParseError{Line: n, Reason: err.Error()}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read rates: %w", err)
	}
	t.sort()
	return t, nil
}

func (t *Table) parseLine(line string) error {
	f := strings.Split(line, "\t")
	status := func(s string) (bool, error) {
		switch strings.TrimSpace(s) {
		case "confirmed":
			return true, nil
		case "unconfirmed":
			return false, nil
		}
		return false, fmt.Errorf("status %q: want confirmed or unconfirmed", s)
	}
	switch strings.TrimSpace(f[0]) {
	case "ecb":
		if len(f) != 5 {
			return fmt.Errorf("an ecb line has 5 fields (ecb, date, rate, status, source), not %d", len(f))
		}
		d, err := civil.Parse(strings.TrimSpace(f[1]))
		if err != nil {
			return fmt.Errorf("date %q: want YYYY-MM-DD", f[1])
		}
		rate, err := ParseBP(f[2])
		if err != nil {
			return err
		}
		ok, err := status(f[3])
		if err != nil {
			return err
		}
		t.SetECB(ECBRate{Effective: d, Rate: rate, Confirmed: ok, Source: strings.TrimSpace(f[4])})
	case "ecb-through":
		if len(f) != 3 {
			return fmt.Errorf("an ecb-through line has 3 fields (ecb-through, date, source), not %d", len(f))
		}
		d, err := civil.Parse(strings.TrimSpace(f[1]))
		if err != nil {
			return fmt.Errorf("date %q: want YYYY-MM-DD", f[1])
		}
		t.extendECB(d, strings.TrimSpace(f[2]))
	case "legal":
		if len(f) != 6 {
			return fmt.Errorf("a legal line has 6 fields (legal, semester, consumer rate, other rate, status, source), not %d", len(f))
		}
		s, err := ParseSemester(f[1])
		if err != nil {
			return err
		}
		c, err := ParseBP(f[2])
		if err != nil {
			return err
		}
		o, err := ParseBP(f[3])
		if err != nil {
			return err
		}
		ok, err := status(f[4])
		if err != nil {
			return err
		}
		t.SetLegal(LegalRate{Semester: s, Consumer: c, Other: o, Confirmed: ok, Source: strings.TrimSpace(f[5])})
	default:
		return fmt.Errorf("kind %q: want ecb, ecb-through or legal", f[0])
	}
	return nil
}

// SetECB adds or replaces the ECB rate of a date of effect.
func (t *Table) SetECB(r ECBRate) {
	for i := range t.ECB {
		if t.ECB[i].Effective == r.Effective {
			t.ECB[i] = r
			return
		}
	}
	t.ECB = append(t.ECB, r)
	t.sort()
}

// SetLegal adds or replaces the legal rates of a semester.
func (t *Table) SetLegal(r LegalRate) {
	for i := range t.Legal {
		if t.Legal[i].Semester == r.Semester {
			t.Legal[i] = r
			return
		}
	}
	t.Legal = append(t.Legal, r)
	t.sort()
}

// extendECB records that the ECB table is complete through day d; a later
// day wins, as an imported file extends the shipped table's knowledge.
func (t *Table) extendECB(d civil.Date, source string) {
	if t.ECBThrough.IsZero() || d.After(t.ECBThrough) {
		t.ECBThrough, t.ECBThroughSource = d, source
	}
}

// Merge applies every rate of u over t.
func (t *Table) Merge(u *Table) {
	if !u.ECBThrough.IsZero() {
		t.extendECB(u.ECBThrough, u.ECBThroughSource)
	}
	for _, r := range u.ECB {
		t.SetECB(r)
	}
	for _, r := range u.Legal {
		t.SetLegal(r)
	}
}

func (t *Table) sort() {
	slices.SortFunc(t.ECB, func(a, b ECBRate) int { return a.Effective.Compare(b.Effective) })
	slices.SortFunc(t.Legal, func(a, b LegalRate) int {
		return a.Semester.Start().Compare(b.Semester.Start())
	})
}

// ECBOn is the ECB rate in force on day d: the last one whose date of
// effect is on or before d. ok is false before the table's first rate, and
// after ECBThrough, when a decision the table does not hold may have
// changed it.
func (t *Table) ECBOn(d civil.Date) (r ECBRate, ok bool) {
	if !t.ECBThrough.IsZero() && d.After(t.ECBThrough) {
		return r, false
	}
	for _, e := range t.ECB {
		if e.Effective.After(d) {
			break
		}
		r, ok = e, true
	}
	return r, ok
}

// LegalFor is the legal rate of semester s.
func (t *Table) LegalFor(s Semester) (LegalRate, bool) {
	for _, r := range t.Legal {
		if r.Semester == s {
			return r, true
		}
	}
	return LegalRate{}, false
}

// Missing lists the semesters from the first of the table up to today's
// that have begun without a known rate — no legal rate, or no certain ECB
// rate on their first day: the interface warns about them, and the engine
// refuses to compute over them rather than guess.
func (t *Table) Missing(today civil.Date) []Semester {
	if len(t.Legal) == 0 {
		return []Semester{SemesterOf(today)}
	}
	var out []Semester
	for s := t.Legal[0].Semester; !s.Start().After(today); s = s.Next() {
		_, legal := t.LegalFor(s)
		_, ecb := t.ECBOn(s.Start())
		if !legal || !ecb {
			out = append(out, s)
		}
	}
	return out
}

// Format writes t in the rate-file format ParseTable reads.
func (t *Table) Format(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# kind\tkey\tvalue(s)\tstatus\tsource")
	st := func(ok bool) string {
		if ok {
			return "confirmed"
		}
		return "unconfirmed"
	}
	for _, r := range t.ECB {
		fmt.Fprintf(bw, "ecb\t%s\t%s\t%s\t%s\n", r.Effective, r.Rate, st(r.Confirmed), r.Source)
	}
	if !t.ECBThrough.IsZero() {
		fmt.Fprintf(bw, "ecb-through\t%s\t%s\n", t.ECBThrough, t.ECBThroughSource)
	}
	for _, r := range t.Legal {
		fmt.Fprintf(bw, "legal\t%s\t%s\t%s\t%s\t%s\n", r.Semester, r.Consumer, r.Other, st(r.Confirmed), r.Source)
	}
	return bw.Flush()
}
