package post

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
)

func letter(ref string) Letter {
	return Letter{
		PDF:       []byte("%PDF-1.7\n…"),
		Recipient: []string{"SARL Dupont Bâtiment", "M. Jean Dupont", "12 rue de la République", "69002 LYON"},
		Reference: ref,
	}
}

func TestManual(t *testing.T) {
	now := time.Date(2025, 3, 14, 23, 30, 0, 0, time.UTC) // already the 15th in Paris
	m := &Manual{Now: func() time.Time { return now }}
	var _ Registered = m

	ref, err := m.Send(context.Background(), letter("action-12"))
	if err != nil || ref != "LRAR-action-12" {
		t.Fatalf("Send = %q, %v", ref, err)
	}
	now = now.Add(time.Minute)
	if _, err := m.Send(context.Background(), letter("action-13")); err != nil {
		t.Fatal(err)
	}
	// The same reference again: same answer, queued once.
	if ref, err := m.Send(context.Background(), letter("action-12")); err != nil || ref != "LRAR-action-12" {
		t.Fatalf("again = %q, %v", ref, err)
	}
	batch := m.Batch(civil.D(2025, 3, 15))
	if len(batch) != 2 || batch[0].Ref != "LRAR-action-12" || batch[1].Ref != "LRAR-action-13" {
		t.Fatalf("batch = %+v", batch)
	}
	if batch[0].Recipient[3] != "69002 LYON" {
		t.Errorf("recipient = %q", batch[0].Recipient)
	}
	if len(m.Batch(civil.D(2025, 3, 14))) != 0 {
		t.Error("letters in the wrong day's batch")
	}
}

func TestManualRefuses(t *testing.T) {
	m := &Manual{}
	for name, tt := range map[string]struct {
		mutate func(*Letter)
		want   string
	}{
		"no pdf":        {func(l *Letter) { l.PDF = []byte("hello") }, "not a PDF"},
		"one line":      {func(l *Letter) { l.Recipient = l.Recipient[:1] }, "1 line(s)"},
		"seven lines":   {func(l *Letter) { l.Recipient = append(l.Recipient, "a", "b", "c") }, "7 line(s)"},
		"long line":     {func(l *Letter) { l.Recipient[2] = strings.Repeat("x", 39) }, "more than 38"},
		"empty line":    {func(l *Letter) { l.Recipient[1] = " " }, "line 2 is empty"},
		"no reference":  {func(l *Letter) { l.Reference = "" }, "reference"},
		"bad reference": {func(l *Letter) { l.Reference = "a/b" }, "reference"},
	} {
		l := letter("action-1")
		tt.mutate(&l)
		if _, err := m.Send(context.Background(), l); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, tt.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := m.Send(ctx, letter("action-1")); err == nil {
		t.Error("sent with a cancelled context")
	}
}
