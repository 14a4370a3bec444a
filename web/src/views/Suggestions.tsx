// assignmentSuggestions as a table; "apply" asks for confirmation, then records the pairing
// with addHelper (since = the page's asOf day).
import { useEffect, useState } from "react";
import { fetchAll, gql, type Connection } from "../api";
import { useI18n } from "../i18n";
import { ADD_HELPER, SUGGESTIONS, type Proposal, type UserError } from "../queries";
import { ApplyOutcome, type Outcome } from "../components/ApplyOutcome";
import { Confirm } from "../components/Confirm";
import { Show } from "../components/Masked";
import { Empty, Progress, Term } from "../components/Hints";

type Answer = {
  assignmentSuggestions: { underSupportedBefore: number; underSupportedAfter: number; proposals: Connection<Proposal> };
};

export function Suggestions(props: { scope: string; asOf: string; canApply: boolean }) {
  const { t, lang } = useI18n();
  const [plan, setPlan] = useState<{ before: number; after: number; proposals: Proposal[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});

  useEffect(() => {
    let live = true; // an answer for an older scope or day must not overwrite a newer one
    setPlan(null);
    setOutcomes({});
    let figures = { before: 0, after: 0 };
    fetchAll<Answer, Proposal>(SUGGESTIONS, { scope: props.scope, asOf: props.asOf }, (d) => {
      figures = { before: d.assignmentSuggestions.underSupportedBefore, after: d.assignmentSuggestions.underSupportedAfter };
      return d.assignmentSuggestions.proposals;
    })
      .then((r) => live && setPlan({ ...figures, proposals: r.nodes }))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf]);

  const apply = async (i: number) => {
    if (!plan) return;
    const p = plan.proposals[i];
    setAsking(null);
    try {
      const d = await gql<{ addHelper: { pairing: { id: string } | null; errors: UserError[] } }>(ADD_HELPER, {
        input: { helperId: p.helperId, residentId: p.residentId, kind: p.kind, since: props.asOf },
      });
      const refused = d.addHelper.errors[0];
      setOutcomes((o) => ({ ...o, [i]: refused ? { ok: false, message: lang === "zh" ? refused.messageZh : refused.message } : { ok: true } }));
    } catch (e) {
      setOutcomes((o) => ({ ...o, [i]: { ok: false, message: (e as Error).message } }));
    }
  };

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!plan) return <Progress text={t("progress.suggestions", { scope: props.scope })} />;
  const asked = asking === null ? null : plan.proposals[asking];

  return (
    <section data-testid="suggestions">
      <div className="stats">
        <span>
          <Term label={t("suggestions.before")} explain={t("explain.underSupported")}>
            : <strong data-testid="suggest-before">{plan.before}</strong>
          </Term>
        </span>
        <span>
          <Term label={t("suggestions.after")} explain={t("explain.after")}>
            : <strong data-testid="suggest-after">{plan.after}</strong>
          </Term>
        </span>
      </div>
      {plan.proposals.length === 0 && <Empty id="suggestions" text={t("suggestions.none")} />}
      <div className="scroll" hidden={plan.proposals.length === 0}>
        <table className="cards">
          <thead>
            <tr>
              <th>{t("col.helper")}</th>
              <th>{t("col.resident")}</th>
              <th>{t("col.kind")}</th>
              <th>{t("col.proximity")}</th>
              <th>{t("col.explanation")}</th>
              {props.canApply && <th>{t("col.action")}</th>}
            </tr>
          </thead>
          <tbody>
            {plan.proposals.map((p, i) => (
              <tr key={`${p.helperId}-${p.residentId}`} data-testid={`proposal-${i}`} data-helper={p.helperId} data-resident={p.residentId}>
                <td className="nowrap" data-label={t("col.helper")}><span className="value"><Show value={p.helperName} /> <span className="muted">{p.helperId}</span></span></td>
                <td className="nowrap" data-label={t("col.resident")}><span className="value"><Show value={p.residentName} /> <span className="muted">{p.residentId}</span></span></td>
                <td data-label={t("col.kind")}>{t(`kind.${p.kind}`)}</td>
                <td data-label={t("col.proximity")}>{p.proximity}</td>
                <td data-label={t("col.explanation")}>{p.explanation}</td>
                {props.canApply && (
                  <td data-label={t("col.action")}>
                    <ApplyOutcome outcome={outcomes[i]} label={t("suggestions.apply")} buttonId={`apply-${i}`} appliedId={`applied-${i}`} onAsk={() => setAsking(i)} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asked && asking !== null && (
        <Confirm
          title={t("suggestions.confirmTitle")}
          text={t("suggestions.confirmText", { helper: asked.helperName ?? asked.helperId, resident: asked.residentName ?? asked.residentId, kind: t(`kind.${asked.kind}`), since: props.asOf })}
          onOk={() => void apply(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  );
}
