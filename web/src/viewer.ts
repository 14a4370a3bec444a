// Who is signed in and what they may do, from the `viewer` root field (issue 6). Against a
// service that has no `viewer` yet, the page derives an open session: every action shown,
// scope = the first community.
import { ApiError, gql } from "./api";

export type Role = "ADMIN" | "COMMITTEE" | "GRID_WORKER" | "FLOOR_CHIEF" | "PLANNER";

export type Viewer = {
  accountId: string | null;
  role: Role | null;
  scope: string | null;
  personId: string | null;
  personName: string | null;
  can: string[] | null; // null: unknown, everything is shown
  derived: boolean; // true when the service has no viewer field
};

const VIEWER = `{ viewer { accountId role scope personId personName can } }`;
const COMMUNITIES = `{ communities { code } }`;

export async function loadViewer(): Promise<Viewer> {
  try {
    const data = await gql<{ viewer: Omit<Viewer, "derived"> | null }>(VIEWER);
    if (data.viewer) return { ...data.viewer, derived: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "GRAPHQL_VALIDATION_FAILED") throw error;
  }
  const data = await gql<{ communities: { code: string }[] }>(COMMUNITIES);
  return {
    accountId: null,
    role: null,
    scope: data.communities[0]?.code ?? null,
    personId: null,
    personName: null,
    can: null,
    derived: true,
  };
}

export function may(viewer: Viewer, field: string): boolean {
  return viewer.can === null || viewer.can.includes(field);
}

/** The scope a view works on: the account's, else (admin) the first community. */
export async function defaultScope(viewer: Viewer): Promise<string | null> {
  if (viewer.scope) return viewer.scope;
  const data = await gql<{ communities: { code: string }[] }>(COMMUNITIES);
  return data.communities[0]?.code ?? null;
}
