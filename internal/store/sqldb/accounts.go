package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/store"
)

// CreateOrganization inserts o and journals its creation as the first
// event of its chain.
func (db *DB) CreateOrganization(ctx context.Context, o *ledger.Organization) error {
	if strings.TrimSpace(o.Name) == "" {
		return ledger.FieldError("name", "an organization needs a name")
	}
	if o.Kind == "" {
		o.Kind = ledger.OrgCreditor
	}
	if o.Kind != ledger.OrgCreditor && o.Kind != ledger.OrgAgency {
		return ledger.FieldError("kind", "kind must be creditor or agency")
	}
	o.CreatedAt = db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx,
			`INSERT INTO organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id`,
			o.Name, o.Kind, o.CreatedAt).Scan(&o.ID)
		if err != nil {
			return fmt.Errorf("insert organization: %w", err)
		}
		return db.appendEvent(store.WithOrg(ctx, o.ID), tx, "organization.created", 0, 0, obj("name", o.Name, "kind", string(o.Kind)))
	})
}

// GetOrganization returns an organization by id.
func (db *DB) GetOrganization(ctx context.Context, id int64) (*ledger.Organization, error) {
	var o ledger.Organization
	err := db.r.QueryRowContext(ctx, `SELECT id, name, kind, created_at FROM organizations WHERE id = $1`, id).
		Scan(&o.ID, &o.Name, &o.Kind, &o.CreatedAt)
	return &o, one(err, "organization")
}

// CreateUser inserts u; e-mails are unique, compared in lower case.
func (db *DB) CreateUser(ctx context.Context, u *ledger.User) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if !strings.Contains(u.Email, "@") {
		return ledger.FieldError("email", "a valid e-mail address is required")
	}
	if u.Lang == "" {
		u.Lang = "fr"
	}
	u.CreatedAt = db.now()
	err := db.w.QueryRowContext(ctx,
		`INSERT INTO users (email, name, password_hash, lang, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		u.Email, u.Name, u.PasswordHash, u.Lang, u.CreatedAt).Scan(&u.ID)
	if err != nil {
		return db.conflict(fmt.Errorf("insert user: %w", err), "a user with e-mail %s already exists", u.Email)
	}
	return nil
}

const userCols = `id, email, name, password_hash, lang, created_at`

func scanUser(row *sql.Row) (*ledger.User, error) {
	var u ledger.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.Lang, &u.CreatedAt)
	return &u, one(err, "user")
}

// UserByEmail finds a user by e-mail, case-insensitively.
func (db *DB) UserByEmail(ctx context.Context, email string) (*ledger.User, error) {
	return scanUser(db.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE email = $1`,
		strings.ToLower(strings.TrimSpace(email))))
}

// UserByID finds a user by id.
func (db *DB) UserByID(ctx context.Context, id int64) (*ledger.User, error) {
	return scanUser(db.r.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
}

// SetUserLang records a user's interface language.
func (db *DB) SetUserLang(ctx context.Context, userID int64, lang string) error {
	if lang != "fr" && lang != "en" {
		return ledger.FieldError("lang", "language must be fr or en")
	}
	_, err := db.w.ExecContext(ctx, `UPDATE users SET lang = $1 WHERE id = $2`, lang, userID)
	return err
}

// AddMembership gives a user a role in an organization (or changes it).
func (db *DB) AddMembership(ctx context.Context, m ledger.Membership) error {
	switch m.Role {
	case "admin", "manager", "agent", "viewer":
	default:
		return ledger.FieldError("role", "role must be admin, manager, agent or viewer")
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, $3)
			ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role`, m.OrgID, m.UserID, m.Role)
		if err != nil {
			return fmt.Errorf("insert membership: %w", err)
		}
		return db.appendEvent(store.WithOrg(ctx, m.OrgID), tx, "membership.granted", 0, 0,
			obj("user_id", m.UserID, "role", m.Role))
	})
}

// Memberships lists a user's organizations, oldest first.
func (db *DB) Memberships(ctx context.Context, userID int64) ([]store.MembershipView, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT m.org_id, m.user_id, m.role, o.name
		FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = $1 ORDER BY m.org_id`, userID)
	if err != nil {
		return nil, fmt.Errorf("list memberships: %w", err)
	}
	defer rows.Close()
	var out []store.MembershipView
	for rows.Next() {
		var m store.MembershipView
		if err := rows.Scan(&m.OrgID, &m.UserID, &m.Role, &m.OrgName); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Members lists the organization's users with their role, by name (then
// e-mail), whatever the database's collation.
func (db *DB) Members(ctx context.Context) ([]store.Member, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT u.id, u.name, u.email, m.role
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1`, orgID)
	out, err := collect(rows, err, "members", func(sc scanner) (store.Member, error) {
		var m store.Member
		err := sc.Scan(&m.UserID, &m.Name, &m.Email, &m.Role)
		return m, err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b store.Member) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Label()), strings.ToLower(b.Label())), strings.Compare(a.Email, b.Email), cmp.Compare(a.UserID, b.UserID))
	})
	return out, nil
}

// CreateSession stores a session by its token's hash.
func (db *DB) CreateSession(ctx context.Context, s store.Session) error {
	_, err := db.w.ExecContext(ctx, `INSERT INTO sessions (token_hash, org_id, user_id, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, s.TokenHash, s.OrgID, s.UserID, s.CreatedAt.UTC(), s.ExpiresAt.UTC())
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return nil
}

// SessionByHash returns a live session; expired ones are not found.
func (db *DB) SessionByHash(ctx context.Context, hash []byte, now time.Time) (*store.Session, error) {
	var s store.Session
	err := db.r.QueryRowContext(ctx, `SELECT token_hash, org_id, user_id, created_at, expires_at
		FROM sessions WHERE token_hash = $1 AND expires_at > $2`, hash, now.UTC()).
		Scan(&s.TokenHash, &s.OrgID, &s.UserID, &s.CreatedAt, &s.ExpiresAt)
	return &s, one(err, "session")
}

// DeleteSession ends a session and sweeps expired ones.
func (db *DB) DeleteSession(ctx context.Context, hash []byte) error {
	_, err := db.w.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1 OR expires_at < $2`, hash, db.now())
	return err
}

// CreateAPIToken stores a token's hash.
func (db *DB) CreateAPIToken(ctx context.Context, t *store.APIToken) error {
	t.CreatedAt = db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (org_id, user_id, name, token_hash, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, t.OrgID, t.UserID, t.Name, t.TokenHash, t.CreatedAt).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("insert api token: %w", err)
		}
		return db.appendEvent(store.WithOrg(ctx, t.OrgID), tx, "api_token.created", 0, 0,
			obj("token_id", t.ID, "user_id", t.UserID, "name", t.Name))
	})
}

// APITokenByHash finds a token by its hash.
func (db *DB) APITokenByHash(ctx context.Context, hash []byte) (*store.APIToken, error) {
	var t store.APIToken
	var last sql.NullTime
	err := db.r.QueryRowContext(ctx, `SELECT id, org_id, user_id, name, token_hash, created_at, last_used_at
		FROM api_tokens WHERE token_hash = $1`, hash).
		Scan(&t.ID, &t.OrgID, &t.UserID, &t.Name, &t.TokenHash, &t.CreatedAt, &last)
	t.LastUsedAt = last.Time
	return &t, one(err, "api token")
}
