package topology

import (
	"strings"

	"failwright/engine/suggest"
)

// ValidFQDN reports whether s is a fully qualified domain name as RFC 1123 allows for host
// names: at least two dot-separated labels, each 1 to 63 letters, digits or hyphens and not
// starting or ending with a hyphen, 253 characters at most in all. Nothing else is accepted
// (no trailing dot, no spaces, quotes, '$', ';', backticks or other characters that could
// change the meaning of a PowerShell command a runbook builds from the name).
func ValidFQDN(s string) bool {
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// ValidSiteName reports whether s is an acceptable site name: 1 to 64 letters, digits, spaces,
// parentheses, hyphens, underscores or dots, not starting or ending with a space. Parentheses
// are allowed because Topology Builder allows them ("HQ (Redmond)"); every script quotes a
// site name with shell.QuoteArg, in which none of these characters is special.
func ValidSiteName(s string) bool {
	if len(s) == 0 || len(s) > 64 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-' || c == '_' || c == '.' || c == '(' || c == ')') {
			return false
		}
	}
	return true
}

// ValidSIPAddress reports whether s is "sip:user@domain" with a user part of 1 to 64 letters,
// digits and . _ - + characters (not starting or ending with a dot) and a domain that is a
// valid FQDN. The "sip:" prefix is case-insensitive. Quotes and other characters that could
// change a PowerShell command are refused, as in ValidFQDN.
func ValidSIPAddress(s string) bool {
	if len(s) < 4 || !strings.EqualFold(s[:4], "sip:") {
		return false
	}
	user, domain, ok := strings.Cut(s[4:], "@")
	if !ok || len(user) == 0 || len(user) > 64 || !ValidFQDN(domain) {
		return false
	}
	if user[0] == '.' || user[len(user)-1] == '.' {
		return false
	}
	for i := 0; i < len(user); i++ {
		c := user[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}

// ValidInstanceName reports whether s is a SQL Server instance name failwright accepts: 1 to
// 16 letters, digits or underscores, starting with a letter or underscore.
func ValidInstanceName(s string) bool {
	if len(s) == 0 || len(s) > 16 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !(letter || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// EditDistance is the Levenshtein distance between a and b, counted in bytes, or limit when
// it is at least limit (suggest.Distance). Messages use it to say "did you mean ...?".
func EditDistance(a, b string, limit int) int { return suggest.Distance(a, b, limit) }
