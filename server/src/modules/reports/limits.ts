/** The longest note a report may carry (the studio's form shares it). */
export const NOTE_MAX = 2000;
