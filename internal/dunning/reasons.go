package dunning

import (
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
)

// Reasons are the stable strings a Decision's SkipReason, an Exclusion,
// an action's skip reason or Recheck give. The interface shows them
// through ReasonLabel.
const (
	// Pauses: the whole debtor waits.
	ReasonInsolvency   = "insolvency"     // insolvency proceedings: collection must stop
	ReasonDoNotContact = "do_not_contact" // a user marked the debtor
	ReasonPaused       = "paused"         // paused until a date
	ReasonPromise      = "promise"        // a promise to pay is pending
	ReasonPlan         = "plan"           // a payment plan is kept

	// About the invoices.
	ReasonPaid       = ledger.SkipPaid // nothing left to pay on the action's invoices
	ReasonDispute    = "dispute"       // every overdue invoice is disputed, or the action's are
	ReasonLimitation = "limitation"    // time-barred: never reminded again
	ReasonCurrency   = "currency"      // not in the currency of the debtor's oldest invoice
	ReasonNothingDue = "nothing_due"   // nothing open to remind

	// About the scenario.
	ReasonNoSegment  = "no_segment"  // no segment matches the debtor
	ReasonNoScenario = "no_scenario" // the segment's scenario does not exist
	ReasonPending    = "pending"     // an action of the case is still to be sent or approved
	ReasonNotDue     = "not_due"     // no step of the scenario is due yet
	ReasonMinAmount  = "min_amount"  // the amount due is below the step's minimum
	ReasonReplied    = "replied"     // the debtor answered since the last action

	// About the channel.
	ReasonNoAddress = "no_address" // no postal address (nor any other reachable channel)
	ReasonNoPhone   = "no_phone"   // no phone number for a call
	ReasonNoContact = "no_contact" // the recipient cannot be reached any more
	// ReasonBounced: the channel refused the recipient at sending (the
	// action failed, the address is recorded as bounced); the step is
	// planned again through another recipient or a fallback channel.
	ReasonBounced = "bounced"

	// At dispatch (Recheck), with a time to try again.
	ReasonQuietHours = "quiet_hours" // outside quiet hours, a Sunday or a holiday
	ReasonWeeklyCap  = "weekly_cap"  // too many contacts in the last 7 days

	// Set by others, read by the planner.
	ReasonRejected    = "rejected"             // a person refused the action
	ReasonUnconfirmed = ledger.SkipUnconfirmed // may have gone: never sent again by itself
)

// French typography: a non-breaking space before a colon, a narrow one
// before ; ! ?.
const (
	nbsp  = "\u00a0"
	nnbsp = "\u202f"
)

var reasonLabels = map[string][2]string{ // reason → {fr, en}
	ReasonInsolvency: {
		"Débiteur en procédure collective" + nbsp + ": les relances sont arrêtées" + nnbsp + "; la créance se déclare au mandataire.",
		"Debtor in insolvency proceedings: reminders are stopped; the claim is declared to the administrator.",
	},
	ReasonDoNotContact: {
		"Débiteur marqué «" + nbsp + "ne pas contacter" + nbsp + "».",
		"Debtor marked “do not contact”.",
	},
	ReasonPaused: {
		"Relances suspendues jusqu’à la date fixée.",
		"Reminders paused until the date set.",
	},
	ReasonPromise: {
		"Promesse de paiement en cours" + nbsp + ": le scénario attend la date promise.",
		"Promise to pay pending: the scenario waits for the promised date.",
	},
	ReasonPlan: {
		"Échéancier en cours et respecté" + nbsp + ": le scénario attend.",
		"Payment plan in force and kept: the scenario waits.",
	},
	ReasonPaid: {
		"Les factures de cette relance sont réglées.",
		"The invoices of this reminder are paid.",
	},
	ReasonDispute: {
		"Factures contestées" + nbsp + ": la relance attend la fin du litige.",
		"Disputed invoices: reminders wait until the dispute is settled.",
	},
	ReasonLimitation: {
		"Créance prescrite" + nbsp + ": elle n’est plus relancée.",
		"Time-barred claim: it is no longer reminded.",
	},
	ReasonCurrency: {
		"Facture dans une autre devise que le reste du dossier" + nbsp + ": à relancer à la main.",
		"Invoice in another currency than the rest of the case: to be chased by hand.",
	},
	ReasonNothingDue: {
		"Rien n’est dû.",
		"Nothing is due.",
	},
	ReasonNoSegment: {
		"Aucun segment ne correspond à ce débiteur.",
		"No segment matches this debtor.",
	},
	ReasonNoScenario: {
		"Le scénario choisi par le segment n’existe pas.",
		"The scenario the segment names does not exist.",
	},
	ReasonPending: {
		"Une relance de ce dossier attend encore d’être envoyée ou approuvée.",
		"A reminder of this case is still waiting to be sent or approved.",
	},
	ReasonNotDue: {
		"Aucune étape du scénario n’est encore due.",
		"No step of the scenario is due yet.",
	},
	ReasonMinAmount: {
		"Montant dû inférieur au minimum de l’étape.",
		"The amount due is below the step’s minimum.",
	},
	ReasonReplied: {
		"Le débiteur a répondu depuis la dernière relance.",
		"The debtor answered since the last reminder.",
	},
	ReasonNoAddress: {
		"Aucune adresse postale (ni autre moyen de contact utilisable).",
		"No postal address (nor any other usable contact).",
	},
	ReasonNoPhone: {
		"Aucun numéro de téléphone.",
		"No phone number.",
	},
	ReasonNoContact: {
		"Destinataire injoignable" + nbsp + ": adresse absente ou rejetée.",
		"Recipient unreachable: address missing or rejected.",
	},
	ReasonBounced: {
		"Adresse rejetée à l’envoi" + nbsp + ": la relance repart par un autre moyen.",
		"Address refused at sending: the reminder goes again another way.",
	},
	ReasonQuietHours: {
		"Hors des heures permises, un dimanche ou un jour férié" + nbsp + ": envoi reporté.",
		"Outside allowed hours, on a Sunday or a public holiday: sending postponed.",
	},
	ReasonWeeklyCap: {
		"Nombre maximal de contacts sur 7" + nbsp + "jours atteint" + nbsp + ": envoi reporté.",
		"Most contacts in 7 days reached: sending postponed.",
	},
	ReasonRejected: {
		"Refusée par un utilisateur.",
		"Rejected by a user.",
	},
	ReasonUnconfirmed: {
		"Envoi non confirmé" + nbsp + ": à vérifier avant de renvoyer.",
		"Sending not confirmed: check before sending again.",
	},
}

// Reasons lists every reason ReasonLabel knows.
func Reasons() []string {
	return []string{
		ReasonInsolvency, ReasonDoNotContact, ReasonPaused, ReasonPromise, ReasonPlan,
		ReasonPaid, ReasonDispute, ReasonLimitation, ReasonCurrency, ReasonNothingDue,
		ReasonNoSegment, ReasonNoScenario, ReasonPending, ReasonNotDue, ReasonMinAmount, ReasonReplied,
		ReasonNoAddress, ReasonNoPhone, ReasonNoContact, ReasonBounced, ReasonQuietHours, ReasonWeeklyCap,
		ReasonRejected, ReasonUnconfirmed,
	}
}

// ReasonLabel explains a reason to a user: in French when lang starts
// with "fr" (or is empty), in English otherwise. An unknown reason is
// returned as it is.
func ReasonLabel(reason, lang string) string {
	l, ok := reasonLabels[reason]
	if !ok {
		return reason
	}
	lang = strings.ToLower(strings.TrimSpace(lang))
	if lang == "" || strings.HasPrefix(lang, "fr") {
		return l[0]
	}
	return l[1]
}
