// One elder's support network (supportNetwork) and the "what if this helper leaves" toggles
// (whatIf with the ticked helpers removed).
import { useCallback, useEffect, useState } from "react";
import { gql } from "../api";
import { KIND_COLOURS } from "../colour";
import { useI18n } from "../i18n";
import { SUPPORT_NETWORK, WHAT_IF, type Network as NetworkData, type WhatIf } from "../queries";
import { Show } from "../components/Masked";
import { NetworkGraph } from "../components/NetworkGraph";
import { Empty, Progress, Term } from "../components/Hints";

export function Network(props: { residentId: string | null; asOf: string; canWhatIf: boolean; onOpen: (id: string) => void }) {
  const { t, join } = useI18n();
  const [typed, setTyped] = useState(props.residentId ?? "");
  const [net, setNet] = useState<NetworkData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [whatIf, setWhatIf] = useState<WhatIf | null>(null);
  const kindLabel = useCallback((k: string) => t(`kind.${k}`), [t]);

  useEffect(() => {
    let live = true; // an answer for an older elder or day must not overwrite a newer one
    setNet(null);
    setError(null);
    setRemoved(new Set());
    if (!props.residentId) return;
    setTyped(props.residentId);
    gql<{ supportNetwork: NetworkData }>(SUPPORT_NETWORK, { id: props.residentId, asOf: props.asOf })
      .then((d) => live && setNet(d.supportNetwork))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.residentId, props.asOf]);

  useEffect(() => {
    let live = true;
    setWhatIf(null);
    if (removed.size === 0) return;
    gql<{ whatIf: WhatIf }>(WHAT_IF, { ids: [...removed], asOf: props.asOf })
      .then((d) => live && setWhatIf(d.whatIf))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [removed, props.asOf]);

  const toggle = (id: string) => {
    const next = new Set(removed);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setRemoved(next);
  };

  const opener = (
    <form
      className="row toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim()) props.onOpen(typed.trim());
      }}
    >
      <label>
        {t("network.residentId")} <input data-testid="network-id" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </label>
      <button type="submit">{t("network.open")}</button>
    </form>
  );
  if (!props.residentId) return <section>{opener}<p className="muted">{t("network.hint")}</p></section>;
  if (error) return <section>{opener}<p className="error">{t("app.error")}: {error}</p></section>;
  if (!net) return <section>{opener}<Progress text={t("progress.network", { id: props.residentId })} /></section>;

  const elder = net.resident;
  // Visits are personal details, masked by the same rule as vulnerableBecause (a role that reads
  // no details): then a missing visit is unknown to this role, not "never".
  const visitsMasked = elder.vulnerableBecause === null;
  const contact = (v: { on: string; mode: string } | null) =>
    v ? `${v.on} ${t(`mode.${v.mode.toUpperCase()}`)}` : visitsMasked ? <Show value={null} /> : t("network.never");
  const spof = new Set(net.singlePointsOfFailure.map((h) => h.personId));
  const falls = whatIf?.newlyUnderSupported.nodes.some((n) => n.residentId === elder.residentId) ?? false;

  return (
    <section data-testid="network" data-resident={elder.residentId}>
      {opener}
      <h2>
        <Show value={elder.name} /> ({elder.residentId}, {elder.age ?? elder.ageBand}) · {elder.corridor}
      </h2>
      <div className="stats">
        <span>
          {t("network.status")}:{" "}
          <strong data-testid="network-status" className={elder.underSupported ? "bad" : "good"}>
            {elder.underSupported ? t("network.underSupported") : t("network.supported")}
          </strong>
          {elder.reasons.length > 0 && ` (${join(elder.reasons.map((r) => t(`reason.${r.code}`)))})`}
        </span>
        <span>{t("network.size")}: <strong data-testid="network-size">{net.size}</strong></span>
        <span>
          <Term label={t("network.kindDiversity")} explain={t("explain.kindDiversity")}>
            : <strong>{net.kindDiversity}</strong>
          </Term>
        </span>
        <span>
          <Term label={t("network.redundancy")} explain={t("explain.redundancy")}>
            : <strong data-testid="network-redundancy">{net.redundancy}</strong>
          </Term>
        </span>
        <span>
          <Term label={t("network.paths")} explain={t("explain.paths")}>
            : <strong data-testid="network-paths">{net.independentPathsToCommittee}</strong>
          </Term>
        </span>
        <span>
          {t("network.lastContact")}: <strong data-testid="network-last-contact">{contact(net.lastContact)}</strong>
        </span>
        <span>
          {t("network.vulnerableBecause")}: <Show value={elder.vulnerableBecause && join(elder.vulnerableBecause)} />
        </span>
      </div>
      <NetworkGraph elderName={elder.name ?? elder.residentId} helpers={elder.helpers} removed={removed} kindLabel={kindLabel} />
      <div className="legend-kinds">
        {Object.entries(KIND_COLOURS).map(([k, c]) => (
          <span key={k}><i style={{ background: c }} /> {t(`kind.${k}`)}</span>
        ))}
      </div>
      {props.canWhatIf && removed.size > 0 && (
        <div className="whatif" data-testid="whatif-result">
          <h3>{t("network.whatIfTitle")}</h3>
          {!whatIf ? (
            <Progress text={t("progress.whatIf")} />
          ) : (
            <>
              <p data-testid="whatif-elder" className={falls || elder.underSupported ? "bad" : "good"}>
                {elder.underSupported ? t("network.whatIfElderAlready") : falls ? t("network.whatIfElderFalls") : t("network.whatIfElderHolds")}
              </p>
              <p>
                {t("network.whatIfNewly")}: <strong data-testid="whatif-newly-count">{whatIf.newlyUnderSupported.totalCount}</strong>
                {whatIf.newlyUnderSupported.nodes.length > 0 && ` (${join(whatIf.newlyUnderSupported.nodes.map((n) => n.name ?? n.residentId))})`}
              </p>
              <p>
                {t("network.whatIfNewGaps")}: <strong data-testid="whatif-gaps-count">{whatIf.newAreaGaps.totalCount}</strong>
              </p>
            </>
          )}
        </div>
      )}
      {elder.helpers.length === 0 && <Empty id="helpers" text={t("empty.helpers")} />}
      {spof.size > 0 && (
        <p data-testid="network-spofs">
          <Term label={t("network.spof")} explain={t("explain.spof")}>
            : {join(elder.helpers.filter((h) => spof.has(h.personId)).map((h) => h.name ?? h.personId))}
          </Term>
        </p>
      )}
      <div className="scroll" hidden={elder.helpers.length === 0}>
        <table className="cards" data-testid="helpers">
          <thead>
            <tr>
              <th>{t("col.helper")}</th>
              <th>{t("col.kinds")}</th>
              <th>{t("col.paths")}</th>
              <th>{t("col.lastContact")}</th>
              {props.canWhatIf && <th>{t("col.whatIf")}</th>}
            </tr>
          </thead>
          <tbody>
            {elder.helpers.map((h) => (
              <tr key={h.personId} data-testid={`helper-${h.personId}`}>
                <td className="card-title nowrap" data-label={t("col.helper")}>
                  <span className="value">
                    <Show value={h.name} /> <span className="muted">{h.personId}</span>
                    {spof.has(h.personId) && <span className="badge bad">{t("network.spof")}</span>}
                  </span>
                </td>
                <td data-label={t("col.kinds")}>
                  <span className="value">
                    {h.kinds.map((k) => (
                      <span key={k} className="chip" style={{ background: KIND_COLOURS[k] ?? KIND_COLOURS.OTHER }}>{t(`kind.${k}`)}</span>
                    ))}
                  </span>
                </td>
                <td data-label={t("col.paths")}>
                  <ul className="paths">
                    {h.paths.map((p, i) => <li key={i}>{p.explanation}</li>)}
                  </ul>
                </td>
                <td data-label={t("col.lastContact")}>
                  <span className="value">{contact(h.lastVisit)}</span>
                </td>
                {props.canWhatIf && (
                  <td data-label={t("col.whatIf")}>
                    <label className="switch">
                      <input type="checkbox" data-testid={`whatif-${h.personId}`} checked={removed.has(h.personId)} onChange={() => toggle(h.personId)} />
                      {t("col.whatIf")}
                    </label>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
