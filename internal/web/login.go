package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/recouvre/recouvre/internal/auth"
	"github.com/recouvre/recouvre/internal/i18n"
	"github.com/recouvre/recouvre/internal/ledger"
)

// loginPage is the data of the login form.
type loginPage struct {
	*view
	Email string
	Next  string
	Error string // translated message, "" when none
}

func (ui *UI) showLoginPage(w http.ResponseWriter, r *http.Request) {
	if p, err := ui.principal(r); err == nil && p != nil {
		http.Redirect(w, r, localPath(r.URL.Query().Get("next"), "/debtors"), http.StatusSeeOther)
		return
	}
	v := ui.newView(r, nil)
	v.Title = "login.title"
	ui.render(w, r, http.StatusOK, "login", &loginPage{view: v, Next: localPath(r.URL.Query().Get("next"), "")})
}

// login checks the e-mail and password. After a few failures for the same
// e-mail from the same address, further attempts are refused until a
// growing delay has passed, whatever the password.
func (ui *UI) login(w http.ResponseWriter, r *http.Request) {
	v := ui.newView(r, nil)
	v.Title = "login.title"
	email := strings.TrimSpace(r.PostFormValue("email"))
	data := &loginPage{view: v, Email: email, Next: localPath(r.PostFormValue("next"), "")}
	key := auth.ThrottleKey(email, clientIP(r))
	if wait := ui.throttle.RetryAfter(key); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		data.Error = v.T("login.throttled", secs)
		ui.render(w, r, http.StatusTooManyRequests, "login", data)
		return
	}
	userID, orgID, err := ui.checkPassword(r, email, r.PostFormValue("password"))
	if err != nil {
		if ledger.ErrorCode(err) != ledger.EUnauthorized {
			ui.log.ErrorContext(r.Context(), "login", "err", err)
		}
		ui.throttle.Fail(key)
		data.Error = v.T("login.failed")
		ui.render(w, r, http.StatusUnauthorized, "login", data)
		return
	}
	ui.throttle.Success(key)
	if err := ui.startSession(w, r, userID, orgID); err != nil {
		ui.fail(w, r, v, err)
		return
	}
	ui.log.InfoContext(r.Context(), "login", "user_id", userID, "org_id", orgID)
	http.Redirect(w, r, localPath(data.Next, "/debtors"), http.StatusSeeOther)
}

// checkPassword returns the user and the organization to open: the first
// of its memberships. Every failure is the same EUnauthorized, so that the
// page does not tell an unknown e-mail from a wrong password.
func (ui *UI) checkPassword(r *http.Request, email, password string) (userID, orgID int64, err error) {
	denied := ledger.Errorf(ledger.EUnauthorized, "wrong e-mail or password")
	if email == "" || password == "" || len(password) > 1024 {
		return 0, 0, denied
	}
	ctx := r.Context()
	u, err := ui.store.UserByEmail(ctx, email)
	if ledger.IsNotFound(err) {
		// Hash anyway, so that an unknown e-mail takes as long as a known one.
		_, _, _ = auth.VerifyPassword(password, dummyHash())
		return 0, 0, denied
	}
	if err != nil {
		return 0, 0, err
	}
	ok, _, err := auth.VerifyPassword(password, u.PasswordHash)
	if err != nil || !ok {
		return 0, 0, denied
	}
	ms, err := ui.store.Memberships(ctx, u.ID)
	if err != nil {
		return 0, 0, err
	}
	if len(ms) == 0 {
		return 0, 0, denied
	}
	return u.ID, ms[0].OrgID, nil
}

// dummyHash is verified against when the e-mail is unknown; made on
// first use, as hashing costs a quarter of a second.
var dummyHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword("no such user, no such password", auth.DefaultParams)
	if err != nil {
		panic(err)
	}
	return h
})

func (ui *UI) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil && len(c.Value) <= maxCookieLen {
		if err := ui.store.DeleteSession(r.Context(), auth.HashToken(c.Value)); err != nil {
			ui.log.ErrorContext(r.Context(), "logout", "err", err)
		}
	}
	ui.clearCookie(w, SessionCookie)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// switchLang sets the interface language: on the user when logged in, and
// in a cookie for the login page; then goes back where the user was.
func (ui *UI) switchLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PostFormValue("lang")
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	if p, err := ui.principal(r); err == nil {
		if err := ui.store.SetUserLang(r.Context(), p.UserID, lang); err != nil {
			ui.fail(w, r, ui.newView(r, p), err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, Secure: ui.secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, localPath(r.PostFormValue("back"), "/debtors"), http.StatusSeeOther)
}
