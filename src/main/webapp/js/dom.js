// Building DOM safely: data always goes in as text (textContent), never as markup.

/**
 * Creates an element. `props` may hold: className, text, attrs (attributes), dataset, and any
 * other DOM property (e.g. type, hidden, tabIndex). Children are nodes or strings (as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) { if (v !== undefined && v !== null) node.setAttribute(name, String(v)); }
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Calls `fn` after `ms` of quiet; `.cancel()` drops a pending call. */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  debounced.cancel = () => { clearTimeout(timer); timer = null; };
  return debounced;
}

/** Display name of a contact: "First Last", else the phone, else a placeholder. */
export function contactName(contact, fallback) {
  if (!contact) return fallback;
  const name = [contact.firstName, contact.lastName].filter((part) => part && String(part).trim()).join(' ').trim();
  return name || contact.phone || fallback;
}

/** True while the user is typing in a field (so single-key shortcuts must not fire). */
export function isTypingTarget(target) {
  if (!target || !(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName === 'INPUT') {
    const type = (target.getAttribute('type') || 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}
