package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"failwright/web/assets"
	"failwright/web/server"
)

func init() {
	register("serve", command{
		summary: "serve the web app locally (default http://127.0.0.1:8080)",
		run:     runServe,
	})
}

const serveUsage = `usage: failwright serve [--addr 127.0.0.1:8080]

Serves the web app locally, with nothing else to install, until interrupted (Ctrl-C).
  --addr HOST:PORT  the address to listen on (default 127.0.0.1:8080)
Exit codes: 0 stopped, 1 the web app cannot be served, 2 bad usage or an address that
cannot be listened on.`

// serveStop is closed by tests to stop a running serve; nil means wait for an interrupt.
var serveStop chan struct{}

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, serveUsage)
		return exitOK
	} else if err != nil {
		fmt.Fprintf(stderr, "failwright serve: %v\n%s\n", err, serveUsage)
		return exitUsage
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, serveUsage)
		return exitUsage
	}
	if !assets.Built() {
		fmt.Fprintln(stderr, "failwright serve: this binary was built without the web app; run 'make run' (or 'make web' then rebuild)")
		return exitFail
	}
	h, err := server.New(assets.FS())
	if err != nil {
		fmt.Fprintf(stderr, "failwright serve: %v\n", err)
		return exitFail
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "failwright serve: %v\n", err)
		return exitUsage
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "failwright: serving the web app on http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	stop := serveStop
	if stop == nil {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt)
		defer signal.Stop(sig)
		c := make(chan struct{})
		go func() { <-sig; close(c) }()
		stop = c
	}
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "failwright serve: %v\n", err)
			return exitFail
		}
	case <-stop:
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
	return exitOK
}
