package samples

// The test kit registers -update in every package with tests, so that "go test ./... -update"
// rewrites every golden file in one run (internal/testkit).
import _ "failwright/internal/testkit"
