// The demo SMSC simulator page: text the inbox as a customer, and watch what the inbox
// submitted to the simulated carrier (refreshed every 2 seconds).
import { request, describeError } from './api.js';
import { el } from './dom.js';
import { t, translatePage, formatFull, formatDayAndTime } from './i18n.js';

const REFRESH_MS = 2000;

translatePage();
document.title = t('simulatorTitle');

const form = document.getElementById('sim-form');
const fromInput = document.getElementById('sim-from');
const toInput = document.getElementById('sim-to');
const textInput = document.getElementById('sim-text');
const sendButton = form.querySelector('[type="submit"]');
const result = document.getElementById('sim-result');
const submitsBody = document.getElementById('sim-submits-body');
const submitsEmpty = document.getElementById('sim-submits-empty');
const submitsError = document.getElementById('sim-submits-error');

function showResult(text, ok) {
  result.textContent = text;
  result.classList.toggle('is-ok', ok);
  result.classList.toggle('is-error', !ok);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  sendButton.disabled = true;
  showResult('', true);
  try {
    await request('api/simulator/messages', {
      method: 'POST',
      body: { from: fromInput.value.trim(), to: toInput.value.trim(), text: textInput.value },
    });
    showResult(t('simDelivered'), true);
    textInput.value = '';
    textInput.focus();
  } catch (error) {
    showResult(describeError(error), false);
  } finally {
    sendButton.disabled = false;
  }
});

textInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});

let lastSignature = null;

function renderSubmits(submits) {
  const signature = JSON.stringify(submits);
  if (signature === lastSignature) return; // leave the table alone (keeps any text selection)
  lastSignature = signature;
  const fragment = document.createDocumentFragment();
  for (const submit of submits) {
    fragment.append(el('tr', { dataset: { testid: 'sim-submit', messageId: String(submit.messageId ?? '') } },
      el('td', { className: 'nowrap' }, submit.at
        ? el('time', { dateTime: submit.at, title: formatFull(submit.at), text: formatDayAndTime(submit.at) })
        : ''),
      el('td', { className: 'nowrap', text: submit.from ?? '' }),
      el('td', { className: 'nowrap', text: submit.to ?? '' }),
      el('td', { className: 'submit-text', text: submit.text ?? '' }),
      el('td', { className: 'num', text: submit.parts ?? '' }),
      el('td', { className: `receipt ${submit.receipt ? `receipt-${String(submit.receipt).toLowerCase()}` : ''}`, text: submit.receipt || t('simNoReceipt') }),
      el('td', { className: 'nowrap mono', text: submit.messageId ?? '' })));
  }
  submitsBody.replaceChildren(fragment);
  submitsEmpty.hidden = submits.length > 0;
}

let timer = null;

async function refresh() {
  clearTimeout(timer);
  try {
    const submits = await request('api/simulator/submits');
    renderSubmits(Array.isArray(submits) ? submits : []);
    submitsError.hidden = true;
  } catch (error) {
    submitsError.textContent = `${t('simRefreshFailed')} ${describeError(error)}`;
    submitsError.hidden = false;
  } finally {
    if (document.visibilityState === 'visible') timer = setTimeout(refresh, REFRESH_MS);
  }
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
  else clearTimeout(timer);
});

refresh();
