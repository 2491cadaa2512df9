// The vanilla-JS peer of the browser benchmark (see benches/browser/run.mjs): markdown-it parses
// the checklist named in the location hash, each GitHub task item becomes a plain checkbox, a
// counter tracks progress, and every toggle is written to localStorage at once. Save time is
// recorded with the User Timing API as "peer:save", like the portal's "readiness:save".
import markdownit from './vendor/markdown-it.esm.min.mjs';

const file = decodeURIComponent(location.hash.slice(1));
const key = `peer:${file}`;
const TASK = /^\[([ xX])\][ \t]/;

const response = await fetch(`../checklists/${encodeURIComponent(file)}`);
const source = await response.text();
const md = markdownit({ html: false, linkify: false });
const tokens = md.parse(source, {});
// markdown-it does not export its Token class; every token is one.
const Token = tokens[0]?.constructor;

// A task item is a list item whose first paragraph starts with "[ ]" or "[x]".
let n = 0;
for (let i = 2; i < tokens.length; i++) {
  const t = tokens[i];
  if (t.type !== 'inline' || tokens[i - 1].type !== 'paragraph_open' || tokens[i - 2].type !== 'list_item_open') continue;
  const m = TASK.exec(t.content);
  if (!m || !t.children.length || t.children[0].type !== 'text') continue;
  const checked = m[1] !== ' ';
  t.children[0].content = t.children[0].content.slice(4);
  const open = new Token('html_inline', '', 0);
  open.content = `<input type="checkbox" class="task" id="t${n}" data-i="${n}"${checked ? ' checked' : ''}><label for="t${n}">`;
  const close = new Token('html_inline', '', 0);
  close.content = '</label>';
  t.children.unshift(open);
  t.children.push(close);
  tokens[i - 2].attrSet('class', 'task');
  n++;
}

const doc = document.getElementById('doc');
doc.innerHTML = md.renderer.render(tokens, md.options, {});
const boxes = doc.querySelectorAll('input.task');

let saved = null;
try {
  saved = JSON.parse(localStorage.getItem(key) ?? 'null');
} catch {
  saved = null;
}
if (Array.isArray(saved)) {
  for (const b of boxes) b.checked = false;
  for (const i of saved) if (boxes[i]) boxes[i].checked = true;
}
let done = 0;
for (const b of boxes) {
  if (b.checked) {
    done++;
    b.parentElement.closest('li').classList.add('done');
  }
}
const count = document.getElementById('count');
count.textContent = String(done);
document.getElementById('total').textContent = String(boxes.length);

doc.addEventListener('change', (ev) => {
  const box = ev.target;
  if (!box.classList.contains('task')) return;
  done += box.checked ? 1 : -1;
  count.textContent = String(done);
  box.closest('li').classList.toggle('done', box.checked);
  performance.mark('peer:save-start');
  const checked = [];
  for (let i = 0; i < boxes.length; i++) if (boxes[i].checked) checked.push(i);
  localStorage.setItem(key, JSON.stringify(checked));
  performance.measure('peer:save', 'peer:save-start');
});
