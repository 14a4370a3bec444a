/** Red (0) through amber to green (1) for a coverage ratio; grey when nothing is expected. */
export function coverageColour(ratio: number | null): string {
  if (ratio === null || Number.isNaN(ratio)) return "hsl(0, 0%, 80%)";
  const r = Math.max(0, Math.min(1, ratio));
  return `hsl(${Math.round(r * 120)}, 65%, ${Math.round(62 - r * 12)}%)`;
}

export const KIND_COLOURS: Record<string, string> = {
  FAMILY: "#d9480f",
  NEIGHBOUR: "#f59f00",
  FLOOR_CHIEF: "#1c7ed6",
  PARTY_MEMBER: "#c92a2a",
  GRID_STAFF: "#5f3dc4",
  DOCTOR: "#2b8a3e",
  VOLUNTEER: "#0c8599",
  OTHER: "#868e96",
};

/** The at-a-glance view's three bands (and grey when nothing is expected), by two thresholds. */
export type Band = "red" | "amber" | "green" | "grey";
export const BANDS: Band[] = ["red", "amber", "green", "grey"];
export const BAND_COLOURS: Record<Band, string> = {
  red: "#e03131",
  amber: "#f59f00",
  green: "#2f9e44",
  grey: "#ced4da",
};
/** Red below ``low`` percent, amber up to ``high``, green at or above it; grey with nothing expected. */
export function band(figure: { expected: number; ratio: number }, low: number, high: number): Band {
  if (figure.expected <= 0) return "grey";
  if (figure.ratio >= high / 100) return "green";
  if (figure.ratio >= low / 100) return "amber";
  return "red";
}
