package app

import "failwright/engine/collector"

// CollectResult is the read-only collector script that "failwright collect" prints and the
// page and the Worker serve for download.
type CollectResult struct {
	// Script is the PowerShell script (ASCII, CRLF line endings).
	Script []byte
	// FileName is the name to save it under.
	FileName string
	// MediaType is the script's Content-Type.
	MediaType string
}

// CollectFileName is the name the collector script is saved under, and the one its usage
// line in the script's header runs.
const CollectFileName = "failwright-collect.ps1"

// Collect returns the collector script: run in the Skype for Business Server Management
// Shell, it reads the deployment with Get-Cs* cmdlets only and writes one JSON file that
// failwright import reads (docs/import.md, "Collector").
func Collect() CollectResult {
	return CollectResult{
		Script:    []byte(collector.Script()),
		FileName:  CollectFileName,
		MediaType: "text/plain; charset=utf-8",
	}
}
