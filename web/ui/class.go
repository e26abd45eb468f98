package ui

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/vugu/vugu"

	"failwright/scenarios/result"
)

// ClassStore is the classroom's store (docs/classroom.md): a trainer opens a class from the
// Scenarios tab and runs its board; a trainee joins one and drills in their own page, each
// line posted to the class. The trainee's drill runs in the engine worker as a drill alone
// does, but it is driven only by the class's log: every line and every trainer event is
// played in the class's order once the Worker has taken it, so that the page shows what the
// Worker's replay scores.
type ClassStore struct {
	*Session
	lib *ScenarioStore
	Cls ClassState

	probed   bool
	stopPoll func()
	// cursor is the last sequence number of the class log played in the local drill, and
	// localDrill the drill started there (-1 none).
	cursor     int64
	localDrill int
	inFlight   bool
}

// ClassState is what the class panel shows.
type ClassState struct {
	// Open is true when the panel is shown; Available when the Worker serves the page.
	Open, Available bool
	// Error is the last refusal or failure, as the user reads it.
	Error string

	// The trainer's side: the new class's title, drills picked and own files, then the class.
	Title   string
	Picked  map[string]bool
	Own     []OwnDrill
	Trainer *TrainerClass
	Board   *ClassBoard
	Fault   string
	Drill   int

	// The trainee's side: the join form, then the class as the trainee sees it.
	JoinCode, Name string
	Trainee        *TraineeClass
	View           *ClassView
	Transcript     []TrainEntry
	Prompt         *result.Prompt
	Score          *result.Score
	Input          string
}

// OwnDrill is one of the trainer's own scenario files picked for a class.
type OwnDrill struct{ Name, Source string }

// TrainerClass is a class the trainer opened: what the Worker answered.
type TrainerClass struct {
	ID           string `json:"id"`
	Code         string `json:"code"`
	TrainerToken string `json:"trainerToken"`
}

// TraineeClass is the trainee's membership of a class.
type TraineeClass struct {
	ClassID string `json:"classId"`
	Token   string `json:"token"`
	Name    string `json:"name"`
	Title   string `json:"title"`
}

// ClassStateJSON is a class's state as the Worker reports it.
type ClassStateJSON struct {
	Status string `json:"status"`
	Drill  int    `json:"drill"`
}

// ClassEvent, ClassCommand and ClassDrill mirror the Worker's class log.
type ClassEvent struct {
	Seq   int64  `json:"seq"`
	Kind  string `json:"kind"`
	Drill int    `json:"drill"`
	Verb  string `json:"verb"`
}

// ClassCommand is one line of the trainee's.
type ClassCommand struct {
	Seq   int64  `json:"seq"`
	Drill int    `json:"drill"`
	Line  string `json:"line"`
}

// ClassDrill is a drill of a class: a library file, or a scenario's source.
type ClassDrill struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Library bool   `json:"library"`
	Source  string `json:"source"`
}

// ClassView is GET /api/classes/{id}/me.
type ClassView struct {
	Title    string         `json:"title"`
	Name     string         `json:"name"`
	State    ClassStateJSON `json:"state"`
	Drills   []ClassDrill   `json:"drills"`
	Events   []ClassEvent   `json:"events"`
	Commands []ClassCommand `json:"commands"`
}

// ClassBoard is the trainer's board.
type ClassBoard struct {
	Title    string         `json:"title"`
	Code     string         `json:"code"`
	State    ClassStateJSON `json:"state"`
	Drills   []string       `json:"drills"`
	Trainees []BoardTrainee `json:"trainees"`
}

// BoardTrainee is one row of the board.
type BoardTrainee struct {
	Name      string   `json:"name"`
	Step      int      `json:"step"`
	Of        int      `json:"of"`
	StepsDone int      `json:"stepsDone"`
	Points    int      `json:"points"`
	Hints     int      `json:"hints"`
	Commands  int      `json:"commands"`
	Failed    int      `json:"failed"`
	TimeMs    int64    `json:"timeMs"`
	Finished  bool     `json:"finished"`
	Last      []string `json:"last"`
}

// classPollMs is how often the board and the trainee's view refresh.
const classPollMs = 3000

// Storage keys of the class a tab takes part in, so that a reload rejoins it.
const (
	trainerKey = "failwright.class.trainer"
	traineeKey = "failwright.class.trainee"
)

// classHost returns the page's ClassHost, or nil.
func (cl *ClassStore) classHost() ClassHost {
	h, _ := cl.host.(ClassHost)
	return h
}

// start probes for the Worker and resumes a class named by the address or kept in storage.
func (cl *ClassStore) start() {
	cl.localDrill = -1
	cl.Cls.Picked = map[string]bool{"training-expert-site-loss.yaml": true}
	cl.Cls.Fault = "Disconnect-SimSite -Site Dallas -To Atlanta"
	if cl.classHost() == nil {
		cl.probed = true
		return
	}
	cl.host.Fetch("GET", "api/health", nil, func(status int, body []byte, err error) {
		cl.probed = true
		var h struct {
			Service string `json:"service"`
		}
		if err != nil || status != 200 || json.Unmarshal(body, &h) != nil || h.Service != "failwright-worker" {
			return
		}
		cl.Cls.Available = true
		cl.resume()
	})
}

// resume opens the class the address names (#class=ID&trainer=TOKEN, #join=CODE) or the one
// the tab took part in.
func (cl *ClassStore) resume() {
	hash, _ := cl.host.Location()
	v, _ := url.ParseQuery(strings.TrimPrefix(hash, "#"))
	switch {
	case v.Get("class") != "" && v.Get("trainer") != "":
		cl.Cls.Trainer = &TrainerClass{ID: v.Get("class"), TrainerToken: v.Get("trainer")}
		cl.save(trainerKey, cl.Cls.Trainer)
		cl.clearHash()
	case v.Get("join") != "":
		cl.Cls.JoinCode = v.Get("join")
		cl.clearHash()
	default:
		if s, ok := cl.host.Load(trainerKey); ok && json.Unmarshal([]byte(s), &cl.Cls.Trainer) == nil && cl.Cls.Trainer != nil {
			break
		}
		if s, ok := cl.host.Load(traineeKey); ok && json.Unmarshal([]byte(s), &cl.Cls.Trainee) == nil && cl.Cls.Trainee != nil {
			break
		}
		return
	}
	cl.Cls.Open = true
	cl.Tab = TabScenarios
	cl.poll()
}

func (cl *ClassStore) clearHash() {
	if lh, ok := cl.host.(LinkHost); ok {
		lh.ClearHash()
	}
}

func (cl *ClassStore) save(key string, v any) {
	if v == nil {
		_ = cl.host.Store(key, "")
		return
	}
	b, _ := json.Marshal(v)
	_ = cl.host.Store(key, string(b))
}

// Probed reports whether the page knows if the Worker serves it.
func (cl *ClassStore) Probed() bool { return cl.probed }

// OpenPanel shows the class panel.
func (cl *ClassStore) OpenPanel() { cl.Cls.Open = true }

// ClosePanel hides the panel and leaves the class (the class itself goes on).
func (cl *ClassStore) ClosePanel() {
	cl.stop()
	cl.save(trainerKey, nil)
	cl.save(traineeKey, nil)
	avail := cl.Cls.Available
	cl.Cls = ClassState{Available: avail, Picked: map[string]bool{"training-expert-site-loss.yaml": true}, Fault: cl.Cls.Fault}
	cl.cursor, cl.localDrill = 0, -1
}

func (cl *ClassStore) stop() {
	if cl.stopPoll != nil {
		cl.stopPoll()
		cl.stopPoll = nil
	}
}

// poll refreshes the board or the trainee's view now and every few seconds.
func (cl *ClassStore) poll() {
	cl.stop()
	cl.refresh()
	cl.stopPoll = cl.host.Every(classPollMs, cl.refresh)
}

func (cl *ClassStore) refresh() {
	switch {
	case cl.Cls.Trainer != nil:
		cl.refreshBoard()
	case cl.Cls.Trainee != nil:
		cl.refreshView()
	}
}

// call sends a class request and decodes a JSON answer into out, or sets Error from the
// problem the Worker answered.
func (cl *ClassStore) call(method, path, token string, in, out any, then func()) {
	h := cl.classHost()
	if h == nil {
		return
	}
	var body []byte
	if in != nil {
		body, _ = json.Marshal(in)
	}
	h.FetchAuth(method, path, token, body, func(status int, data []byte, err error) {
		switch {
		case err != nil:
			cl.Cls.Error = "The Worker could not be reached: " + err.Error()
		case status >= 300:
			cl.Cls.Error = classProblemText(status, data)
		default:
			cl.Cls.Error = ""
			if out != nil && json.Unmarshal(data, out) != nil {
				cl.Cls.Error = "The Worker's answer does not decode."
				return
			}
			if then != nil {
				then()
			}
		}
	})
}

// problemText is what a problem answer says to the user.
func classProblemText(status int, data []byte) string {
	var p struct {
		Detail string `json:"detail"`
	}
	if json.Unmarshal(data, &p) == nil && p.Detail != "" {
		return strings.ToUpper(p.Detail[:1]) + p.Detail[1:] + "."
	}
	return fmt.Sprintf("The Worker answered %d.", status)
}

// TrainingDrills are the library's training scenarios, for the trainer to pick.
func (cl *ClassStore) TrainingDrills() []result.Entry {
	var out []result.Entry
	for _, e := range cl.lib.Library() {
		if e.Training {
			out = append(out, e)
		}
	}
	return out
}

// Pick picks or unpicks a library drill.
func (cl *ClassStore) Pick(file string, on bool) { cl.Cls.Picked[file] = on }

// AddOwn reads one of the trainer's own scenario files from a file input; the Worker checks
// it when the class opens.
func (cl *ClassStore) AddOwn(event vugu.DOMEvent) {
	cl.host.ReadFile(event, func(name string, data []byte, err error) {
		if err != nil {
			cl.Cls.Error = "The file could not be read: " + err.Error()
			return
		}
		cl.Cls.Own = append(cl.Cls.Own, OwnDrill{Name: name, Source: string(data)})
	})
}

// OpenClass asks the Worker for a new class with the drills picked.
func (cl *ClassStore) OpenClass() {
	type drill struct {
		Library string `json:"library,omitempty"`
		Name    string `json:"name,omitempty"`
		Source  string `json:"source,omitempty"`
	}
	var drills []drill
	var files []string
	for f, on := range cl.Cls.Picked {
		if on {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	for _, f := range files {
		drills = append(drills, drill{Library: f})
	}
	for _, o := range cl.Cls.Own {
		drills = append(drills, drill{Name: o.Name, Source: o.Source})
	}
	if len(drills) == 0 {
		cl.Cls.Error = "Pick at least one drill."
		return
	}
	var tc TrainerClass
	cl.call("POST", "api/classes", "", map[string]any{"title": cl.Cls.Title, "drills": drills}, &tc, func() {
		cl.Cls.Trainer = &tc
		cl.save(trainerKey, &tc)
		cl.poll()
	})
}

func (cl *ClassStore) refreshBoard() {
	t := cl.Cls.Trainer
	var b ClassBoard
	cl.call("GET", "api/classes/"+t.ID+"/board", t.TrainerToken, nil, &b, func() {
		cl.Cls.Board = &b
		t.Code = b.Code
	})
}

// Event sends a trainer's event: start (the drill picked), inject (the fault), pause,
// resume, end.
func (cl *ClassStore) Event(kind string) {
	t := cl.Cls.Trainer
	if t == nil {
		return
	}
	ev := map[string]any{"kind": kind}
	switch kind {
	case "start":
		ev["drill"] = cl.Cls.Drill
	case "inject":
		ev["verb"] = cl.Cls.Fault
	}
	cl.call("POST", "api/classes/"+t.ID+"/events", t.TrainerToken, ev, nil, cl.refreshBoard)
}

// PrintResults opens the class's results as a page and prints it.
func (cl *ClassStore) PrintResults() {
	t := cl.Cls.Trainer
	if t == nil {
		return
	}
	cl.classHost().FetchAuth("GET", "api/classes/"+t.ID+"/results.html", t.TrainerToken, nil, func(status int, data []byte, err error) {
		if err != nil || status != 200 {
			cl.Cls.Error = classProblemText(status, data)
			return
		}
		cl.classHost().PrintHTML(data)
	})
}

// DownloadCSV downloads the class's results as CSV.
func (cl *ClassStore) DownloadCSV() {
	t := cl.Cls.Trainer
	if t == nil {
		return
	}
	cl.classHost().FetchAuth("GET", "api/classes/"+t.ID+"/results.csv", t.TrainerToken, nil, func(status int, data []byte, err error) {
		if err != nil || status != 200 {
			cl.Cls.Error = classProblemText(status, data)
			return
		}
		cl.host.Download("class-results.csv", "text/csv", data)
	})
}

// TrainerLink is the link that opens the board, with its token: for the trainer only.
func (cl *ClassStore) TrainerLink() string {
	t := cl.Cls.Trainer
	if t == nil {
		return ""
	}
	return cl.pageURL() + "#class=" + t.ID + "&trainer=" + t.TrainerToken
}

// JoinLink is the link trainees open to join.
func (cl *ClassStore) JoinLink() string {
	if t := cl.Cls.Trainer; t != nil && t.Code != "" {
		return cl.pageURL() + "#join=" + t.Code
	}
	return ""
}

func (cl *ClassStore) pageURL() string {
	if lh, ok := cl.host.(LinkHost); ok {
		return lh.PageURL()
	}
	return ""
}

// Join joins the class with the code and name typed.
func (cl *ClassStore) Join() {
	var tc TraineeClass
	cl.call("POST", "api/classes/join", "", map[string]string{"code": cl.Cls.JoinCode, "name": cl.Cls.Name}, &tc, func() {
		cl.Cls.Trainee = &tc
		cl.save(traineeKey, &tc)
		cl.cursor, cl.localDrill = 0, -1
		cl.poll()
	})
}
