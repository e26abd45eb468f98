package collector

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// File is the collector's output: one JSON document (docs/import.md, "Collector").
type File struct {
	// Format is FormatName.
	Format string `json:"format"`
	// FormatVersion is FormatVersion.
	FormatVersion int `json:"formatVersion"`
	// CollectedAt is when the script ran (UTC, ISO 8601), for people; nothing reads it.
	CollectedAt string `json:"collectedAt,omitempty"`
	// TopologyXML is the published topology as Get-CsTopology -AsXml returns it.
	TopologyXML string `json:"topologyXml"`
	// BackupRelationships is Get-CsPoolBackupRelationship for each registrar pool.
	BackupRelationships []BackupRelationship `json:"backupRelationships"`
	// UsersPerRegistrarPool counts the users homed on each registrar pool (Front End pools and
	// Survivable Branch Appliances).
	UsersPerRegistrarPool []PoolUsers `json:"usersPerRegistrarPool"`
	// Registrars is Get-CsService -Registrar: each registrar's backup registrar (what a branch
	// appliance fails over to) and failure detection timers.
	Registrars []RegistrarService `json:"registrars"`
	// CentralManagement is where the Central Management store is.
	CentralManagement CentralManagement `json:"centralManagement"`
	// Builds is each server's product version, from Get-CsManagementStoreReplicationStatus.
	Builds []Build `json:"builds"`
	// EdgeNextHops is each Edge pool's internal next hop (Get-CsService -EdgeServer).
	EdgeNextHops []EdgeNextHop `json:"edgeNextHops"`
	// MirrorStates is Get-CsDatabaseMirrorState -DatabaseType User for each registrar pool
	// (empty on 2019 and Subscription Edition, which have no mirroring).
	MirrorStates []MirrorState `json:"mirrorStates"`
	// BackupServiceStatus is Get-CsBackupServiceStatus -Category UserData for each paired pool.
	BackupServiceStatus []BackupStatus `json:"backupServiceStatus"`
	// Errors lists the steps that failed; the others ran.
	Errors []StepError `json:"errors"`
}

// BackupRelationship is one registrar pool's backup pool ("" when it has none).
type BackupRelationship struct {
	PoolFqdn       string `json:"poolFqdn"`
	BackupPoolFqdn string `json:"backupPoolFqdn"`
}

// RegistrarService is one registrar: a Front End pool, a Director or a branch appliance.
type RegistrarService struct {
	PoolFqdn string `json:"poolFqdn"`
	// BackupRegistrar is "Registrar:<pool FQDN>" or "" when there is none.
	BackupRegistrar string `json:"backupRegistrar"`
	// FailureDetectionInterval and FailbackDetectionInterval are TimeSpans as PowerShell
	// writes them: "00:02:00".
	FailureDetectionInterval  string `json:"failureDetectionInterval"`
	FailbackDetectionInterval string `json:"failbackDetectionInterval"`
}

// BackupRegistrarPool returns the backup registrar's pool FQDN, without a "Registrar:" prefix.
func (r RegistrarService) BackupRegistrarPool() string { return stripService(r.BackupRegistrar) }

// PoolUsers is the number of users whose RegistrarPool is a pool.
type PoolUsers struct {
	RegistrarPool string `json:"registrarPool"`
	Users         int    `json:"users"`
}

// CentralManagement is the Central Management store's location.
type CentralManagement struct {
	// ActiveMasterFqdn is the FQDN of the Central Management Server's active master.
	ActiveMasterFqdn string `json:"activeMasterFqdn"`
	// Services are the Central Management services (Get-CsService -CentralManagement).
	Services []CMSService `json:"services"`
}

// CMSService is one Central Management service.
type CMSService struct {
	PoolFqdn string `json:"poolFqdn"`
	SiteID   string `json:"siteId"`
	// Active is "True" for the active one, as PowerShell writes a Boolean as a string.
	Active string `json:"active"`
}

// Build is one server's product version.
type Build struct {
	Fqdn           string `json:"fqdn"`
	ProductVersion string `json:"productVersion"`
}

// EdgeNextHop is an Edge pool and its next hop, as "Registrar:<pool FQDN>" or a bare FQDN.
type EdgeNextHop struct {
	EdgePoolFqdn string `json:"edgePoolFqdn"`
	NextHop      string `json:"nextHop"`
}

// NextHopPool returns the next hop's pool FQDN, without a "Registrar:" prefix.
func (e EdgeNextHop) NextHopPool() string { return stripService(e.NextHop) }

// stripService drops a service identity's "Role:" prefix: "Registrar:p.contoso.com" is
// "p.contoso.com".
func stripService(id string) string {
	if _, after, ok := strings.Cut(id, ":"); ok {
		return after
	}
	return id
}

// MirrorState is the mirror state of one database of a pool's back end.
type MirrorState struct {
	PoolFqdn       string `json:"poolFqdn"`
	DatabaseName   string `json:"databaseName"`
	StateOnPrimary string `json:"stateOnPrimary"`
	StateOnMirror  string `json:"stateOnMirror"`
}

// BackupStatus is the Backup Service status of a pool towards its backup pool.
type BackupStatus struct {
	PoolFqdn            string `json:"poolFqdn"`
	BackupPoolFqdn      string `json:"backupPoolFqdn"`
	OverallExportStatus string `json:"overallExportStatus"`
	OverallImportStatus string `json:"overallImportStatus"`
}

// StepError is a step of the script that failed, and PowerShell's message.
type StepError struct {
	Step    string `json:"step"`
	Message string `json:"message"`
}

// Encode returns f as the script writes it: indented JSON, members in a fixed order.
func (f *File) Encode() []byte {
	g := *f
	g.Format, g.FormatVersion = FormatName, FormatVersion
	b, err := json.MarshalIndent(nonNil(g), "", "  ")
	if err != nil {
		panic(err) // unreachable: the type has only strings, ints and slices
	}
	return append(b, '\n')
}

// nonNil gives the slices of f the empty value [] rather than null, as the script writes them.
func nonNil(f File) File {
	f.BackupRelationships = orEmpty(f.BackupRelationships)
	f.UsersPerRegistrarPool = orEmpty(f.UsersPerRegistrarPool)
	f.Registrars = orEmpty(f.Registrars)
	f.CentralManagement.Services = orEmpty(f.CentralManagement.Services)
	f.Builds = orEmpty(f.Builds)
	f.EdgeNextHops = orEmpty(f.EdgeNextHops)
	f.MirrorStates = orEmpty(f.MirrorStates)
	f.BackupServiceStatus = orEmpty(f.BackupServiceStatus)
	f.Errors = orEmpty(f.Errors)
	return f
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// Detect reports whether data looks like a collector file: a JSON object whose "format" is
// FormatName, in any of the encodings Parse reads. It reads no further than it must.
func Detect(data []byte) bool {
	text, err := decodeText(data)
	if err != nil {
		return false
	}
	head := text
	if len(head) > 4096 {
		head = head[:4096]
	}
	return strings.HasPrefix(strings.TrimSpace(head), "{") && strings.Contains(head, `"`+FormatName+`"`)
}

// Parse reads a collector file written by the script: UTF-8 with or without a byte-order
// mark, or UTF-16 with one (what Out-File writes in Windows PowerShell), CRLF or LF. Windows
// PowerShell's ConvertTo-Json sometimes writes an array as {"value": [...], "Count": n}; Parse
// reads that as the array. Errors name the file, the line and the column.
func Parse(data []byte, name string) (*File, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	var raw any
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s:%s", name, jsonError(text, err))
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s:1:1: a collector file is a JSON object", name)
	}
	if format, _ := obj["format"].(string); format != FormatName {
		return nil, fmt.Errorf("%s:1:1: not a failwright collector file (its \"format\" is not %q)", name, FormatName)
	}
	if v := fmt.Sprint(obj["formatVersion"]); v != fmt.Sprint(FormatVersion) {
		return nil, fmt.Errorf("%s:1:1: collector format version %s is not supported (this failwright reads version %d; run the collector of this failwright)", name, v, FormatVersion)
	}
	norm, err := json.Marshal(unwrap(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	var f File
	if err := json.Unmarshal(norm, &f); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("%s: %q: expected %s, found a JSON %s", name, te.Field, te.Type, te.Value)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &f, nil
}

// unwrap replaces every {"value": [...], "Count": n} object by its array, and a lone object
// where a list is expected stays an object (encoding/json then reports it).
func unwrap(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if arr, ok := x["value"].([]any); ok && len(x) == 2 {
			if _, ok := x["Count"]; ok {
				return unwrap(arr)
			}
		}
		for k, e := range x {
			x[k] = unwrap(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = unwrap(e)
		}
		return x
	}
	return v
}

// decodeText turns the file's bytes into a string: UTF-16 (either byte order) when it starts
// with that byte-order mark, else UTF-8 with its mark, if any, dropped.
func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		body := data[2:]
		if len(body)%2 != 0 {
			return "", errors.New("UTF-16 text with an odd number of bytes")
		}
		u := make([]uint16, len(body)/2)
		for i := range u {
			if data[0] == 0xFF {
				u[i] = uint16(body[2*i]) | uint16(body[2*i+1])<<8
			} else {
				u[i] = uint16(body[2*i])<<8 | uint16(body[2*i+1])
			}
		}
		return string(utf16.Decode(u)), nil
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) {
		return "", errors.New("the file is neither UTF-8 nor UTF-16 with a byte-order mark")
	}
	return string(data), nil
}

// jsonError places a JSON syntax error at its line and column.
func jsonError(text string, err error) string {
	var se *json.SyntaxError
	off := int64(len(text))
	if errors.As(err, &se) {
		off = se.Offset - 1 // the offset is just past the character at fault
	} else if !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return " " + err.Error()
	}
	off = min(max(off, 0), int64(len(text)))
	line, col := 1, 1
	for _, r := range text[:off] {
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("%d:%d: %v", line, col, err)
}
