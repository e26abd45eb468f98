// Package assets embeds the built browser app (index.html, app.wasm.gz, wasm_exec.js, boot.js,
// app.css) so that "failwright serve" needs nothing else on disk. "make web" builds the app
// into build/web/ and copies it into public/, which git ignores; a clean clone still compiles,
// and FS then holds no index.html, which Built reports.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed all:public
var public embed.FS

// FS returns the built app's files, rooted at the site root.
func FS() fs.FS {
	sub, err := fs.Sub(public, "public")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	return sub
}

// Built reports whether the app was built before this binary was compiled.
func Built() bool {
	_, err := fs.Stat(FS(), "index.html")
	return err == nil
}
