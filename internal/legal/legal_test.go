package legal_test

import (
	"strings"
	"testing"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/legal"
	"github.com/recouvre/recouvre/internal/legalfr"
	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestImportedRatesApplyInOrder(t *testing.T) {
	st := storetest.Open(t)
	ctx := t.Context()
	tbl, err := legal.Rates(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	s27 := legalfr.Semester{Year: 2027, Half: 1}
	if _, ok := tbl.LegalFor(s27); ok {
		t.Fatal("2027-S1 is not shipped")
	}
	for _, c := range []string{"legal\t2027-S1\t6.50\t2.60\tunconfirmed\tfirst\n", "legal\t2027-S1\t6.55\t2.61\tconfirmed\tsecond\n"} {
		if _, err := legal.ImportRates(ctx, st, "taux.tsv", []byte(c)); err != nil {
			t.Fatal(err)
		}
	}
	tbl, err = legal.Rates(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := tbl.LegalFor(s27); !ok || r.Consumer != 655 || r.Other != 261 || !r.Confirmed || r.Source != "second" {
		t.Errorf("2027-S1 = %+v", r)
	}
}

func TestImportRatesRefusesBadFiles(t *testing.T) {
	st := storetest.Open(t)
	ctx := t.Context()
	for in, want := range map[string]string{
		"legal\t2027-S1\t6.50\t2.60\tconfirmed\tok\nlegal\t2027-S9\t1\t1\tconfirmed\tbad\n": "line 2",
		"# nothing\n": "holds no rate",
	} {
		_, err := legal.ImportRates(ctx, st, "taux.tsv", []byte(in))
		if ledger.ErrorCode(err) != ledger.EInvalid || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want invalid %q", in, err, want)
		}
	}
	if imports, _ := st.RateImports(ctx); len(imports) != 0 {
		t.Errorf("a refused file was kept: %+v", imports)
	}
}
