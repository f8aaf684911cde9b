// Package journal defines recouvre's append-only, hash-chained event log:
// every change of state appends an Event whose hash covers its content and
// the hash of the event before it, per organization. Altering or removing a
// row behind the application's back breaks the chain, and Verify names the
// first broken event.
//
// The package is pure: the store persists events and feeds them back to
// Verify in sequence order.
package journal

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// Event is one entry of an organization's journal.
type Event struct {
	ID        int64           `json:"id"`
	OrgID     int64           `json:"org_id"`
	Seq       int64           `json:"seq"` // 1, 2, 3… per organization
	At        time.Time       `json:"at"`
	ActorID   int64           `json:"actor_id,omitempty"` // 0: the system
	Actor     string          `json:"actor,omitempty"`    // e-mail or "system", kept for the record
	Type      string          `json:"type"`               // "debtor.created", "payment.recorded"…
	DebtorID  int64           `json:"debtor_id,omitempty"`
	InvoiceID int64           `json:"invoice_id,omitempty"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	PrevHash  []byte          `json:"-"`
	Hash      []byte          `json:"-"`
}

// Hash computes the hash of e chained to prev. Times are hashed at
// microsecond precision in UTC, which both stores keep exactly.
func Hash(prev []byte, e Event) []byte {
	h := sha256.New()
	var buf [8]byte
	writeInt := func(v int64) {
		binary.BigEndian.PutUint64(buf[:], uint64(v))
		h.Write(buf[:])
	}
	writeBytes := func(b []byte) {
		writeInt(int64(len(b)))
		h.Write(b)
	}
	writeBytes(prev)
	writeInt(e.OrgID)
	writeInt(e.Seq)
	writeInt(Truncate(e.At).UnixMicro())
	writeInt(e.ActorID)
	writeBytes([]byte(e.Actor))
	writeBytes([]byte(e.Type))
	writeInt(e.DebtorID)
	writeInt(e.InvoiceID)
	writeBytes(e.Payload)
	return h.Sum(nil)
}

// Truncate brings t to the precision the stores keep (microseconds, UTC).
func Truncate(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// Seal sets e's sequence, previous hash and hash, following head (the last
// event of the chain, or nil for the first).
func Seal(e *Event, headSeq int64, headHash []byte) {
	e.Seq = headSeq + 1
	e.PrevHash = headHash
	e.At = Truncate(e.At)
	e.Hash = Hash(headHash, *e)
}

// Break describes the first place where a chain does not hold.
type Break struct {
	OrgID  int64
	Seq    int64 // the sequence number expected or found there
	ID     int64 // the row id, 0 when the row is missing
	Reason string
}

func (b *Break) Error() string {
	if b.ID != 0 {
		return fmt.Sprintf("journal of organization %d broken at event #%d (id %d): %s", b.OrgID, b.Seq, b.ID, b.Reason)
	}
	return fmt.Sprintf("journal of organization %d broken at event #%d: %s", b.OrgID, b.Seq, b.Reason)
}

// Verifier checks one organization's chain, fed event by event in sequence
// order, without holding the chain in memory.
type Verifier struct {
	OrgID    int64
	lastSeq  int64
	lastHash []byte
	count    int64
}

// Next checks the next event of the chain.
func (v *Verifier) Next(e Event) error {
	want := v.lastSeq + 1
	switch {
	case e.Seq > want:
		return &Break{OrgID: v.OrgID, Seq: want, Reason: fmt.Sprintf("event #%d is missing (next found is #%d): a row was deleted", want, e.Seq)}
	case e.Seq < want:
		return &Break{OrgID: v.OrgID, Seq: e.Seq, ID: e.ID, Reason: "sequence number repeated or out of order"}
	case !bytes.Equal(e.PrevHash, v.lastHash):
		return &Break{OrgID: v.OrgID, Seq: e.Seq, ID: e.ID, Reason: "previous hash does not match the event before it"}
	case !bytes.Equal(Hash(e.PrevHash, e), e.Hash):
		return &Break{OrgID: v.OrgID, Seq: e.Seq, ID: e.ID, Reason: "content does not match its hash: the row was altered"}
	}
	v.lastSeq, v.lastHash = e.Seq, e.Hash
	v.count++
	return nil
}

// Finish checks the chain's end against the head the store recorded when
// the last event was appended, which catches a removed tail.
func (v *Verifier) Finish(headSeq int64, headHash []byte) error {
	if headSeq > v.lastSeq {
		return &Break{OrgID: v.OrgID, Seq: v.lastSeq + 1, Reason: fmt.Sprintf("events #%d to #%d are missing: rows were deleted at the end", v.lastSeq+1, headSeq)}
	}
	if headSeq < v.lastSeq || !bytes.Equal(headHash, v.lastHash) {
		return &Break{OrgID: v.OrgID, Seq: v.lastSeq, Reason: "the chain's end does not match the recorded head"}
	}
	return nil
}

// Count returns how many events were verified.
func (v *Verifier) Count() int64 { return v.count }

// ShortHash is a printable prefix of a hash, for reports.
func ShortHash(h []byte) string {
	s := hex.EncodeToString(h)
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
