package document_test

import (
	"fmt"

	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/document"
)

// A judgment published in the BODACC on 31 December 2025 leaves a creditor
// in metropolitan France until 28 February 2026 — a Saturday, so the
// deadline moves to Monday 2 March — and one abroad until 30 April.
func ExampleClaimDeadline() {
	published := civil.D(2025, 12, 31)
	fmt.Println(document.ClaimDeadline(published, false).FormatFR())
	fmt.Println(document.ClaimDeadline(published, true).FormatFR())
	// Output:
	// 02/03/2026
	// 30/04/2026
}
