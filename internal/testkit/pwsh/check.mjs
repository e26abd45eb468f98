// check.mjs (run as node --liftoff-only check.mjs: see pwsh.go) parses PowerShell scripts with an independent grammar (tree-sitter-powershell)
// and reports, for each, its syntax errors and every topology value found in code outside a
// single-quoted string literal.
//
// Input (standard input): a JSON array of {"name", "text", "values"}. Output (standard
// output): a JSON array, in the same order, of {"name", "errors", "unquoted"}: errors are
// {"line", "column", "message"} for each ERROR or MISSING node; unquoted are {"line",
// "column", "value"} for each place a value appears in code outside a single-quoted literal.
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

function check({ name, text, values }) {
  const tree = parser.parse(text);
  const errors = [];
  const ranges = [];
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
  for (const value of [...new Set(values || [])]) {
    if (!value) continue;
    for (const form of new Set([value, value.replace(quotes, '$&$&')])) {
      for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) {
        if (!inside(i, i + form.length)) unquoted.push({ ...position(text, i), value });
      }
    }
  }
  unquoted.sort((a, b) => a.line - b.line || a.column - b.column);
  return { name, errors, unquoted };
}

const scripts = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(scripts.map(check)));
