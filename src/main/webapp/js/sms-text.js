// Which character of a text forces Unicode (UCS-2). The server's preview counts and splits; this
// only names the culprit so the composer can say "“😀” switches the whole text to Unicode".
// The tables are GSM 03.38's default alphabet and extension table, as in sms/Gsm7.java.

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?'
  + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const GSM = new Set([...GSM_BASIC, ...GSM_EXTENSION]);

/** The first character (a whole code point, so an emoji stays whole) outside GSM-7, or null. */
export function firstUnicodeCharacter(text) {
  for (const character of String(text || '')) {
    if (!GSM.has(character)) return character;
  }
  return null;
}
