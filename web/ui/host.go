package ui

import (
	"encoding/json"
	"strconv"

	"github.com/vugu/vugu"

	"failwright/engine/topology"
)

// AnswerHead is the start of every engine answer: its request's ID, whether more answers
// follow, and the error.
type AnswerHead struct {
	ID    int    `json:"id"`
	More  bool   `json:"more"`
	Error string `json:"error"`
}

// answerHead reads an engine answer's head (zero when it is not JSON).
func answerHead(resp []byte) AnswerHead {
	var h AnswerHead
	_ = json.Unmarshal(resp, &h)
	return h
}

// RequestID returns the ID of an engine request. Requests start with {"id":N (proto.Request's
// first field), which is read without decoding the rest: an analysis request carries the
// whole topology, and decoding it again on the page's thread would cost the Run click many
// milliseconds on a large one. Other forms are decoded.
func RequestID(req []byte) int {
	const prefix = `{"id":`
	if len(req) > len(prefix) && string(req[:len(prefix)]) == prefix {
		rest := req[len(prefix):]
		n := 0
		for n < len(rest) && n < 12 && (rest[n] == '-' && n == 0 || rest[n] >= '0' && rest[n] <= '9') {
			n++
		}
		if n < len(rest) && (rest[n] == ',' || rest[n] == '}') {
			if id, err := strconv.Atoi(string(rest[:n])); err == nil {
				return id
			}
		}
	}
	var head struct {
		ID int `json:"id"`
	}
	_ = json.Unmarshal(req, &head)
	return head.ID
}

// AnswerHeadOf reads an engine answer's head, for the page's host.
func AnswerHeadOf(resp []byte) AnswerHead { return answerHead(resp) }

// Host is what the app needs from the page around it: storage, downloads, HTTP and the
// location. The wasm main implements it with syscall/js; tests use MemHost. Callbacks that
// arrive later (Fetch, ReadFile, Every) run with the render lock held and trigger a render.
type Host interface {
	// Load returns the value stored under key (localStorage), and whether there was one.
	Load(key string) (string, bool)
	// Store saves value under key; it fails when storage is full or refused.
	Store(key, value string) error
	// Download offers data to the user as a file.
	Download(name, mimeType string, data []byte)
	// Fetch sends an HTTP request to the page's origin and calls done with the answer.
	Fetch(method, url string, body []byte, done func(status int, body []byte, err error))
	// Location returns the page's fragment ("#share=...") and query ("?share=...").
	Location() (hash, query string)
	// Confirm asks the user a yes/no question.
	Confirm(question string) bool
	// Defer calls f once the current event and render are done (after the browser has had a
	// chance to paint), with the render lock held; render asks for a render afterwards.
	Defer(f func(), render bool)
	// AfterFrame calls f, with the render lock held and no render after it, in a task that
	// follows the browser's next frame: what f changes on the page is laid out and painted in
	// a frame of its own, not together with what the tasks before it changed.
	AfterFrame(f func())
	// Every calls f every interval milliseconds until the returned stop function is called.
	Every(intervalMs int, f func()) (stop func())
	// ReadFile reads the file chosen in the <input type="file"> that fired event.
	ReadFile(event vugu.DOMEvent, done func(name string, data []byte, err error))
	// Engine sends a request to the engine worker (engine.wasm in a Web Worker) and calls done
	// with its answer. Sliced work (an analysis) answers several times: every answer that
	// says "more" is followed by another, until the last one.
	Engine(request []byte, done func(response []byte, err error))
	// SetHTML sets the inner HTML of the element with the given id, unless it already holds
	// the HTML set under the same key. vugu leaves alone the children of an element its
	// template gives none, so a large block of HTML written by the engine is parsed once per
	// change instead of once per render.
	SetHTML(id, key, html string)
	// Rect returns the position and size of the element with the given id on the page (its
	// bounding client rectangle), and false when there is no such element.
	Rect(id string) (left, top, width, height float64, ok bool)
	// Focus moves the keyboard focus to the element with the given id.
	Focus(id string)
	// ScrollToEnd scrolls the element with the given id to its bottom.
	ScrollToEnd(id string)
	// NowMs is a monotonic clock in milliseconds, used only to measure rendering.
	NowMs() float64
}

// MemHost is an in-memory Host for tests and native rendering.
type MemHost struct {
	// Day is the date Today gives (the zero Date: no lifecycle findings).
	Day       topology.Date
	Items     map[string]string
	Downloads []Download
	Hash      string
	Query     string
	Answer    bool
	// EngineFunc answers Engine; nil answers with an error.
	EngineFunc func(request []byte) []byte
	// FetchFunc answers Fetch; nil answers every request with a network error.
	FetchFunc func(method, url string, body []byte) (int, []byte, error)
	// Rects answers Rect.
	Rects map[string][4]float64
	// HTML records SetHTML: the HTML last set per element id.
	HTML map[string]string
	// URL is the page's address (PageURL); Copied records Copy; HashChange holds the
	// functions OnHashChange registered; Drops the functions OnDrop registered.
	URL        string
	Copied     []string
	HashChange []func()
	Drops      []func(name string, data []byte, err error)
}

// Download is a file MemHost was asked to offer.
type Download struct {
	Name, MimeType string
	Data           []byte
}

// NewMemHost returns an empty MemHost.
func NewMemHost() *MemHost { return &MemHost{Items: map[string]string{}} }

// Load implements Host.
func (h *MemHost) Load(key string) (string, bool) { v, ok := h.Items[key]; return v, ok }

// Store implements Host.
func (h *MemHost) Store(key, value string) error { h.Items[key] = value; return nil }

// Download implements Host.
func (h *MemHost) Download(name, mimeType string, data []byte) {
	h.Downloads = append(h.Downloads, Download{name, mimeType, append([]byte(nil), data...)})
}

// Fetch implements Host; it answers at once.
func (h *MemHost) Fetch(method, url string, body []byte, done func(int, []byte, error)) {
	if h.FetchFunc == nil {
		done(0, nil, errNoNetwork)
		return
	}
	done(h.FetchFunc(method, url, body))
}

// Location implements Host.
func (h *MemHost) Location() (string, string) { return h.Hash, h.Query }

// Confirm implements Host.
func (h *MemHost) Confirm(string) bool { return h.Answer }

// Defer implements Host; MemHost runs f at once.
func (h *MemHost) Defer(f func(), _ bool) { f() }

// AfterFrame implements Host; MemHost runs f at once.
func (h *MemHost) AfterFrame(f func()) { f() }

// Every implements Host; MemHost has no timers, so f never runs.
func (h *MemHost) Every(int, func()) func() { return func() {} }

// ReadFile implements Host; MemHost reads nothing.
func (h *MemHost) ReadFile(_ vugu.DOMEvent, done func(string, []byte, error)) {
	done("", nil, errNoNetwork)
}

// Engine implements Host; it answers at once, and drives sliced work to its end as the
// worker script does.
func (h *MemHost) Engine(req []byte, done func([]byte, error)) {
	if h.EngineFunc == nil {
		done(nil, errNoNetwork)
		return
	}
	resp := h.EngineFunc(req)
	done(resp, nil)
	for {
		head := answerHead(resp)
		if !head.More {
			return
		}
		resp = h.EngineFunc([]byte(`{"id":` + strconv.Itoa(head.ID) + `,"op":"continue"}`))
		done(resp, nil)
	}
}

// SetHTML implements Host.
func (h *MemHost) SetHTML(id, _, html string) {
	if h.HTML == nil {
		h.HTML = map[string]string{}
	}
	h.HTML[id] = html
}

// Rect implements Host.
func (h *MemHost) Rect(id string) (float64, float64, float64, float64, bool) {
	r, ok := h.Rects[id]
	return r[0], r[1], r[2], r[3], ok
}

// Focus implements Host; MemHost records nothing.
func (h *MemHost) Focus(string) {}

// ScrollToEnd implements Host; MemHost has nothing to scroll.
func (h *MemHost) ScrollToEnd(string) {}

// NowMs implements Host.
func (h *MemHost) NowMs() float64 { return 0 }
