package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// Cookie names and the session's life.
const (
	SessionCookie = "recouvre_session"
	LangCookie    = "recouvre_lang"
	SessionTTL    = 12 * time.Hour
	maxCookieLen  = 256
)

// errNoSession is a request without a valid session.
var errNoSession = errors.New("no session")

// handlerFunc is a page handler: it receives the view already filled with
// the principal and the language, and returns an error the page wrapper
// turns into the right page (404, 500).
type handlerFunc func(w http.ResponseWriter, r *http.Request, v *view) error

// page requires a logged-in user with the read permission, scopes the
// request's context to the user's organization, and renders errors.
func (ui *UI) page(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := ui.principal(r)
		if errors.Is(err, errNoSession) {
			ui.clearCookie(w, SessionCookie)
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if err != nil {
			ui.fail(w, r, ui.newView(r, nil), err)
			return
		}
		ctx := store.WithOrg(r.Context(), p.OrgID)
		ctx = store.WithActor(ctx, store.Actor{UserID: p.UserID, Name: p.Email})
		ctx = auth.WithPrincipal(ctx, p)
		r = r.WithContext(ctx)
		v := ui.newView(r, p)
		if !p.Can(auth.PermRead) {
			ui.fail(w, r, v, ledger.Errorf(ledger.EForbidden, "role %q may not read", p.Role))
			return
		}
		if err := h(w, r, v); err != nil {
			ui.fail(w, r, v, err)
		}
	})
}

// newView starts a page's view: the user's language, else the language
// cookie, else French.
func (ui *UI) newView(r *http.Request, p *auth.Principal) *view {
	lang := i18n.Default
	if c, err := r.Cookie(LangCookie); err == nil && i18n.Supported(c.Value) {
		lang = c.Value
	}
	if p != nil && i18n.Supported(p.Lang) {
		lang = p.Lang
	}
	return &view{Lang: lang, User: p, Today: ui.today(), Path: r.URL.RequestURI(), assetURL: ui.assets.url}
}

// principal reads the session cookie and returns who it belongs to.
func (ui *UI) principal(r *http.Request) (*auth.Principal, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || !strings.HasPrefix(c.Value, auth.SessionPrefix) || len(c.Value) > maxCookieLen {
		return nil, errNoSession
	}
	ctx := r.Context()
	s, err := ui.store.SessionByHash(ctx, auth.HashToken(c.Value), ui.now())
	if ledger.IsNotFound(err) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("look up session: %w", err)
	}
	return ui.memberOf(ctx, s.UserID, s.OrgID)
}

// memberOf builds the principal of a user in an organization; a user no
// longer a member has no session.
func (ui *UI) memberOf(ctx context.Context, userID, orgID int64) (*auth.Principal, error) {
	u, err := ui.store.UserByID(ctx, userID)
	if ledger.IsNotFound(err) {
		return nil, errNoSession
	}
	if err != nil {
		return nil, fmt.Errorf("load user %d: %w", userID, err)
	}
	ms, err := ui.store.Memberships(ctx, u.ID)
	if err != nil {
		return nil, fmt.Errorf("load memberships of user %d: %w", u.ID, err)
	}
	for _, m := range ms {
		if m.OrgID == orgID {
			return &auth.Principal{UserID: u.ID, OrgID: m.OrgID, OrgName: m.OrgName, Role: auth.Role(m.Role),
				Email: u.Email, Name: u.Name, Lang: u.Lang}, nil
		}
	}
	return nil, errNoSession
}

// startSession creates a session for the user in the organization and
// sets its cookie.
func (ui *UI) startSession(w http.ResponseWriter, r *http.Request, userID, orgID int64) error {
	plain, hash := auth.NewToken(auth.SessionPrefix)
	now := ui.now()
	s := store.Session{TokenHash: hash, UserID: userID, OrgID: orgID, CreatedAt: now, ExpiresAt: now.Add(SessionTTL)}
	if err := ui.store.CreateSession(r.Context(), s); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: plain, Path: "/", MaxAge: int(SessionTTL.Seconds()),
		HttpOnly: true, Secure: ui.secure, SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func (ui *UI) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: ui.secure, SameSite: http.SameSiteLaxMode})
}

// clientIP is the remote address without its port, for the login throttle.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// localPath returns next when it is a path of this site, else fallback:
// a login must never redirect to another site.
func localPath(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return fallback
	}
	return next
}
