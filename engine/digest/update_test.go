package digest

// The test kit registers -update in every package with tests (internal/testkit).
import _ "failwright/internal/testkit"
