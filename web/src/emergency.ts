// The GraphQL documents and types of the emergency views: plans (应急预案) and events (应急事件).
import { gqlWithForbidden, type Connection } from "./api";
import type { UserError } from "./queries";

export const PLAN_PROBLEMS = [
  "NO_PLAN", "NO_FIRST_RESPONDER", "NO_BACKUP_RESPONDER", "SAME_RESPONDER",
  "RESPONDER_LEFT", "RESPONDER_NEEDS_PLAN", "RESPONDER_UNAVAILABLE", "RESPONDER_OVERLOADED",
] as const;
export const EVENT_KINDS = ["TYPHOON", "HEAT_WAVE", "COLD_WAVE", "FLOOD", "POWER_CUT", "WATER_CUT", "OTHER"] as const;
export const MARKS = ["REACHED", "EVACUATED", "SAFE_AT_HOME", "NEEDS_HELP", "NOT_REACHED"] as const;
export type MarkStatus = (typeof MARKS)[number];

export type Responder = { personId: string; name: string };
export type Readiness = { code: string; needing: number; withCompletePlan: number };
export type ElderPlan = {
  residentId: string;
  name: string;
  corridor: string;
  needsBecause: string[];
  hasPlan: boolean;
  complete: boolean;
  problems: { code: string; responderId: string | null }[];
  firstResponder: Responder | null;
  backupResponder: Responder | null;
  destination: string | null;
  needs: string[] | null; // a personal detail: null (FORBIDDEN) for a planner
  contact: string | null; // likewise
  note: string | null; // likewise; kept when a suggestion is applied
  updatedOn: string | null;
  masked?: boolean; // needs and contact came back FORBIDDEN: shown as "—"
};
export type ResponderSuggestion = {
  residentId: string;
  role: "FIRST" | "BACKUP";
  personId: string;
  name: string;
  cost: number;
  proximity: string;
  spare: number;
};
export type Overloaded = { personId: string; name: string; plans: number; capacity: number };
export type Board = {
  asOf: string;
  window: string | null;
  summary: Readiness;
  areas: Readiness[];
  overloadedResponders: Overloaded[];
};

const RESPONDER = "{ personId name }";
/** The board's figures, lists and suggestions; its elders come page by page (PLAN_ELDERS). */
export const PLAN_BOARD = `query($scope: ID, $asOf: Date, $window: Window) {
  emergencyPlans(scope: $scope, asOf: $asOf, window: $window) {
    asOf window summary { code needing withCompletePlan } areas { code needing withCompletePlan }
    overloadedResponders { personId name plans capacity }
  }
}`;
/** The responders to propose: the assignment solver's work, asked on its own (it takes longer). */
export const PLAN_SUGGESTIONS = `query($scope: ID, $asOf: Date, $window: Window) {
  emergencyPlans(scope: $scope, asOf: $asOf, window: $window) {
    suggestions { residentId role personId name cost proximity spare }
  }
}`;
export const PLAN_ELDERS = `query($scope: ID, $asOf: Date, $window: Window, $after: String) {
  emergencyPlans(scope: $scope, asOf: $asOf, window: $window) {
    elders(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { residentId name corridor needsBecause hasPlan complete problems { code responderId }
              firstResponder ${RESPONDER} backupResponder ${RESPONDER}
              destination needs contact note updatedOn }
    }
  }
}`;
type PlanElders = { emergencyPlans: { elders: Connection<ElderPlan> } };
/** Every elder who needs a plan, page by page, each marked when its personal details are masked. */
export async function fetchPlanElders(vars: Record<string, unknown>): Promise<ElderPlan[]> {
  const all: ElderPlan[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const answer: { data: PlanElders; forbidden: string[] } = await gqlWithForbidden<PlanElders>(PLAN_ELDERS, { ...vars, after });
    const { data, forbidden } = answer;
    const masked = new Set(forbidden.map((p) => /^emergencyPlans\.elders\.nodes\.(\d+)\./.exec(p)?.[1]).filter((i) => i !== undefined));
    const conn: Connection<ElderPlan> = data.emergencyPlans.elders;
    conn.nodes.forEach((e, i) => all.push({ ...e, masked: masked.has(String(i)) }));
    if (!conn.pageInfo.hasNextPage) return all;
    after = conn.pageInfo.endCursor;
  }
  return all;
}
export const SET_PLAN = `mutation($input: SetEmergencyPlanInput!) {
  setEmergencyPlan(input: $input) { residentId errors { code field message messageZh } }
}`;
export type SetPlanAnswer = { setEmergencyPlan: { residentId: string | null; errors: UserError[] } };

export type EventSummary = {
  elders: number;
  reached: number;
  notReached: number;
  unmarked: number;
  needsHelp: number;
  evacuated: number;
  safeAtHome: number;
};
export type EventHead = {
  id: string;
  kind: string;
  title: string;
  note: string | null;
  area: string;
  startedAt: string;
  window: string;
  closedAt: string | null;
  open: boolean;
  summary: EventSummary;
};
export type EventCorridor = { code: string; elders: number; notReached: number; needsHelp: number; oldestNotReachedSince: string | null };
// note: undefined when masked for the role (FORBIDDEN), null when none was written.
export type EventMark = { seq: number; status: MarkStatus; at: string; note?: string | null; by: Responder | null };
export type EventElder = {
  residentId: string;
  name: string;
  corridor: string;
  status: MarkStatus | null;
  reached: boolean;
  since: string;
  planComplete: boolean;
  firstResponder: Responder | null;
  backupResponder: Responder | null;
  marks: EventMark[];
};
export type AfterActionElder = {
  residentId: string;
  name: string;
  corridor: string;
  minutesToReach: number | null;
  reachedBy: Responder | null;
  byResponder: boolean;
  failures: string[];
  problemsAtStart: string[];
};
export type Report = {
  reached: number;
  neverReached: string[];
  medianMinutesToReach: number | null;
  longestMinutesToReach: number | null;
  failedPlans: AfterActionElder[];
};
export type EventDetail = EventHead & {
  closeNote: string | null;
  corridors: EventCorridor[];
  waiting: EventElder[];
  all?: EventElder[];
  report?: Report;
};

const HEAD = `id kind title note area startedAt window closedAt open
  summary { elders reached notReached unmarked needsHelp evacuated safeAtHome }`;
const ELDER = `residentId name corridor status reached since planComplete
  firstResponder ${RESPONDER} backupResponder ${RESPONDER}`;
const MARK = `marks { seq status at note by ${RESPONDER} }`;
export const EVENTS = `{ emergencyEvents(first: 50) { ${HEAD} } }`;
/** One event: the live board (and, for those who mark, every elder with the marks), or the
 * after-action report once it is closed. Polled every few seconds while the tab is open. */
export const EVENT = `query($id: ID!, $marking: Boolean!, $report: Boolean!) {
  emergencyEvent(id: $id) {
    ${HEAD} closeNote
    corridors { code elders notReached needsHelp oldestNotReachedSince }
    waiting: elders(onlyNotReached: true) { ${ELDER} ${MARK} }
    all: elders @include(if: $marking) { ${ELDER} ${MARK} }
    report @include(if: $report) {
      reached neverReached medianMinutesToReach longestMinutesToReach
      failedPlans { residentId name corridor minutesToReach reachedBy ${RESPONDER} byResponder
                    failures problemsAtStart }
    }
  }
}`;
const PAYLOAD = "errors { code field message messageZh }";
export const START_EVENT = `mutation($input: StartEmergencyEventInput!) {
  startEmergencyEvent(input: $input) { event { id } ${PAYLOAD} }
}`;
export const CLOSE_EVENT = `mutation($input: CloseEmergencyEventInput!) {
  closeEmergencyEvent(input: $input) { event { id } ${PAYLOAD} }
}`;
export const MARK_ELDER = `mutation($input: MarkEventElderInput!) {
  markEventElder(input: $input) { mark { seq at } ${PAYLOAD} }
}`;
export type EventPayload = { event: { id: string } | null; errors: UserError[] };

/** Whole minutes from an instant until now (never below 0). */
export function minutesSince(at: string, now: number = Date.now()): number {
  return Math.max(0, Math.floor((now - Date.parse(at)) / 60000));
}

/** An instant as the reader's local date and time, to the minute (2026-12-02 14:05). */
export function localTime(at: string): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
