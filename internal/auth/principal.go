package auth

import "context"

// Principal is who a request acts as: a user within one organization,
// logged in by session or authenticated by an API token.
type Principal struct {
	UserID   int64
	OrgID    int64
	OrgName  string
	Role     Role
	Email    string
	Name     string
	Lang     string // interface language, "fr" or "en"
	ViaToken bool   // authenticated by an API token rather than a session
}

// Can reports whether the principal's role grants perm; false for nil.
func (p *Principal) Can(perm Permission) bool {
	return p != nil && p.Role.Can(perm)
}

type principalKey struct{}

// WithPrincipal returns a copy of ctx carrying p.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal carried by ctx; ok is false when
// there is none (or it is nil).
func PrincipalFrom(ctx context.Context) (p *Principal, ok bool) {
	p, _ = ctx.Value(principalKey{}).(*Principal)
	return p, p != nil
}
