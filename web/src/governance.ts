// The GraphQL documents and types of the governance views (matters, their timelines, votes).
import type { UserError } from "./queries";

export const LEVELS = ["BUILDING", "CONSULTATION", "COMMUNITY_VOTE"] as const;
export const CATEGORIES = [
  "ENVIRONMENT", "PARKING", "SAFETY", "REPAIRS", "NEIGHBOUR_DISPUTE", "ELDERLY_CARE", "GREENING", "FACILITIES", "OTHER",
] as const;
export const ACTIONS = ["ACCEPT", "NOTE", "ESCALATE", "RESOLVE", "CLOSE"] as const;
export const RULES = ["RESIDENTS_MEETING", "OWNERS_ORDINARY", "OWNERS_SPECIAL"] as const;
export const CHOICES = ["YES", "NO", "ABSTAIN"] as const;

export type Step = {
  seq: number; action: string; on: string; level: string; status: string;
  note: string | null; outcome: string | null; by: { id: string; name: string | null } | null;
};
export type MatterCard = {
  id: string; title: string; category: string; level: string; status: string; levelSince: string;
  escalationDueDays: number | null; proposedLevel: string | null; area: { code: string } | null;
};
export type Threshold = { key: string; met: boolean; value: number; of: number; shortfall: number; explanation: string };
export type Tally = {
  electors: number; present: number; yes: number; no: number; abstain: number;
  quorate: boolean; passed: boolean; explanation: string; thresholds: Threshold[];
};
export type Vote = { id: string; title: string; rule: string; status: string; unweighedDwellings: number; tally: Tally };
export type Matter = MatterCard & {
  description: string | null; outcome: string | null; raisedBy: { id: string; name: string | null } | null;
  steps: Step[]; votes: Vote[];
};

const CARD = "id title category level status levelSince escalationDueDays proposedLevel area { code }";
const TALLY = `tally { electors present yes no abstain quorate passed explanation
  thresholds { key met value of shortfall explanation } }`;
const VOTE = `id title rule status unweighedDwellings ${TALLY}`;
const MATTER_FIELDS = `${CARD} description outcome raisedBy { id name }
  steps { seq action on level status note outcome by { id name } } votes { ${VOTE} }`;

export const MATTER_BOARD = `query($f: MatterFilter) { matters(filter: $f, first: 500) { ${CARD} } }`;
export const MATTER = `query($id: ID!) { matter(id: $id) { ${MATTER_FIELDS} } }`;
export const RAISE_MATTER = `mutation($input: RaiseMatterInput!) {
  raiseMatter(input: $input) { matter { ${CARD} } errors { code field message messageZh } } }`;
export const ADVANCE_MATTER = `mutation($input: AdvanceMatterInput!) {
  advanceMatter(input: $input) { matter { id status } errors { code field message messageZh } } }`;
export const OPEN_VOTE = `mutation($input: OpenVoteInput!) {
  openVote(input: $input) { vote { id } errors { code field message messageZh } } }`;
export const CAST_BALLOT = `mutation($input: CastBallotInput!) {
  castBallot(input: $input) { vote { id } errors { code field message messageZh } } }`;
export const CLOSE_VOTE = `mutation($id: ID!) {
  closeVote(voteId: $id) { vote { id } errors { code field message messageZh } } }`;

export type Payload = { errors: UserError[] };

export const PROJECT_KINDS = ["ROAD", "GREENING", "LIGHTING", "PARKING", "GATE", "PIPES", "ACCESSIBILITY", "FACILITIES", "OTHER"] as const;
export const FUNDING = ["STREET_BUDGET", "MAINTENANCE_FUND", "PROPERTY_COMPANY", "RESIDENTS", "GOVERNMENT", "OTHER"] as const;
export const PROJECT_STATUSES = ["PROPOSED", "APPROVED", "IN_PROGRESS", "DONE"] as const;

export type Photo = { id: string; kind: string; caption: string | null; url: string; width: number; height: number; sha256: string };
export type Project = {
  id: string; title: string; kind: string; status: string; budget: number | null; funding: string | null;
  proposedOn: string | null; approvedOn: string | null; startedOn: string | null; doneOn: string | null;
  decidedBy: string | null; places: { code: string }[]; photos: Photo[];
  satisfaction: { responses: number; average: number | null };
};
const PROJECT_FIELDS = `id title kind status budget funding proposedOn approvedOn startedOn doneOn decidedBy
  places { code } photos { id kind caption url width height sha256 } satisfaction { responses average }`;
export const PROJECTS = `query { projects(first: 500) { ${PROJECT_FIELDS} } }`;
export const PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
export const PROPOSE_PROJECT = `mutation($input: ProposeProjectInput!) {
  proposeProject(input: $input) { project { id } errors { code field message messageZh } } }`;
export const ADVANCE_PROJECT = `mutation($id: ID!, $status: ProjectStatus!) {
  advanceProject(id: $id, status: $status) { project { id } errors { code field message messageZh } } }`;
