/** How far ahead "what moves" looks. Apart from config-history.ts so the core reads it without loading zod. */
export const WHAT_MOVES_WINDOW_MS = 7 * 86_400_000;
