package cfonb

import (
	"fmt"
	"strings"
)

// frenchIBAN builds the IBAN of a French account from its RIB parts: a
// 5-digit bank code (not all zeros), a 5-digit branch code and an
// 11-character account number (digits and capital letters). The RIB key
// is computed, then the IBAN check digits. It returns "" for parts of
// another shape.
func frenchIBAN(bank, branch, account string) string {
	if len(bank) != 5 || len(branch) != 5 || len(account) != 11 || bank == "00000" ||
		!digits(bank) || !digits(branch) {
		return ""
	}
	// The RIB key reads an account's letters as digits: A and J are 1,
	// B, K and S are 2, and so on up to I, R and Z, 9.
	var acct int64
	for _, c := range account {
		switch {
		case c >= '0' && c <= '9':
			acct = acct*10 + int64(c-'0')
		case c >= 'A' && c <= 'Z':
			acct = acct*10 + int64(ribLetter(c))
		default:
			return ""
		}
	}
	key := 97 - (89*atoi(bank)+15*atoi(branch)+3*acct)%97
	bban := fmt.Sprintf("%s%s%s%02d", bank, branch, account, key)
	check := 98 - mod97(bban+"FR00")
	return fmt.Sprintf("FR%02d%s", check, bban)
}

// ribLetter is the digit the RIB key reads for a capital letter.
func ribLetter(c rune) int {
	switch {
	case c <= 'I':
		return int(c-'A') + 1
	case c <= 'R':
		return int(c-'J') + 1
	}
	return int(c-'S') + 2
}

// mod97 is the remainder by 97 of s read as the IBAN check reads it:
// digits as themselves, letters A…Z as 10…35.
func mod97(s string) int {
	rem := 0
	for _, c := range strings.ToUpper(s) {
		if c >= 'A' && c <= 'Z' {
			rem = (rem*100 + int(c-'A'+10)) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem
}

func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int64 {
	var n int64
	for _, c := range s {
		n = n*10 + int64(c-'0')
	}
	return n
}
