package api

import (
	"encoding/json"
	"net/http"
	"strconv"

	"failwright/engine/topology"
)

// ProblemTypePrefix starts every problem type URI the API sends. The URIs are tag URIs
// (RFC 4151): stable identifiers, not links; docs/api.md lists each one.
const ProblemTypePrefix = "tag:failwright,2026:problem:"

// The problem types the API sends, without ProblemTypePrefix.
const (
	ProblemNotFound         = "not-found"
	ProblemMethodNotAllowed = "method-not-allowed"
	ProblemBodyTooLarge     = "body-too-large"
	ProblemUnsupportedMedia = "unsupported-media-type"
	ProblemMalformedJSON    = "malformed-json"
	ProblemUnknownField     = "unknown-field"
	ProblemDuplicateField   = "duplicate-field"
	ProblemInvalidField     = "invalid-field"
	ProblemInvalidTopology  = "invalid-topology"
	ProblemInvalidScenario  = "invalid-scenario"
	ProblemPlanInvalid      = "plan-invalid"
	ProblemInvalidPlan      = "invalid-plan"
	ProblemInvalidRunLog    = "invalid-run-log"
	ProblemLimitExceeded    = "limit-exceeded"
	ProblemShareNotFound    = "share-not-found"
	ProblemShareExpired     = "share-expired"
	ProblemRateLimited      = "rate-limited"
	ProblemInternal         = "internal"

	ProblemClassNotFound      = "class-not-found"
	ProblemClassExpired       = "class-expired"
	ProblemClassState         = "class-state"
	ProblemUnauthorized       = "unauthorized"
	ProblemWrongJoinCode      = "wrong-join-code"
	ProblemTooManyJoinCodes   = "too-many-join-codes"
	ProblemTooManyClasses     = "too-many-classes"
	ProblemClassesUnavailable = "classes-unavailable"
)

// ProblemTypes lists every problem type with its HTTP status and title, in the order
// docs/api.md documents them. A test checks that the page names each one.
var ProblemTypes = []struct {
	Name   string
	Status int
	Title  string
}{
	{ProblemNotFound, http.StatusNotFound, "No such API route"},
	{ProblemMethodNotAllowed, http.StatusMethodNotAllowed, "Method not allowed"},
	{ProblemBodyTooLarge, http.StatusRequestEntityTooLarge, "Request body too large"},
	{ProblemUnsupportedMedia, http.StatusUnsupportedMediaType, "Unsupported media type"},
	{ProblemMalformedJSON, http.StatusBadRequest, "Malformed JSON"},
	{ProblemUnknownField, http.StatusBadRequest, "Unknown field"},
	{ProblemDuplicateField, http.StatusBadRequest, "Duplicate field"},
	{ProblemInvalidField, http.StatusBadRequest, "Invalid field"},
	{ProblemInvalidTopology, http.StatusUnprocessableEntity, "Invalid topology"},
	{ProblemInvalidScenario, http.StatusUnprocessableEntity, "Invalid scenario"},
	{ProblemPlanInvalid, http.StatusUnprocessableEntity, "The plan cannot be valid"},
	{ProblemInvalidPlan, http.StatusUnprocessableEntity, "Invalid plan"},
	{ProblemInvalidRunLog, http.StatusUnprocessableEntity, "Invalid run log"},
	{ProblemLimitExceeded, http.StatusUnprocessableEntity, "Limit exceeded"},
	{ProblemShareNotFound, http.StatusNotFound, "Share not found"},
	{ProblemShareExpired, http.StatusGone, "Share expired"},
	{ProblemRateLimited, http.StatusTooManyRequests, "Too many shares"},
	{ProblemInternal, http.StatusInternalServerError, "Internal error"},
	{ProblemClassNotFound, http.StatusNotFound, "Class not found"},
	{ProblemClassExpired, http.StatusGone, "Class expired"},
	{ProblemClassState, http.StatusConflict, "The class does not take this now"},
	{ProblemUnauthorized, http.StatusUnauthorized, "Missing or wrong token"},
	{ProblemWrongJoinCode, http.StatusNotFound, "No class has this join code"},
	{ProblemTooManyJoinCodes, http.StatusTooManyRequests, "Too many wrong join codes"},
	{ProblemTooManyClasses, http.StatusTooManyRequests, "Too many classes"},
	{ProblemClassesUnavailable, http.StatusServiceUnavailable, "Classes unavailable"},
}

// Problem is an RFC 9457 problem document, with failwright's extension members: the field
// the problem concerns and, for models that failed validation, their findings.
type Problem struct {
	// Type identifies the kind of problem: ProblemTypePrefix and one of the Problem* names.
	Type string `json:"type"`
	// Title is the short, fixed summary of the type.
	Title string `json:"title"`
	// Status repeats the HTTP status code.
	Status int `json:"status"`
	// Detail explains this occurrence.
	Detail string `json:"detail"`
	// Field is the request member at fault as a dotted path ("pool", "topology",
	// "topology.pools[0].fqdn"), or "" when the problem is not about one field.
	Field string `json:"field,omitempty"`
	// Limit is the limit the request broke: bytes for a too-large body, or the count or bytes
	// the detail names for a limit-exceeded or rate-limited problem.
	Limit int64 `json:"limit,omitempty"`
	// Findings are the validation findings of a topology, scenario or plan, sorted.
	Findings topology.Findings `json:"findings,omitempty"`
}

// newProblem makes a problem of the named type with its documented status and title.
func newProblem(name, field, detail string) *Problem {
	p := &Problem{Type: ProblemTypePrefix + name, Title: "Error", Status: http.StatusInternalServerError, Detail: detail, Field: field}
	for _, t := range ProblemTypes {
		if t.Name == name {
			p.Title, p.Status = t.Title, t.Status
			break
		}
	}
	return p
}

// Error implements error, so that helpers can return a *Problem as an error.
func (p *Problem) Error() string { return p.Title + ": " + p.Detail }

// writeProblem sends p as application/problem+json with its status.
func writeProblem(w http.ResponseWriter, p *Problem) {
	body, err := json.Marshal(p)
	if err != nil { // cannot happen: every member marshals
		body = []byte(`{"type":"` + ProblemTypePrefix + ProblemInternal + `","title":"Internal error","status":500,"detail":"encoding the problem failed"}`)
		p.Status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)+1))
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}
