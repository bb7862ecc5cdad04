package outbox

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"

	"github.com/broadsheet/broadsheet/publish"
	"github.com/broadsheet/broadsheet/share"
)

// worker works one entry per River job. It never makes a create call
// twice for one attempt's outcome it does not know: an entry found
// Sending is looked up first.
type worker struct {
	river.WorkerDefaults[postArgs]
	o *Outbox
}

func (w *worker) Work(ctx context.Context, job *river.Job[postArgs]) error {
	err := w.work(ctx, job)
	var snooze *river.JobSnoozeError
	var cancel *river.JobCancelError
	if err == nil || errors.As(err, &snooze) || errors.As(err, &cancel) || job.Attempt < job.MaxAttempts {
		return err
	}
	// River gives up after this attempt: say so in the entry, which
	// otherwise would look live forever.
	sctx, done := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer done()
	r, gerr := w.o.store.get(sctx, job.Args.Entry)
	if gerr != nil || r.State.Final() {
		return err
	}
	st := Failed
	if r.State == Sending {
		st = Unconfirmed // an attempt may have posted it
	}
	_ = w.o.store.finish(sctx, r.ID, outcome{state: st, err: fmt.Sprintf("gave up after %d attempts: %v", job.Attempt, err), keepSending: st == Unconfirmed}, w.o.now())
	return err
}

func (w *worker) work(ctx context.Context, job *river.Job[postArgs]) error {
	o := w.o
	now := o.now()
	r, err := o.store.get(ctx, job.Args.Entry)
	if err != nil {
		if errors.Is(err, ErrNoEntry) {
			return river.JobCancel(err)
		}
		return err
	}
	if r.State.Final() {
		return nil // cancelled or settled by a person meanwhile
	}
	if now.Before(r.At) {
		return river.JobSnooze(r.At.Sub(now))
	}
	c, err := o.client(r.Network, r.Account)
	if err != nil {
		_ = o.store.finish(ctx, r.ID, outcome{state: Reauth, err: err.Error()}, now)
		return river.JobCancel(err)
	}
	p := r.Post

	// An earlier attempt may have made the post: look before anything.
	if r.State == Sending || !r.sendingSince.IsZero() {
		res, lerr := c.Lookup(ctx, p)
		switch {
		case lerr == nil:
			return w.published(ctx, r, res)
		case errors.Is(lerr, publish.ErrNotFound):
			// Provably not made: this attempt may send.
			if err := o.store.finish(ctx, r.ID, outcome{state: Queued, err: r.Error}, now); err != nil {
				return err
			}
		case errors.Is(lerr, publish.ErrUnresolvable):
			_ = o.store.finish(ctx, r.ID, outcome{state: Unconfirmed, err: lerr.Error(), keepSending: true}, now)
			return river.JobCancel(lerr)
		default:
			return w.retryLater(ctx, r, lerr, true)
		}
	}

	// Pacing: one post per account per slot, and none before a rate
	// limit's reset.
	slot := r.Network.ID() + "/" + r.Account
	ok, until, err := o.store.claimSlot(ctx, slot, now, now.Add(o.pace(r.Network)))
	if err != nil {
		return err
	}
	if !ok {
		return river.JobSnooze(until.Sub(now) + jitter(r.ID))
	}

	q, perr := c.Prepare(ctx, p)
	if !samePost(p, q) {
		if err := o.store.savePost(ctx, r.ID, q, o.now()); err != nil {
			return err
		}
	}
	if perr != nil {
		if publish.Classify(perr) == publish.Duplicate {
			// A Threads container already PUBLISHED: an earlier
			// attempt went through.
			if res, lerr := c.Lookup(ctx, q); lerr == nil {
				return w.published(ctx, r, res)
			}
		}
		return w.failed(ctx, r, perr, false)
	}
	if q.Since.IsZero() {
		q.Since = o.now()
	}
	ok, err = o.store.markSending(ctx, r.ID, q, o.now())
	if err != nil || !ok {
		return err
	}
	res, err := c.Publish(ctx, q)
	if err == nil {
		return w.published(ctx, r, res)
	}
	return w.failed(ctx, r, err, true)
}

// published stores the result. This write is the end of the attempt.
func (w *worker) published(ctx context.Context, r row, res publish.Result) error {
	// A cancelled context must not lose the result: store it with a
	// fresh one.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return w.o.store.finish(sctx, r.ID, outcome{state: Published, remoteID: res.ID, url: res.URL}, w.o.now())
}

// failed stores a failure and tells River what to do next. sent says the
// create call was made in this attempt.
func (w *worker) failed(ctx context.Context, r row, err error, sent bool) error {
	o := w.o
	now := o.now()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var pe *publish.Error
	errors.As(err, &pe)
	switch publish.Classify(err) {
	case publish.Ambiguous:
		if serr := o.store.finish(sctx, r.ID, outcome{state: Sending, err: err.Error(), keepSending: true, ambiguous: true}, now); serr != nil {
			return serr
		}
		return err // River retries after its backoff; that attempt looks first
	case publish.Duplicate:
		if r.ambiguous > 0 {
			// An earlier attempt of this entry made it.
			id := ""
			if pe != nil {
				id = pe.DuplicateOf
			}
			return o.store.finish(sctx, r.ID, outcome{state: Published, remoteID: id, err: "published by an earlier attempt: " + err.Error()}, now)
		}
		_ = o.store.finish(sctx, r.ID, outcome{state: Duplicate, err: err.Error()}, now)
		return river.JobCancel(err)
	case publish.Rejected:
		st := Failed
		if errors.Is(err, publish.ErrReauth) {
			st = Reauth
		}
		_ = o.store.finish(sctx, r.ID, outcome{state: st, err: err.Error()}, now)
		return river.JobCancel(err)
	case publish.NotSent:
		return w.retryLater(sctx, r, err, false)
	}
	// Not a network outcome: a bad post or a bad configuration.
	if errors.Is(err, publish.ErrBadPost) || errors.Is(err, publish.ErrConfig) {
		_ = o.store.finish(sctx, r.ID, outcome{state: Failed, err: err.Error()}, now)
		return river.JobCancel(err)
	}
	if sent {
		_ = o.store.finish(sctx, r.ID, outcome{state: Sending, err: err.Error(), keepSending: true, ambiguous: true}, now)
	}
	return err
}

// retryLater puts the entry back: until the server's hint (holding the
// account's slot closed until then), else after River's backoff.
// keepSending leaves the sending mark of an unresolved lookup.
func (w *worker) retryLater(ctx context.Context, r row, err error, keepSending bool) error {
	o := w.o
	now := o.now()
	at := publish.RetryAt(err)
	st := Queued
	if keepSending {
		st = Sending
	}
	if serr := o.store.finish(ctx, r.ID, outcome{state: st, err: err.Error(), retryAt: at, keepSending: keepSending}, now); serr != nil {
		return serr
	}
	if at.After(now) {
		if serr := o.store.holdSlot(ctx, r.Network.ID()+"/"+r.Account, at); serr != nil {
			return serr
		}
		return river.JobSnooze(at.Sub(now) + jitter(r.ID))
	}
	return err
}

// jitter spreads entries released at one reset over up to a second.
func jitter(id int64) time.Duration {
	h := fnv.New32a()
	fmt.Fprint(h, id, rand.Int())
	return time.Duration(h.Sum32()%1000) * time.Millisecond
}

// samePost reports whether Prepare changed nothing that must be stored.
func samePost(a, b publish.Post) bool {
	if a.Container != b.Container || len(a.MediaIDs) != len(b.MediaIDs) {
		return false
	}
	for i := range a.MediaIDs {
		if a.MediaIDs[i] != b.MediaIDs[i] {
			return false
		}
	}
	return true
}

// DefaultPace returns the least time between two posts of one account,
// per network: Telegram asks bots to send at most 20 messages a minute to
// a group or channel; the others have per-hour or per-day budgets that
// their rate-limit answers announce.
func DefaultPace() map[share.Network]time.Duration {
	return map[share.Network]time.Duration{share.Telegram: 3 * time.Second}
}
