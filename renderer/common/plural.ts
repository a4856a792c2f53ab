/** "1 article", "3 articles": a count with its noun (the plural takes an s). */
export const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
