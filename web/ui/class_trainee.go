package ui

import (
	"fmt"
	"sort"
	"strings"

	"failwright/web/engine/proto"
)

// refreshView reads the class as the trainee sees it and plays what is new in the local drill.
func (cl *ClassStore) refreshView() {
	t := cl.Cls.Trainee
	var v ClassView
	cl.call("GET", "api/classes/"+t.ClassID+"/me", t.Token, nil, &v, func() {
		cl.Cls.View = &v
		cl.sync()
	})
}

// logItem is one entry of the class log as the trainee's page plays it.
type logItem struct {
	seq   int64
	event *ClassEvent
	line  *ClassCommand
}

// sync plays, in the class's order, every event and line the local drill has not played:
// a start starts the drill in the engine worker, a fault is injected, a line is typed, the end
// finishes the drill. The engine worker answers in order, so the requests go out at once.
func (cl *ClassStore) sync() {
	v := cl.Cls.View
	var items []logItem
	for i := range v.Events {
		items = append(items, logItem{seq: v.Events[i].Seq, event: &v.Events[i]})
	}
	for i := range v.Commands {
		items = append(items, logItem{seq: v.Commands[i].Seq, line: &v.Commands[i]})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].seq < items[j].seq })
	for _, it := range items {
		if it.seq <= cl.cursor {
			continue
		}
		cl.cursor = it.seq
		switch {
		case it.line != nil:
			if it.line.Drill == cl.localDrill && cl.Cls.Score == nil {
				cl.engine(proto.Request{Op: proto.OpTrainInput, Line: it.line.Line}, cl.takeTurn)
			}
		case it.event.Kind == "start":
			cl.startLocal(it.event.Drill)
		case it.event.Kind == "inject" && cl.localDrill >= 0 && cl.Cls.Score == nil:
			cl.note("event", "The trainer injects a fault: "+it.event.Verb)
			cl.engine(proto.Request{Op: proto.OpTrainInject, Line: it.event.Verb}, cl.takeTurn)
		case it.event.Kind == "pause":
			cl.note("feedback", "The trainer has paused the drill.")
		case it.event.Kind == "resume":
			cl.note("feedback", "The trainer has resumed the drill.")
		case it.event.Kind == "end":
			cl.note("feedback", "The trainer has ended the class.")
			if cl.localDrill >= 0 && cl.Cls.Score == nil {
				cl.engine(proto.Request{Op: proto.OpTrainFinish}, cl.takeTurn)
			}
			cl.stop()
		}
	}
}

// startLocal starts drill d of the class in the engine worker.
func (cl *ClassStore) startLocal(d int) {
	v := cl.Cls.View
	if d < 0 || d >= len(v.Drills) {
		return
	}
	cl.localDrill = d
	cl.Cls.Transcript, cl.Cls.Prompt, cl.Cls.Score = nil, nil, nil
	dr := v.Drills[d]
	req := proto.Request{Op: proto.OpTrainStart, File: dr.Name}
	if !dr.Library {
		req.Text = dr.Source
	}
	cl.note("feedback", "The trainer starts the drill: "+orFile(dr.Title, dr.Name))
	cl.engine(req, cl.takeTurn)
}

func (cl *ClassStore) note(kind, text string) {
	cl.Cls.Transcript = append(cl.Cls.Transcript, TrainEntry{Kind: kind, Text: text})
}

// takeTurn adds the local drill's answer to the transcript.
func (cl *ClassStore) takeTurn(r proto.Response) {
	s := &cl.Cls
	if r.Error != "" {
		s.Error = r.Error
		return
	}
	if t := r.Turn; t != nil {
		for _, ev := range t.Events {
			for i := range ev.Commands {
				s.Transcript = append(s.Transcript, TrainEntry{Kind: "event", Command: &ev.Commands[i]})
			}
			if ev.Note != "" {
				cl.note("feedback", ev.Note)
			}
		}
		if t.Command != nil {
			s.Transcript = append(s.Transcript, TrainEntry{Kind: "command", Command: t.Command})
		}
		if t.Hint != "" {
			cl.note("hint", "Hint: "+t.Hint)
		}
		for _, f := range t.Feedback {
			cl.note("feedback", f)
		}
		if t.Prompt != nil && t.NewStep {
			cl.note("prompt", fmt.Sprintf("Step %d of %d: %s", t.Prompt.Number, t.Prompt.Of, t.Prompt.Text))
		}
		s.Prompt = t.Prompt
	}
	if r.Score != nil {
		s.Score, s.Prompt = r.Score, nil
	}
}

// Send posts the trainee's line (a command, hint, skip or exit) to the class; once the
// Worker has taken it, the view is read again and the line plays in the local drill in the
// class's order.
func (cl *ClassStore) Send(line string) {
	line = strings.TrimSpace(line)
	t := cl.Cls.Trainee
	cl.Cls.Input = ""
	if t == nil || line == "" || cl.inFlight {
		return
	}
	cl.inFlight = true
	h := cl.classHost()
	body := []byte(fmt.Sprintf(`{"line":%q}`, line))
	h.FetchAuth("POST", "api/classes/"+t.ClassID+"/commands", t.Token, body, func(status int, data []byte, err error) {
		cl.inFlight = false
		switch {
		case err != nil:
			cl.Cls.Error = "The Worker could not be reached: " + err.Error()
			cl.Cls.Input = line
		case status >= 300:
			cl.Cls.Error = classProblemText(status, data)
		default:
			cl.Cls.Error = ""
			cl.refreshView()
		}
	})
}

// SendKey handles Enter in the trainee's prompt.
func (cl *ClassStore) SendKey(key, value string) {
	if key == "Enter" {
		cl.Send(value)
	}
}

// classStatus is the class's state as a sentence for the trainee or the trainer.
func classStatus(st ClassStateJSON, drills []string) string {
	name := func() string {
		if st.Drill >= 0 && st.Drill < len(drills) {
			return drills[st.Drill]
		}
		return ""
	}
	switch st.Status {
	case "waiting":
		return "Waiting for the trainer to start the drill."
	case "running":
		return "Running: " + name()
	case "paused":
		return "Paused by the trainer: " + name()
	case "ended":
		return "The class has ended."
	}
	return st.Status
}

// ViewStatus is the class's state for the trainee.
func (cl *ClassStore) ViewStatus() string {
	v := cl.Cls.View
	if v == nil {
		return "Joining…"
	}
	var names []string
	for _, d := range v.Drills {
		names = append(names, orFile(d.Title, d.Name))
	}
	return classStatus(v.State, names)
}

// CanType reports whether the trainee may type now.
func (cl *ClassStore) CanType() bool {
	v := cl.Cls.View
	return v != nil && v.State.Status == "running" && cl.Cls.Prompt != nil && cl.Cls.Score == nil
}

// BoardStatus is the class's state for the trainer.
func (cl *ClassStore) BoardStatus() string {
	if b := cl.Cls.Board; b != nil {
		return classStatus(b.State, b.Drills)
	}
	return "Loading the board…"
}

// mss formats milliseconds as m:ss.
func mss(ms int64) string {
	s := ms / 1000
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Atoi reads a small non-negative number from a form value (0 when it is not one).
func Atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' || n > 1<<20 {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
