package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // lanes
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultParams hash new passwords: 64 MiB, 3 passes, 2 lanes (OWASP's
// first argon2id profile family), about 80 ms on a 2-core machine, a
// slow guess for an attacker and an unnoticeable wait at login.
var DefaultParams = Params{Memory: 64 * 1024, Time: 3, Threads: 2, SaltLen: 16, KeyLen: 32}

// TestParams are cheap parameters for tests only: never use them to store
// a real password.
var TestParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Bounds on parameters, both for HashPassword and for a stored hash (a
// crafted hash must not make verification allocate gigabytes or spin).
const (
	minSaltLen = 8
	minKeyLen  = 16
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 64
	maxSaltKey = 1024 // bytes, for salt and key alike
)

// ErrMalformedHash is returned (wrapped, with the reason) for a stored hash
// that is not a well-formed argon2id PHC string.
var ErrMalformedHash = errors.New("auth: malformed password hash")

// b64 is the PHC encoding: standard alphabet, no padding, strict so a
// string with altered trailing bits does not decode to the same bytes.
var b64 = base64.RawStdEncoding.Strict()

func (p Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxTime:
		return fmt.Errorf("time %d out of [1, %d]", p.Time, maxTime)
	case p.Threads < 1:
		return errors.New("threads must be at least 1")
	case p.Memory < 8*uint32(p.Threads) || p.Memory > maxMemory:
		return fmt.Errorf("memory %d KiB out of [8×threads, %d]", p.Memory, maxMemory)
	case p.SaltLen < minSaltLen || p.SaltLen > maxSaltKey:
		return fmt.Errorf("salt length %d out of [%d, %d]", p.SaltLen, minSaltLen, maxSaltKey)
	case p.KeyLen < minKeyLen || p.KeyLen > maxSaltKey:
		return fmt.Errorf("key length %d out of [%d, %d]", p.KeyLen, minKeyLen, maxSaltKey)
	}
	return nil
}

// HashPassword hashes pw with a fresh random salt into a PHC string:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<hash>.
func HashPassword(pw string, p Params) (string, error) {
	if err := p.check(); err != nil {
		return "", fmt.Errorf("auth: bad argon2id parameters: %w", err)
	}
	salt := make([]byte, p.SaltLen)
	rand.Read(salt) // never fails (crypto/rand crashes the program if the OS cannot provide entropy)
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword checks pw against a PHC hash made by HashPassword,
// comparing in constant time. needsRehash is true when the hash was made
// with other parameters than DefaultParams: the caller should then store
// HashPassword(pw, DefaultParams) once ok. A malformed hash is an error
// wrapping ErrMalformedHash, never a plain mismatch.
func VerifyPassword(pw, phc string) (ok, needsRehash bool, err error) {
	p, salt, key, err := parsePHC(phc)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	ok = subtle.ConstantTimeCompare(got, key) == 1
	return ok, p.needsRehash(), nil
}

// needsRehash tells whether a hash made with p falls short of, or differs
// from, DefaultParams (a longer salt is fine).
func (p Params) needsRehash() bool {
	d := DefaultParams
	return p.Memory != d.Memory || p.Time != d.Time || p.Threads != d.Threads ||
		p.SaltLen < d.SaltLen || p.KeyLen != d.KeyLen
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformedHash, fmt.Sprintf(format, args...))
}

// parsePHC reads $argon2id$v=19$m=M,t=T,p=P$salt$hash, strictly.
func parsePHC(phc string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(phc, "$")
	if len(parts) != 6 || parts[0] != "" {
		return p, nil, nil, malformed("want 5 fields separated by '$', got %d", len(parts)-1)
	}
	if parts[1] != "argon2id" {
		return p, nil, nil, malformed("algorithm %q, want argon2id", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, malformed("version %q, want v=%d", parts[2], argon2.Version)
	}
	kv := strings.Split(parts[3], ",")
	if len(kv) != 3 {
		return p, nil, nil, malformed("parameters %q, want m=…,t=…,p=…", parts[3])
	}
	var vals [3]uint64
	for i, name := range []string{"m", "t", "p"} {
		v, found := strings.CutPrefix(kv[i], name+"=")
		n, perr := strconv.ParseUint(v, 10, 32)
		if !found || perr != nil || (len(v) > 1 && v[0] == '0') {
			return p, nil, nil, malformed("parameter %q, want %s=<number>", kv[i], name)
		}
		vals[i] = n
	}
	if vals[2] > 255 {
		return p, nil, nil, malformed("parallelism %d above 255", vals[2])
	}
	p.Memory, p.Time, p.Threads = uint32(vals[0]), uint32(vals[1]), uint8(vals[2])
	if salt, err = b64.DecodeString(parts[4]); err != nil {
		return p, nil, nil, malformed("salt: %v", err)
	}
	if key, err = b64.DecodeString(parts[5]); err != nil {
		return p, nil, nil, malformed("hash: %v", err)
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	if err := p.check(); err != nil {
		return p, nil, nil, malformed("%v", err)
	}
	return p, salt, key, nil
}

// MinPasswordLen is the shortest password accepted, in characters.
const MinPasswordLen = 10

// ErrPasswordTooShort is a new password shorter than MinPasswordLen. Its
// text is the message catalogue key "auth.password_too_short".
var ErrPasswordTooShort = errors.New("auth.password_too_short")

// ValidatePassword checks a new password: at least MinPasswordLen
// characters (runes, so "é" counts once). It does not check existing
// passwords at login.
func ValidatePassword(pw string) error {
	if utf8.RuneCountInString(pw) < MinPasswordLen {
		return ErrPasswordTooShort
	}
	return nil
}
