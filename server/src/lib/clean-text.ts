/** Text a person typed, as it is kept: NFC, without control characters (newlines and tabs stay), trimmed. */
export const cleanText = (text: string) => text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
