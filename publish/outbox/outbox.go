package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver, pure Go

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// Resolver returns the client for an account on a network. The outbox
// calls it from its workers, possibly concurrently; return the same
// client for the same account, so that its session and tokens are kept.
type Resolver func(n share.Network, account string) (publish.Client, error)

// Options configures an Outbox. The zero value is usable.
type Options struct {
	// Clients resolves accounts to clients; required by Run, not by
	// Enqueue, List, Cancel or Retry.
	Clients Resolver
	// Workers is how many posts are worked at once; zero means 4.
	Workers int
	// JobTimeout bounds one attempt (uploads, waiting for Threads, the
	// create call); zero means one minute.
	JobTimeout time.Duration
	// RescueAfter is how long an attempt may look running before River
	// gives it to another worker (its process died); zero means
	// JobTimeout plus 30 seconds — not River's default hour. River checks
	// every 30 seconds. A rescued entry is found Sending and looked up
	// first.
	RescueAfter time.Duration
	// MaxAttempts bounds attempts that fail without a server hint (rate
	// limits do not count); zero means 25.
	MaxAttempts int
	// Backoff is the wait after such a failure; nil means DefaultBackoff.
	Backoff func(attempt int) time.Duration
	// Pace is the least time between two posts of one account, per
	// network; nil means DefaultPace().
	Pace map[share.Network]time.Duration
	// PollInterval is how often workers look for due jobs; zero means
	// 500ms (SQLite has no notifications).
	PollInterval time.Duration
	// Logger receives River's logs; nil discards them.
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now. For tests.
	Now func() time.Time
}

// Outbox is a durable queue of posts on River: one entry per story,
// network and account, never enqueued twice, worked until published or
// refused, through crashes, rate limits and ambiguous answers. It is safe
// for concurrent use, and several processes may share one database.
type Outbox struct {
	opts  Options
	store *store
	queue queueClient
	close func()
	lock  *os.File // SQLite: the runner's lock file, while Run holds it
	path  string   // SQLite file, for the lock

	mu      sync.Mutex
	running bool
}

// Open opens the outbox at target: a postgres:// or postgresql:// URL for
// PostgreSQL, else the path of an SQLite file (created, mode 0600, if
// missing). It creates or migrates River's tables and the outbox's own.
func Open(ctx context.Context, target string, opts Options) (*Outbox, error) {
	if strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://") {
		return OpenPostgres(ctx, target, opts)
	}
	return OpenSQLite(ctx, target, opts)
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.JobTimeout <= 0 {
		o.JobTimeout = time.Minute
	}
	if o.RescueAfter <= o.JobTimeout {
		o.RescueAfter = o.JobTimeout + 30*time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 25
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.Pace == nil {
		o.Pace = DefaultPace()
	}
	if o.PollInterval <= 0 {
		o.PollInterval = 500 * time.Millisecond
	}
	if o.Logger == nil {
		o.Logger = discardLogger()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// OpenSQLite opens (creating if needed) the SQLite outbox at path,
// through modernc.org/sqlite: pure Go, one file, nothing to run.
func OpenSQLite(ctx context.Context, path string, opts Options) (*Outbox, error) {
	opts.defaults()
	if path == "" {
		return nil, errors.New("outbox: empty SQLite path")
	}
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	} else {
		f.Close()
	}
	dsn := "file:" + url.PathEscape(path) + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("outbox: open %s: %w", path, err)
	}
	// River's SQLite driver works best on one connection.
	db.SetMaxOpenConns(1)
	o := &Outbox{opts: opts, store: &store{db: db}, path: path, close: func() { db.Close() }}
	unlock, err := migrateLockFile(path + ".migrate.lock")
	if err != nil {
		db.Close()
		return nil, err
	}
	defer unlock()
	if err := o.store.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	rc, err := newRiver(ctx, riversqlite.New(db), &worker{o: o}, &o.opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	o.queue = rc
	return o, nil
}

// OpenPostgres opens the outbox in the PostgreSQL database at dsn, through
// pgx: the same code as SQLite, for workers on many machines.
func OpenPostgres(ctx context.Context, dsn string, opts Options) (*Outbox, error) {
	opts.defaults()
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("outbox: postgres: %w", redactDSN(err, dsn))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("outbox: postgres: %w", redactDSN(err, dsn))
	}
	db := stdlib.OpenDBFromPool(pool)
	o := &Outbox{opts: opts, store: &store{db: db, postgres: true}, close: func() { db.Close(); pool.Close() }}
	// One process migrates at a time.
	lockConn, err := pool.Acquire(ctx)
	if err != nil {
		o.close()
		return nil, fmt.Errorf("outbox: postgres: %w", err)
	}
	defer lockConn.Release()
	if _, err := lockConn.Exec(ctx, `SELECT pg_advisory_lock(7244011)`); err != nil {
		o.close()
		return nil, fmt.Errorf("outbox: postgres: migration lock: %w", err)
	}
	defer lockConn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(7244011)`)
	if err := o.store.migrate(ctx); err != nil {
		o.close()
		return nil, err
	}
	rc, err := newRiver(ctx, riverpgxv5.New(pool), &worker{o: o}, &o.opts)
	if err != nil {
		o.close()
		return nil, err
	}
	o.queue = rc
	return o, nil
}

// redactDSN keeps a password in the DSN out of an error.
func redactDSN(err error, dsn string) error {
	u, perr := url.Parse(dsn)
	if perr != nil || u.User == nil {
		return err
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		return errors.New(strings.ReplaceAll(err.Error(), pw, "[redacted]"))
	}
	return err
}

// Close releases the database. Stop Run first.
func (o *Outbox) Close() error {
	o.close()
	return nil
}

func (o *Outbox) now() time.Time { return o.opts.Now() }

func (o *Outbox) pace(n share.Network) time.Duration { return max(o.opts.Pace[n], 0) }

func (o *Outbox) client(n share.Network, account string) (publish.Client, error) {
	if o.opts.Clients == nil {
		return nil, errors.New("outbox: no clients configured")
	}
	c, err := o.opts.Clients(n, account)
	if err != nil {
		return nil, fmt.Errorf("outbox: account %s on %s: %w", account, n, err)
	}
	if c == nil || c.Network() != n {
		return nil, fmt.Errorf("outbox: account %s on %s: no client", account, n)
	}
	return c, nil
}

// Request is a post to enqueue.
type Request struct {
	// Story is the story's id (the article's ID); required.
	Story string
	// Account names the account; empty means "default".
	Account string
	// Post is the post, built with publish.NewPost.
	Post publish.Post
	// At is the earliest time to post; zero means now.
	At time.Time
}

// Enqueued is the result of one Request.
type Enqueued struct {
	Entry
	// Existing is set when the story was already enqueued for this
	// network and account: nothing new was added.
	Existing bool
}

// Enqueue adds the requests' entries, each unless its story is already
// enqueued for that network and account (a story is never enqueued
// twice, whatever its state). The post's key is chosen here, before the
// first attempt, and stored with it: a Bluesky record key (a TID), the
// Mastodon Idempotency-Key.
func (o *Outbox) Enqueue(ctx context.Context, reqs ...Request) ([]Enqueued, error) {
	out := make([]Enqueued, 0, len(reqs))
	for _, q := range reqs {
		if q.Story == "" {
			return out, errors.New("outbox: request without a story id")
		}
		if q.Account == "" {
			q.Account = "default"
		}
		p := q.Post
		if p.Network == share.NetworkUnknown {
			return out, fmt.Errorf("outbox: story %s: post without a network", q.Story)
		}
		now := o.now()
		if p.Key == "" {
			p.Key = chooseKey(q, now)
		}
		e := Entry{Story: q.Story, Network: p.Network, Account: q.Account, At: q.At, Post: p}
		r, existing, err := o.store.insert(ctx, e, now)
		if err != nil {
			return out, err
		}
		if !existing || r.jobID == 0 {
			if err := o.schedule(ctx, r); err != nil {
				return out, err
			}
			r.jobID = -1
		}
		out = append(out, Enqueued{Entry: r.Entry, Existing: existing})
	}
	return out, nil
}

// chooseKey picks the key a post keeps for all its attempts.
func chooseKey(q Request, now time.Time) string {
	h := fnv.New32a()
	fmt.Fprint(h, q.Story, "\x00", q.Account)
	switch q.Post.Network {
	case share.Bluesky:
		return publish.NewTID(now, uint(h.Sum32()))
	case share.Mastodon:
		if q.Post.Mastodon != nil && q.Post.Mastodon.IdempotencyKey != "" {
			return q.Post.Mastodon.IdempotencyKey
		}
		return fmt.Sprintf("broadsheet-%s-%x-%d", q.Post.Network, h.Sum32(), now.UnixNano())
	}
	return ""
}

// schedule inserts the entry's River job (River refuses a second live job
// for the same entry) and records its id.
func (o *Outbox) schedule(ctx context.Context, r row) error {
	job, err := o.queue.insert(ctx, postArgs{Entry: r.ID, Story: r.Story, Network: r.Network.ID(), Account: r.Account}, r.At)
	if err != nil {
		return fmt.Errorf("outbox: entry %d: queue: %w", r.ID, err)
	}
	return o.store.setJob(ctx, r.ID, job)
}

// List returns entries, newest first.
func (o *Outbox) List(ctx context.Context, opts ListOptions) ([]Entry, error) {
	return o.store.list(ctx, opts)
}

// Get returns one entry.
func (o *Outbox) Get(ctx context.Context, id int64) (Entry, error) {
	r, err := o.store.get(ctx, id)
	return r.Entry, err
}

// ErrState is returned by Cancel and Retry for an entry in a state they
// do not apply to.
var ErrState = errors.New("outbox: entry is not in a state for that")

// Cancel stops an entry that is not published. An entry that is Sending
// may already be posted; it is cancelled all the same, and its state says
// so in Error.
func (o *Outbox) Cancel(ctx context.Context, id int64) error {
	r, err := o.store.get(ctx, id)
	if err != nil {
		return err
	}
	ok, err := o.store.setState(ctx, id, Cancelled, false, o.now(), Queued, Sending, Failed, Reauth, Unconfirmed, Duplicate)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: entry %d is %s", ErrState, id, r.State)
	}
	if r.jobID > 0 {
		return o.queue.cancel(ctx, r.jobID)
	}
	return nil
}

// Retry sends a failed, refused, unconfirmed, duplicate or cancelled entry
// again, now. For an Unconfirmed entry this says a person checked the
// account and the post is not there: the sending mark is cleared.
func (o *Outbox) Retry(ctx context.Context, id int64) error {
	r, err := o.store.get(ctx, id)
	if err != nil {
		return err
	}
	ok, err := o.store.setState(ctx, id, Queued, true, o.now(), Failed, Reauth, Unconfirmed, Duplicate, Cancelled)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: entry %d is %s", ErrState, id, r.State)
	}
	if r.jobID > 0 {
		// A job whose worker just gave up may still show running while
		// River records that; wait for it, briefly.
		for range 200 {
			running, err := o.queue.retry(ctx, r.jobID)
			if err != nil {
				break
			}
			if !running {
				return nil
			}
			if err := sleepCtx(ctx, 50*time.Millisecond); err != nil {
				return err
			}
		}
	}
	// The job is gone (cleaned up after it finished): queue a new one.
	r.At = time.Time{}
	return o.schedule(ctx, r)
}

// Token returns a credential saved with SaveToken, and whether there was
// one.
func (o *Outbox) Token(ctx context.Context, name string) (string, bool, error) {
	return o.store.token(ctx, name)
}

// SaveToken stores a credential that rotates (a Bluesky session, an X
// OAuth token) beside the entries, so that the next run does not log in
// again. The outbox's database then holds secrets: keep it private (the
// SQLite file is created mode 0600).
func (o *Outbox) SaveToken(ctx context.Context, name, value string) error {
	return o.store.saveToken(ctx, name, value, o.now())
}

// ErrBusy is returned by Run on SQLite when another process is running
// the same outbox file.
var ErrBusy = errors.New("outbox: another process is running this outbox")

// Run works entries until ctx is done, then stops, letting attempts in
// flight finish (up to JobTimeout). On SQLite it takes the outbox's lock
// file first (ErrBusy if another process holds it) and, holding it, makes
// any job a dead process left running available at once.
func (o *Outbox) Run(ctx context.Context) error {
	if err := o.Start(ctx); err != nil {
		return err
	}
	<-ctx.Done()
	return o.Stop(context.WithoutCancel(ctx))
}

// Start starts the workers without blocking; Stop stops them.
func (o *Outbox) Start(ctx context.Context) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.running {
		return errors.New("outbox: already running")
	}
	if o.opts.Clients == nil {
		return errors.New("outbox: Run needs Options.Clients")
	}
	if !o.store.postgres {
		if err := o.lockFile(); err != nil {
			return err
		}
		if err := o.rescueLocked(ctx); o.lock != nil && err != nil {
			o.unlockFile()
			return err
		}
	}
	if err := o.repair(ctx); err != nil {
		o.unlockFile()
		return err
	}
	if err := o.queue.start(ctx); err != nil {
		o.unlockFile()
		return fmt.Errorf("outbox: start: %w", err)
	}
	o.running = true
	return nil
}

// Stop stops the workers, waiting for attempts in flight.
func (o *Outbox) Stop(ctx context.Context) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.running {
		return nil
	}
	o.running = false
	err := o.queue.stop(ctx)
	o.unlockFile()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("outbox: stop: %w", err)
	}
	return nil
}

// repair queues a job for every live entry without one (a process died
// between storing the entry and queueing it).
func (o *Outbox) repair(ctx context.Context) error {
	rows, err := o.store.db.QueryContext(ctx, o.store.q(`SELECT `+entryColumns+` FROM broadsheet_outbox WHERE job_id = 0 AND state IN (?, ?)`), Queued.String(), Sending.String())
	if err != nil {
		return fmt.Errorf("outbox: repair: %w", err)
	}
	var orphans []row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			rows.Close()
			return err
		}
		orphans = append(orphans, r)
	}
	rows.Close()
	for _, r := range orphans {
		if err := o.schedule(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// rescueLocked makes the outbox's jobs that River shows running available
// again. Only safe while holding the lock file: then no other process is
// working them, so whoever started them is dead.
func (o *Outbox) rescueLocked(ctx context.Context) error {
	if o.lock == nil {
		return nil
	}
	_, err := o.store.db.ExecContext(ctx, `UPDATE river_job SET state = 'available', scheduled_at = datetime('now', 'subsec') WHERE state = 'running' AND kind = ?`, kind)
	if err != nil {
		return fmt.Errorf("outbox: rescue jobs of a dead process: %w", err)
	}
	return nil
}

// WaitOptions bounds Wait.
type WaitOptions struct {
	// Poll is the wait between checks; zero means 100ms.
	Poll time.Duration
	// Until returns true to stop waiting for an entry that is not final
	// (for example one rate-limited for long); nil waits for Final.
	Until func(Entry) bool
}

// Wait returns the entries ids once each is final (or Until says so), or
// ctx's error with the entries as they stand.
func (o *Outbox) Wait(ctx context.Context, ids []int64, w WaitOptions) ([]Entry, error) {
	if w.Poll <= 0 {
		w.Poll = 100 * time.Millisecond
	}
	t := time.NewTicker(w.Poll)
	defer t.Stop()
	for {
		es, err := o.store.list(context.WithoutCancel(ctx), ListOptions{IDs: ids, Limit: len(ids) + 1})
		if err != nil {
			return nil, err
		}
		done := len(es) == len(ids)
		for _, e := range es {
			if !e.State.Final() && (w.Until == nil || !w.Until(e)) {
				done = false
			}
		}
		if done {
			return es, nil
		}
		select {
		case <-ctx.Done():
			return es, ctx.Err()
		case <-t.C:
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// lockPath is the SQLite outbox's runner lock.
func (o *Outbox) lockPath() string { return filepath.Clean(o.path) + ".lock" }
