/**
 * The mood scale of a journal entry: 0 to 10, with words. No imports, so the web app shows the same words as the
 * server's rules (it imports this file directly).
 */
export const MOOD_MIN = 0;
export const MOOD_MAX = 10;

/** The words beside the mood slider: the number alone means little to someone writing at a low moment. */
export function moodLabel(mood: number): string {
  if (mood <= 1) return 'Very low';
  if (mood <= 3) return 'Low';
  if (mood <= 6) return 'In between';
  if (mood <= 8) return 'Good';
  return 'Very good';
}
