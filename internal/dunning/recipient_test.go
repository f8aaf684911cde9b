package dunning

import (
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
)

func TestIsMobile(t *testing.T) {
	tests := []struct {
		phone string
		want  bool
	}{
		{"0612345678", true},
		{"06 12 34 56 78", true},
		{"07.12.34.56.78", true},
		{"+33 6 12 34 56 78", true},
		{"+33712345678", true},
		{"0033 6 12 34 56 78", true},
		{"0690 12 34 56", true},      // Guadeloupe mobile, national form
		{"+590 690 12 34 56", true},  // Guadeloupe mobile, international form
		{"+262 692 12 34 56", true},  // Réunion
		{"+596 696 12 34 56", true},  // Martinique
		{"+594 694 12 34 56", true},  // Guyane
		{"01 23 45 67 89", false},    // landline
		{"+33 1 23 45 67 89", false}, // landline
		{"09 70 12 34 56", false},    // VoIP
		{"08 00 12 34 56", false},    // free number
		{"+262 262 12 34 56", false}, // Réunion landline
		{"+44 7700 900123", false},   // a UK mobile: no provider contract assumed
		{"061234567", false},         // too short
		{"06123456789", false},       // too long
		{"", false},
	}
	for _, tt := range tests {
		if got := IsMobile(tt.phone); got != tt.want {
			t.Errorf("IsMobile(%q) = %v, want %v", tt.phone, got, tt.want)
		}
	}
}

func TestRecipient(t *testing.T) {
	other := ledger.Contact{ID: 2, Name: "Direction", Email: "dg@client.fr", Phone: "01 23 45 67 89",
		Address: ledger.Address{Line1: "1 place de la Bourse", PostalCode: "69002", City: "Lyon"}}
	primary := contact()
	primary.ID = 1
	d := debtorOf(ledger.KindBusiness, other, primary) // the primary comes second in the list
	tests := []struct {
		name    string
		d       ledger.Debtor
		ch      ledger.Channel
		bounced []Bounce
		wantID  int64 // 0: none
	}{
		{"email: primary first", d, ledger.ChannelEmail, nil, 1},
		{"email: primary bounced", d, ledger.ChannelEmail, []Bounce{{Address: " Compta@Client.fr ", Kind: BounceEmail}}, 2},
		{"email: a phone bounce does not count", d, ledger.ChannelEmail, []Bounce{{Address: "compta@client.fr", Kind: BouncePhone}}, 1},
		{"email: all bounced", d, ledger.ChannelEmail, []Bounce{{Address: "compta@client.fr", Kind: BounceEmail}, {Address: "dg@client.fr", Kind: BounceEmail}}, 0},
		{"sms: the mobile with consent", d, ledger.ChannelSMS, nil, 1},
		{"sms: the number bounced, written otherwise", d, ledger.ChannelSMS, []Bounce{{Address: "+33612345678", Kind: BouncePhone}}, 0},
		{"call: primary's mobile", d, ledger.ChannelCall, nil, 1},
		{"call: mobile wrong, landline next", d, ledger.ChannelCall, []Bounce{{Address: "0612345678", Kind: BouncePhone}}, 2},
		{"letter: primary's address", d, ledger.ChannelLetter, nil, 1},
		{"letter: bounces do not matter", d, ledger.ChannelLetter, []Bounce{{Address: "compta@client.fr", Kind: BounceEmail}}, 1},
		{"sms: landline only", debtorOf(ledger.KindBusiness, other), ledger.ChannelSMS, nil, 0},
		{"sms: mobile without consent", debtorOf(ledger.KindBusiness, ledger.Contact{ID: 3, Phone: "0612345678"}), ledger.ChannelSMS, nil, 0},
		{"letter: a city without a street", debtorOf(ledger.KindBusiness, ledger.Contact{ID: 3, Address: ledger.Address{City: "Lyon"}}), ledger.ChannelLetter, nil, 0},
		{"no contact at all", ledger.Debtor{}, ledger.ChannelEmail, nil, 0},
		{"unknown channel", d, "fax", nil, 0},
	}
	for _, tt := range tests {
		c, ok := Recipient(tt.d, tt.ch, tt.bounced)
		if ok != (tt.wantID != 0) || c.ID != tt.wantID {
			t.Errorf("%s: Recipient = %d (%v), want %d", tt.name, c.ID, ok, tt.wantID)
		}
	}
}

func TestChannelFor(t *testing.T) {
	full := contact()
	noEmail := contact()
	noEmail.Email = ""
	nothing := ledger.Contact{ID: 9, Name: "Nobody"}
	noConsent := contact()
	noConsent.SMSConsent = false
	tests := []struct {
		name     string
		c        ledger.Contact
		ch       ledger.Channel
		template string
		want     ledger.Channel
		reason   string
	}{
		{"email", full, ledger.ChannelEmail, TemplateReminder2, ledger.ChannelEmail, ""},
		{"email → letter", noEmail, ledger.ChannelEmail, TemplateReminder2, ledger.ChannelLetter, ""},
		{"email → letter: final", noEmail, ledger.ChannelEmail, TemplateFinal, ledger.ChannelLetter, ""},
		{"pre-due email: no letter version", noEmail, ledger.ChannelEmail, TemplatePreDue, ledger.ChannelEmail, ReasonNoContact},
		{"email, nobody", nothing, ledger.ChannelEmail, TemplateReminder2, ledger.ChannelEmail, ReasonNoAddress},
		{"sms", full, ledger.ChannelSMS, TemplateReminder1, ledger.ChannelSMS, ""},
		{"sms → email", noConsent, ledger.ChannelSMS, TemplateReminder1, ledger.ChannelEmail, ""},
		{"sms → email → letter", func() ledger.Contact { c := noConsent; c.Email = ""; return c }(), ledger.ChannelSMS, TemplateReminder2, ledger.ChannelLetter, ""},
		{"sms, nobody", nothing, ledger.ChannelSMS, TemplateReminder2, ledger.ChannelSMS, ReasonNoAddress},
		{"letter", full, ledger.ChannelLetter, TemplateFormalNotice, ledger.ChannelLetter, ""},
		{"letter, no address", nothing, ledger.ChannelLetter, TemplateFormalNotice, ledger.ChannelLetter, ReasonNoAddress},
		{"call", full, ledger.ChannelCall, TemplateCall, ledger.ChannelCall, ""},
		{"call, no email needed", noEmail, ledger.ChannelCall, TemplateCall, ledger.ChannelCall, ""},
		{"call, nobody", nothing, ledger.ChannelCall, TemplateCall, ledger.ChannelCall, ReasonNoPhone},
		{"hand-off, nobody: a task, not a call", nothing, ledger.ChannelCall, TemplateHandoff, ledger.ChannelCall, ""},
	}
	for _, tt := range tests {
		ch, c, reason := ChannelFor(debtorOf(ledger.KindBusiness, tt.c), tt.ch, tt.template, nil)
		if ch != tt.want || reason != tt.reason {
			t.Errorf("%s: ChannelFor = %s %q, want %s %q", tt.name, ch, reason, tt.want, tt.reason)
		}
		if reason == "" && c.ID != tt.c.ID {
			t.Errorf("%s: contact %d", tt.name, c.ID)
		}
	}
}
