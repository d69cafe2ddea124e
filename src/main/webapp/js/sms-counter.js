// What a text costs, in words: characters · parts · encoding · left in this part, the credits, and
// the character that forces Unicode. The figures are the server's preview (POST
// api/inbox/compose/preview); the composer and the saved replies screen both show them with this.
import { t } from './i18n.js';
import { firstUnicodeCharacter } from './sms-text.js';

/** The preview of an empty text, without asking the server. */
export const EMPTY_COUNT = { characters: 0, segments: 0, encoding: 'GSM7', remainingInSegment: 160, credits: 0 };

/**
 * Writes a preview into the three elements.
 * @param {{counterEl: HTMLElement, creditsEl: HTMLElement, warningEl: HTMLElement}} els
 * @param {{characters, segments, encoding, remainingInSegment, credits}} preview
 * @param {string} text what the Unicode warning names a character of (the expanded text)
 */
export function showCount({ counterEl, creditsEl, warningEl }, { characters, segments, encoding, remainingInSegment, credits }, text) {
  const unicode = encoding === 'UCS2';
  const parts = [
    t('characters', Number(characters) || 0),
    t('segments', Number(segments) || 0),
    unicode ? t('encodingUcs') : t('encodingGsm'),
  ];
  if (remainingInSegment != null) parts.push(t('remaining', Number(remainingInSegment)));
  counterEl.textContent = parts.join(' · ');
  counterEl.dataset.encoding = unicode ? 'UCS2' : 'GSM7';
  counterEl.dataset.segments = String(Number(segments) || 0);
  counterEl.dataset.characters = String(Number(characters) || 0);
  // Credits: one per SMS part unless the server says otherwise.
  const cost = credits != null ? Number(credits) : Number(segments) || 0;
  creditsEl.textContent = t('creditsWillUse', cost);
  creditsEl.dataset.credits = String(cost);
  const culprit = unicode ? firstUnicodeCharacter(text) : null;
  warningEl.textContent = unicode ? (culprit ? t('ucs2WarningCharacter', culprit) : t('ucs2Warning')) : '';
  warningEl.hidden = !unicode;
}
