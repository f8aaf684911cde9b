package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/recouvre/recouvre/internal/ledger"
	"github.com/recouvre/recouvre/internal/money"
)

// DunningSettings returns the organization's dunning settings, the
// defaults when none were saved.
func (db *DB) DunningSettings(ctx context.Context) (ledger.DunningSettings, error) {
	orgID, err := org(ctx)
	if err != nil {
		return ledger.DunningSettings{}, err
	}
	s := ledger.DunningSettings{OrgID: orgID}
	err = db.r.QueryRowContext(ctx, `SELECT auto_run, run_hour, quiet_start, quiet_end, weekly_cap, alsace_moselle, smtp_url, from_email,
			from_name, reply_to, sms_provider, sms_key, sms_sender, portal_url, updated_at
		FROM dunning_settings WHERE org_id = $1`, orgID).
		Scan(&s.AutoRun, &s.RunHour, &s.QuietStart, &s.QuietEnd, &s.WeeklyCap, &s.AlsaceMoselle, &s.SMTPURL, &s.FromEmail,
			&s.FromName, &s.ReplyTo, &s.SMSProvider, &s.SMSKey, &s.SMSSender, &s.PortalURL, dbTime{&s.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return ledger.DefaultDunningSettings(orgID), nil
	}
	if err != nil {
		return s, fmt.Errorf("dunning settings: %w", err)
	}
	return s, nil
}

// SaveDunningSettings stores the organization's dunning settings and
// journals the change (without the secrets).
func (db *DB) SaveDunningSettings(ctx context.Context, s ledger.DunningSettings) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	switch {
	case s.RunHour < 0 || s.RunHour > 23:
		return ledger.FieldError("run_hour", "the hour of the daily run must be from 0 to 23")
	case s.QuietStart < 0 || s.QuietEnd > 24 || s.QuietStart >= s.QuietEnd:
		return ledger.FieldError("quiet_hours", "messages go out between two hours from 0 to 24, the first before the second")
	case s.WeeklyCap < 1:
		return ledger.FieldError("weekly_cap", "the weekly cap of contacts must be 1 at least")
	}
	s.OrgID, s.UpdatedAt = orgID, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO dunning_settings (org_id, auto_run, run_hour, quiet_start, quiet_end, weekly_cap,
				alsace_moselle, smtp_url, from_email, from_name, reply_to, sms_provider, sms_key, sms_sender, portal_url, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
			ON CONFLICT (org_id) DO UPDATE SET auto_run = excluded.auto_run, run_hour = excluded.run_hour,
				quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, weekly_cap = excluded.weekly_cap,
				alsace_moselle = excluded.alsace_moselle, smtp_url = excluded.smtp_url, from_email = excluded.from_email,
				from_name = excluded.from_name, reply_to = excluded.reply_to, sms_provider = excluded.sms_provider,
				sms_key = excluded.sms_key, sms_sender = excluded.sms_sender, portal_url = excluded.portal_url,
				updated_at = excluded.updated_at`,
			orgID, s.AutoRun, s.RunHour, s.QuietStart, s.QuietEnd, s.WeeklyCap, s.AlsaceMoselle, s.SMTPURL, s.FromEmail, s.FromName,
			s.ReplyTo, s.SMSProvider, s.SMSKey, s.SMSSender, s.PortalURL, s.UpdatedAt)
		if err != nil {
			return fmt.Errorf("save dunning settings: %w", err)
		}
		return db.appendEvent(ctx, tx, "settings.dunning_changed", 0, 0, obj("auto_run", s.AutoRun, "run_hour", s.RunHour,
			"quiet_start", s.QuietStart, "quiet_end", s.QuietEnd, "weekly_cap", s.WeeklyCap, "alsace_moselle", s.AlsaceMoselle,
			"from_email", s.FromEmail, "sms_provider", s.SMSProvider, "smtp_set", s.SMTPURL != "", "sms_key_set", s.SMSKey != ""))
	})
}

// validKey reports whether k is a key of lowercase letters, digits, '-'
// and '_'.
func validKey(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func validateScenario(s *ledger.Scenario) error {
	s.Key, s.Name = strings.TrimSpace(s.Key), strings.TrimSpace(s.Name)
	if !validKey(s.Key) {
		return ledger.FieldError("key", "a scenario's key is made of lowercase letters, digits, '-' and '_'")
	}
	if len(s.Steps) == 0 {
		return ledger.FieldError("steps", "a scenario needs one step at least")
	}
	seen := map[string]bool{}
	for i, st := range s.Steps {
		field := fmt.Sprintf("steps[%d]", i)
		switch {
		case strings.TrimSpace(st.Key) == "":
			return ledger.FieldError(field+".key", "step %d needs a key", i+1)
		case seen[st.Key]:
			return ledger.FieldError(field+".key", "two steps have the key %q", st.Key)
		case !st.Channel.Valid():
			return ledger.FieldError(field+".channel", "unknown channel %q", st.Channel)
		}
		seen[st.Key] = true
		switch st.Stage {
		case "", ledger.StageAmicable, ledger.StageFormalNotice, ledger.StageLitigation:
		case ledger.StagePreventive:
			if st.OffsetDays > 0 {
				return ledger.FieldError(field+".stage", "only a step before the due date, or on it, is preventive")
			}
		default:
			return ledger.FieldError(field+".stage", "unknown stage %q", st.Stage)
		}
	}
	return nil
}

// Scenarios lists the organization's scenarios by key.
func (db *DB) Scenarios(ctx context.Context) ([]ledger.Scenario, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, org_id, key, name, steps, updated_at FROM scenarios WHERE org_id = $1 ORDER BY key`, orgID)
	return collect(rows, err, "scenarios", func(sc scanner) (s ledger.Scenario, err error) {
		var steps string
		if err = sc.Scan(&s.ID, &s.OrgID, &s.Key, &s.Name, &steps, dbTime{&s.UpdatedAt}); err != nil {
			return s, err
		}
		if err = json.Unmarshal([]byte(steps), &s.Steps); err != nil {
			return s, fmt.Errorf("scenario %s steps: %w", s.Key, err)
		}
		return s, nil
	})
}

// SaveScenario creates or replaces the scenario of that key.
func (db *DB) SaveScenario(ctx context.Context, s *ledger.Scenario) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	if err := validateScenario(s); err != nil {
		return err
	}
	steps, err := jsonText(s.Steps)
	if err != nil {
		return fmt.Errorf("scenario steps: %w", err)
	}
	s.OrgID, s.UpdatedAt = orgID, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO scenarios (org_id, key, name, steps, updated_at) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (org_id, key) DO UPDATE SET name = excluded.name, steps = excluded.steps, updated_at = excluded.updated_at
			RETURNING id`, orgID, s.Key, s.Name, steps, s.UpdatedAt).Scan(&s.ID)
		if err != nil {
			return fmt.Errorf("save scenario: %w", err)
		}
		keys := make([]string, len(s.Steps))
		for i, st := range s.Steps {
			keys[i] = st.Key
		}
		return db.appendEvent(ctx, tx, "scenario.saved", 0, 0, obj("key", s.Key, "name", s.Name, "steps", keys))
	})
}

// DeleteScenario removes a scenario no segment uses.
func (db *DB) DeleteScenario(ctx context.Context, key string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM segments WHERE org_id = $1 AND scenario_key = $2`, orgID, key).Scan(&used); err != nil {
			return fmt.Errorf("delete scenario: %w", err)
		}
		if used > 0 {
			return ledger.Errorf(ledger.EConflict, "scenario %s is used by %d segment(s)", key, used)
		}
		n, err := rowsAffected(tx.ExecContext(ctx, `DELETE FROM scenarios WHERE org_id = $1 AND key = $2`, orgID, key))
		if err != nil {
			return fmt.Errorf("delete scenario: %w", err)
		}
		if n == 0 {
			return notFound("scenario")
		}
		return db.appendEvent(ctx, tx, "scenario.deleted", 0, 0, obj("key", key))
	})
}

// Segments lists the organization's segments by position.
func (db *DB) Segments(ctx context.Context) ([]ledger.Segment, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, org_id, position, name, kinds, min_due_minor, max_due_minor, currency, min_age_days,
			max_age_days, min_risk, max_risk, tags, scenario_key
		FROM segments WHERE org_id = $1 ORDER BY position`, orgID)
	return collect(rows, err, "segments", func(sc scanner) (s ledger.Segment, err error) {
		var kinds, tags string
		var cur money.Currency
		if err = sc.Scan(&s.ID, &s.OrgID, &s.Position, &s.Name, &kinds, &s.MinDue.Minor, &s.MaxDue.Minor, &cur, &s.MinAgeDays,
			&s.MaxAgeDays, &s.MinRisk, &s.MaxRisk, &tags, &s.ScenarioKey); err != nil {
			return s, err
		}
		s.MinDue.Currency, s.MaxDue.Currency = cur, cur
		if err = json.Unmarshal([]byte(kinds), &s.Kinds); err == nil {
			err = json.Unmarshal([]byte(tags), &s.Tags)
		}
		return s, err
	})
}

func validateSegment(i int, s *ledger.Segment) error {
	field := fmt.Sprintf("segments[%d]", i)
	s.Name = strings.TrimSpace(s.Name)
	for _, k := range s.Kinds {
		if !k.Valid() {
			return ledger.FieldError(field+".kinds", "unknown debtor kind %q", k)
		}
	}
	switch {
	case s.ScenarioKey == "":
		return ledger.FieldError(field+".scenario", "a segment names a scenario")
	case s.MinDue.Minor < 0 || s.MaxDue.Minor < 0 || (s.MaxDue.Minor > 0 && s.MaxDue.Minor < s.MinDue.Minor):
		return ledger.FieldError(field+".due", "the bounds of the amount due are positive, the lower one first")
	case s.MinDue.Currency != "" && s.MaxDue.Currency != "" && s.MinDue.Currency != s.MaxDue.Currency:
		return ledger.FieldError(field+".due", "the bounds of the amount due are in one currency")
	case s.MinAgeDays < 0 || s.MaxAgeDays < 0 || (s.MaxAgeDays > 0 && s.MaxAgeDays < s.MinAgeDays):
		return ledger.FieldError(field+".age", "the bounds of the age are positive, the lower one first")
	case s.MinRisk < 0 || s.MaxRisk > 100 || (s.MaxRisk > 0 && s.MaxRisk < s.MinRisk):
		return ledger.FieldError(field+".risk", "the bounds of the risk score are from 0 to 100, the lower one first")
	}
	return nil
}

// SaveSegments replaces the organization's segments by segs, in order.
func (db *DB) SaveSegments(ctx context.Context, segs []ledger.Segment) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	for i := range segs {
		if err := validateSegment(i, &segs[i]); err != nil {
			return err
		}
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT key FROM scenarios WHERE org_id = $1`, orgID)
		keys, err := column[string](rows, err, "scenario keys")
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, k := range keys {
			known[k] = true
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM segments WHERE org_id = $1`, orgID); err != nil {
			return fmt.Errorf("save segments: %w", err)
		}
		names := make([]string, len(segs))
		for i := range segs {
			s := &segs[i]
			if !known[s.ScenarioKey] {
				return ledger.FieldError(fmt.Sprintf("segments[%d].scenario", i), "no scenario has the key %q", s.ScenarioKey)
			}
			s.OrgID, s.Position = orgID, i+1
			cur := s.MinDue.Currency
			if cur == "" {
				cur = s.MaxDue.Currency
			}
			if cur == "" {
				cur = "EUR"
			}
			kinds, err := jsonText(nonNil(s.Kinds))
			if err != nil {
				return err
			}
			tags, err := jsonText(nonNil(s.Tags))
			if err != nil {
				return err
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO segments (org_id, position, name, kinds, min_due_minor, max_due_minor, currency,
					min_age_days, max_age_days, min_risk, max_risk, tags, scenario_key)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
				orgID, s.Position, s.Name, kinds, s.MinDue.Minor, s.MaxDue.Minor, cur, s.MinAgeDays, s.MaxAgeDays, s.MinRisk,
				s.MaxRisk, tags, s.ScenarioKey).Scan(&s.ID)
			if err != nil {
				return fmt.Errorf("save segment %d: %w", i+1, err)
			}
			names[i] = s.Name + " → " + s.ScenarioKey
		}
		return db.appendEvent(ctx, tx, "segments.saved", 0, 0, obj("segments", names))
	})
}

// Templates lists the organization's own templates by key, channel and
// language.
func (db *DB) Templates(ctx context.Context) ([]ledger.Template, error) {
	orgID, err := org(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, `SELECT id, org_id, key, channel, lang, name, subject, body, updated_at
		FROM templates WHERE org_id = $1 ORDER BY key, channel, lang`, orgID)
	return collect(rows, err, "templates", func(sc scanner) (t ledger.Template, err error) {
		err = sc.Scan(&t.ID, &t.OrgID, &t.Key, &t.Channel, &t.Lang, &t.Name, &t.Subject, &t.Body, dbTime{&t.UpdatedAt})
		return t, err
	})
}

// SaveTemplate creates or replaces the template of (key, channel, lang).
func (db *DB) SaveTemplate(ctx context.Context, t *ledger.Template) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	t.Key, t.Lang = strings.TrimSpace(t.Key), strings.TrimSpace(t.Lang)
	if t.Lang == "" {
		t.Lang = "fr"
	}
	switch {
	case !validKey(t.Key):
		return ledger.FieldError("key", "a template's key is made of lowercase letters, digits, '-' and '_'")
	case !t.Channel.Valid():
		return ledger.FieldError("channel", "unknown channel %q", t.Channel)
	case strings.TrimSpace(t.Body) == "":
		return ledger.FieldError("body", "a template needs a body")
	}
	t.OrgID, t.UpdatedAt = orgID, db.now()
	return db.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO templates (org_id, key, channel, lang, name, subject, body, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
			ON CONFLICT (org_id, key, channel, lang) DO UPDATE SET name = excluded.name, subject = excluded.subject,
				body = excluded.body, updated_at = excluded.updated_at
			RETURNING id`, orgID, t.Key, t.Channel, t.Lang, t.Name, t.Subject, t.Body, t.UpdatedAt).Scan(&t.ID)
		if err != nil {
			return fmt.Errorf("save template: %w", err)
		}
		return db.appendEvent(ctx, tx, "template.saved", 0, 0, obj("key", t.Key, "channel", string(t.Channel), "lang", t.Lang))
	})
}

// DeleteTemplate removes the organization's template of (key, channel,
// lang): the shipped one applies again.
func (db *DB) DeleteTemplate(ctx context.Context, key string, ch ledger.Channel, lang string) error {
	orgID, err := org(ctx)
	if err != nil {
		return err
	}
	return db.tx(ctx, func(tx *sql.Tx) error {
		n, err := rowsAffected(tx.ExecContext(ctx, `DELETE FROM templates WHERE org_id = $1 AND key = $2 AND channel = $3 AND lang = $4`,
			orgID, key, ch, lang))
		if err != nil {
			return fmt.Errorf("delete template: %w", err)
		}
		if n == 0 {
			return notFound("template")
		}
		return db.appendEvent(ctx, tx, "template.deleted", 0, 0, obj("key", key, "channel", string(ch), "lang", lang))
	})
}
