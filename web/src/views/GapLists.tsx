// The four lists behind coverageGaps, each complete (every page), sortable, filterable and
// exportable. The totals shown are the API's totalCount.
import { useEffect, useState } from "react";
import { gql, type Connection } from "../api";
import { useI18n } from "../i18n";
import { GAP_LISTS, type AreaGap, type Elder, type Overloaded, type Spof } from "../queries";
import { Show } from "../components/Masked";
import { SortableTable, type Column } from "../components/SortableTable";
import { Progress, Term } from "../components/Hints";

type Lists = {
  areaGaps: Connection<AreaGap>;
  underSupported: Connection<Elder>;
  overloadedHelpers: Connection<Overloaded>;
  singlePointsOfFailure: Connection<Spof>;
};
type ListName = keyof Lists;
const NAMES: ListName[] = ["areaGaps", "underSupported", "overloadedHelpers", "singlePointsOfFailure"];

type Loaded = { [K in ListName]: { totalCount: number; nodes: Lists[K]["nodes"] } };

/** Every page of the four lists; `onPage` hears the rows read so far and the lists' totals. */
async function loadLists(scope: string, asOf: string, onPage: (read: number, total: number) => void): Promise<Loaded> {
  const out = Object.fromEntries(NAMES.map((n) => [n, { totalCount: 0, nodes: [] }])) as unknown as Loaded;
  const after: Record<ListName, string | null> = { areaGaps: null, underSupported: null, overloadedHelpers: null, singlePointsOfFailure: null };
  const more: Record<ListName, boolean> = { areaGaps: true, underSupported: true, overloadedHelpers: true, singlePointsOfFailure: true };
  for (let round = 0; round < 50 && NAMES.some((n) => more[n]); round++) {
    const data = await gql<{ coverageGaps: Partial<Lists> }>(GAP_LISTS, {
      scope,
      asOf,
      a1: after.areaGaps, a2: after.underSupported, a3: after.overloadedHelpers, a4: after.singlePointsOfFailure,
      m1: more.areaGaps, m2: more.underSupported, m3: more.overloadedHelpers, m4: more.singlePointsOfFailure,
    });
    for (const name of NAMES) {
      const conn = data.coverageGaps[name];
      if (!more[name] || !conn) continue;
      (out[name].nodes as unknown[]).push(...conn.nodes);
      out[name].totalCount = conn.totalCount;
      more[name] = conn.pageInfo.hasNextPage;
      after[name] = conn.pageInfo.endCursor;
    }
    onPage(
      NAMES.reduce((n, name) => n + out[name].nodes.length, 0),
      NAMES.reduce((n, name) => n + out[name].totalCount, 0),
    );
  }
  return out;
}

export function GapLists(props: { scope: string; asOf: string; onOpenElder: (id: string) => void }) {
  const { t, join } = useI18n();
  const [lists, setLists] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [rule, setRule] = useState("");
  const [read, setRead] = useState<{ read: number; total: number } | null>(null);

  useEffect(() => {
    let live = true; // an answer for an older scope or day must not overwrite a newer one
    setLists(null);
    setError(null);
    setRead(null);
    loadLists(props.scope, props.asOf, (n, total) => live && setRead({ read: n, total }))
      .then((r) => live && setLists(r))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf]);

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!lists)
    return (
      <Progress
        text={read ? t("progress.gapsRead", { n: read.read, total: read.total }) : t("progress.gaps", { scope: props.scope })}
        done={read?.read}
        total={read?.total}
      />
    );

  const gapColumns: Column<AreaGap>[] = [
    { key: "code", label: t("col.code"), value: (r) => r.code },
    { key: "level", label: t("col.level"), value: (r) => t(`level.${r.level}`) },
    { key: "rule", label: t("col.rule"), value: (r) => t(`rule.${r.rule}`) },
    { key: "detail", label: t("col.detail"), value: (r) => r.detail },
  ];
  const elderColumns: Column<Elder>[] = [
    { key: "residentId", label: t("col.residentId"), value: (r) => r.residentId },
    {
      key: "name",
      label: t("col.name"),
      value: (r) => r.name,
      nowrap: true,
      render: (r) => (
        <button className="link" data-testid={`open-${r.residentId}`} onClick={() => props.onOpenElder(r.residentId)}>
          <Show value={r.name} />
        </button>
      ),
    },
    { key: "age", label: t("col.age"), value: (r) => r.age },
    { key: "ageBand", label: t("col.ageBand"), value: (r) => r.ageBand },
    { key: "corridor", label: t("col.corridor"), value: (r) => r.corridor },
    { key: "reasons", label: t("col.reasons"), value: (r) => join(r.reasons.map((x) => t(`reason.${x.code}`))) },
    { key: "helperCount", label: t("col.helperCount"), value: (r) => r.helperCount },
    { key: "lastContact", label: t("col.lastContact"), value: (r) => r.lastContact?.on ?? "" },
  ];
  const overloadedColumns: Column<Overloaded>[] = [
    { key: "personId", label: t("col.personId"), value: (r) => r.personId },
    { key: "name", label: t("col.name"), value: (r) => r.name, nowrap: true },
    { key: "capacity", label: t("col.capacity"), value: (r) => r.capacity },
    { key: "load", label: t("col.load"), value: (r) => r.load },
    { key: "capacitySource", label: t("col.capacitySource"), value: (r) => t(`source.${r.capacitySource}`) },
    { key: "elders", label: t("col.elders"), value: (r) => r.elderIds.join(" ") },
  ];
  const spofColumns: Column<Spof>[] = [
    { key: "personId", label: t("col.personId"), value: (r) => r.personId },
    { key: "name", label: t("col.name"), value: (r) => r.name, nowrap: true },
    { key: "elders", label: t("col.elders"), value: (r) => r.elderIds.length },
    { key: "detail", label: t("col.detail"), value: (r) => r.detail },
  ];

  const explained: Record<ListName, string> = {
    underSupported: t("explain.underSupported"),
    areaGaps: t("explain.areaGaps"),
    overloadedHelpers: t("explain.overloaded"),
    singlePointsOfFailure: t("explain.spof"),
  };
  const heading = (name: ListName) => (
    <h3>
      <Term label={t(`gaps.${name}`)} explain={explained[name]}>
        {" "}— {t("gaps.total")} <span data-testid={`count-${name}`}>{lists[name].totalCount}</span>
      </Term>
    </h3>
  );

  return (
    <section data-testid="gaps">
      {heading("underSupported")}
      <SortableTable
        id="underSupported"
        columns={elderColumns}
        rows={lists.underSupported.nodes.filter((e) => !reason || e.reasons.some((r) => r.code === reason))}
        exportName="under-supported"
        empty={reason ? t("empty.underSupportedReason", { reason: t(`reason.${reason}`) }) : t("empty.underSupported")}
        extraFilter={
          <select data-testid="reason-filter" value={reason} onChange={(e) => setReason(e.target.value)}>
            <option value="">{t("gaps.allReasons")}</option>
            {["FEW_HELPERS", "FEW_KINDS", "NO_RECENT_CONTACT"].map((c) => (
              <option key={c} value={c}>
                {t(`reason.${c}`)}
              </option>
            ))}
          </select>
        }
      />
      {heading("areaGaps")}
      <SortableTable
        id="areaGaps"
        columns={gapColumns}
        rows={lists.areaGaps.nodes.filter((g) => !rule || g.rule === rule)}
        exportName="area-gaps"
        empty={rule ? t("empty.areaGapsRule", { rule: t(`rule.${rule}`) }) : t("empty.areaGaps")}
        extraFilter={
          <select data-testid="rule-filter" value={rule} onChange={(e) => setRule(e.target.value)}>
            <option value="">{t("gaps.allRules")}</option>
            {["NO_FIRST_FLOOR_CHIEF", "NO_SECOND_FLOOR_CHIEF", "NO_PARTY_MEMBER", "NO_GRID_WORKER"].map((c) => (
              <option key={c} value={c}>
                {t(`rule.${c}`)}
              </option>
            ))}
          </select>
        }
      />
      {heading("overloadedHelpers")}
      <SortableTable id="overloadedHelpers" columns={overloadedColumns} rows={lists.overloadedHelpers.nodes} exportName="overloaded-helpers" empty={t("empty.overloadedHelpers")} />
      {heading("singlePointsOfFailure")}
      <SortableTable id="singlePointsOfFailure" columns={spofColumns} rows={lists.singlePointsOfFailure.nodes} exportName="single-points-of-failure" empty={t("empty.singlePointsOfFailure")} />
    </section>
  );
}
