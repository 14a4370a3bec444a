// Who is signed in and what they may do, from the `viewer` root field: the page shows only the
// tabs and actions in `can`, and works on the account's scope.
import { gql } from "./api";

export type Role = "ADMIN" | "COMMITTEE" | "GRID_WORKER" | "FLOOR_CHIEF" | "PLANNER";

export type Viewer = {
  accountId: string;
  role: Role;
  scope: string | null; // null for an administrator: everything
  personId: string | null;
  personName: string | null;
  can: string[];
};

const VIEWER = `{ viewer { accountId role scope personId personName can } }`;
const COMMUNITIES = `{ communities { code } }`;

export async function loadViewer(): Promise<Viewer> {
  return (await gql<{ viewer: Viewer }>(VIEWER)).viewer;
}

export function may(viewer: Viewer, field: string): boolean {
  return viewer.can.includes(field);
}

/** The scope a view works on: the account's, else (admin) the first community. */
export async function defaultScope(viewer: Viewer): Promise<string | null> {
  if (viewer.scope) return viewer.scope;
  const data = await gql<{ communities: { code: string }[] }>(COMMUNITIES);
  return data.communities[0]?.code ?? null;
}
