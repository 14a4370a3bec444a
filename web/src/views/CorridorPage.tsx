// One corridor, opened from the at-a-glance grid: its figures and gaps, its chiefs with every
// term (ended and future ones too, in date order, so the successor shows), and its vulnerable
// elders with their status and last visit.
import { useEffect, useState } from "react";
import { fetchAll, gql, type Connection } from "../api";
import { BAND_COLOURS, band } from "../colour";
import { Show } from "../components/Masked";
import { useI18n } from "../i18n";
import {
  CORRIDOR_ROLES,
  CORRIDOR_VULNERABLE,
  FIGURES,
  type AreaCoverage,
  type CorridorArea,
  type Term,
  type VulnerableElder,
} from "../queries";

type EldersAnswer = { coverageGaps: { vulnerableElders: Connection<VulnerableElder> } };

const CHIEFS = ["FIRST_FLOOR_CHIEF", "SECOND_FLOOR_CHIEF"];

/** current (holds on the day), future (starts after it) or ended. */
export function termState(term: Term, asOf: string): "current" | "future" | "ended" {
  if (term.active) return "current";
  return term.since > asOf ? "future" : "ended";
}

export function CorridorPage(props: {
  corridor: AreaCoverage;
  block: AreaCoverage | null;
  grid: AreaCoverage | null;
  rules: string[];
  asOf: string;
  low: number;
  high: number;
  onBack: () => void;
  onOpenElder: (id: string) => void;
}) {
  const { t, join } = useI18n();
  const c = props.corridor;
  const [area, setArea] = useState<CorridorArea | null>(null);
  const [elders, setElders] = useState<VulnerableElder[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setArea(null);
    setElders(null);
    setError(null);
    gql<{ area: CorridorArea | null }>(CORRIDOR_ROLES, { code: c.code, asOf: props.asOf })
      .then((d) => live && setArea(d.area ?? { code: c.code, name: c.name, level: c.level, kind: null, roleHolders: [] }))
      .catch((e: Error) => live && setError(e.message));
    fetchAll<EldersAnswer, VulnerableElder>(CORRIDOR_VULNERABLE, { scope: c.code, asOf: props.asOf }, (d) => d.coverageGaps.vulnerableElders)
      .then((r) => live && setElders(r.nodes))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [c.code, c.name, c.level, props.asOf]);

  const terms = area?.roleHolders ?? [];
  const roles = [...CHIEFS, ...new Set(terms.map((x) => x.role).filter((r) => !CHIEFS.includes(r)))];
  const under = c.eldersSupported.expected - c.eldersSupported.actual;

  return (
    <section data-testid="corridor-page" data-code={c.code}>
      <div className="row toolbar">
        <button data-testid="corridor-back" onClick={props.onBack}>
          {t("corridor.back")}
        </button>
        <span className="crumbs">
          {props.grid && <>{props.grid.name} › </>}
          {props.block && <>{props.block.name} › </>}
          {c.name}
        </span>
      </div>
      <h2>
        {t("level.CORRIDOR")} <span data-testid="corridor-name">{c.name}</span> {c.name !== c.code && <span className="muted">{c.code}</span>}
      </h2>
      <p data-testid="corridor-gaps" data-gaps={props.rules.join(" ")} data-under={under}>
        {props.rules.length === 0 && under === 0 ? (
          <span className="good">{t("corridor.noGaps")}</span>
        ) : (
          <span className="bad">
            {join([...props.rules.map((r) => t(`rule.${r}`)), ...(under > 0 ? [`${t("glance.underSupported")} ${under}`] : [])])}
          </span>
        )}
      </p>
      {error && <p className="error">{t("app.error")}: {error}</p>}
      <div className="overview-grid">
        <table className="figures" data-testid="corridor-figures">
          <thead>
            <tr>
              <th>{t("overview.figure")}</th>
              <th>{t("overview.actual")}</th>
              <th>{t("overview.expected")}</th>
              <th>{t("overview.ratio")}</th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.filter((f) => c[f].expected > 0).map((f) => (
              <tr key={f} data-testid={`corridor-fig-${f}`} data-actual={c[f].actual} data-expected={c[f].expected}>
                <td>{t(`figure.${f}`)}</td>
                <td className="num">{c[f].actual}</td>
                <td className="num">{c[f].expected}</td>
                <td>
                  <span className="bar" style={{ background: BAND_COLOURS[band(c[f], props.low, props.high)] }}>
                    {Math.round(c[f].ratio * 100)}%
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div data-testid="corridor-chiefs">
          <h3>{t("corridor.chiefs")}</h3>
          {!area ? (
            <p>{t("app.loading")}</p>
          ) : (
            roles.map((role) => {
              const list = terms.filter((x) => x.role === role).sort((a, b) => a.since.localeCompare(b.since) || (a.until ?? "9").localeCompare(b.until ?? "9"));
              const vacant = !list.some((x) => x.active);
              return (
                <div key={role} data-testid="corridor-role" data-role={role} data-vacant={vacant}>
                  <h4 style={{ margin: "8px 0 4px" }}>
                    {t(`post.${role}`)}
                    {vacant && <span className="badge bad">{t("corridor.vacant")}</span>}
                  </h4>
                  {list.length > 0 && (
                    <table>
                      <thead>
                        <tr>
                          <th>{t("corridor.person")}</th>
                          <th>{t("corridor.term")}</th>
                          <th>{t("corridor.state")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((x) => {
                          const state = termState(x, props.asOf);
                          return (
                            <tr
                              key={x.id}
                              data-testid="corridor-term"
                              data-role={x.role}
                              data-person={x.person?.id ?? ""}
                              data-since={x.since}
                              data-until={x.until ?? ""}
                              data-state={state}
                            >
                              <td>
                                <Show value={x.person?.name} />
                              </td>
                              <td>
                                {x.until ? `${x.since} – ${x.until}` : t("corridor.from", { since: x.since })}
                              </td>
                              <td className={state === "current" ? "good" : state === "future" ? "" : "muted"}>{t(`corridor.${state}`)}</td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  )}
                </div>
              );
            })
          )}
        </div>
      </div>
      <div data-testid="corridor-elders">
        <h3>
          {t("corridor.elders")} ({elders?.length ?? "…"})
        </h3>
        {elders && elders.length === 0 && <p className="muted">{t("corridor.noElders")}</p>}
        {elders && elders.length > 0 && (
          <div className="scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("col.name")}</th>
                  <th>{t("col.ageBand")}</th>
                  <th>{t("corridor.status")}</th>
                  <th>{t("col.helperCount")}</th>
                  <th>{t("corridor.lastVisit")}</th>
                </tr>
              </thead>
              <tbody>
                {elders.map((e) => {
                  // Visits are personal details, masked with vulnerableBecause (a planner):
                  // then a missing visit is unknown to this role, not "never".
                  const masked = e.vulnerableBecause === null;
                  const visitor = e.lastContact && e.helpers.find((h) => h.personId === e.lastContact?.visitorId);
                  return (
                    <tr
                      key={e.residentId}
                      data-testid="corridor-elder"
                      data-id={e.residentId}
                      data-status={e.underSupported ? "underSupported" : "supported"}
                      data-last-visit={e.lastContact?.on ?? ""}
                    >
                      <td>
                        <button className="link" data-testid={`corridor-elder-${e.residentId}`} onClick={() => props.onOpenElder(e.residentId)}>
                          <Show value={e.name} />
                        </button>
                      </td>
                      <td>{e.ageBand}</td>
                      <td className={e.underSupported ? "bad" : "good"}>
                        {e.underSupported ? t("network.underSupported") : t("network.supported")}
                        {e.reasons.length > 0 && <span className="muted"> ({join(e.reasons.map((r) => t(`reason.${r.code}`)))})</span>}
                      </td>
                      <td className="num">{e.helperCount}</td>
                      <td data-testid="corridor-last-visit">
                        {e.lastContact ? (
                          <>
                            {e.lastContact.on} {t(`mode.${e.lastContact.mode.toUpperCase()}`)}
                            {" · "}
                            {visitor ? <Show value={visitor.name} /> : e.lastContact.visitorId}
                          </>
                        ) : masked ? (
                          <Show value={null} />
                        ) : (
                          t("network.never")
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
