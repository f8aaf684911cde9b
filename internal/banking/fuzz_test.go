package banking

import (
	"context"
	"testing"

	"github.com/recouvre/recouvre/internal/civil"
)

// FuzzParse feeds any bytes to the format detection and the parser it
// picks: no input may panic, and what is read keeps the statement's
// rules (positive amounts, one key per payment of a statement).
func FuzzParse(f *testing.F) {
	f.Add(genCAMT(ourIBAN, []genEntry{{Ref: "N1", On: civil.MustParse("2025-06-02"), Minor: 12345,
		Txs: []genTx{{E2E: "E1", Minor: 12345, Payer: "DUPONT", IBAN: dupontIBAN, Text: "FACT F2025-0001"}}}}))
	f.Add([]byte("Date opération;Libellé;Montant\n02/06/2025;VIR DUPONT FACT 12;1 234,56\n03/06/2025;PRLV URSSAF;-12,00\n"))
	f.Add([]byte("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>" +
		"<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20250602<TRNAMT>12.34<FITID>1<NAME>DUPONT</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>\n"))
	f.Add([]byte("0130004    00000EUR2 00012345678  020625                                                  0000000010000{                \n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(context.Background(), data, nil)
		if err != nil || file == nil {
			return
		}
		for _, st := range file.Statements {
			seen := map[string]bool{}
			for _, e := range st.Entries {
				if e.Amount.Minor < 0 {
					t.Fatalf("negative entry amount %v", e.Amount)
				}
			}
			for _, p := range st.Payments() {
				if seen[p.Key] {
					t.Fatalf("two payments share the key %q", p.Key)
				}
				seen[p.Key] = true
			}
		}
	})
}
