package ui

// ClassHost is what the classroom needs from the page beyond Host: requests that carry a
// class's token, and a window to print the class's results from. The wasm main's host
// implements it; a page host without it shows that classes need the Worker.
type ClassHost interface {
	// FetchAuth is Fetch with "Authorization: Bearer token" (none when token is empty).
	FetchAuth(method, url, token string, body []byte, done func(status int, body []byte, err error))
	// PrintHTML opens html, a self-contained page, in a new window and prints it.
	PrintHTML(html []byte)
}
