/** Tag helpers shared by the resources (AWS spells tag lists three ways). */
export const toTagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Keys whose wanted value is absent or different. */
export function missingTags(current: Record<string, string> | undefined, wanted: Record<string, string>): string[] {
  return Object.entries(wanted)
    .filter(([k, v]) => current?.[k] !== v)
    .map(([k]) => k);
}

export const fromTagList = (list: { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
