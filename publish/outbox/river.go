package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// kind and queue are the River job kind and queue the outbox uses.
const (
	kind  = "broadsheet_post"
	queue = "broadsheet_publish"
)

// postArgs is the River job of one entry. Story, network and account make
// it unique: River will not hold two live jobs for one entry.
type postArgs struct {
	Entry   int64  `json:"entry"`
	Story   string `json:"story" river:"unique"`
	Network string `json:"network" river:"unique"`
	Account string `json:"account" river:"unique"`
}

// Kind is the River job kind.
func (postArgs) Kind() string { return kind }

// queueClient is what the outbox uses of a river.Client, whichever
// driver's transaction type it has.
type queueClient interface {
	insert(ctx context.Context, a postArgs, at time.Time) (int64, error)
	start(ctx context.Context) error
	stop(ctx context.Context) error
	cancel(ctx context.Context, job int64) error
	// retry makes a finished job available; running reports a job that
	// is still being finished by its worker.
	retry(ctx context.Context, job int64) (running bool, err error)
}

type riverClient[TTx any] struct {
	c *river.Client[TTx]
}

func (r riverClient[TTx]) insert(ctx context.Context, a postArgs, at time.Time) (int64, error) {
	opts := &river.InsertOpts{Queue: queue, UniqueOpts: river.UniqueOpts{ByArgs: true}}
	if !at.IsZero() {
		opts.ScheduledAt = at
	}
	res, err := r.c.Insert(ctx, a, opts)
	if err != nil {
		return 0, err
	}
	return res.Job.ID, nil
}

func (r riverClient[TTx]) start(ctx context.Context) error { return r.c.Start(ctx) }
func (r riverClient[TTx]) stop(ctx context.Context) error  { return r.c.Stop(ctx) }

func (r riverClient[TTx]) cancel(ctx context.Context, job int64) error {
	_, err := r.c.JobCancel(ctx, job)
	if errors.Is(err, rivertype.ErrNotFound) {
		return nil
	}
	return err
}

func (r riverClient[TTx]) retry(ctx context.Context, job int64) (bool, error) {
	row, err := r.c.JobRetry(ctx, job)
	if err != nil {
		return false, err
	}
	return row.State == rivertype.JobStateRunning, nil
}

// newRiver migrates River's tables and returns a client with the outbox's
// worker.
func newRiver[TTx any](ctx context.Context, d riverdriver.Driver[TTx], w *worker, o *Options) (riverClient[TTx], error) {
	m, err := rivermigrate.New(d, &rivermigrate.Config{Logger: o.Logger})
	if err != nil {
		return riverClient[TTx]{}, fmt.Errorf("outbox: river migrate: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return riverClient[TTx]{}, fmt.Errorf("outbox: river migrate: %w", err)
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, w); err != nil {
		return riverClient[TTx]{}, fmt.Errorf("outbox: %w", err)
	}
	cfg := &river.Config{
		Queues:               map[string]river.QueueConfig{queue: {MaxWorkers: o.Workers}},
		Workers:              workers,
		JobTimeout:           o.JobTimeout,
		RescueStuckJobsAfter: o.RescueAfter,
		MaxAttempts:          o.MaxAttempts,
		RetryPolicy:          retryPolicy{o.Backoff},
		FetchPollInterval:    o.PollInterval,
		FetchCooldown:        min(o.PollInterval, 100*time.Millisecond),
		Logger:               o.Logger,
		// Keep finished jobs a week: the outbox's own table is the
		// record, River's rows help when investigating.
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
	}
	c, err := river.NewClient(d, cfg)
	if err != nil {
		return riverClient[TTx]{}, fmt.Errorf("outbox: river: %w", err)
	}
	return riverClient[TTx]{c}, nil
}

// retryPolicy is River's retry delay for failures without a server hint.
type retryPolicy struct {
	backoff func(attempt int) time.Duration
}

// NextRetry returns the time of the job's next attempt.
func (p retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(p.backoff(job.Attempt))
}

// DefaultBackoff is the wait after the attempt-th failure that came
// without a retry hint: 2s doubling to at most 10 minutes, ±20 %.
func DefaultBackoff(attempt int) time.Duration {
	d := 2 * time.Second << min(max(attempt-1, 0), 9)
	d = min(d, 10*time.Minute)
	return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
}

// discardLogger is River's logger when the caller gives none: the library
// does not log.
func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
