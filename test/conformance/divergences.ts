/**
 * Cases where the embedded cloud knowingly answers otherwise than AWS, by case id, with the reason.
 * The suite fails on any other mismatch, and on a case listed here that matches (so this list stays true).
 */
export const KNOWN_DIVERGENCES: Readonly<Record<string, string>> = {};
