package ofx

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/recouvre/recouvre/internal/i18n"
)

// FuzzParse: whatever the bytes, Parse neither panics nor hangs, any
// error is a statement.Issue with a catalogue key, every issue has one,
// and every entry is plausible with unique payment keys.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		sgml(trn("<TRNTYPE>credit\n<DTPOSTED>20240131\n<TRNAMT>12.50\n<FITID>A1\n<NAME>Dupont\n<MEMO>Facture F-12")),
		sgml(trn("<DTPOSTED>20240131120000.000[-5:EST]<TRNAMT>-1,5<FITID><REFNUM>9<PAYEE><NAME>X</PAYEE><CURRENCY><CURSYM>USD</CURRENCY>")),
		`<?xml version="1.0"?><?OFX OFXHEADER="200"?><OFX><CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<CCSTMTRS><CURDEF>EUR` +
			`<CCACCTFROM><ACCTID>1</CCACCTFROM><BANKTRANLIST><STMTTRN><DTPOSTED>20240101</DTPOSTED><TRNAMT>1</TRNAMT><NAME/></STMTTRN>` +
			`</BANKTRANLIST><LEDGERBAL><BALAMT>1</BALAMT></LEDGERBAL></CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>`,
		"OFXHEADER:100 CHARSET:1252 <OFX><STMTRS><STMTTRN><MEMO>Caf\xe9 \x80 &amp; &#233; <![CDATA[x]]><!-- c --></STMTRS>",
		"\n\n<OFX><STMTTRN><DTPOSTED>20240230<TRNAMT>1.234</OFX>",
		"<OFX>" + string(bytes.Repeat([]byte("<A>"), 80)),
		"OFXHEADER:100",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		watch := time.AfterFunc(10*time.Second, func() { panic("ofx: Parse hangs") })
		file, err := Parse(context.Background(), bytes.NewReader(data))
		watch.Stop()
		if err != nil {
			if k := fatalKey(err); !i18n.Has("fr", k) || !i18n.Has("en", k) {
				t.Fatalf("error %v has no catalogue key", err)
			}
			return
		}
		checkFile(t, file)
		if len(file.Issues) > MaxIssues+1 {
			t.Fatalf("%d issues", len(file.Issues))
		}
	})
}
