package cycle

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/message"
	"github.com/recouvre/recouvre/internal/store"
)

// PrintBatch gathers the letters sent on day into what is printed and
// posted: one PDF of the reminder letters (a cover sheet, each letter on
// an odd page for duplex printing), rendered again from what each action
// kept. When formal notices went out that day — rendered by the legal
// package, to be posted registered — the batch is a ZIP holding that PDF
// and each notice. It returns the file's name and bytes;
// ledger.ENotFound when no letter went out that day.
func (e *Engine) PrintBatch(ctx context.Context, day civil.Date) (string, []byte, error) {
	start, end := day.Time(civil.Paris), day.AddDays(1).Time(civil.Paris)
	as, err := e.Store.ListActions(ctx, store.ActionQuery{Channel: ledger.ChannelLetter, Statuses: []ledger.ActionStatus{ledger.ActionSent},
		SentFrom: start, Limit: 1000})
	if err != nil {
		return "", nil, fmt.Errorf("letters of %s: %w", day, err)
	}
	var letters []message.BatchLetter
	type notice struct {
		name string
		pdf  []byte
	}
	var notices []notice
	for _, a := range as {
		if !a.SentAt.Before(end) {
			continue
		}
		c, err := e.Store.ActionContent(ctx, a.ID)
		if err != nil {
			return "", nil, fmt.Errorf("letter of action %d: %w", a.ID, err)
		}
		var ld LetterData
		if err := json.Unmarshal(c.Data, &ld); err != nil {
			return "", nil, fmt.Errorf("letter of action %d: %w", a.ID, err)
		}
		if ld.Notice {
			notices = append(notices, notice{fmt.Sprintf("LRAR-%s-%d.pdf", ld.Data.PaymentRef, a.ID), ld.NoticePDF})
			continue
		}
		letters = append(letters, message.BatchLetter{Data: ld.Data, Rendered: ld.Rendered, Recipient: ld.Address})
	}
	if len(letters) == 0 && len(notices) == 0 {
		return "", nil, ledger.Errorf(ledger.ENotFound, "no letter went out on %s", day)
	}
	var batch []byte
	if len(letters) > 0 {
		if batch, err = message.PrintBatch(letters); err != nil {
			return "", nil, fmt.Errorf("print batch: %w", err)
		}
	}
	name := "courriers-" + day.String()
	if len(notices) == 0 {
		return name + ".pdf", batch, nil
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(n string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: day.Time(civil.Paris).Add(12 * time.Hour)})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if batch != nil {
		if err := add(name+".pdf", batch); err != nil {
			return "", nil, err
		}
	}
	for _, n := range notices {
		if err := add(n.name, n.pdf); err != nil {
			return "", nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return "", nil, err
	}
	return name + ".zip", buf.Bytes(), nil
}
