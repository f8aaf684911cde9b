package tabular

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

type wantRecord struct {
	line     int
	fields   []string
	unclosed bool
}

func readAll(t *testing.T, text string, delim byte) ([]wantRecord, int) {
	t.Helper()
	r := newCSVReader(iotest.OneByteReader(strings.NewReader(text)), delim)
	var out []wantRecord
	for {
		rec, err := r.read()
		if errors.Is(err, io.EOF) {
			return out, r.lines()
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		out = append(out, wantRecord{rec.line, append([]string(nil), rec.fields...), rec.unclosed})
	}
}

func TestCSVReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []wantRecord
		lines int
	}{
		{"LF", "a;b\n1;2\n", []wantRecord{{1, []string{"a", "b"}, false}, {2, []string{"1", "2"}, false}}, 2},
		{"CRLF", "a;b\r\n1;2\r\n", []wantRecord{{1, []string{"a", "b"}, false}, {2, []string{"1", "2"}, false}}, 2},
		{"CR", "a;b\r1;2\r3;4", []wantRecord{{1, []string{"a", "b"}, false}, {2, []string{"1", "2"}, false}, {3, []string{"3", "4"}, false}}, 3},
		{"no final newline", "a;b\n1;2", []wantRecord{{1, []string{"a", "b"}, false}, {2, []string{"1", "2"}, false}}, 2},
		{"blank lines kept as empty records", "a\n\n\r\nb\n", []wantRecord{{1, []string{"a"}, false}, {2, []string{""}, false}, {3, []string{""}, false}, {4, []string{"b"}, false}}, 4},
		{"quoted delimiter", `"x;y";"z"` + "\n", []wantRecord{{1, []string{"x;y", "z"}, false}}, 1},
		{"doubled quote", `"il dit ""oui""";b` + "\n", []wantRecord{{1, []string{`il dit "oui"`, "b"}, false}}, 1},
		{
			"quoted newline moves the next line",
			"h1;h2\n\"deux\nlignes\";x\n\"trois\r\nlignes\r\nici\";y\nz;w\n",
			[]wantRecord{
				{1, []string{"h1", "h2"}, false},
				{2, []string{"deux\nlignes", "x"}, false},
				{4, []string{"trois\nlignes\nici", "y"}, false},
				{7, []string{"z", "w"}, false},
			}, 7,
		},
		{"space before quote", `a; "b;c" ;d` + "\n", []wantRecord{{1, []string{"a", "b;c ", "d"}, false}}, 1},
		{"quote inside a field is text", `12" pouces;b` + "\n", []wantRecord{{1, []string{`12" pouces`, "b"}, false}}, 1},
		{"text after closing quote", `"ab"cd;e` + "\n", []wantRecord{{1, []string{"abcd", "e"}, false}}, 1},
		{"empty quoted", `"";x` + "\n", []wantRecord{{1, []string{"", "x"}, false}}, 1},
		{"unclosed quote", "a;b\n\"never\nclosed;x\n", []wantRecord{{1, []string{"a", "b"}, false}, {2, []string{"never\nclosed;x\n"}, true}}, 3},
		{"trailing delimiters", "a;b;;\n", []wantRecord{{1, []string{"a", "b", "", ""}, false}}, 1},
		{"empty", "", nil, 0},
		{"only newline", "\n", []wantRecord{{1, []string{""}, false}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, lines := readAll(t, tt.in, ';')
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("records\n got %+v\nwant %+v", got, tt.want)
			}
			if lines != tt.lines {
				t.Errorf("lines = %d, want %d", lines, tt.lines)
			}
		})
	}
}

func TestCSVReaderLimits(t *testing.T) {
	r := newCSVReader(strings.NewReader("\""+strings.Repeat("x", maxRecordBytes+10)), ';')
	if _, err := r.read(); !errors.Is(err, errTooLong) {
		t.Errorf("long record: err %v, want errTooLong", err)
	}
	r = newCSVReader(strings.NewReader(strings.Repeat(";", maxRecordFields+1)), ';')
	if _, err := r.read(); !errors.Is(err, errTooLong) {
		t.Errorf("many fields: err %v, want errTooLong", err)
	}
}

func TestCSVReaderError(t *testing.T) {
	r := newCSVReader(iotest.TimeoutReader(strings.NewReader("a;b\n")), ';')
	if _, err := r.read(); err == nil {
		// The first read got "a;b\n" whole; the failing one comes next.
		if _, err := r.read(); err == nil || errors.Is(err, io.EOF) {
			t.Errorf("err %v, want the reader's error", err)
		}
	}
}
