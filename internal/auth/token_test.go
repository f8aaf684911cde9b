package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	tests := []struct {
		prefix string
	}{{SessionPrefix}, {APITokenPrefix}, {""}}
	for _, tt := range tests {
		plain, hash := NewToken(tt.prefix)
		body, ok := strings.CutPrefix(plain, tt.prefix)
		if !ok || len(body) != 43 {
			t.Errorf("NewToken(%q) = %q: want the prefix and 43 characters", tt.prefix, plain)
		}
		if b, err := base64.RawURLEncoding.DecodeString(body); err != nil || len(b) != TokenBytes {
			t.Errorf("NewToken(%q) body %q: %d bytes, %v", tt.prefix, body, len(b), err)
		}
		if len(hash) != sha256.Size || !bytes.Equal(hash, HashToken(plain)) {
			t.Errorf("NewToken(%q) hash differs from HashToken", tt.prefix)
		}
	}
}

func TestTokensDiffer(t *testing.T) {
	seen := map[string]bool{}
	hashes := map[string]bool{}
	for range 1000 {
		plain, hash := NewToken(SessionPrefix)
		if seen[plain] || hashes[string(hash)] {
			t.Fatalf("token %s drawn twice", plain)
		}
		seen[plain], hashes[string(hash)] = true, true
	}
}

func TestHashToken(t *testing.T) {
	tests := []struct {
		plain, hex string
	}{ // FIPS 180-2 test vectors
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	}
	for _, tt := range tests {
		if got := hex.EncodeToString(HashToken(tt.plain)); got != tt.hex {
			t.Errorf("HashToken(%q) = %s, want %s", tt.plain, got, tt.hex)
		}
	}
	if bytes.Equal(HashToken("rs_a"), HashToken("rcv_a")) {
		t.Error("the prefix is not hashed")
	}
}
