// Package report makes failwright's printable reports: the evidence of a run of a plan (its
// run log against the plan, Evidence), a trainee's result in a training drill (Drill) and the
// design review of a failure analysis (Review). Each is a typed model, plain data that encodes
// as JSON, and one self-contained HTML page (Page, HTML) that prints well to PDF: no external
// resources, inline CSS with print rules, the summary and the verdict on the first page.
//
// The page's structure is stable, for people and for tests that open it in a browser or in
// its PDF: the report is <main id="report" class="report report-KIND">; the summary is
// <section id="summary"> with one <div class="fact" id="fact-NAME"> per key figure, whose
// value is <dd id="figure-NAME">; the verdict is <section id="verdict" class="verdict
// verdict-STATE"> with <p id="verdict-text"> and <ul id="verdict-reasons">; a rehearsal is
// announced by <p id="rehearsal">; every other section is <section id="ID" class="section">.
//
// The package is pure: no I/O, no clock. A report's generation time is an input, so the same
// inputs give the same bytes.
package report
