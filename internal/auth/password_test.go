package auth

import (
	"errors"
	"strings"
	"testing"
)

const testPW = "correct horse battery"

func mustHash(t *testing.T, pw string, p Params) string {
	t.Helper()
	h, err := HashPassword(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestHashPasswordFormat(t *testing.T) {
	tests := []struct {
		name   string
		p      Params
		prefix string
		fields []int // decoded salt and key lengths
	}{
		{"test", TestParams, "$argon2id$v=19$m=64,t=1,p=1$", []int{16, 32}},
		{"default", DefaultParams, "$argon2id$v=19$m=65536,t=3,p=2$", []int{16, 32}},
		{"custom", Params{Memory: 256, Time: 2, Threads: 4, SaltLen: 8, KeyLen: 16}, "$argon2id$v=19$m=256,t=2,p=4$", []int{8, 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := mustHash(t, testPW, tt.p)
			if !strings.HasPrefix(h, tt.prefix) {
				t.Fatalf("hash %s, want prefix %s", h, tt.prefix)
			}
			parts := strings.Split(h, "$")
			for i, want := range tt.fields {
				b, err := b64.DecodeString(parts[4+i])
				if err != nil || len(b) != want {
					t.Errorf("field %d: %d bytes (%v), want %d", 4+i, len(b), err, want)
				}
			}
			ok, _, err := VerifyPassword(testPW, h)
			if !ok || err != nil {
				t.Errorf("VerifyPassword = %v, %v", ok, err)
			}
		})
	}
}

func TestHashPasswordBadParams(t *testing.T) {
	tests := []struct {
		name string
		p    Params
	}{
		{"zero", Params{}},
		{"no threads", Params{Memory: 64, Time: 1, SaltLen: 16, KeyLen: 32}},
		{"no time", Params{Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}},
		{"memory below 8×threads", Params{Memory: 15, Time: 1, Threads: 2, SaltLen: 16, KeyLen: 32}},
		{"memory too large", Params{Memory: 4 << 20, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}},
		{"short salt", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 4, KeyLen: 32}},
		{"short key", Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 8}},
	}
	for _, tt := range tests {
		if h, err := HashPassword(testPW, tt.p); err == nil {
			t.Errorf("%s: HashPassword = %s, want an error", tt.name, h)
		}
	}
}

func TestHashPasswordSalted(t *testing.T) {
	first, second := mustHash(t, testPW, TestParams), mustHash(t, testPW, TestParams)
	if first == second {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

func TestVerifyPassword(t *testing.T) {
	h := mustHash(t, testPW, TestParams)
	hd := mustHash(t, "pw-default-params", DefaultParams)
	hEmpty := mustHash(t, "", TestParams)
	hUnicode := mustHash(t, "mot de passe très sûr ✓", TestParams)
	tests := []struct {
		name, pw, hash string
		ok, rehash     bool
	}{
		{"right", testPW, h, true, true},
		{"wrong case", "correct horse batterY", h, false, true},
		{"prefix", "correct horse", h, false, true},
		{"longer", testPW + " ", h, false, true},
		{"empty", "", h, false, true},
		{"empty hashed", "", hEmpty, true, true},
		{"unicode", "mot de passe très sûr ✓", hUnicode, true, true},
		{"unicode decomposed", "mot de passe tre\u0300s su\u0302r ✓", hUnicode, false, true},
		{"default params", "pw-default-params", hd, true, false},
		{"default params, wrong", "pw-default-paramS", hd, false, false},
	}
	for _, tt := range tests {
		ok, rehash, err := VerifyPassword(tt.pw, tt.hash)
		if err != nil || ok != tt.ok || rehash != tt.rehash {
			t.Errorf("%s: VerifyPassword = %v, %v, %v; want %v, %v, nil", tt.name, ok, rehash, err, tt.ok, tt.rehash)
		}
	}
}

// flip changes one character of s at i into another of the base64 alphabet.
func flip(s string, i int) string {
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

func TestVerifyPasswordTampered(t *testing.T) {
	h := mustHash(t, testPW, TestParams)
	parts := strings.Split(h, "$")
	salt, key := parts[4], parts[5]
	join := func(salt, key string) string {
		return strings.Join([]string{"", "argon2id", "v=19", "m=64,t=1,p=1", salt, key}, "$")
	}
	tests := []struct {
		name, hash string
	}{
		{"key first char", join(salt, flip(key, 0))},
		{"key middle char", join(salt, flip(key, len(key)/2))},
		{"key zeroed", join(salt, strings.Repeat("A", len(key)))},
		{"salt changed", join(flip(salt, 3), key)},
		{"time changed", strings.Replace(h, "t=1", "t=2", 1)},
		{"memory changed", strings.Replace(h, "m=64", "m=128", 1)},
		{"threads changed", strings.Replace(h, "p=1", "p=2", 1)},
		{"hash swapped", join(salt, strings.Split(mustHash(t, testPW, TestParams), "$")[5])},
	}
	for _, tt := range tests {
		ok, _, err := VerifyPassword(testPW, tt.hash)
		if ok {
			t.Errorf("%s: tampered hash %s verified", tt.name, tt.hash)
		}
		if err != nil {
			t.Errorf("%s: %v (well-formed, should simply not match)", tt.name, err)
		}
	}
}

func TestVerifyPasswordMalformed(t *testing.T) {
	h := mustHash(t, testPW, TestParams)
	parts := strings.Split(h, "$")
	salt, key := parts[4], parts[5]
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	tests := []struct {
		name, hash, reason string
	}{
		{"empty", "", "fields"},
		{"plain text", "correct horse battery", "fields"},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", "fields"},
		{"no leading $", h[1:], "fields"},
		{"extra field", h + "$x", "fields"},
		{"truncated", h[:strings.LastIndex(h, "$")], "fields"},
		{"argon2i", with(1, "argon2i"), "algorithm"},
		{"argon2d", with(1, "argon2d"), "algorithm"},
		{"version 16", with(2, "v=16"), "version"},
		{"no version", with(2, "m=64,t=1,p=1"), "version"},
		{"params missing", with(3, "m=64,t=1"), "parameters"},
		{"params reordered", with(3, "t=1,m=64,p=1"), "parameter"},
		{"params not a number", with(3, "m=abc,t=1,p=1"), "parameter"},
		{"params negative", with(3, "m=64,t=-1,p=1"), "parameter"},
		{"params trailing junk", with(3, "m=64,t=1,p=1x"), "parameter"},
		{"params leading zero", with(3, "m=064,t=1,p=1"), "parameter"},
		{"params spaces", with(3, "m=64, t=1,p=1"), "parameter"},
		{"parallelism 256", with(3, "m=4096,t=1,p=256"), "parallelism"},
		{"time zero", with(3, "m=64,t=0,p=1"), "time"},
		{"threads zero", with(3, "m=64,t=1,p=0"), "threads"},
		{"memory huge", with(3, "m=4194304,t=1,p=1"), "memory"},
		{"time huge", with(3, "m=64,t=1000000,p=1"), "time"},
		{"salt not base64", with(4, "!!!!"+salt), "salt"},
		{"salt padded", with(4, salt+"=="), "salt"},
		{"salt short", with(4, "c2FsdA"), "salt length"},
		{"salt empty", with(4, ""), "salt length"},
		{"key not base64", with(5, key[:len(key)-1]+"*"), "hash"},
		{"key non-canonical", with(5, key[:len(key)-1]+"B"), "hash"}, // 32 bytes leave 2 spare bits in the last char
		{"key short", with(5, "aGFzaA"), "key length"},
		{"key empty", with(5, ""), "key length"},
	}
	for _, tt := range tests {
		ok, rehash, err := VerifyPassword(testPW, tt.hash)
		if ok || rehash || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("%s: VerifyPassword(%q) = %v, %v, %v; want ErrMalformedHash", tt.name, tt.hash, ok, rehash, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("%s: error %q does not mention %q", tt.name, err, tt.reason)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	d := DefaultParams
	tests := []struct {
		name   string
		p      Params
		rehash bool
	}{
		{"default", d, false},
		{"test", TestParams, true},
		{"less memory", Params{Memory: 19 * 1024, Time: d.Time, Threads: d.Threads, SaltLen: d.SaltLen, KeyLen: d.KeyLen}, true},
		{"fewer passes", Params{Memory: d.Memory, Time: 1, Threads: d.Threads, SaltLen: d.SaltLen, KeyLen: d.KeyLen}, true},
		{"other threads", Params{Memory: d.Memory, Time: d.Time, Threads: 1, SaltLen: d.SaltLen, KeyLen: d.KeyLen}, true},
		{"shorter salt", Params{Memory: d.Memory, Time: d.Time, Threads: d.Threads, SaltLen: 8, KeyLen: d.KeyLen}, true},
		{"longer salt", Params{Memory: d.Memory, Time: d.Time, Threads: d.Threads, SaltLen: 32, KeyLen: d.KeyLen}, false},
		{"other key", Params{Memory: d.Memory, Time: d.Time, Threads: d.Threads, SaltLen: d.SaltLen, KeyLen: 64}, true},
	}
	for _, tt := range tests {
		if got := tt.p.needsRehash(); got != tt.rehash {
			t.Errorf("%s: needsRehash = %v, want %v", tt.name, got, tt.rehash)
		}
	}
	// End to end, with cheap parameters (DefaultParams are slow under -race).
	for _, p := range []Params{TestParams, {Memory: 128, Time: 2, Threads: 2, SaltLen: 32, KeyLen: 32}} {
		ok, rehash, err := VerifyPassword("rehash me please", mustHash(t, "rehash me please", p))
		if !ok || err != nil || !rehash {
			t.Errorf("%+v: VerifyPassword = %v, %v, %v; want a rehash", p, ok, rehash, err)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		pw   string
		want error
	}{
		{"", ErrPasswordTooShort},
		{"short", ErrPasswordTooShort},
		{"123456789", ErrPasswordTooShort},
		{"1234567890", nil},
		{"éééééééé", ErrPasswordTooShort}, // 16 bytes, 8 characters
		{"ééééééééé✓", nil},               // 10 characters
		{"correct horse battery staple", nil},
	}
	for _, tt := range tests {
		if got := ValidatePassword(tt.pw); got != tt.want {
			t.Errorf("ValidatePassword(%q) = %v, want %v", tt.pw, got, tt.want)
		}
	}
	if ErrPasswordTooShort.Error() != "auth.password_too_short" {
		t.Errorf("catalogue key %q", ErrPasswordTooShort)
	}
}

func BenchmarkHashPasswordDefault(b *testing.B) {
	for b.Loop() {
		if _, err := HashPassword(testPW, DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}
