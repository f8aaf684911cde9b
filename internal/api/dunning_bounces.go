package api

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/recouvre/recouvre/internal/channel/email"
	"github.com/recouvre/recouvre/internal/cycle"
	"github.com/recouvre/recouvre/internal/dunning"
	"github.com/recouvre/recouvre/internal/ledger"
)

// maxBounceSize is the largest bounce POST /bounces reads.
const maxBounceSize = 10 << 20

// bounceTypes are the media types of a bounce: the whole message, or the
// report alone (its MIME body, the header given by Content-Type).
var bounceTypes = []string{"message/rfc822", "multipart/report"}

// actionMessageID reads the action id of a Message-ID recouvre made
// (cycle.MessageID): <action-ID.HASH@HOST>.
var actionMessageID = regexp.MustCompile(`^<action-([0-9]{1,18})\.([0-9a-f]+)@([^<>@\s]+)>$`)

// bounceResult is what a bounce told.
type bounceResult struct {
	ActionID   int64  `json:"action_id"`
	DebtorID   int64  `json:"debtor_id"`
	Address    string `json:"address"`
	Status     string `json:"status"`
	Diagnostic string `json:"diagnostic"`
	Permanent  bool   `json:"permanent"`
	// Recorded: the address is marked as bounced and not used again. A
	// delay (4.x.x) is not recorded.
	Recorded bool `json:"recorded"`
}

// errUnknownMessage answers a bounce of no message of the organization,
// whatever the reason, so that it tells nothing of other organizations.
var errUnknownMessage = ledger.Errorf(ledger.ENotFound, "the report names no message sent by this organization")

// recordBounce serves POST /api/v1/bounces: a delivery status
// notification (the bounce a mail server sent back) is read, the email
// action it is about found by the Message-ID recouvre gave it, and the
// debtor's address it was sent to marked as bounced when the failure is
// permanent: the next reminders go through another address or channel.
func (a *API) recordBounce(w http.ResponseWriter, r *http.Request) error {
	raw, err := readBounce(r)
	if err != nil {
		return err
	}
	dsn, err := email.ParseDSN(bytes.NewReader(raw))
	if err != nil {
		return invalid("body", strings.TrimPrefix(err.Error(), "parse DSN: "))
	}
	m := actionMessageID.FindStringSubmatch(strings.TrimSpace(dsn.OriginalMessageID))
	if m == nil {
		return errUnknownMessage
	}
	id, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || id <= 0 {
		return errUnknownMessage
	}
	ctx := r.Context()
	v, err := a.store.GetAction(ctx, id)
	if ledger.IsNotFound(err) {
		return errUnknownMessage
	}
	if err != nil {
		return fmt.Errorf("get action %d: %w", id, err)
	}
	// The action's own Message-ID, as sent, or as it would be made: the
	// hash binds the id to the organization and the case.
	want := v.MessageID
	if want == "" {
		want = cycle.MessageID(v.Action, m[3])
	}
	if v.Channel != ledger.ChannelEmail || !strings.EqualFold(want, m[0]) {
		return errUnknownMessage
	}
	addr := v.Recipient
	if !strings.Contains(addr, "@") {
		addr = dsn.Recipient
	}
	out := bounceResult{ActionID: v.ID, DebtorID: v.DebtorID, Address: addr, Status: dsn.Status, Diagnostic: dsn.Diagnostic,
		Permanent: dsn.Permanent}
	if addr == "" {
		return invalid("body", "the report names no recipient")
	}
	if dsn.Permanent {
		reason := strings.TrimSpace(dsn.Status + " " + dsn.Diagnostic)
		err := a.store.RecordBounce(ctx, dunning.Bounce{DebtorID: v.DebtorID, Address: addr, Kind: "email", Reason: reason, At: a.now()})
		if err != nil {
			return fmt.Errorf("record bounce of action %d: %w", v.ID, err)
		}
		out.Recorded = true
	}
	return writeJSON(w, http.StatusOK, out)
}

// readBounce reads the bounce of the request as a whole message: a
// multipart/report body gets its Content-Type as its header.
func readBounce(r *http.Request) ([]byte, error) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil, &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			"a Content-Type is required: " + strings.Join(bounceTypes, " or ")}
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return nil, ledger.FieldError("Content-Type", "malformed media type %q", ct)
	}
	if mt != bounceTypes[0] && mt != bounceTypes[1] {
		return nil, &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			fmt.Sprintf("media type %q is not accepted: send the bounce as %s", mt, strings.Join(bounceTypes, " or "))}
	}
	if enc := r.Header.Get("Content-Encoding"); enc != "" && !strings.EqualFold(enc, "identity") {
		return nil, &httpError{http.StatusUnsupportedMediaType, codeUnsupportedMediaType,
			fmt.Sprintf("Content-Encoding %q is not supported: send the bounce as it is", enc)}
	}
	tooBig := &httpError{http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("the bounce is larger than %d MiB", maxBounceSize>>20)}
	if r.ContentLength > maxBounceSize {
		return nil, tooBig
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBounceSize+1))
	if err != nil {
		return nil, ledger.FieldError("body", "unreadable body: %v", err)
	}
	if len(body) > maxBounceSize {
		return nil, tooBig
	}
	if mt == "multipart/report" {
		body = append([]byte("MIME-Version: 1.0\r\nContent-Type: "+ct+"\r\n\r\n"), body...)
	}
	return body, nil
}
