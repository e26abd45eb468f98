package shell

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"failwright/engine/topology"
)

// The binding error IDs, as PowerShell names them.
const (
	ErrCommandNotFound        = "CommandNotFoundException"
	ErrNamedParameterNotFound = "NamedParameterNotFound"
	ErrAmbiguousParameter     = "AmbiguousParameter"
	ErrMissingMandatory       = "MissingMandatoryParameter"
	ErrAmbiguousParameterSet  = "AmbiguousParameterSet"
	ErrPositionalNotFound     = "PositionalParameterNotFound"
	ErrParameterAlreadyBound  = "ParameterAlreadyBound"
	ErrCannotConvert          = "CannotConvertArgumentNoMessage"
	ErrCannotConvertArray     = "CannotConvertArgument"
	ErrTransformation         = "ParameterArgumentTransformationError"
	ErrValidation             = "ParameterArgumentValidationError"
	ErrEmptyString            = "ParameterArgumentValidationErrorEmptyStringNotAllowed"
	ErrNull                   = "ParameterArgumentValidationErrorNullNotAllowed"
)

// Default is the catalog of every cmdlet and simulator verb failwright knows.
var Default = NewCatalog(defaultCmdlets())

// Bind binds a parsed statement with the Default catalog.
func Bind(st Statement, v topology.Version) (Command, *Error) { return Default.Bind(st, v) }

// Bind resolves a parsed statement against the catalog for product version v ("" accepts
// every version's parameters): the cmdlet name and parameter names case-insensitively, by
// alias or unique prefix; values converted to the parameters' types; positional arguments
// bound; the parameter set chosen; mandatory parameters checked. Errors read like the
// Management Shell's, with PowerShell's error IDs, and point at the offending text.
func (cat *Catalog) Bind(st Statement, v topology.Version) (Command, *Error) {
	c := cat.Lookup(st.Name)
	if c == nil || !c.In(v) {
		return Command{}, &Error{Cmdlet: st.Name, ID: ErrCommandNotFound, Category: "ObjectNotFound",
			Reason: "CommandNotFoundException", Target: st.Name, TargetType: "String",
			Message: fmt.Sprintf("The term '%s' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.", st.Name),
			Offset:  st.Offset, End: st.NameEnd, Positioned: true}
	}
	b := binder{c: c, st: st, v: v, sets: c.SetsIn(v)}
	return b.bind()
}

// trial is one parameter set's attempt at binding the positional arguments.
type trial struct {
	set    string
	params map[string]Value
	err    *Error
}

// exactPick returns the only trial whose positional parameters are all plain strings, or nil.
func exactPick(ts []trial, b *binder) *trial {
	var pick *trial
	for i := range ts {
		plain := true
		for name := range ts[i].params {
			for _, p := range b.params() {
				if p.Name == name && (p.Type != TypeString || p.TypeName != "") {
					plain = false
				}
			}
		}
		if plain {
			if pick != nil {
				return nil
			}
			pick = &ts[i]
		}
	}
	return pick
}

type binder struct {
	c    *Cmdlet
	st   Statement
	v    topology.Version
	sets []string
	ps   []*Param // cache of params()
}

func (b *binder) err(id, msg string, off, end int) *Error {
	return &Error{Cmdlet: b.c.Name, ID: id, Category: "InvalidArgument", Reason: "ParameterBindingException",
		Message: msg, Class: b.c.className(), Offset: off, End: end, Positioned: true}
}

func (b *binder) whole(id, msg string) *Error {
	return b.err(id, msg, b.st.Offset, b.st.End)
}

// params returns the parameters that exist in the version and in at least one available set.
func (b *binder) params() []*Param {
	if b.ps != nil {
		return b.ps
	}
	var out []*Param
	for _, p := range b.c.ParamsIn(b.v) {
		for _, s := range b.sets {
			if s == "" || p.InSet(s) {
				out = append(out, p)
				break
			}
		}
	}
	b.ps = out
	return out
}

// resolve finds the parameter a typed name means: an exact name or alias first, then a
// unique prefix of the names and aliases.
func (b *binder) resolve(name string, off, end int) (*Param, *Error) {
	ps := b.params()
	for _, p := range ps {
		if strings.EqualFold(p.Name, name) {
			return p, nil
		}
		for _, a := range p.Aliases {
			if strings.EqualFold(a, name) {
				return p, nil
			}
		}
	}
	var matches []*Param
	for _, p := range ps {
		hit := hasPrefixFold(p.Name, name)
		for _, a := range p.Aliases {
			hit = hit || hasPrefixFold(a, name)
		}
		if hit {
			matches = append(matches, p)
		}
	}
	switch len(matches) {
	case 0:
		return nil, b.err(ErrNamedParameterNotFound, fmt.Sprintf("A parameter cannot be found that matches parameter name '%s'.", name), off, end)
	case 1:
		return matches[0], nil
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = "-" + m.Name
	}
	return nil, b.err(ErrAmbiguousParameter, fmt.Sprintf("Parameter cannot be processed because the parameter name '%s' is ambiguous. Possible matches include: %s.", name, strings.Join(names, " ")), off, end)
}

// bind binds the statement: the named parameters, then the positional arguments against each
// parameter set they fit, then the set chosen and its mandatory parameters checked.
func (b *binder) bind() (Command, *Error) {
	cmd := Command{Cmdlet: b.c.Name, Params: map[string]Value{}, Text: b.st.Text}
	bound, positional, e := b.bindNamed(cmd.Params)
	if e != nil {
		return Command{}, e
	}
	candidates := b.candidateSets(bound)
	if len(candidates) == 0 {
		return Command{}, b.whole(ErrAmbiguousParameterSet, "Parameter set cannot be resolved using the specified named parameters.")
	}
	ok, e := b.tryPositional(candidates, bound, positional)
	if e != nil {
		return Command{}, e
	}
	chosen, e := b.chooseSet(ok, bound, len(positional) > 0)
	if e != nil {
		return Command{}, e
	}
	if m := b.missing(chosen, bound); len(m) > 0 {
		return Command{}, b.whole(ErrMissingMandatory, "Cannot process command because of one or more missing mandatory parameters: "+strings.Join(m, " ")+".")
	}
	for k, v := range chosen.params {
		cmd.Params[k] = v
	}
	cmd.Set = chosen.set
	if e := b.checkMandatoryValues(cmd.Params, chosen.set); e != nil {
		return Command{}, e
	}
	return cmd, nil
}

// bindNamed binds the named parameters into params and returns them, by name, and the
// positional arguments, in order.
func (b *binder) bindNamed(params map[string]Value) (map[string]*Param, []Arg, *Error) {
	bound := map[string]*Param{}
	var positional []Arg
	els := b.st.Elements
	for i := 0; i < len(els); i++ {
		el := els[i]
		if !el.IsParam() {
			positional = append(positional, *el.Arg)
			continue
		}
		nameEnd := el.End
		if el.Arg != nil {
			nameEnd = el.Offset + 1 + len(el.Param)
		}
		p, e := b.resolve(el.Param, el.Offset, nameEnd)
		if e != nil {
			return nil, nil, e
		}
		if _, dup := bound[p.Name]; dup {
			return nil, nil, b.err(ErrParameterAlreadyBound, fmt.Sprintf("Cannot bind parameter because parameter '%s' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, \"-parameter value1,value2,value3\".", p.Name), el.Offset, nameEnd)
		}
		var val Value
		if p.Type == TypeSwitch {
			val = Value{Kind: KindSwitch, Switch: true}
			if el.Arg != nil {
				t, ok := boolOf(*el.Arg)
				if !ok {
					return nil, nil, b.transformErr(p, *el.Arg)
				}
				val.Switch = t
			}
		} else {
			arg := el.Arg
			if arg == nil {
				if i+1 < len(els) && !els[i+1].IsParam() {
					i++
					arg = els[i].Arg
				} else {
					return nil, nil, b.err(ErrMissingArgument, fmt.Sprintf("Missing an argument for parameter '%s'. Specify a parameter of type '%s' and try again.", p.Name, p.NetType()), el.Offset, nameEnd)
				}
			}
			var e *Error
			val, e = b.convert(p, *arg)
			if e != nil {
				return nil, nil, e
			}
		}
		bound[p.Name] = p
		params[p.Name] = val
	}
	return bound, positional, nil
}

// candidateSets returns the parameter sets that every named parameter belongs to.
func (b *binder) candidateSets(bound map[string]*Param) []string {
	var candidates []string
	for _, s := range b.sets {
		ok := true
		for _, p := range bound {
			if s != "" && !p.InSet(s) {
				ok = false
			}
		}
		if ok {
			candidates = append(candidates, s)
		}
	}
	return candidates
}

// tryPositional binds the positional arguments against each candidate set and returns the
// sets that take them all, or, when none does, the first set's error.
func (b *binder) tryPositional(candidates []string, bound map[string]*Param, positional []Arg) ([]trial, *Error) {
	var ok []trial
	var firstErr *Error
	for _, s := range b.orderSets(candidates) {
		t := trial{set: s, params: map[string]Value{}}
		slots := b.positionalSlots(s, bound)
		for k, a := range positional {
			if k >= len(slots) {
				t.err = b.err(ErrPositionalNotFound, fmt.Sprintf("A positional parameter cannot be found that accepts argument '%s'.", a.Text), a.Offset, a.End)
				break
			}
			val, e := b.convert(slots[k], a)
			if e != nil {
				t.err = e
				break
			}
			t.params[slots[k].Name] = val
		}
		if t.err != nil {
			if firstErr == nil {
				firstErr = t.err
			}
			continue
		}
		ok = append(ok, t)
	}
	if len(ok) == 0 {
		return nil, firstErr
	}
	return ok, nil
}

// missing returns the mandatory parameters of trial t's set bound neither by name nor by
// position.
func (b *binder) missing(t trial, bound map[string]*Param) []string {
	var out []string
	for _, p := range b.params() {
		if !p.Mandatory || (t.set != "" && !p.InSet(t.set)) {
			continue
		}
		if _, has := bound[p.Name]; has {
			continue
		}
		if _, has := t.params[p.Name]; has {
			continue
		}
		out = append(out, p.Name)
	}
	return out
}

// chooseSet picks the parameter set among the trials that took the positional arguments, as
// PowerShell does: the default set when nothing is bound, else the only set with every
// mandatory parameter, else the one taking the positional arguments as plain strings, else
// the default set.
func (b *binder) chooseSet(ok []trial, bound map[string]*Param, hasPositional bool) (trial, *Error) {
	var complete []trial
	for _, t := range ok {
		if len(b.missing(t, bound)) == 0 {
			complete = append(complete, t)
		}
	}
	var def *trial
	for i := range ok {
		if ok[i].set == b.c.DefaultSet {
			def = &ok[i]
		}
	}
	switch {
	case len(bound) == 0 && !hasPositional && def != nil:
		// With no parameters at all, PowerShell uses the default parameter set.
		return *def, nil
	case len(complete) == 1:
		return complete[0], nil
	case len(complete) > 1 && hasPositional && exactPick(complete, b) != nil:
		// Like PowerShell, prefer the set whose positional parameters take the arguments
		// without type conversion (plain strings).
		return *exactPick(complete, b), nil
	case len(complete) > 1:
		if def == nil || len(b.missing(*def, bound)) > 0 {
			return trial{}, b.whole(ErrAmbiguousParameterSet, "Parameter set cannot be resolved using the specified named parameters.")
		}
		return *def, nil
	case def != nil:
		return *def, nil
	case len(ok) == 1:
		return ok[0], nil
	}
	return trial{}, b.whole(ErrAmbiguousParameterSet, "Parameter set cannot be resolved using the specified named parameters.")
}

// checkMandatoryValues refuses null and empty strings for the mandatory parameters of set.
func (b *binder) checkMandatoryValues(params map[string]Value, set string) *Error {
	for _, p := range b.params() {
		if !p.Mandatory || (set != "" && !p.InSet(set)) || p.Type == TypeSwitch {
			continue
		}
		v, has := params[p.Name]
		if !has {
			continue
		}
		arg := b.argOf(p.Name)
		if arg.Kind == ArgNull {
			return b.err(ErrNull, fmt.Sprintf("Cannot bind argument to parameter '%s' because it is null.", p.Name), arg.Offset, arg.End)
		}
		if (v.Kind == KindString && v.String == "") || (v.Kind == KindStringList && len(v.List) == 0) {
			return b.err(ErrEmptyString, fmt.Sprintf("Cannot bind argument to parameter '%s' because it is an empty string.", p.Name), arg.Offset, arg.End)
		}
	}
	return nil
}

// argOf returns the argument bound to the named parameter (for error positions).
func (b *binder) argOf(name string) Arg {
	els := b.st.Elements
	for i, el := range els {
		if !el.IsParam() {
			continue
		}
		p, _ := b.resolve(el.Param, 0, 0)
		if p == nil || p.Name != name {
			continue
		}
		if el.Arg != nil {
			return *el.Arg
		}
		if i+1 < len(els) && els[i+1].Arg != nil {
			return *els[i+1].Arg
		}
	}
	for _, el := range els {
		if !el.IsParam() {
			return *el.Arg
		}
	}
	return Arg{Offset: b.st.Offset, End: b.st.End}
}

// orderSets puts the default set first, keeping the catalog order otherwise.
func (b *binder) orderSets(sets []string) []string {
	out := make([]string, 0, len(sets))
	for _, s := range sets {
		if s == b.c.DefaultSet {
			out = append(out, s)
		}
	}
	for _, s := range sets {
		if s != b.c.DefaultSet {
			out = append(out, s)
		}
	}
	return out
}

// positionalSlots returns the set's positional parameters not yet bound, by position.
func (b *binder) positionalSlots(set string, bound map[string]*Param) []*Param {
	var out []*Param
	for _, p := range b.params() {
		if p.Position == 0 || (set != "" && !p.InSet(set)) {
			continue
		}
		if _, has := bound[p.Name]; has {
			continue
		}
		out = append(out, p)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Position < out[j-1].Position; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func boolOf(a Arg) (bool, bool) {
	switch a.Kind {
	case ArgTrue:
		return true, true
	case ArgFalse, ArgNull:
		return false, true
	case ArgWord:
		if n, err := parseInt(a.Text); err == nil {
			return n != 0, true
		}
	}
	return false, false
}

func (b *binder) transformErr(p *Param, a Arg) *Error {
	from := "System.String"
	if a.Kind == ArgList {
		from = "System.Object[]"
	}
	kind := "Boolean parameters"
	e := b.err(ErrTransformation, fmt.Sprintf("Cannot process argument transformation on parameter '%s'. Cannot convert value \"%s\" to type \"%s\". %s accept only Boolean values and numbers, such as $True, $False, 1 or 0.", p.Name, from, p.NetType(), kind), a.Offset, a.End)
	return e
}

func (b *binder) convertErr(p *Param, a Arg, why string) *Error {
	return b.err(ErrCannotConvert, fmt.Sprintf("Cannot bind parameter '%s'. Cannot convert value \"%s\" to type \"%s\". Error: \"%s\"", p.Name, a.Text, p.NetType(), why), a.Offset, a.End)
}

// convert turns an argument into a value of the parameter's type.
func (b *binder) convert(p *Param, a Arg) (Value, *Error) {
	if a.Kind == ArgList && p.Type != TypeStringList && p.Type != TypeString {
		return Value{}, b.err(ErrCannotConvertArray, fmt.Sprintf("Cannot convert 'System.Object[]' to the type '%s' required by parameter '%s'. Specified method is not supported.", p.NetType(), p.Name), a.Offset, a.End)
	}
	null := a.Kind == ArgNull
	_ = null
	switch p.Type {
	case TypeSwitch, TypeBool:
		t, ok := boolOf(a)
		if !ok {
			return Value{}, b.transformErr(p, a)
		}
		kind := KindBool
		if p.Type == TypeSwitch {
			kind = KindSwitch
		}
		return Value{Kind: kind, Switch: t}, nil
	case TypeInt:
		switch a.Kind {
		case ArgNull:
			return Value{Kind: KindInt}, nil
		case ArgTrue:
			return Value{Kind: KindInt, Int: 1}, nil
		case ArgFalse:
			return Value{Kind: KindInt}, nil
		}
		n, err := parseInt(strings.TrimSpace(a.Text))
		if err != nil {
			return Value{}, b.convertErr(p, a, err.Error())
		}
		return Value{Kind: KindInt, Int: int(n)}, nil
	case TypeUInt16:
		switch a.Kind {
		case ArgNull, ArgFalse:
			return Value{Kind: KindInt}, nil
		case ArgTrue:
			return Value{Kind: KindInt, Int: 1}, nil
		}
		n, err := parseInt(strings.TrimSpace(a.Text))
		if err != nil && err.Error() != "Value was either too large or too small for an Int32." {
			return Value{}, b.convertErr(p, a, err.Error())
		}
		if err != nil || n < 0 || n > 65535 {
			return Value{}, b.convertErr(p, a, "Value was either too large or too small for a UInt16.")
		}
		return Value{Kind: KindInt, Int: int(n)}, nil
	case TypeTimeSpan:
		if a.Kind == ArgNull {
			return Value{Kind: KindTimeSpan}, nil
		}
		if a.Kind == ArgWord {
			// A bare number is an Int32 literal, which PowerShell converts to a TimeSpan of
			// that many 100-nanosecond ticks.
			if n, err := parseInt(a.Text); err == nil {
				return Value{Kind: KindTimeSpan, TimeSpan: time.Duration(n) * 100}, nil
			}
		}
		d, why := parseTimeSpan(a.Text)
		if why != "" {
			return Value{}, b.convertErr(p, a, why)
		}
		return Value{Kind: KindTimeSpan, TimeSpan: d}, nil
	case TypeStringList:
		if a.Kind == ArgList {
			items := make([]string, len(a.Items))
			for i, it := range a.Items {
				items[i] = it.Text
			}
			return Value{Kind: KindStringList, List: items}, nil
		}
		if null {
			return Value{Kind: KindStringList}, nil
		}
		return Value{Kind: KindStringList, List: []string{a.Text}}, nil
	case TypeEnum:
		if null {
			return Value{}, b.convertErr(p, Arg{Text: "", Offset: a.Offset, End: a.End}, "Unable to match the identifier name  to a valid enumerator name. Specify one of the following enumerator names and try again: "+strings.Join(p.Enum, ", "))
		}
		for _, e := range p.Enum {
			if strings.EqualFold(e, strings.TrimSpace(a.Text)) {
				return Value{Kind: KindString, String: e}, nil
			}
		}
		return Value{}, b.convertErr(p, a, fmt.Sprintf("Unable to match the identifier name %s to a valid enumerator name. Specify one of the following enumerator names and try again: %s", a.Text, strings.Join(p.Enum, ", ")))
	case TypeGuid:
		g, ok := parseGUID(a.Text)
		if !ok {
			return Value{}, b.convertErr(p, a, "Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
		}
		return Value{Kind: KindString, String: g}, nil
	case TypeFqdn:
		return Value{Kind: KindString, String: a.Text}, nil
	}
	// TypeString: a list joins with spaces, as PowerShell converts arrays to strings.
	text := a.Text
	if a.Kind == ArgList {
		parts := make([]string, len(a.Items))
		for i, it := range a.Items {
			parts[i] = it.Text
		}
		text = strings.Join(parts, " ")
	}
	if len(p.Enum) > 0 && !null {
		for _, e := range p.Enum {
			if strings.EqualFold(e, text) {
				return Value{Kind: KindString, String: e}, nil
			}
		}
		return Value{}, b.err(ErrValidation, fmt.Sprintf("Cannot validate argument on parameter '%s'. The argument \"%s\" does not belong to the set \"%s\" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.", p.Name, text, strings.Join(p.Enum, ",")), a.Offset, a.End)
	}
	return Value{Kind: KindString, String: text}, nil
}

type convError string

func (e convError) Error() string { return string(e) }

// parseInt parses a PowerShell integer literal: decimal or 0x hexadecimal, with a sign, in
// the Int32 range.
func parseInt(s string) (int64, error) {
	t := s
	neg := false
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "+") {
		neg = t[0] == '-'
		t = t[1:]
	}
	base := 10
	if len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X") {
		base = 16
		t = t[2:]
	}
	if t == "" || strings.ContainsAny(t[:1], "+-") {
		return 0, convError("Input string was not in a correct format.")
	}
	n, err := strconv.ParseUint(t, base, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, convError("Value was either too large or too small for an Int32.")
		}
		return 0, convError("Input string was not in a correct format.")
	}
	v := int64(n)
	if n > 1<<31 || (n == 1<<31 && !neg) {
		return 0, convError("Value was either too large or too small for an Int32.")
	}
	if neg {
		v = -v
	}
	return v, nil
}

// parseTimeSpan parses .NET's TimeSpan format: [-]d, or [-][d.]hh:mm[:ss[.fffffff]]. It
// returns the reason in .NET's words when the text is not a TimeSpan.
func parseTimeSpan(s string) (time.Duration, string) {
	const bad = "String was not recognized as a valid TimeSpan."
	const rng = "The TimeSpan could not be parsed because at least one of the numeric components is out of range or contains too many digits."
	t := strings.TrimSpace(s)
	neg := strings.HasPrefix(t, "-")
	if neg {
		t = t[1:]
	}
	if t == "" {
		return 0, bad
	}
	num := func(x string, max int64) (int64, string) {
		if x == "" || len(x) > 10 {
			if x == "" {
				return 0, bad
			}
			return 0, rng
		}
		for _, r := range x {
			if r < '0' || r > '9' {
				return 0, bad
			}
		}
		n, _ := strconv.ParseInt(x, 10, 64)
		if max >= 0 && n > max {
			return 0, rng
		}
		return n, ""
	}
	var d time.Duration
	if !strings.Contains(t, ":") {
		days, why := num(t, 10675199)
		if why != "" {
			return 0, why
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var days int64
		if dot := strings.IndexByte(t, '.'); dot >= 0 && dot < strings.IndexByte(t, ':') {
			var why string
			if days, why = num(t[:dot], 10675199); why != "" {
				return 0, why
			}
			t = t[dot+1:]
		}
		parts := strings.Split(t, ":")
		if len(parts) > 3 {
			return 0, bad
		}
		var frac string
		if len(parts) == 3 {
			if sec, f, ok := strings.Cut(parts[2], "."); ok {
				parts[2], frac = sec, f
				if frac == "" {
					return 0, bad
				}
			}
		}
		h, why := num(parts[0], 23)
		if why != "" {
			return 0, why
		}
		m, why := num(parts[1], 59)
		if why != "" {
			return 0, why
		}
		var sec int64
		if len(parts) == 3 {
			if sec, why = num(parts[2], 59); why != "" {
				return 0, why
			}
		}
		var ticks int64
		if frac != "" {
			if len(frac) > 7 {
				return 0, rng
			}
			f, why := num(frac, -1)
			if why != "" {
				return 0, why
			}
			for i := len(frac); i < 7; i++ {
				f *= 10
			}
			ticks = f
		}
		d = time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
			time.Duration(sec)*time.Second + time.Duration(ticks)*100
	}
	if neg {
		d = -d
	}
	return d, ""
}

// parseGUID accepts a GUID with or without braces and returns it in lower case with dashes.
func parseGUID(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	if len(t) == 32 {
		t = t[:8] + "-" + t[8:12] + "-" + t[12:16] + "-" + t[16:20] + "-" + t[20:]
	}
	if len(t) != 36 {
		return "", false
	}
	for i, r := range t {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if r != '-' {
				return "", false
			}
			continue
		}
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return "", false
		}
	}
	return strings.ToLower(t), true
}
