//go:build !js

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"failwright/engine/plan"
	"failwright/engine/topofile"
	"failwright/engine/topology"
	webengine "failwright/web/engine"
	"failwright/web/engine/proto"
	"failwright/web/workspace"
	"failwright/worker/api"
)

// wranglerBin is where "make deps-npm" (part of "make test") installs wrangler.
const wranglerBin = "node_modules/.bin/wrangler"

// wranglerEnv keeps wrangler local: no metrics, no prompts, no calls to Cloudflare.
var wranglerEnv = []string{"WRANGLER_SEND_METRICS=false", "CI=true", "CLOUDFLARE_CF_FETCH_ENABLED=false", "NO_COLOR=1", "FORCE_COLOR=0"}

// deployment is a built Worker in a temporary directory with its own wrangler config and
// local D1 state.
type deployment struct {
	dir, config, state string
}

// readConfig reads wrangler.jsonc (whose comments sit on lines of their own) as JSON.
func readConfig(t *testing.T) map[string]any {
	t.Helper()
	raw, err := os.ReadFile("wrangler.jsonc")
	require.NoError(t, err)
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			lines = append(lines, l)
		}
	}
	var cfg map[string]any
	require.NoError(t, json.Unmarshal([]byte(strings.Join(lines, "\n")), &cfg), "wrangler.jsonc must be JSON once its comment lines are dropped")
	return cfg
}

// build compiles the Worker as "make worker" does, into a temporary directory, with the web
// app from ../build/web when it is there (and a stand-in page when it is not), and writes a
// wrangler config that is wrangler.jsonc with every path made absolute.
func build(t *testing.T) deployment {
	t.Helper()
	dir := t.TempDir()
	d := deployment{dir: dir, config: filepath.Join(dir, "wrangler.json"), state: filepath.Join(dir, "state")}
	out := filepath.Join(dir, "worker")
	site := filepath.Join(dir, "site")

	run := func(env []string, name string, args ...string) {
		cmd := exec.Command(name, args...)
		cmd.Env = append(os.Environ(), env...)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), b)
	}
	run(nil, "go", "tool", "workers-assets-gen", "-mode=go", "-o", out)
	run([]string{"GOOS=js", "GOARCH=wasm"}, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(out, "app.wasm"), ".")

	require.NoError(t, os.MkdirAll(site, 0o755))
	web, _ := filepath.Glob("../build/web/*")
	for _, f := range web {
		if strings.HasSuffix(f, ".gz") {
			continue
		}
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(site, filepath.Base(f)), b, 0o644))
		}
	}
	if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil {
		t.Log("no ../build/web (run 'make web'): serving a stand-in page")
		require.NoError(t, os.WriteFile(filepath.Join(site, "index.html"), []byte("<!doctype html><title>failwright</title>\n"), 0o644))
	}
	headers, err := os.ReadFile("_headers")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(site, "_headers"), headers, 0o644))

	cfg := readConfig(t)
	abs, err := filepath.Abs("migrations")
	require.NoError(t, err)
	cfg["main"] = filepath.Join(out, "worker.mjs")
	cfg["assets"].(map[string]any)["directory"] = site
	cfg["d1_databases"].([]any)[0].(map[string]any)["migrations_dir"] = abs
	delete(cfg, "$schema")
	b, err := json.MarshalIndent(cfg, "", "  ")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(d.config, b, 0o644))

	wrangler(t, d, 60*time.Second, "d1", "migrations", "apply", "DB", "--local")
	return d
}

// wrangler runs a wrangler command on d's config and local state and returns its output.
func wrangler(t *testing.T, d deployment, timeout time.Duration, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args = append(args, "--config", d.config, "--persist-to", d.state)
	cmd := exec.CommandContext(ctx, wranglerBin, args...)
	cmd.Env = append(os.Environ(), wranglerEnv...)
	cmd.Env = append(cmd.Env, "WRANGLER_LOG_PATH="+filepath.Join(d.dir, "logs"))
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, "wrangler %s:\n%s", strings.Join(args, " "), b)
	return string(b)
}

// supervisor runs wrangler ("$@") in the background and, when its standard input closes,
// sends SIGTERM to its whole process group (wrangler, its node child and workerd), waits for
// wrangler (5 seconds at most), then sends SIGKILL to whatever is left. It ignores SIGTERM
// itself so that it always gets to the end.
const supervisor = `"$@" & child=$!
trap '' TERM
cat >/dev/null
kill -TERM 0 2>/dev/null
(sleep 5; kill -KILL 0 2>/dev/null) &
wait $child
kill -KILL 0 2>/dev/null`

// server is a running "wrangler dev".
type server struct {
	base  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{}
	mu    sync.Mutex
	log   bytes.Buffer
}

// freePort asks the kernel for a free loopback port.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// start runs "wrangler dev" on a free loopback port and waits until /api/health answers. The
// server is stopped when the test ends, whatever happens.
func start(t *testing.T, d deployment, extra ...string) *server {
	t.Helper()
	port := freePort(t)
	s := &server{base: fmt.Sprintf("http://127.0.0.1:%d", port), done: make(chan struct{})}
	args := []string{"-c", supervisor, "supervise", wranglerBin, "dev", "--config", d.config, "--persist-to", d.state,
		"--ip", "127.0.0.1", "--port", fmt.Sprint(port), "--inspector-port", "0",
		"--show-interactive-dev-session=false", "--log-level", "log"}
	s.cmd = exec.Command("sh", append(args, extra...)...)
	// The supervisor's standard input is a pipe that only this process holds open: if the
	// test dies without stopping wrangler, the pipe closes and the supervisor ends it.
	stdin, err := s.cmd.StdinPipe()
	require.NoError(t, err)
	s.stdin = stdin
	s.cmd.Env = append(os.Environ(), wranglerEnv...)
	s.cmd.Env = append(s.cmd.Env, "WRANGLER_LOG_PATH="+filepath.Join(d.dir, "logs"))
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its own group: stop kills workerd too
	pr, pw := io.Pipe()
	s.cmd.Stdout, s.cmd.Stderr = pw, pw
	require.NoError(t, s.cmd.Start())
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			s.mu.Lock()
			s.log.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
		}
	}()
	go func() { _ = s.cmd.Wait(); pw.Close(); close(s.done) }()
	t.Cleanup(func() { s.stop(t) })

	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(s.base + "/api/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		select {
		case <-s.done:
			t.Fatalf("wrangler dev exited before it was ready:\n%s", s.output())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("wrangler dev was not ready within 60s:\n%s", s.output())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// stop ends wrangler and workerd: SIGTERM to the process group, SIGKILL after 10 seconds.
func (s *server) stop(t *testing.T) {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.stdin.Close()
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	}
	_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL) // any workerd left in the group
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (s *server) do(t *testing.T, method, path, ctype string, body []byte) response {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, bytes.NewReader(body))
	require.NoError(t, err)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	client := &http.Client{Timeout: 120 * time.Second} // generous: CI runs this beside the browser tests on 2 cores
	resp, err := client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, b}
}

// doFrom posts a share as the client at ip, the address Cloudflare's edge would put in
// CF-Connecting-IP (under wrangler dev every client is loopback).
func (s *server) doFrom(t *testing.T, ip string, body []byte) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.base+"/api/shares", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(api.ClientHeader, ip)
	resp, err := (&http.Client{Timeout: 120 * time.Second}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{resp.StatusCode, resp.Header, b}
}

// problemOf checks that r is a problem document of the given status and type.
func problemOf(t *testing.T, r response, status int, typ string) api.Problem {
	t.Helper()
	require.Equal(t, status, r.status, "%s", r.body)
	assert.Equal(t, "application/problem+json", r.header.Get("Content-Type"))
	var p api.Problem
	require.NoError(t, json.Unmarshal(r.body, &p), "%s", r.body)
	assert.Equal(t, api.ProblemTypePrefix+typ, p.Type)
	assert.Equal(t, status, p.Status)
	return p
}

func assertAPIHeaders(t *testing.T, h http.Header) {
	t.Helper()
	assert.Equal(t, api.APIContentSecurityPolicy, h.Get("Content-Security-Policy"))
	assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
	assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
	assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"))
	assert.Equal(t, "no-store", h.Get("Cache-Control"))
	assert.Empty(t, h.Get("Access-Control-Allow-Origin"))
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// TestWorkerUnderWrangler builds the Worker, runs it under "wrangler dev" with a local D1 on a
// loopback port, and exercises every route, good and bad, as a client would; then it restarts
// wrangler and reads a share back.
func TestWorkerUnderWrangler(t *testing.T) {
	if _, err := os.Stat(wranglerBin); errors.Is(err, os.ErrNotExist) {
		t.Skip("worker/" + wranglerBin + " is missing: run 'make deps-npm' (make test does) to install wrangler")
	}
	d := build(t)
	s := start(t, d)
	cli := filepath.Join(d.dir, "failwright")
	b, err := exec.Command("go", "build", "-o", cli, "../cmd/failwright").CombinedOutput()
	require.NoError(t, err, "building the CLI:\n%s", b)
	// runCLI runs failwright in the repository's root, as a user would, and returns its
	// standard output.
	runCLI := func(t *testing.T, args ...string) []byte {
		cmd := exec.Command(cli, args...)
		cmd.Dir = ".."
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			require.NoError(t, err, "failwright %s", strings.Join(args, " "))
		}
		return stdout.Bytes()
	}

	topo, err := os.ReadFile("../scenarios/topologies/litwareinc.yaml")
	require.NoError(t, err)
	str := func(b []byte) string { j, _ := json.Marshal(string(b)); return string(j) }

	t.Run("health", func(t *testing.T) {
		r := s.do(t, "GET", "/api/health", "", nil)
		require.Equal(t, 200, r.status)
		assert.JSONEq(t, `{"service":"failwright-worker"}`, string(r.body))
		assertAPIHeaders(t, r.header)
		r = s.do(t, "HEAD", "/api/health", "", nil)
		assert.Equal(t, 200, r.status)
		assert.Empty(t, r.body)
		assertAPIHeaders(t, r.header)
	})

	t.Run("page", func(t *testing.T) {
		r := s.do(t, "GET", "/", "", nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		assert.Contains(t, r.header.Get("Content-Type"), "text/html")
		csp := r.header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "'wasm-unsafe-eval'")
		assert.Contains(t, csp, "frame-ancestors 'none'")
		assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"))
		assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"))
		assert.Equal(t, "no-referrer", r.header.Get("Referrer-Policy"))
		r = s.do(t, "GET", "/_headers", "", nil)
		assert.NotEqual(t, 200, r.status, "the _headers file is not served")
	})

	// Answers the platform makes rather than the Go handler: a method the static assets do not
	// take is a 405 from the asset server, which applies _headers; a missing file falls through
	// to the Worker, whose 404 is a problem with the API's headers.
	t.Run("error answers carry security headers", func(t *testing.T) {
		for _, method := range []string{"POST", "PUT", "DELETE", "OPTIONS"} {
			r := s.do(t, method, "/", "", nil)
			assert.Equal(t, 405, r.status, method)
			assert.Contains(t, r.header.Get("Content-Security-Policy"), "frame-ancestors 'none'", method)
			assert.Equal(t, "nosniff", r.header.Get("X-Content-Type-Options"), method)
			assert.Equal(t, "DENY", r.header.Get("X-Frame-Options"), method)
		}
		r := s.do(t, "GET", "/nope.html", "", nil)
		problemOf(t, r, 404, api.ProblemNotFound)
		assertAPIHeaders(t, r.header)
	})

	t.Run("validate", func(t *testing.T) {
		r := s.do(t, "POST", "/api/validate", "application/yaml", topo)
		require.Equal(t, 200, r.status, "%s", r.body)
		assertAPIHeaders(t, r.header)
		var v struct {
			Valid       bool   `json:"valid"`
			Fingerprint string `json:"fingerprint"`
		}
		require.NoError(t, json.Unmarshal(r.body, &v))
		assert.True(t, v.Valid)
		assert.Len(t, v.Fingerprint, 64)

		r = s.do(t, "POST", "/api/validate", "application/json", []byte(`{"topology":"name: x\nbogus: 1\n"}`))
		require.Equal(t, 200, r.status)
		var bad api.ValidationReport
		require.NoError(t, json.Unmarshal(r.body, &bad))
		assert.False(t, bad.Valid)
		require.NotEmpty(t, bad.Findings)
		assert.Equal(t, "FW0002", bad.Findings[0].Code)
	})

	// A flat mapping of 60,000 keys (888 KB, under the body limit) overflowed the Go runtime's
	// stack in the Worker with the YAML parser of before (one recursion per key): it is now
	// answered, as any file is, with its findings (issue 13).
	t.Run("a 60,000-key flat mapping is answered", func(t *testing.T) {
		var flat bytes.Buffer
		for i := range 60000 {
			fmt.Fprintf(&flat, "k%05d: v%d\n", i, i)
		}
		for _, route := range []string{"/api/validate", "/api/validate?asOf=2026-12-06"} {
			r := s.do(t, "POST", route, "application/yaml", flat.Bytes())
			require.Equal(t, 200, r.status, "%s", r.body)
			var rep api.ValidationReport
			require.NoError(t, json.Unmarshal(r.body, &rep))
			assert.False(t, rep.Valid)
			assert.Len(t, rep.Findings, 100, "decoding stops after 100 findings")
		}
	})

	t.Run("run", func(t *testing.T) {
		sc, err := os.ReadFile("../scenarios/seed-example1-planned-failover.yaml")
		require.NoError(t, err)
		r := s.do(t, "POST", "/api/run", "application/json", []byte(`{"scenario":`+str(sc)+`,"name":"seed-example1-planned-failover.yaml"}`))
		require.Equal(t, 200, r.status, "%s", r.body)
		assertAPIHeaders(t, r.header)
		var rep struct {
			Passed bool `json:"passed"`
			Checks int  `json:"checks"`
		}
		require.NoError(t, json.Unmarshal(r.body, &rep))
		assert.Positive(t, rep.Checks)
	})

	t.Run("validate is byte-identical to the CLI", func(t *testing.T) {
		for _, tc := range []struct {
			file   string
			strict bool
		}{
			{"scenarios/topologies/litwareinc.yaml", false},
			{"scenarios/topologies/litwareinc.yaml", true},
			{"scenarios/seed-example1-planned-failover.yaml", false},
		} {
			// Both judge support lifecycles on one day: the CLI would take its clock, the Worker
			// its own.
			args := []string{"validate", tc.file, "--json", "--as-of", "2026-12-06"}
			query := "?name=" + tc.file + "&asOf=2026-12-06"
			if tc.strict {
				args = append(args, "--strict")
				query += "&strict=true"
			}
			want := runCLI(t, args...)
			require.NotEmpty(t, want)
			src, err := os.ReadFile(filepath.Join("..", tc.file))
			require.NoError(t, err)
			r := s.do(t, "POST", "/api/validate"+query, "application/yaml", src)
			require.Equal(t, 200, r.status, "%s", r.body)
			assert.True(t, bytes.Equal(want, r.body), "failwright %s: the Worker's report differs:\nCLI:\n%s\nWorker:\n%s", strings.Join(args, " "), want, r.body)
		}
	})

	t.Run("run is byte-identical to the CLI", func(t *testing.T) {
		const file = "scenarios/seed-example1-planned-failover.yaml"
		want := runCLI(t, "run", file, "--json")
		require.NotEmpty(t, want)
		src, err := os.ReadFile(filepath.Join("..", file))
		require.NoError(t, err)
		body, err := json.Marshal(map[string]string{"scenario": string(src), "name": file})
		require.NoError(t, err)
		r := s.do(t, "POST", "/api/run", "application/json", body)
		require.Equal(t, 200, r.status, "%s", r.body)
		assert.True(t, bytes.Equal(want, r.body), "failwright run %s --json: the Worker's report differs: %s", file, firstDiff(want, r.body))
	})

	t.Run("analyze is byte-identical to the CLI", func(t *testing.T) {
		const file = "scenarios/topologies/litwareinc.yaml"
		for _, depth := range []int{1, 2} {
			want := runCLI(t, "analyze", file, "--depth", strconv.Itoa(depth), "--json")
			require.NotEmpty(t, want)
			body, err := json.Marshal(map[string]any{"topology": string(topo), "name": file, "depth": depth})
			require.NoError(t, err)
			r := s.do(t, "POST", "/api/analyze", "application/json", body)
			require.Equal(t, 200, r.status, "%s", r.body)
			assertAPIHeaders(t, r.header)
			assert.True(t, bytes.Equal(want, r.body), "failwright analyze --depth %d --json: the Worker's report differs: %s", depth, firstDiff(want, r.body))
		}
	})

	t.Run("plan is byte-identical to the CLI", func(t *testing.T) {
		const file = "scenarios/topologies/litwareinc.yaml"
		for _, tc := range []struct {
			mode     string
			failback bool
			setup    []string
		}{{"disaster", true, nil}, {"planned", false, nil}, {"disaster", false, []string{"Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com"}}} {
			for _, format := range []string{"ps1", "md", "json"} {
				args := []string{"plan", file, "--pool", "atl-cs-001.litwareinc.com", "--" + tc.mode, "--format", format}
				if tc.failback {
					args = append(args, "--failback")
				}
				for _, l := range tc.setup {
					args = append(args, "--setup", l)
				}
				stdout := runCLI(t, args...)
				require.NotEmpty(t, stdout, "failwright %s", strings.Join(args, " "))

				req := map[string]any{"topology": string(topo), "name": file,
					"pool": "atl-cs-001.litwareinc.com", "mode": tc.mode, "failback": tc.failback, "format": format}
				if tc.setup != nil {
					req["setup"] = tc.setup
				}
				body, err := json.Marshal(req)
				require.NoError(t, err)
				r := s.do(t, "POST", "/api/plan", "application/json", body)
				require.Equal(t, 200, r.status, "%s", r.body)
				assertAPIHeaders(t, r.header)
				assert.Equal(t, api.PlanFormats[format], r.header.Get("Content-Type"))
				assert.True(t, bytes.Equal(stdout, r.body), "failwright %s: the Worker's plan differs from the CLI's: %s", strings.Join(args, " "), firstDiff(stdout, r.body))
			}
		}
	})

	t.Run("plan is byte-identical to the page", func(t *testing.T) {
		top, fs := topofile.Decode("litwareinc.yaml", topo)
		require.False(t, fs.HasErrors(), fs)
		obj, err := json.Marshal(top) // the page sends its engine the topology as an object
		require.NoError(t, err)
		req := plan.Request{Pool: "atl-cs-001.litwareinc.com", Mode: plan.Disaster, Failback: true}
		msg, err := json.Marshal(proto.Request{ID: 1, Op: proto.OpPlan, Topology: obj, Plan: &req})
		require.NoError(t, err)
		var page webengine.Server
		var resp proto.Response
		require.NoError(t, json.Unmarshal(page.Handle(msg), &resp))
		require.NotNil(t, resp.Plan)
		for format, want := range map[string]string{"ps1": resp.Plan.PS1, "md": resp.Plan.Markdown, "json": resp.Plan.JSON} {
			require.NotEmpty(t, want, "%v", resp.Plan.Findings)
			body, err := json.Marshal(map[string]any{"topology": json.RawMessage(obj), "pool": req.Pool,
				"mode": req.Mode, "failback": req.Failback, "format": format})
			require.NoError(t, err)
			r := s.do(t, "POST", "/api/plan", "application/json", body)
			require.Equal(t, 200, r.status, "%s", r.body)
			assert.True(t, want == string(r.body), "%s: the Worker's plan differs from the page's", format)
		}
	})

	var id string
	sampleTop, fs := topofile.Decode("litwareinc.yaml", topo)
	require.False(t, fs.HasErrors(), fs)
	workspace := sharedWorkspace(t, sampleTop, "Stop-SimPool -PoolFqdn atl-cs-001.litwareinc.com", "shared from the integration test é")
	t.Run("share", func(t *testing.T) {
		r := s.do(t, "POST", "/api/shares", "application/json", workspace)
		require.Equal(t, 201, r.status, "%s", r.body)
		assertAPIHeaders(t, r.header)
		var created struct{ ID, URL string }
		require.NoError(t, json.Unmarshal(r.body, &created))
		assert.Regexp(t, uuidV4, created.ID)
		assert.Equal(t, "/#share="+created.ID, created.URL)
		assert.Equal(t, "/api/shares/"+created.ID, r.header.Get("Location"))
		id = created.ID

		r = s.do(t, "GET", "/api/shares/"+id, "", nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		assertAPIHeaders(t, r.header)
		assert.Equal(t, string(workspace), string(r.body))

		r2 := s.do(t, "POST", "/api/shares", "application/json", workspace)
		require.Equal(t, 201, r2.status)
		assert.NotContains(t, string(r2.body), id, "every share gets its own ID")
	})

	t.Run("a share at the size limit", func(t *testing.T) {
		// JSON allows whitespace between tokens: the page's workspace padded with it.
		small := []byte(`{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"é"},"origin":"pad"}}`)
		big := append(small[:len(small)-1:len(small)-1], append(bytes.Repeat([]byte(" \n"), (api.DefaultMaxBodyBytes-len(small))/2), strings.Repeat(" ", (api.DefaultMaxBodyBytes-len(small))%2)+"}"...)...)
		require.Len(t, big, api.DefaultMaxBodyBytes)
		r := s.do(t, "POST", "/api/shares", "application/json", big)
		require.Equal(t, 201, r.status, "%s", r.body)
		var created struct{ ID string }
		require.NoError(t, json.Unmarshal(r.body, &created))
		r = s.do(t, "GET", "/api/shares/"+created.ID, "", nil)
		require.Equal(t, 200, r.status)
		assert.True(t, bytes.Equal(big, r.body), "a 1 MiB share comes back byte for byte from D1")
	})

	t.Run("shares are rate-limited per client", func(t *testing.T) {
		small := []byte(`{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x"}}}`)
		for i := range api.DefaultLimits.PerClientPerHour {
			r := s.doFrom(t, "198.51.100.77", small)
			require.Equal(t, 201, r.status, "share %d: %s", i+1, r.body)
		}
		r := s.doFrom(t, "198.51.100.77", small)
		p := problemOf(t, r, 429, api.ProblemRateLimited)
		assert.EqualValues(t, api.DefaultLimits.PerClientPerHour, p.Limit)
		secs, err := strconv.Atoi(r.header.Get("Retry-After"))
		require.NoError(t, err, "Retry-After: %q", r.header.Get("Retry-After"))
		assert.InDelta(t, 3600, secs, 120)
		assertAPIHeaders(t, r.header)
		assert.Equal(t, 201, s.doFrom(t, "198.51.100.78", small).status, "another client is not limited")
	})

	bad := []struct {
		name, method, path, ctype string
		body                      []byte
		status                    int
		typ, field, allow         string
	}{
		{"malformed JSON", "POST", "/api/shares", "application/json", []byte(`{"a":`), 400, api.ProblemMalformedJSON, "", ""},
		{"unknown field", "POST", "/api/plan", "application/json", []byte(`{"topology":{},"pool":"p","color":"red"}`), 400, api.ProblemUnknownField, "color", ""},
		{"oversized body", "POST", "/api/shares", "application/json", append(append([]byte(`{"a":"`), bytes.Repeat([]byte("x"), api.DefaultMaxBodyBytes)...), `"}`...), 413, api.ProblemBodyTooLarge, "", ""},
		{"wrong media type", "POST", "/api/shares", "text/plain", []byte(`{}`), 415, api.ProblemUnsupportedMedia, "", ""},
		{"invalid topology in a share", "POST", "/api/shares", "application/json", []byte(`{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x","bogus":1}}}`), 422, api.ProblemInvalidTopology, "workspace.topology.bogus", ""},
		{"any JSON object as a share", "POST", "/api/shares", "application/json", []byte(`{"notes":"x"}`), 400, api.ProblemUnknownField, "notes", ""},
		{"a share with Topology", "POST", "/api/shares", "application/json", []byte(`{"format":"failwright-workspace","version":1,"workspace":{"Topology":{"bogus":1}}}`), 400, api.ProblemUnknownField, "workspace.Topology", ""},
		{"a share with a duplicate member", "POST", "/api/shares", "application/json", []byte(`{"format":"failwright-workspace","version":1,"version":1,"workspace":{"topology":{}}}`), 400, api.ProblemDuplicateField, "version", ""},
		{"a share with a 23 KB log line", "POST", "/api/shares", "application/json", []byte(`{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x"},"log":["` + strings.Repeat("Get-CsPool;", 2100) + `"]}}`), 422, api.ProblemLimitExceeded, "workspace.log[0]", ""},
		{"missing share", "GET", "/api/shares/0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b", "", nil, 404, api.ProblemShareNotFound, "id", ""},
		{"bad share ID", "GET", "/api/shares/not-a-uuid", "", nil, 400, api.ProblemInvalidField, "id", ""},
		{"wrong method", "DELETE", "/api/shares/0b6f3a52-1d2c-4e5f-8a9b-0c1d2e3f4a5b", "", nil, 405, api.ProblemMethodNotAllowed, "", "GET, HEAD"},
		{"GET on validate", "GET", "/api/validate", "", nil, 405, api.ProblemMethodNotAllowed, "", "POST"},
		{"unknown API path", "GET", "/api/nope", "", nil, 404, api.ProblemNotFound, "", ""},
		{"bad plan mode", "POST", "/api/plan", "application/json", []byte(`{"topology":` + str(topo) + `,"pool":"atl-cs-001.litwareinc.com","mode":"now"}`), 400, api.ProblemInvalidField, "mode", ""},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			r := s.do(t, tc.method, tc.path, tc.ctype, tc.body)
			p := problemOf(t, r, tc.status, tc.typ)
			assert.Equal(t, tc.field, p.Field)
			assert.Equal(t, tc.allow, r.header.Get("Allow"))
			assertAPIHeaders(t, r.header)
		})
	}

	t.Run("a second browser opens a shared workspace", func(t *testing.T) {
		if _, err := os.Stat("../build/web/index.html"); err != nil {
			t.Skip("the web app is not built: run 'make web' (make test does)")
		}
		shareJourney(t, s.base)
	})

	t.Run("a trainer and three trainees run a class in browsers", func(t *testing.T) {
		if _, err := os.Stat("../build/web/index.html"); err != nil {
			t.Skip("the web app is not built: run 'make web' (make test does)")
		}
		classroomJourney(t, s.base)
	})

	t.Run("classroom", func(t *testing.T) { testClassroom(t, s, d) })

	t.Run("share survives a restart", func(t *testing.T) {
		require.NotEmpty(t, id)
		s.stop(t)
		// The second run also configures CORS, as a deployment would with its vars.
		s2 := start(t, d, "--var", "CORS_ALLOWED_ORIGINS:https://ops.example.com, https://lab.example.com")
		r := s2.do(t, "GET", "/api/shares/"+id, "", nil)
		require.Equal(t, 200, r.status, "%s", r.body)
		assert.Equal(t, string(workspace), string(r.body))

		req, err := http.NewRequest(http.MethodOptions, s2.base+"/api/shares", nil)
		require.NoError(t, err)
		req.Header.Set("Origin", "https://lab.example.com")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNoContent, resp.StatusCode)
		assert.Equal(t, "https://lab.example.com", resp.Header.Get("Access-Control-Allow-Origin"))
		assert.Equal(t, "POST", resp.Header.Get("Access-Control-Allow-Methods"))

		req, err = http.NewRequest(http.MethodGet, s2.base+"/api/health", nil)
		require.NoError(t, err)
		req.Header.Set("Origin", "https://evil.example.net")
		resp, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Empty(t, resp.Header.Get("Access-Control-Allow-Origin"), "an origin not listed gets no CORS")
	})

	t.Run("without its D1 binding shares fail cleanly", func(t *testing.T) {
		var cfg map[string]any
		raw, err := os.ReadFile(d.config)
		require.NoError(t, err)
		require.NoError(t, json.Unmarshal(raw, &cfg))
		delete(cfg, "d1_databases")
		nodb := d
		nodb.config = filepath.Join(d.dir, "wrangler-nodb.json")
		raw, err = json.Marshal(cfg)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(nodb.config, raw, 0o644))
		s3 := start(t, nodb)
		r := s3.do(t, "POST", "/api/shares", "application/json", []byte(`{"format":"failwright-workspace","version":1,"workspace":{"topology":{"name":"x"}}}`))
		p := problemOf(t, r, 500, api.ProblemInternal)
		assert.NotContains(t, p.Detail, "D1", "the cause is logged, not sent")
		assert.Contains(t, s3.output(), "D1 binding DB", "the log says what is missing")
		r = s3.do(t, "POST", "/api/validate", "application/yaml", topo)
		assert.Equal(t, 200, r.status, "validation needs no database")
		s3.stop(t)
	})

	t.Run("shares are immutable in D1", func(t *testing.T) {
		require.NotEmpty(t, id)
		cols := "(id, created_at, expires_at, client, size, body, sha256)"
		row := "('" + id + "', '2026-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z', '', 2, '{}', '" + strings.Repeat("0", 64) + "')"
		for _, tc := range []struct{ sql, refusal string }{
			{"UPDATE shares SET body = '{}' WHERE id = '" + id + "'", "shares are immutable"},
			{"INSERT OR REPLACE INTO shares " + cols + " VALUES " + row, "shares are immutable"},
			{"REPLACE INTO shares " + cols + " VALUES " + row, "shares are immutable"},
			{"INSERT INTO shares " + cols + " VALUES " + row + " ON CONFLICT (id) DO UPDATE SET body = excluded.body", "shares are immutable"},
			{"DELETE FROM shares WHERE id = '" + id + "'", "shares are kept until they expire"},
		} {
			out, err := d1Execute(t, d, tc.sql)
			require.Error(t, err, "%s must fail:\n%s", tc.sql, out)
			assert.Contains(t, out, tc.refusal, tc.sql)
		}
		r := d1Body(t, d, id)
		assert.Equal(t, string(workspace), r, "the share is as it was")
	})

	t.Run("expired shares are deleted", func(t *testing.T) {
		s4 := start(t, d, "--test-scheduled")
		ids := []string{"5f0c7d1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f", "6f0c7d1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f", "7f0c7d1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f"}
		for _, x := range ids {
			out, err := d1Execute(t, d, "INSERT INTO shares (id, created_at, expires_at, client, size, body, sha256) VALUES ('"+x+
				"', '2020-01-01T00:00:00.000Z', '2020-01-31T00:00:00.000Z', '', 2, '{}', '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')")
			require.NoError(t, err, out)
		}
		// Read: 410 once, deleted, then 404.
		problemOf(t, s4.do(t, "GET", "/api/shares/"+ids[0], "", nil), 410, api.ProblemShareExpired)
		problemOf(t, s4.do(t, "GET", "/api/shares/"+ids[0], "", nil), 404, api.ProblemShareNotFound)
		// By hand: an expired row may be deleted.
		out, err := d1Execute(t, d, "DELETE FROM shares WHERE id = '"+ids[1]+"'")
		require.NoError(t, err, "deleting an expired share:\n%s", out)
		// By the scheduled handler, with an expired class and its rows.
		expiredClass(t, d)
		r := s4.do(t, "GET", "/__scheduled?cron=17+3+*+*+*", "", nil)
		require.Equal(t, 200, r.status, "%s\n%s", r.body, s4.output())
		out, err = d1Execute(t, d, "SELECT COUNT(*) AS n FROM shares WHERE expires_at < '2021-01-01'")
		require.NoError(t, err, out)
		assert.Contains(t, out, `"n": 0`, "the cron deleted every expired share")
		assert.Contains(t, s4.output(), "deleted 1 expired shares and 1 expired classes")
		assertNoExpiredClass(t, d)
		r = s4.do(t, "GET", "/api/shares/"+id, "", nil)
		assert.Equal(t, 200, r.status, "a share alive is kept")
		s4.stop(t)
	})
}

// sharedWorkspace is what the page sends to share a workspace holding top and one shell line.
func sharedWorkspace(t *testing.T, top *topology.Topology, line, origin string) []byte {
	t.Helper()
	return workspace.New(workspace.Workspace{Topology: top, Seed: 1, Log: []string{line}, Origin: origin}).ExportJSON()
}

// d1Execute runs one SQL statement on d's local D1 with "wrangler d1 execute" and returns its
// output and whether it failed.
func d1Execute(t *testing.T, d deployment, sql string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, wranglerBin, "d1", "execute", "DB", "--local", "--json", "--config", d.config, "--persist-to", d.state,
		"--command", sql)
	cmd.Env = append(append(os.Environ(), wranglerEnv...), "WRANGLER_LOG_PATH="+filepath.Join(d.dir, "logs"))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// d1Body reads a share's body straight from D1.
func d1Body(t *testing.T, d deployment, id string) string {
	t.Helper()
	out, err := d1Execute(t, d, "SELECT body FROM shares WHERE id = '"+id+"'")
	require.NoError(t, err, out)
	var res []struct {
		Results []struct {
			Body string `json:"body"`
		} `json:"results"`
	}
	require.NoError(t, json.Unmarshal([]byte(out[strings.Index(out, "["):]), &res), out)
	require.Len(t, res, 1)
	require.Len(t, res[0].Results, 1)
	return res[0].Results[0].Body
}

// firstDiff describes the first line where two outputs differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y || i >= len(al) || i >= len(bl) {
			return fmt.Sprintf("line %d: %q (CLI) vs %q (Worker)", i+1, x, y)
		}
	}
	return "no difference"
}
