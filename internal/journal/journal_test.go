package journal

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func chain(n int) []Event {
	var evs []Event
	var head []byte
	for i := 0; i < n; i++ {
		e := Event{ID: int64(100 + i), OrgID: 7, At: time.Date(2025, 1, 1, 10, 0, i, 1234567, time.UTC), Type: "debtor.created", DebtorID: int64(i), Payload: []byte(`{"n":1}`)}
		Seal(&e, int64(i), head)
		head = e.Hash
		evs = append(evs, e)
	}
	return evs
}

func verify(evs []Event, headSeq int64, headHash []byte) error {
	v := Verifier{OrgID: 7}
	for _, e := range evs {
		if err := v.Next(e); err != nil {
			return err
		}
	}
	return v.Finish(headSeq, headHash)
}

func TestVerify(t *testing.T) {
	base := chain(5)
	head := base[4]
	tests := []struct {
		name    string
		mutate  func([]Event) []Event
		wantSeq int64
		reason  string
	}{
		{"intact", func(e []Event) []Event { return e }, 0, ""},
		{"payload altered", func(e []Event) []Event { e[2].Payload = []byte(`{"n":2}`); return e }, 3, "altered"},
		{"type altered", func(e []Event) []Event { e[0].Type = "x"; return e }, 1, "altered"},
		{"time altered", func(e []Event) []Event { e[1].At = e[1].At.Add(time.Second); return e }, 2, "altered"},
		{"row deleted", func(e []Event) []Event { return append(e[:1:1], e[2:]...) }, 2, "deleted"},
		{"tail deleted", func(e []Event) []Event { return e[:3] }, 4, "deleted"},
		{"first deleted", func(e []Event) []Event { return e[1:] }, 1, "deleted"},
		{"rehashed row", func(e []Event) []Event {
			e[2].Payload = []byte(`{"n":9}`)
			e[2].Hash = Hash(e[2].PrevHash, e[2])
			return e
		}, 4, "previous hash"},
	}
	for _, tt := range tests {
		evs := tt.mutate(append([]Event(nil), base...))
		err := verify(evs, head.Seq, head.Hash)
		if tt.wantSeq == 0 {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var b *Break
		if !errors.As(err, &b) {
			t.Fatalf("%s: err = %v, want a Break", tt.name, err)
		}
		if b.Seq != tt.wantSeq || !strings.Contains(b.Error(), tt.reason) {
			t.Errorf("%s: break = %v, want seq %d and %q", tt.name, b, tt.wantSeq, tt.reason)
		}
	}
}
