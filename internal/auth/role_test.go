package auth

import (
	"errors"
	"testing"
)

func TestRoleCan(t *testing.T) {
	perms := []Permission{PermRead, PermWriteLedger, PermManageSettings, PermManageUsers}
	tests := []struct {
		role Role
		want []bool // in the order of perms
	}{
		{RoleAdmin, []bool{true, true, true, true}},
		{RoleManager, []bool{true, true, true, false}},
		{RoleAgent, []bool{true, true, false, false}},
		{RoleViewer, []bool{true, false, false, false}},
		{Role(""), []bool{false, false, false, false}},
		{Role("root"), []bool{false, false, false, false}},
		{Role("Admin"), []bool{false, false, false, false}},
	}
	for _, tt := range tests {
		for i, p := range perms {
			if got := tt.role.Can(p); got != tt.want[i] {
				t.Errorf("Role(%q).Can(%s) = %v, want %v", tt.role, p, got, tt.want[i])
			}
		}
		if tt.role.Can(Permission(0)) || tt.role.Can(Permission(99)) {
			t.Errorf("Role(%q) grants an undefined permission", tt.role)
		}
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"admin", RoleAdmin, true},
		{"manager", RoleManager, true},
		{"agent", RoleAgent, true},
		{"viewer", RoleViewer, true},
		{"", "", false},
		{"root", "", false},
		{"Admin", "", false},
		{" admin", "", false},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseRole(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrUnknownRole) {
			t.Errorf("ParseRole(%q): %v does not wrap ErrUnknownRole", tt.in, err)
		}
		if Role(tt.in).Valid() != tt.ok {
			t.Errorf("Role(%q).Valid() = %v", tt.in, !tt.ok)
		}
	}
	for _, r := range Roles() {
		if !r.Valid() {
			t.Errorf("Roles() lists %q", r)
		}
	}
	if len(Roles()) != 4 {
		t.Errorf("Roles() = %v", Roles())
	}
}

func TestPermissionString(t *testing.T) {
	tests := []struct {
		p    Permission
		want string
	}{
		{PermRead, "read"},
		{PermWriteLedger, "write_ledger"},
		{PermManageSettings, "manage_settings"},
		{PermManageUsers, "manage_users"},
		{Permission(0), "Permission(0)"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Permission(%d).String() = %q, want %q", int(tt.p), got, tt.want)
		}
	}
}
