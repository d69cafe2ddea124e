// The demo CRM: asks the inbox's demo back end for a person's token, launches the inbox in the
// iframe with it (a form POST to /launch, so the token stays out of URLs and logs), and listens
// to what the inbox posts: the unread total, and the session's end (then it relaunches, as a
// CRM would, with a fresh token).
const accountsEl = document.querySelector('[data-testid="crm-accounts"]');
const signedInEl = document.querySelector('[data-testid="crm-signed-in"]');
const unreadEl = document.querySelector('[data-testid="crm-unread"]');
const logEl = document.querySelector('[data-testid="crm-log"]');
const form = document.getElementById('launch');

let current = null;

async function json(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || `HTTP ${response.status}`);
  return body;
}

async function launch(person) {
  const { jwt } = await json('api/demo-crm/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ person: person.id }),
  });
  current = person;
  signedInEl.textContent = `${person.name} (${person.accountName})`;
  unreadEl.textContent = '–';
  for (const button of accountsEl.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset.person === person.id));
  }
  form.elements.jwt.value = jwt;
  form.submit();
}

function log(text) {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()} ${text}`;
  logEl.prepend(item);
  while (logEl.children.length > 8) logEl.lastChild.remove();
}

window.addEventListener('message', (event) => {
  if (event.origin !== window.location.origin || !event.data || typeof event.data.type !== 'string') return;
  if (event.data.type === 'smsinbox.unread') {
    unreadEl.textContent = String(event.data.unread);
    log(`smsinbox.unread ${event.data.unread}`);
  } else if (event.data.type === 'smsinbox.session-expired') {
    log('smsinbox.session-expired: launching again');
    if (current) launch(current);
  }
});

async function start() {
  const people = await json('api/demo-crm/people');
  const byAccount = new Map();
  for (const person of people) {
    if (!byAccount.has(person.account)) byAccount.set(person.account, []);
    byAccount.get(person.account).push(person);
  }
  for (const [account, members] of byAccount) {
    const group = document.createElement('section');
    group.className = 'crm-account';
    const title = document.createElement('h2');
    title.textContent = `${members[0].accountName} (account ${account}, ${members[0].plan})`;
    group.append(title);
    for (const person of members) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'crm-person';
      button.dataset.person = person.id;
      button.setAttribute('aria-pressed', 'false');
      button.textContent = `Open the inbox as ${person.name}`;
      button.addEventListener('click', () => launch(person).catch((e) => log(`launch failed: ${e.message}`)));
      group.append(button);
    }
    accountsEl.append(group);
  }
  launch(people[0]).catch((e) => log(`launch failed: ${e.message}`));
}

start().catch((e) => log(`the demo CRM could not start: ${e.message}`));
