package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/banking"
	"github.com/recouvre/recouvre/internal/civil"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
	"github.com/recouvre/recouvre/internal/store"
)

// demoBank imports a bank statement of the last ten days, written from
// the demo portfolio, so that the bank screens have something true to
// show: transfers citing their invoices (lettered by themselves), one
// paying two invoices, customers paying without a reference, strangers,
// and outgoing amounts the import leaves alone.
func demoBank(ctx context.Context, st store.Store, today civil.Date, now func() time.Time) error {
	page, err := st.ListDebtors(ctx, store.DebtorQuery{OnlyDue: true, Sort: store.SortOverdue, Desc: true, Limit: 40}, today)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("Date opération;Libellé;Tiers;Référence;Montant\n")
	line := 0
	add := func(payer, label string, minor int64) {
		line++
		on := today.AddDays(-1 - line%9)
		fmt.Fprintf(&b, "%s;%s;%s;%s;%s\n", on.Time(time.UTC).Format("02/01/2006"), label, payer, fmt.Sprintf("OP%08d", 41_000+line),
			strings.ReplaceAll(money.Decimal(money.New(minor, "EUR")), ".", ","))
	}
	for i, row := range page.Rows {
		if i >= 14 {
			break
		}
		invs, err := st.ListInvoices(ctx, store.InvoiceQuery{DebtorID: row.Debtor.ID, Limit: -1})
		if err != nil {
			return err
		}
		var open []ledger.Invoice
		for _, inv := range invs.Invoices {
			if inv.Kind == ledger.DocInvoice && inv.Open().Minor > 0 {
				open = append(open, inv)
			}
		}
		if len(open) == 0 {
			continue
		}
		payer := strings.ToUpper(row.Debtor.Name)
		switch {
		case i < 8:
			add(payer, "VIR SEPA "+payer+" FACT "+open[0].Number, open[0].Open().Minor)
		case i < 10 && len(open) > 1:
			add(payer, "VIR SEPA REGLEMENT FACTURES "+open[0].Number+" "+open[1].Number, open[0].Open().Minor+open[1].Open().Minor)
		default:
			add(payer, "VIR SEPA "+payer, open[0].Open().Minor)
		}
	}
	add("SCI LES TILLEULS", "VIR SEPA SCI LES TILLEULS LOYER", 150_00)
	add("", "REMISE CHEQUE 8812345", 320_00)
	add("URSSAF RHONE ALPES", "PRLV SEPA URSSAF", -1234_00)
	add("", "CB STATION SERVICE", -62_10)
	_, err = banking.New(st, now).Import(ctx, []byte(b.String()), banking.ImportOptions{FileName: "releve-demo.csv"})
	return err
}
