/** The query string exactly as sent ("" when there is none): a repeat of a query already answered. */
export const rawQuery = (url: string) => {
  const q = url.indexOf("?");
  return q < 0 ? "" : url.slice(q);
};

/**
 * Answers already serialised, kept per version of the data they were worked out from (the cached
 * object itself, so a rebuilt calendar or index starts afresh) and by a key such as the raw query
 * string. At most `limit` answers per version: past that it starts again.
 */
export function answerMemo<V extends object>(limit = 2_000) {
  const byVersion = new WeakMap<V, Map<string, string>>();
  return {
    get: (version: V, key: string) => byVersion.get(version)?.get(key),
    set(version: V, key: string, body: string) {
      const answers = byVersion.get(version) ?? new Map<string, string>();
      byVersion.set(version, answers);
      if (answers.size >= limit) answers.clear();
      answers.set(key, body);
    },
  };
}
