// check.mjs (run as node --liftoff-only check.mjs: see pwsh.go) parses PowerShell scripts with an independent grammar (tree-sitter-powershell)
// and reports, for each, its syntax errors and every topology value found in code outside a
// single-quoted string literal.
//
// Input (standard input): a JSON array of {"name", "text", "values"}. Output (standard
// output): a JSON array, in the same order, of {"name", "errors", "unquoted"}: errors are
// {"line", "column", "message"} for each ERROR or MISSING node; unquoted are {"line",
// "column", "value"} for each place a value appears in code outside a single-quoted literal.
// ps7 are {"line", "column", "construct"} for each construct only PowerShell 7 has (failwright's
// scripts target Windows PowerShell 3.0): `&&` and `||` between pipelines and `-Parallel`, found
// in the syntax tree; `??` and `??=`, `?.`, `?[`, the ternary `a ? b : c` and `clean {}` blocks,
// which this grammar does not know (they are also syntax errors here), found in the code outside
// strings and comments.
// Lines and columns count from 1; columns count characters (code points).
//
// Where a value may appear: inside a single-quoted string ('...' or the here-string @'...'@),
// whose text PowerShell never expands, or inside a comment. A comment is harmless because it
// cannot be left: it ends only at a line break (or #> for a block comment), and failwright's
// validation refuses line breaks in every value and the renderer refuses them in any text it
// writes; a value holding "#>" is found by this check as code once the comment has ended.
// Anywhere else (a bare word, a double-quoted string, a variable name) a value is code, and
// is reported. A value counts as inside a literal in its escaped form too (every single quote,
// typographic ones included, doubled), the only form a literal can hold it in.
import { Parser, Language } from 'web-tree-sitter';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
await Parser.init();
const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

// Node types whose whole text is a single-quoted (verbatim) string or a comment.
const safe = new Set(['verbatim_string_characters', 'verbatim_here_string_characters', 'comment']);
const quotes = /['\u2018\u2019\u201a\u201b]/g;

// position turns a JavaScript string index into a 1-based line and column in code points.
function position(text, index) {
  const before = text.slice(0, index);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: [...before.slice(nl + 1)].length + 1 };
}

// Node types whose text is a string or a comment: the scan for PowerShell 7 operators skips them.
const textual = new Set(['string_literal', 'expandable_string_literal', 'expandable_here_string_literal',
  'verbatim_string_characters', 'verbatim_here_string_characters', 'comment']);

// ps7Tokens are the PowerShell 7 operators found by a scan of the code (strings and comments
// blanked): each with the pattern that finds it.
const ps7Tokens = [
  ['??', /\?\?=?/g],
  ['?.', /(?<!\?)\?\./g],
  ['?[', /(?<!\?)\?\[/g],
  // A ? between spaces after an operand, not the Where-Object alias (after |, ;, {, ( or at
  // the start of a line).
  ['ternary ? :', /(?<=[^\s|;{(=][ \t]+)\?(?=[ \t])/g],
  ['clean {}', /(?<![\w-])clean\s*\{/gi],
];

// ps7 finds the constructs only PowerShell 7 has in a parsed script.
function ps7(text, root) {
  const found = [];
  const blank = text.split('');
  const walk = (node) => {
    if (node.type === 'pipeline_chain_tail') {
      found.push({ ...position(text, node.startIndex), construct: text.slice(node.startIndex, node.endIndex).trim() || '&& or ||' });
    }
    if (node.type === 'command_parameter' && /^-parallel(:|$)/i.test(node.text)) {
      found.push({ ...position(text, node.startIndex), construct: '-Parallel' });
    }
    if (textual.has(node.type)) {
      for (let i = node.startIndex; i < node.endIndex; i++) if (blank[i] !== '\n') blank[i] = ' ';
      return;
    }
    for (let i = 0; i < node.childCount; i++) walk(node.child(i));
  };
  walk(root);
  const code = blank.join('');
  for (const [construct, re] of ps7Tokens) {
    for (const m of code.matchAll(re)) found.push({ ...position(text, m.index), construct });
  }
  found.sort((a, b) => a.line - b.line || a.column - b.column);
  return found;
}

function check({ name, text, values }) {
  const tree = parser.parse(text);
  const errors = [];
  const ranges = [];
  const ps7found = ps7(text, tree.rootNode);
  const walk = (node) => {
    if (node.isMissing) {
      errors.push({ ...position(text, node.startIndex), message: `missing ${node.type}` });
      return;
    }
    if (node.type === 'ERROR') {
      const near = text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40)).split('\n')[0];
      errors.push({ ...position(text, node.startIndex), message: `syntax error at ${JSON.stringify(near)}` });
      return;
    }
    if (safe.has(node.type)) {
      ranges.push([node.startIndex, node.endIndex]);
      return;
    }
    for (let i = 0; i < node.childCount; i++) walk(node.child(i));
  };
  walk(tree.rootNode);
  tree.delete();
  const inside = (from, to) => ranges.some(([s, e]) => s <= from && to <= e);
  const unquoted = [];
  for (const [i, form, value] of occurrences(text, finder(values || []))) {
    if (!inside(i, i + form.length)) unquoted.push({ ...position(text, i), value });
  }
  unquoted.sort((a, b) => a.line - b.line || a.column - b.column);
  return { name, errors, unquoted, ps7: ps7found };
}

// prefix is how many first characters index the forms a finder looks for.
const prefix = 6;

// finder indexes the forms of the values (each value, and its escaped form) by their first
// characters, so that one pass over a script finds them all, even for thousands of values.
// Finders are kept per list of values: the scripts of one topology share one.
const finders = new Map();
function finder(values) {
  const key = JSON.stringify(values);
  let f = finders.get(key);
  if (f) return f;
  f = { byPrefix: new Map(), short: [] };
  for (const value of new Set(values)) {
    if (!value) continue;
    for (const form of new Set([value, value.replace(quotes, '$&$&')])) {
      if (form.length < prefix) {
        f.short.push([form, value]);
        continue;
      }
      const k = form.slice(0, prefix);
      if (!f.byPrefix.has(k)) f.byPrefix.set(k, []);
      f.byPrefix.get(k).push([form, value]);
    }
  }
  finders.set(key, f);
  return f;
}

// occurrences yields [index, form, value] for every place a form of a value is in text.
function* occurrences(text, f) {
  for (const [form, value] of f.short) {
    for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) yield [i, form, value];
  }
  for (let i = 0; i + prefix <= text.length; i++) {
    const forms = f.byPrefix.get(text.slice(i, i + prefix));
    if (!forms) continue;
    for (const [form, value] of forms) {
      if (text.startsWith(form, i)) yield [i, form, value];
    }
  }
}

const scripts = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(scripts.map(check)));
