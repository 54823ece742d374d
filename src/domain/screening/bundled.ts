// The lexicons as shipped: calendars/lexicons.json (parties, political language, confidentiality and
// campaign terms) and calendars/screening/language.json (protected groups, slurs, the predicates said
// of them). A council's comms manager edits a copy of this as a new version (PUT /v1/lexicons).
import lexiconFile from "../../../calendars/lexicons.json";
import languageFile from "../../../calendars/screening/language.json";
import type { Language, Lexicon } from "./lexicon";

export const BUNDLED_LANGUAGE = languageFile as unknown as Language;
export const BUNDLED_LEXICON = { ...(lexiconFile as unknown as Lexicon), language: BUNDLED_LANGUAGE } as Lexicon;
