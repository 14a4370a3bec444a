// The GraphQL documents of the page, in one place (docs/web.md maps views to them).

const RATIO = "{ actual expected ratio }";
export const FIGURES = [
  "eldersSupported",
  "eldersWithRecentContact",
  "corridorsWithBothChiefs",
  "corridorsWithFirstChief",
  "corridorsWithSecondChief",
  "blocksWithPartyMember",
  "microGridsWithPartyMember",
  "microGridsWithGridWorker",
] as const;
export type Figure = (typeof FIGURES)[number];
export type Ratio = { actual: number; expected: number; ratio: number };

const AREA_FIELDS = `code level name parentCode overloadedHelpers singlePointsOfFailure
  ${FIGURES.map((f) => `${f} ${RATIO}`).join(" ")}`;

export type AreaCoverage = {
  code: string;
  level: string;
  name: string;
  parentCode: string | null;
  overloadedHelpers: number;
  singlePointsOfFailure: number;
} & Record<Figure, Ratio>;

export const COVERAGE_AREAS = `query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    areas(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${AREA_FIELDS} }
    }
  }
}`;

const ELDER_FIELDS = `residentId name age ageBand corridor helperCount reasons { code detail } lastContact { on mode }`;
export type Elder = {
  residentId: string;
  name: string | null;
  age: number | null; // masked (null + FORBIDDEN) for planners: they see the age band
  ageBand: string;
  corridor: string;
  helperCount: number;
  reasons: { code: string; detail: string }[];
  lastContact: { on: string; mode: string } | null;
};

export const CORRIDOR_ELDERS = `query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    underSupported(first: 100, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { ${ELDER_FIELDS} }
    }
  }
}`;

const PAGE = "totalCount pageInfo { hasNextPage endCursor }";
/** The four gap lists in one request; @include drops the lists already complete. */
export const GAP_LISTS = `query($scope: ID, $asOf: Date,
    $a1: String, $a2: String, $a3: String, $a4: String,
    $m1: Boolean!, $m2: Boolean!, $m3: Boolean!, $m4: Boolean!) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    areaGaps(first: 100, after: $a1) @include(if: $m1) { ${PAGE} nodes { code level rule detail } }
    underSupported(first: 100, after: $a2) @include(if: $m2) { ${PAGE} nodes { ${ELDER_FIELDS} } }
    overloadedHelpers(first: 100, after: $a3) @include(if: $m3) {
      ${PAGE} nodes { personId name capacity capacitySource load elderIds detail }
    }
    singlePointsOfFailure(first: 100, after: $a4) @include(if: $m4) {
      ${PAGE} nodes { personId name elderIds detail }
    }
  }
}`;
export type AreaGap = { code: string; level: string; rule: string; detail: string };
export type Overloaded = {
  personId: string;
  name: string | null;
  capacity: number;
  capacitySource: string;
  load: number;
  elderIds: string[];
  detail: string;
};
export type Spof = { personId: string; name: string | null; elderIds: string[]; detail: string };

export const SUPPORT_NETWORK = `query($id: ID!, $asOf: Date) {
  supportNetwork(residentId: $id, asOf: $asOf) {
    size kindDiversity redundancy independentPathsToCommittee
    lastContact { on mode visitorId }
    singlePointsOfFailure { personId }
    resident {
      residentId name age ageBand corridor vulnerableBecause underSupported reasons { code detail }
      helpers { personId name kinds lastVisit { on mode } paths { via kind explanation } }
    }
  }
}`;
export type Helper = {
  personId: string;
  name: string | null;
  kinds: string[];
  lastVisit: { on: string; mode: string } | null;
  paths: { via: string; kind: string; explanation: string }[];
};
export type Network = {
  size: number;
  kindDiversity: number;
  redundancy: number;
  independentPathsToCommittee: number;
  lastContact: { on: string; mode: string; visitorId: string } | null;
  singlePointsOfFailure: { personId: string }[];
  resident: {
    residentId: string;
    name: string | null;
    age: number | null;
    ageBand: string;
    corridor: string;
    vulnerableBecause: string[] | null; // a personal detail: masked for planners
    underSupported: boolean;
    reasons: { code: string; detail: string }[];
    helpers: Helper[];
  };
};

export const WHAT_IF = `query($ids: [ID!]!, $asOf: Date) {
  whatIf(removePersonIds: $ids, asOf: $asOf) {
    newlyUnderSupported(first: 100) { totalCount nodes { residentId name } }
    newAreaGaps(first: 100) { totalCount nodes { code rule } }
  }
}`;
export type WhatIf = {
  newlyUnderSupported: { totalCount: number; nodes: { residentId: string; name: string | null }[] };
  newAreaGaps: { totalCount: number; nodes: { code: string; rule: string }[] };
};

export const SUGGESTIONS = `query($scope: ID, $asOf: Date, $after: String) {
  assignmentSuggestions(scope: $scope, asOf: $asOf) {
    underSupportedBefore underSupportedAfter
    proposals(first: 100, after: $after) {
      ${PAGE} nodes { helperId helperName residentId residentName kind cost proximity explanation }
    }
  }
}`;
export type Proposal = {
  helperId: string;
  helperName: string | null;
  residentId: string;
  residentName: string | null;
  kind: string;
  cost: number;
  proximity: string;
  explanation: string;
};

export const ADD_HELPER = `mutation($input: AddHelperInput!) {
  addHelper(input: $input) { pairing { id } errors { code field message messageZh } }
}`;

export const RESIDENTS_OF = `query($area: ID!, $after: String) {
  residents(filter: { area: $area }, sort: { field: NAME }, first: 100, after: $after) {
    ${PAGE} nodes { id name }
  }
}`;

export const RECORD_VISIT = `mutation($input: RecordVisitInput!) {
  recordVisit(input: $input) { visit { on mode } errors { code field message messageZh } }
}`;

export type UserError = { code: string; field: string | null; message: string; messageZh: string };

/** The at-a-glance view: every area of the scope and their gaps, one request per page. */
export const GLANCE = `query($scope: ID, $asOf: Date, $a1: String, $a2: String, $m1: Boolean!, $m2: Boolean!) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    areas(first: 100, after: $a1) @include(if: $m1) { ${PAGE} nodes { ${AREA_FIELDS} } }
    areaGaps(first: 100, after: $a2) @include(if: $m2) { ${PAGE} nodes { code level rule } }
  }
}`;

/** A corridor's page: its chiefs' terms (ended and future too, so the successor shows). */
export const CORRIDOR_ROLES = `query($code: ID!, $asOf: Date) {
  area(code: $code) {
    code name level kind
    roleHolders(asOf: $asOf, includeEnded: true) { id role since until active person { id name } }
  }
}`;
export type Term = {
  id: string;
  role: string;
  since: string;
  until: string | null;
  active: boolean;
  person: { id: string; name: string | null } | null;
};
export type CorridorArea = { code: string; name: string | null; level: string; kind: string | null; roleHolders: Term[] | null };

/** Every vulnerable elder of a corridor, supported or not, with the last visit. */
export const CORRIDOR_VULNERABLE = `query($scope: ID, $asOf: Date, $after: String) {
  coverageGaps(scope: $scope, asOf: $asOf) {
    vulnerableElders(first: 100, after: $after) {
      ${PAGE} nodes {
        residentId name ageBand underSupported vulnerableBecause helperCount reasons { code }
        lastContact { on mode visitorId } helpers { personId name }
      }
    }
  }
}`;
export type VulnerableElder = {
  residentId: string;
  name: string | null;
  ageBand: string;
  underSupported: boolean;
  vulnerableBecause: string[] | null; // masked for planners, and with it the visits
  helperCount: number;
  reasons: { code: string }[];
  lastContact: { on: string; mode: string; visitorId: string } | null;
  helpers: { personId: string; name: string | null }[];
};

/** A floor chief's vulnerable elders, overdue first (the server orders them). */
export const MY_ELDERS = `query($asOf: Date) {
  myElders(asOf: $asOf) {
    residentId name ageBand corridor daysSinceLastVisit lastVisitOn lastVisitMode
    overdue underSupported reasons
  }
}`;
export type MyElder = {
  residentId: string;
  name: string;
  ageBand: string;
  corridor: string;
  daysSinceLastVisit: number | null; // null: never visited by a current helper
  lastVisitOn: string | null;
  lastVisitMode: string | null;
  overdue: boolean;
  underSupported: boolean;
  reasons: string[];
};
