package courtfile

// Text is a sentence or a name in French and in English. The package
// carries both rather than catalogue keys because the court file is
// French whatever the user's language, while the interface may be
// English: the caller picks, nothing is looked up.
type Text struct {
	FR string `json:"fr"`
	EN string `json:"en"`
}

// Note is a reason a procedure is unavailable, or something the user must
// know about a procedure or a court. Code is stable: the interface and
// the tests match on it, never on the sentences, which may be reworded.
type Note struct {
	Code string `json:"code"`
	FR   string `json:"fr"`
	EN   string `json:"en"`
	// Check marks a rule taken from a single source or from a text too
	// recent for its article numbers to be settled: the user must verify
	// it on Légifrance before relying on it.
	Check bool `json:"check,omitempty"`
}

// Reason and note codes. They are part of the API: rename none.
const (
	// Reasons a procedure is unavailable.
	CodeInvalidCase       = "invalid_case"
	CodeNothingDue        = "nothing_due"
	CodeNotDue            = "not_due"
	CodeTimeBarred        = "time_barred"
	CodePublicDebtor      = "public_debtor"
	CodeDisputed          = "disputed"
	CodeNotBetweenTraders = "not_between_traders"
	CodeNotInForce        = "not_in_force"
	CodeOverCeiling       = "over_ceiling"
	CodeCurrency          = "currency"
	CodeCommercialExclude = "commercial_claim_excluded"

	// Notes on procedures.
	CodeNoAmicableAttempt  = "no_prior_amicable_attempt"
	CodeNoNotice           = "no_formal_notice"
	CodeConsumerNoInterest = "consumer_interest_from_notice"
	CodeLimitationSoon     = "limitation_soon"
	CodeL126InForce        = "l126_entry_into_force"
	CodeL126Steps          = "l126_steps"
	CodeL126Costs          = "l126_costs"
	CodeL125Costs          = "l125_creditor_pays_costs"
	CodeL125Consent        = "l125_debtor_consent"
	CodeL125Disputed       = "l125_disputed"

	// Notes on the court.
	CodeCourtPlace        = "court_place"
	CodeCourtNoAddress    = "court_no_address"
	CodeCourtSeat         = "court_registered_office"
	CodeCourtClause       = "court_jurisdiction_clause"
	CodeCourtDecree202696 = "court_decree_2026_96"
	CodeCourtOpposition   = "court_opposition"
	CodeCourtTAE          = "court_tae"
	CodeCourtContribution = "court_tae_contribution"
	CodeCourtAlsace       = "court_alsace_moselle"
	CodeCourtOverseas     = "court_overseas"
	CodeCourtMixedAct     = "court_mixed_act"
	CodeCourtPublic       = "court_public_body"
	CodeCourtJCP          = "court_jcp"
)

// checked returns n marked as to be verified.
func checked(n Note) Note {
	n.Check = true
	return n
}

// note builds a Note that needs no checking.
func note(code, fr, en string) Note { return Note{Code: code, FR: fr, EN: en} }
