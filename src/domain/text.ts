// Text as people type it on social media, folded for matching: compatibility forms (NFKC turns
// fullwidth and mathematical letters into plain ones), no zero-width or soft-hyphen characters,
// curly quotes straightened, lower case.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .toLowerCase();
}
