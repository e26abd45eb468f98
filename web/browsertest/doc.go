// Package browsertest drives the built web app in a real headless Chromium with chromedp: the
// journeys a user takes (build a topology, break a site, fail a pool over in the shell,
// download a plan, reload, import a broken file) and the performance budgets, which are
// measured and logged, never asserted. Its tests need /usr/bin/chromium ("make test"
// installs it) and the app built into web/assets ("make web").
package browsertest
