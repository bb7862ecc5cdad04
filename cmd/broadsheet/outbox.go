package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/broadsheet/broadsheet/publish/outbox"
)

func outboxCommand() command {
	return command{
		name:    "outbox",
		args:    "[--outbox FILE|postgres://…] list [--state S] [--format text|json] | run [--until-idle] | retry ID | cancel ID",
		summary: "show and work the publishing outbox: its posts, their state, retries and cancellations",
		run:     runOutbox,
	}
}

func runOutbox(e *env, args []string) error {
	f := newFlags(e, outboxCommand(), false)
	target := f.String("outbox", "", "the outbox: an SQLite `FILE` or a postgres:// URL (default $BROADSHEET_OUTBOX, else broadsheet-outbox.db)")
	state := f.String("state", "", "list: only entries in this `state` (queued, sending, published, failed, reauth, unconfirmed, duplicate, cancelled)")
	format := f.String("format", "text", "list: output `format`, text or json")
	idle := f.Bool("until-idle", false, "run: stop once no entry is due (none queued for now or sending)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("want a subcommand: list, run, retry ID or cancel ID")
	}
	sub, rest := pos[0], pos[1:]
	var id int64
	switch sub {
	case "list", "run":
		if len(rest) != 0 {
			return usagef("%s takes no arguments", sub)
		}
	case "retry", "cancel":
		if len(rest) != 1 {
			return usagef("%s takes one entry ID", sub)
		}
		if id, err = strconv.ParseInt(rest[0], 10, 64); err != nil || id <= 0 {
			return usagef("%s: %q is not an entry ID", sub, rest[0])
		}
	default:
		return usagef("unknown subcommand %q; want list, run, retry ID or cancel ID", sub)
	}
	if *format != "text" && *format != "json" {
		return usagef("--format: want text or json, got %q", *format)
	}
	var lo outbox.ListOptions
	if *state != "" {
		st, err := outbox.ParseState(*state)
		if err != nil {
			return usagef("--state: %v", err)
		}
		lo.States = []outbox.State{st}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ob, err := openOutbox(ctx, *target)
	if err != nil {
		return err
	}
	defer ob.Close()
	switch sub {
	case "list":
		es, err := ob.List(ctx, lo)
		if err != nil {
			return err
		}
		return printEntries(e, es, *format)
	case "retry":
		if err := ob.Retry(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "entry %d queued again\n", id)
		return nil
	case "cancel":
		if err := ob.Cancel(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "entry %d cancelled\n", id)
		return nil
	}
	if err := ob.Start(ctx); err != nil {
		return err
	}
	defer ob.Stop(context.Background())
	if !*idle {
		<-ctx.Done()
		return nil
	}
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		live, err := ob.List(ctx, outbox.ListOptions{States: []outbox.State{outbox.Queued, outbox.Sending}})
		if err != nil {
			return err
		}
		due := 0
		for _, en := range live {
			if !en.At.After(time.Now()) && !en.RetryAt.After(time.Now().Add(time.Minute)) {
				due++
			}
		}
		if due == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

func printEntries(e *env, es []outbox.Entry, format string) error {
	if format == "json" {
		if es == nil {
			es = []outbox.Entry{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(es)
	}
	w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tSTORY\tNETWORK\tSTATE\tATTEMPTS\tWHERE")
	for _, en := range es {
		where := orID(en)
		switch {
		case en.State == outbox.Queued && en.At.After(time.Now()):
			where = "at " + en.At.UTC().Format(time.RFC3339)
		case en.State == outbox.Queued && !en.RetryAt.IsZero():
			where = "retry at " + en.RetryAt.UTC().Format(time.RFC3339)
		case where == "":
			where = en.Error
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", en.ID, en.Story, en.Network, en.State, en.Attempts, oneLineClip(where, 100))
	}
	return w.Flush()
}

func oneLineClip(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}
