package auth

import (
	"errors"
	"fmt"
)

// Role is a user's role in an organization.
type Role string

// The roles, from most to least powerful.
const (
	RoleAdmin   Role = "admin"
	RoleManager Role = "manager"
	RoleAgent   Role = "agent"
	RoleViewer  Role = "viewer"
)

// Roles lists every role, from most to least powerful (for select lists).
func Roles() []Role { return []Role{RoleAdmin, RoleManager, RoleAgent, RoleViewer} }

// ErrUnknownRole is a role name that is none of admin, manager, agent,
// viewer. Its text is the message catalogue key "auth.unknown_role".
var ErrUnknownRole = errors.New("auth.unknown_role")

// ParseRole reads a role name, exactly (lower case). An unknown name is an
// error wrapping ErrUnknownRole.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAdmin, RoleManager, RoleAgent, RoleViewer:
		return r, nil
	}
	return "", fmt.Errorf("%w: %q (want admin, manager, agent or viewer)", ErrUnknownRole, s)
}

// Valid reports whether r is one of the four roles.
func (r Role) Valid() bool {
	_, err := ParseRole(string(r))
	return err == nil
}

// Permission is something a role may do.
type Permission int

// The permissions.
const (
	PermRead           Permission = iota + 1 // see the portfolio: all roles
	PermWriteLedger                          // record payments, disputes, notes: admin, manager, agent
	PermManageSettings                       // scenarios, templates, channels: admin, manager
	PermManageUsers                          // users, roles, API tokens: admin
)

var permNames = map[Permission]string{
	PermRead:           "read",
	PermWriteLedger:    "write_ledger",
	PermManageSettings: "manage_settings",
	PermManageUsers:    "manage_users",
}

func (p Permission) String() string {
	if s, ok := permNames[p]; ok {
		return s
	}
	return fmt.Sprintf("Permission(%d)", int(p))
}

var grants = map[Role]map[Permission]bool{
	RoleAdmin:   {PermRead: true, PermWriteLedger: true, PermManageSettings: true, PermManageUsers: true},
	RoleManager: {PermRead: true, PermWriteLedger: true, PermManageSettings: true},
	RoleAgent:   {PermRead: true, PermWriteLedger: true},
	RoleViewer:  {PermRead: true},
}

// Can reports whether r grants p. An unknown role grants nothing.
func (r Role) Can(p Permission) bool {
	return grants[r][p]
}
