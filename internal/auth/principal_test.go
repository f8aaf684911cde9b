package auth

import (
	"context"
	"testing"
)

func TestPrincipalContext(t *testing.T) {
	p := &Principal{UserID: 7, OrgID: 3, Role: RoleAgent, Email: "a@b.fr", Lang: "fr"}
	tests := []struct {
		name string
		ctx  context.Context
		want *Principal
	}{
		{"set", WithPrincipal(context.Background(), p), p},
		{"empty", context.Background(), nil},
		{"nil principal", WithPrincipal(context.Background(), nil), nil},
		{"inherited", context.WithValue(WithPrincipal(context.Background(), p), struct{ x int }{}, 1), p},
		{"overridden", WithPrincipal(WithPrincipal(context.Background(), &Principal{UserID: 1}), p), p},
	}
	for _, tt := range tests {
		got, ok := PrincipalFrom(tt.ctx)
		if got != tt.want || ok != (tt.want != nil) {
			t.Errorf("%s: PrincipalFrom = %v, %v; want %v", tt.name, got, ok, tt.want)
		}
	}
}

func TestPrincipalCan(t *testing.T) {
	tests := []struct {
		p    *Principal
		perm Permission
		want bool
	}{
		{&Principal{Role: RoleAdmin}, PermManageUsers, true},
		{&Principal{Role: RoleViewer}, PermWriteLedger, false},
		{&Principal{}, PermRead, false},
		{nil, PermRead, false},
	}
	for _, tt := range tests {
		if got := tt.p.Can(tt.perm); got != tt.want {
			t.Errorf("%+v.Can(%s) = %v, want %v", tt.p, tt.perm, got, tt.want)
		}
	}
}
