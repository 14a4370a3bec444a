// The page's only way to the data: POST /graphql on the same origin with the bearer token.
// A response with data and FORBIDDEN errors is a success: those fields are masked for the role
// and come back null (shown as "—"). Any other error, or no data, is thrown as ApiError.

import { pageLang } from "./i18n";

const TOKEN_KEY = "louzhi.token";
// Read-your-writes across the service's workers: the bookmark of the last answer goes with the
// next request (schema/bookmarks.py).
const BOOKMARK_KEY = "louzhi.bookmark";
const BOOKMARK_HEADER = "louzhi-bookmark";

export type GqlError = {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (value: string) => sessionStorage.setItem(TOKEN_KEY, value.trim()),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

async function postAuth<T>(path: string, body: Record<string, string>): Promise<T> {
  // Same origin: the browser sends Origin, and keeps the HttpOnly session cookie itself.
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = answer.errors?.[0];
    throw new ApiError(error?.message ?? `HTTP ${response.status}`, error?.extensions?.code ?? "ERROR", response.status);
  }
  return answer as T;
}

export type Me = { account: string; role: string; mustChangePassword: boolean };
export const signInWithPassword = (account: string, password: string) =>
  postAuth<Me>("/auth/signin", { account, password });
export const signInWithCode = (code: string) => postAuth<Me>("/auth/code", { code });
export const changePassword = (current: string, fresh: string) =>
  postAuth<Me>("/auth/password", { current, new: fresh });
/** The account of this browser's session, if it has one (the cookie is HttpOnly). */
export async function sessionAccount(): Promise<Me | null> {
  const response = await fetch("/auth/me");
  if (!response.ok) return null;
  const me = await response.json();
  return me.account ? (me as Me) : null;
}
export const signOutSession = () => postAuth<{ signedOut: boolean }>("/auth/signout", {});

let onUnauthenticated: () => void = () => {};
/** Called on HTTP 401 (bad, expired or disabled token): the app signs out. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return (await gqlWithForbidden<T>(query, variables)).data;
}

/** As gql, with the paths ("a.b.0.c") of the fields masked for the role (FORBIDDEN): a view
 * tells a masked value (shown as "—") from one that is not there. */
export async function gqlWithForbidden<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data: T; forbidden: string[] }> {
  const headers: Record<string, string> = { "content-type": "application/json", "accept-language": pageLang() };
  const bearer = token.get();
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const bookmark = sessionStorage.getItem(BOOKMARK_KEY);
  if (bookmark) headers[BOOKMARK_HEADER] = bookmark;
  const response = await fetch("/graphql", {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const next = response.headers.get(BOOKMARK_HEADER);
  if (next) sessionStorage.setItem(BOOKMARK_KEY, next);
  let body: { data?: T | null; errors?: GqlError[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`HTTP ${response.status}`, "BAD_RESPONSE", response.status);
  }
  const errors = body.errors ?? [];
  if (response.status === 401) {
    onUnauthenticated();
    throw new ApiError(errors[0]?.message ?? "unauthenticated", "UNAUTHENTICATED", 401);
  }
  const fatal = errors.filter((e) => e.extensions?.code !== "FORBIDDEN");
  if (body.data == null || fatal.length > 0) {
    const first = fatal[0] ?? errors[0];
    throw new ApiError(
      first?.message ?? `HTTP ${response.status}`,
      first?.extensions?.code ?? "ERROR",
      response.status,
    );
  }
  const forbidden = errors.filter((e) => e.extensions?.code === "FORBIDDEN").map((e) => (e.path ?? []).join("."));
  return { data: body.data, forbidden };
}

export type Connection<N> = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: N[];
};

/** Every page of one connection; ``pick`` finds it in the answer to ``query($after)``. */
export async function fetchAll<T, N>(
  query: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Connection<N>,
  maxPages = 50,
): Promise<{ totalCount: number; nodes: N[] }> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const conn: Connection<N> = pick(await gql<T>(query, { ...variables, after }));
    nodes.push(...conn.nodes);
    if (!conn.pageInfo.hasNextPage) return { totalCount: conn.totalCount, nodes };
    after = conn.pageInfo.endCursor;
  }
  throw new ApiError("too many pages", "TOO_MANY_PAGES", 0);
}

function bearerHeaders(): Record<string, string> {
  const bearer = token.get();
  return { "accept-language": pageLang(), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) };
}

/** Upload a project's photo (the file is the body); the server checks it and answers why not. */
export async function uploadPhoto(project: string, kind: string, caption: string, file: File): Promise<void> {
  const query = new URLSearchParams({ kind, ...(caption ? { caption } : {}) });
  const response = await fetch(`/projects/${project}/photos?${query}`, {
    method: "POST",
    headers: { ...bearerHeaders(), "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  if (response.ok) return;
  const answer = await response.json().catch(() => ({}));
  const error = answer.errors?.[0];
  const words = pageLang() === "zh" ? error?.extensions?.messageZh : error?.extensions?.messageEn;
  throw new ApiError(words ?? error?.message ?? `HTTP ${response.status}`, error?.extensions?.code ?? "ERROR", response.status);
}

/** A photo as an object URL: fetched with the page's credentials (a token cannot ride on <img>). */
export async function photoUrl(url: string): Promise<string> {
  const response = await fetch(url, { headers: bearerHeaders() });
  if (!response.ok) throw new ApiError(`HTTP ${response.status}`, "NOT_FOUND", response.status);
  return URL.createObjectURL(await response.blob());
}
