package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// Token prefixes tell a session cookie from an API token at a glance, and
// let secret scanners recognise a leaked API token.
const (
	SessionPrefix  = "rs_"
	APITokenPrefix = "rcv_"
)

// TokenBytes is the entropy of a token: 256 bits.
const TokenBytes = 32

// NewToken returns a fresh random token, prefix followed by 32 bytes from
// crypto/rand in unpadded base64url (43 characters), and its hash, the
// only form to store. The plain token is given to its owner once.
func NewToken(prefix string) (plain string, hash []byte) {
	var b [TokenBytes]byte
	rand.Read(b[:]) // never fails (crypto/rand crashes the program if the OS cannot provide entropy)
	plain = prefix + base64.RawURLEncoding.EncodeToString(b[:])
	return plain, HashToken(plain)
}

// HashToken is the at-rest form of a token, its SHA-256 (32 bytes). A fast
// hash suffices: a 256-bit random secret cannot be guessed whatever the
// hash's speed. Look a presented token up by this hash.
func HashToken(plain string) []byte {
	h := sha256.Sum256([]byte(plain))
	return h[:]
}
