// Package outbox delivers posts exactly once, through crashes, restarts,
// rate limits and ambiguous answers, on River
// (github.com/riverqueue/river): an SQLite file by default (pure Go, one
// file, nothing to run), or PostgreSQL for workers on many machines, with
// the same code.
//
//	ob, err := outbox.Open(ctx, "outbox.db", outbox.Options{Clients: resolve})
//	// handle err
//	defer ob.Close()
//	p, err := publish.NewPost(a, share.Bluesky, publish.PostOptions{})
//	// handle err
//	_, err = ob.Enqueue(ctx, outbox.Request{Story: a.ID, Post: p, At: when})
//	// handle err
//	err = ob.Run(ctx) // until ctx is done; or Start, Wait, Stop
//
// # How a post is delivered once
//
// An entry is one story on one network and account. Enqueue stores it
// with the post's key (a Bluesky record key, a Mastodon Idempotency-Key)
// before any attempt, and never adds a second entry for the same story,
// network and account; River holds one job for it. Each attempt:
//
//   - looks the post up first if an earlier attempt was cut short or
//     answered ambiguously (the entry is Sending): found means published;
//     not found means it may send; a network that cannot be asked
//     (Telegram) leaves the entry Unconfirmed for a person;
//   - waits for the account's pacing slot and any rate-limit reset
//     (River snoozes the job until then);
//   - prepares (uploads, the Threads container) and stores what that made;
//   - marks the entry Sending, durably, then makes the one create call;
//   - stores the result (remote id and URL) or the failure: not sent →
//     queued again at the server's retry time or after a backoff;
//     rejected → Failed, or Reauth for refused credentials; a duplicate
//     signal after an ambiguous attempt → Published.
//
// A process killed at any point loses nothing and doubles nothing: the
// next attempt finds the entry Sending and looks before it sends. On
// SQLite, Run holds a lock file, so jobs left running by a dead process
// are made available at once; on PostgreSQL River rescues them after
// Options.RescueAfter (JobTimeout + 30 s by default, not River's hour).
//
// Entries, pacing slots and saved tokens live in the outbox's own tables
// (broadsheet_outbox, broadsheet_pace, broadsheet_token) beside River's.
// Outbox is safe for concurrent use; several processes may share one
// database.
//
// # Security
//
// The database holds the posts and, through SaveToken, rotating
// credentials (a Bluesky session, an X token): the SQLite file is created
// mode 0600; protect a PostgreSQL database likewise. Errors stored in
// entries come from package publish, which keeps tokens out of them; a
// password in a PostgreSQL URL is kept out of Open's errors. The package
// never logs; River's logs go to Options.Logger, discarded by default.
package outbox
