package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// store is the outbox's own tables, beside River's: the entries (the
// durable record of each post, its key and its result), the pacing slots
// per account, and saved credentials. Times are Unix microseconds, so
// both databases store them alike.
type store struct {
	db       *sql.DB
	postgres bool
}

const (
	sqliteSchema = `
CREATE TABLE IF NOT EXISTS broadsheet_outbox (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	story TEXT NOT NULL, network TEXT NOT NULL, account TEXT NOT NULL,
	state TEXT NOT NULL, not_before BIGINT NOT NULL, post TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0, sending_since BIGINT NOT NULL DEFAULT 0,
	ambiguous INTEGER NOT NULL DEFAULT 0,
	remote_id TEXT NOT NULL DEFAULT '', remote_url TEXT NOT NULL DEFAULT '',
	last_error TEXT NOT NULL DEFAULT '', retry_at BIGINT NOT NULL DEFAULT 0,
	job_id BIGINT NOT NULL DEFAULT 0,
	created BIGINT NOT NULL, updated BIGINT NOT NULL,
	UNIQUE (story, network, account)
);
CREATE TABLE IF NOT EXISTS broadsheet_pace (slot TEXT PRIMARY KEY, until_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS broadsheet_token (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated BIGINT NOT NULL);
`
	postgresSchema = `
CREATE TABLE IF NOT EXISTS broadsheet_outbox (
	id BIGSERIAL PRIMARY KEY,
	story TEXT NOT NULL, network TEXT NOT NULL, account TEXT NOT NULL,
	state TEXT NOT NULL, not_before BIGINT NOT NULL, post TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0, sending_since BIGINT NOT NULL DEFAULT 0,
	ambiguous INTEGER NOT NULL DEFAULT 0,
	remote_id TEXT NOT NULL DEFAULT '', remote_url TEXT NOT NULL DEFAULT '',
	last_error TEXT NOT NULL DEFAULT '', retry_at BIGINT NOT NULL DEFAULT 0,
	job_id BIGINT NOT NULL DEFAULT 0,
	created BIGINT NOT NULL, updated BIGINT NOT NULL,
	UNIQUE (story, network, account)
);
CREATE TABLE IF NOT EXISTS broadsheet_pace (slot TEXT PRIMARY KEY, until_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS broadsheet_token (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated BIGINT NOT NULL);
`
)

func (s *store) migrate(ctx context.Context) error {
	ddl := sqliteSchema
	if s.postgres {
		ddl = postgresSchema
	}
	for _, stmt := range strings.Split(ddl, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := s.db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("outbox: create tables: %w", err)
		}
	}
	return nil
}

// q rewrites ? placeholders as $n for PostgreSQL.
func (s *store) q(query string) string {
	if !s.postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

const entryColumns = `id, story, network, account, state, not_before, post, attempts, sending_since, ambiguous, remote_id, remote_url, last_error, retry_at, job_id, created, updated`

// row is an entry as stored, with the worker's bookkeeping.
type row struct {
	Entry
	sendingSince time.Time
	ambiguous    int
	jobID        int64
}

func scanRow(sc interface{ Scan(...any) error }) (row, error) {
	var r row
	var network, state, post string
	var notBefore, sending, retry, created, updated int64
	err := sc.Scan(&r.ID, &r.Story, &network, &r.Account, &state, &notBefore, &post, &r.Attempts, &sending, &r.ambiguous,
		&r.RemoteID, &r.URL, &r.Error, &retry, &r.jobID, &created, &updated)
	if err != nil {
		return r, err
	}
	if r.Network, err = share.ParseNetwork(network); err != nil {
		return r, fmt.Errorf("outbox: entry %d: %w", r.ID, err)
	}
	if r.State, err = ParseState(state); err != nil {
		return r, fmt.Errorf("outbox: entry %d: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(post), &r.Post); err != nil {
		return r, fmt.Errorf("outbox: entry %d: stored post: %w", r.ID, err)
	}
	r.At, r.sendingSince, r.RetryAt = fromMicros(notBefore), fromMicros(sending), fromMicros(retry)
	r.Created, r.Updated = fromMicros(created), fromMicros(updated)
	return r, nil
}

// insert adds an entry unless one exists for its story, network and
// account, and returns the stored one (existing reports which).
func (s *store) insert(ctx context.Context, e Entry, now time.Time) (row, bool, error) {
	post, err := json.Marshal(e.Post)
	if err != nil {
		return row{}, false, fmt.Errorf("outbox: encode post: %w", err)
	}
	res, err := s.db.ExecContext(ctx, s.q(`INSERT INTO broadsheet_outbox (story, network, account, state, not_before, post, created, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story, network, account) DO NOTHING`),
		e.Story, e.Network.ID(), e.Account, Queued.String(), micros(e.At), string(post), micros(now), micros(now))
	if err != nil {
		return row{}, false, fmt.Errorf("outbox: enqueue: %w", err)
	}
	n, _ := res.RowsAffected()
	r, err := s.byKey(ctx, e.Story, e.Network, e.Account)
	return r, n == 0, err
}

func (s *store) byKey(ctx context.Context, story string, n share.Network, account string) (row, error) {
	r, err := scanRow(s.db.QueryRowContext(ctx, s.q(`SELECT `+entryColumns+` FROM broadsheet_outbox WHERE story = ? AND network = ? AND account = ?`), story, n.ID(), account))
	if err != nil {
		return row{}, fmt.Errorf("outbox: read entry %s/%s/%s: %w", story, n, account, err)
	}
	return r, nil
}

// ErrNoEntry is returned for an entry id the outbox does not have.
var ErrNoEntry = errors.New("outbox: no such entry")

func (s *store) get(ctx context.Context, id int64) (row, error) {
	r, err := scanRow(s.db.QueryRowContext(ctx, s.q(`SELECT `+entryColumns+` FROM broadsheet_outbox WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return row{}, fmt.Errorf("%w: %d", ErrNoEntry, id)
	}
	if err != nil {
		return row{}, fmt.Errorf("outbox: read entry %d: %w", id, err)
	}
	return r, nil
}

// ListOptions filters List.
type ListOptions struct {
	// States keeps entries in these states; empty keeps all.
	States []State
	// Story keeps one story's entries; empty keeps all.
	Story string
	// IDs keeps these entries; empty keeps all.
	IDs []int64
	// Limit caps the entries returned, newest first; zero means 1000.
	Limit int
}

func (s *store) list(ctx context.Context, o ListOptions) ([]Entry, error) {
	var where []string
	var args []any
	if len(o.States) > 0 {
		ph := make([]string, len(o.States))
		for i, st := range o.States {
			ph[i] = "?"
			args = append(args, st.String())
		}
		where = append(where, "state IN ("+strings.Join(ph, ",")+")")
	}
	if o.Story != "" {
		where = append(where, "story = ?")
		args = append(args, o.Story)
	}
	if len(o.IDs) > 0 {
		ph := make([]string, len(o.IDs))
		for i, id := range o.IDs {
			ph[i] = "?"
			args = append(args, id)
		}
		where = append(where, "id IN ("+strings.Join(ph, ",")+")")
	}
	query := `SELECT ` + entryColumns + ` FROM broadsheet_outbox`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	limit := o.Limit
	if limit <= 0 {
		limit = 1000
	}
	query += " ORDER BY id DESC LIMIT " + strconv.Itoa(limit)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("outbox: list: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r.Entry)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outbox: list: %w", err)
	}
	return out, nil
}

// setJob records the River job that works an entry.
func (s *store) setJob(ctx context.Context, id, job int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE broadsheet_outbox SET job_id = ? WHERE id = ?`), job, id)
	if err != nil {
		return fmt.Errorf("outbox: entry %d: record job: %w", id, err)
	}
	return nil
}

// savePost stores the post as Prepare returned it (a Threads container,
// uploaded media), before anything acts on it.
func (s *store) savePost(ctx context.Context, id int64, p publish.Post, now time.Time) error {
	b, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("outbox: encode post: %w", err)
	}
	_, err = s.db.ExecContext(ctx, s.q(`UPDATE broadsheet_outbox SET post = ?, updated = ? WHERE id = ?`), string(b), micros(now), id)
	if err != nil {
		return fmt.Errorf("outbox: entry %d: save post: %w", id, err)
	}
	return nil
}

// markSending records, durably and before the create call, that an
// attempt starts: from here until its outcome is stored, a crash leaves
// the entry Sending and the next attempt looks before it sends. It
// reports false if the entry is no longer Queued (a person cancelled it).
func (s *store) markSending(ctx context.Context, id int64, p publish.Post, now time.Time) (bool, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return false, fmt.Errorf("outbox: encode post: %w", err)
	}
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE broadsheet_outbox SET state = ?, sending_since = ?, attempts = attempts + 1, post = ?, updated = ?
		WHERE id = ? AND state = ?`), Sending.String(), micros(now), string(b), micros(now), id, Queued.String())
	if err != nil {
		return false, fmt.Errorf("outbox: entry %d: mark sending: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// finish stores an outcome. published and the final states clear the
// sending mark; back to Queued clears it only when notSent says nothing
// was made.
type outcome struct {
	state    State
	remoteID string
	url      string
	err      string
	retryAt  time.Time
	// keepSending leaves the sending mark (an ambiguous attempt).
	keepSending bool
	ambiguous   bool
}

func (s *store) finish(ctx context.Context, id int64, o outcome, now time.Time) error {
	q := `UPDATE broadsheet_outbox SET state = ?, remote_id = ?, remote_url = ?, last_error = ?, retry_at = ?, updated = ?`
	args := []any{o.state.String(), o.remoteID, o.url, o.err, micros(o.retryAt), micros(now)}
	if !o.keepSending {
		q += `, sending_since = 0`
	}
	if o.ambiguous {
		q += `, ambiguous = ambiguous + 1`
	}
	q += ` WHERE id = ?`
	if _, err := s.db.ExecContext(ctx, s.q(q), append(args, id)...); err != nil {
		return fmt.Errorf("outbox: entry %d: store outcome: %w", id, err)
	}
	return nil
}

// setState moves an entry to state if it is in one of from; it reports
// whether it did.
func (s *store) setState(ctx context.Context, id int64, to State, clearSending bool, now time.Time, from ...State) (bool, error) {
	q := `UPDATE broadsheet_outbox SET state = ?, updated = ?`
	if clearSending {
		q += `, sending_since = 0, last_error = '', retry_at = 0`
	}
	ph := make([]string, len(from))
	args := []any{to.String(), micros(now)}
	args = append(args, id)
	for i, f := range from {
		ph[i] = "?"
		args = append(args, f.String())
	}
	q += ` WHERE id = ? AND state IN (` + strings.Join(ph, ",") + `)`
	res, err := s.db.ExecContext(ctx, s.q(q), args...)
	if err != nil {
		return false, fmt.Errorf("outbox: entry %d: set state: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// paceUntil returns when an account's slot is next free.
func (s *store) paceUntil(ctx context.Context, slot string) (time.Time, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT until_at FROM broadsheet_pace WHERE slot = ?`), slot).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("outbox: pace %s: %w", slot, err)
	}
	return fromMicros(v), nil
}

// claimSlot takes an account's slot until next if it is free at now;
// it reports false (and when it frees) if another post holds it.
func (s *store) claimSlot(ctx context.Context, slot string, now, next time.Time) (bool, time.Time, error) {
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO broadsheet_pace (slot, until_at) VALUES (?, 0) ON CONFLICT (slot) DO NOTHING`), slot); err != nil {
		return false, time.Time{}, fmt.Errorf("outbox: pace %s: %w", slot, err)
	}
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE broadsheet_pace SET until_at = ? WHERE slot = ? AND until_at <= ?`), micros(next), slot, micros(now))
	if err != nil {
		return false, time.Time{}, fmt.Errorf("outbox: pace %s: %w", slot, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, time.Time{}, nil
	}
	until, err := s.paceUntil(ctx, slot)
	return false, until, err
}

// holdSlot keeps an account's slot closed until t (a rate limit's reset),
// unless it is already closed longer.
func (s *store) holdSlot(ctx context.Context, slot string, t time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.q(`INSERT INTO broadsheet_pace (slot, until_at) VALUES (?, 0) ON CONFLICT (slot) DO NOTHING`), slot); err != nil {
		return fmt.Errorf("outbox: pace %s: %w", slot, err)
	}
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE broadsheet_pace SET until_at = ? WHERE slot = ? AND until_at < ?`), micros(t), slot, micros(t))
	if err != nil {
		return fmt.Errorf("outbox: pace %s: %w", slot, err)
	}
	return nil
}

// Token returns a saved credential (a Bluesky session, a rotated X token)
// by name, and whether there was one.
func (s *store) token(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT value FROM broadsheet_token WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("outbox: token %s: %w", name, err)
	}
	return v, true, nil
}

func (s *store) saveToken(ctx context.Context, name, value string, now time.Time) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO broadsheet_token (name, value, updated) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated = excluded.updated`), name, value, micros(now))
	if err != nil {
		return fmt.Errorf("outbox: save token %s: %w", name, err)
	}
	return nil
}
