package bankcsv

// directions are the words a D/C indicator column writes, normalized:
// true for a credit, false for a debit.
var directions = map[string]bool{
	"c": true, "cr": true, "cdt": true, "crdt": true, "credit": true, "crediteur": true,
	"credited": true, "in": true, "entree": true, "recette": true, "encaissement": true,
	"d": false, "db": false, "dr": false, "dbt": false, "dbit": false, "debit": false,
	"debiteur": false, "debited": false, "out": false, "sortie": false, "depense": false,
}

// parseDirection reads a D/C indicator: ok is false for a word it does
// not know. A lone "+" or "-" says credit or debit too.
func parseDirection(s string) (credit, ok bool) {
	switch s {
	case "+":
		return true, true
	case "-":
		return false, true
	}
	credit, ok = directions[normalize(s)]
	return credit, ok
}
