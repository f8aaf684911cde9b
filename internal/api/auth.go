package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// maxTokenLen bounds what is hashed and looked up; a real token is 47
// characters.
const maxTokenLen = 256

// authenticate checks the request's bearer token and returns its context
// scoped to the token's organization and user, carrying the principal.
// The principal's role must grant perm.
func (a *API) authenticate(r *http.Request, perm auth.Permission) (context.Context, error) {
	plain, err := bearerToken(r.Header.Get("Authorization"))
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	tok, err := a.store.APITokenByHash(ctx, auth.HashToken(plain))
	if ledger.IsNotFound(err) {
		return nil, ledger.Errorf(ledger.EUnauthorized, "invalid API token")
	}
	if err != nil {
		return nil, fmt.Errorf("look up API token: %w", err)
	}
	p, err := a.principal(ctx, tok)
	if err != nil {
		return nil, err
	}
	if !p.Can(perm) {
		return nil, ledger.Errorf(ledger.EForbidden, "role %q may not %s", p.Role, perm)
	}
	ctx = store.WithOrg(ctx, p.OrgID)
	ctx = store.WithActor(ctx, store.Actor{UserID: p.UserID, Name: p.Email})
	return auth.WithPrincipal(ctx, p), nil
}

// bearerToken reads an API token from an Authorization header value. The
// scheme is case-insensitive (RFC 9110); the token must be an API token,
// not a session token.
func bearerToken(header string) (string, error) {
	if header == "" {
		return "", ledger.Errorf(ledger.EUnauthorized, "an API token is required: Authorization: Bearer %s…", auth.APITokenPrefix)
	}
	scheme, token, ok := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(token, auth.APITokenPrefix) ||
		len(token) > maxTokenLen || strings.ContainsAny(token, " \t") {
		return "", ledger.Errorf(ledger.EUnauthorized, "malformed Authorization header: want Bearer %s…", auth.APITokenPrefix)
	}
	return token, nil
}

// principal builds who the token acts as. The token stops working when its
// user is gone or no longer a member of the token's organization.
func (a *API) principal(ctx context.Context, tok *store.APIToken) (*auth.Principal, error) {
	revoked := ledger.Errorf(ledger.EUnauthorized, "invalid API token")
	u, err := a.store.UserByID(ctx, tok.UserID)
	if ledger.IsNotFound(err) {
		return nil, revoked
	}
	if err != nil {
		return nil, fmt.Errorf("load user %d of API token %d: %w", tok.UserID, tok.ID, err)
	}
	ms, err := a.store.Memberships(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("load memberships of user %d: %w", u.ID, err)
	}
	for _, m := range ms {
		if m.OrgID != tok.OrgID {
			continue
		}
		// An unknown role name grants nothing: Can refuses it below.
		return &auth.Principal{
			UserID: u.ID, OrgID: m.OrgID, OrgName: m.OrgName, Role: auth.Role(m.Role),
			Email: u.Email, Name: u.Name, Lang: u.Lang, ViaToken: true,
		}, nil
	}
	return nil, revoked
}

// challenge is the WWW-Authenticate value of a 401 (RFC 6750): a request
// that presented credentials learns they are invalid.
func challenge(r *http.Request) string {
	if r.Header.Get("Authorization") == "" {
		return `Bearer realm="recouvre"`
	}
	return `Bearer realm="recouvre", error="invalid_token"`
}
