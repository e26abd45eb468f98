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

// serveStop is closed by tests to stop a running serve; nil means wait for an interrupt.
var serveStop chan struct{}

func runServe(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: failwright serve [--addr 127.0.0.1:8080]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 0 {
		fs.Usage()
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
