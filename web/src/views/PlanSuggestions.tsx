// The responders proposed where a plan lacks one who can respond (emergencyPlans.suggestions);
// 采纳 asks for confirmation, then sets the plan with that responder in that place, keeping the
// other responder, the destination, the needs and whom to call as they stand.
import { useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { SET_PLAN, type ElderPlan, type Responder, type ResponderSuggestion, type SetPlanAnswer } from "../emergency";
import { ApplyOutcome, type Outcome } from "../components/ApplyOutcome";
import { Confirm } from "../components/Confirm";
import { Empty } from "../components/Hints";


export function PlanSuggestions(props: {
  suggestions: ResponderSuggestion[];
  elders: ElderPlan[];
  canApply: boolean;
  onApplied: (residentId: string, role: "FIRST" | "BACKUP", who: Responder) => void;
}) {
  const { t, lang } = useI18n();
  const [asking, setAsking] = useState<number | null>(null);
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const elder = (id: string) => props.elders.find((e) => e.residentId === id);

  const apply = async (i: number) => {
    const s = props.suggestions[i];
    const e = elder(s.residentId);
    setAsking(null);
    if (!e || e.masked) {
      // Setting a plan replaces it: without its needs and whom to call it would lose them.
      setOutcomes((o) => ({ ...o, [i]: { ok: false, message: t("plans.cannotKeep") } }));
      return;
    }
    const first = s.role === "FIRST" ? s.personId : e.firstResponder?.personId ?? null;
    const backup = s.role === "BACKUP" ? s.personId : e.backupResponder?.personId ?? null;
    try {
      const d = await gql<SetPlanAnswer>(SET_PLAN, {
        input: {
          residentId: s.residentId, firstResponderId: first, backupResponderId: backup,
          destination: e.destination, needs: e.needs ?? [], contact: e.contact, note: e.note,
        },
      });
      const refused = d.setEmergencyPlan.errors[0];
      if (refused) setOutcomes((o) => ({ ...o, [i]: { ok: false, message: lang === "zh" ? refused.messageZh : refused.message } }));
      else {
        setOutcomes((o) => ({ ...o, [i]: { ok: true } }));
        props.onApplied(s.residentId, s.role, { personId: s.personId, name: s.name });
      }
    } catch (err) {
      setOutcomes((o) => ({ ...o, [i]: { ok: false, message: (err as Error).message } }));
    }
  };

  if (props.suggestions.length === 0) return <Empty id="planSuggestions" text={t("empty.planSuggestions")} />;
  const asked = asking === null ? null : props.suggestions[asking];
  const askedElder = asked ? elder(asked.residentId) : undefined;
  return (
    <div className="scroll">
      <table className="cards" data-testid="plan-suggestions">
        <thead>
          <tr>
            <th>{t("col.resident")}</th>
            <th>{t("plans.role")}</th>
            <th>{t("plans.proposed")}</th>
            <th>{t("col.proximity")}</th>
            <th>{t("plans.spare")}</th>
            {props.canApply && <th>{t("col.action")}</th>}
          </tr>
        </thead>
        <tbody>
          {props.suggestions.map((s, i) => (
            <tr key={`${s.residentId}-${s.role}`} data-testid={`plan-suggestion-${i}`} data-resident={s.residentId} data-role={s.role} data-person={s.personId}>
              <td className="nowrap" data-label={t("col.resident")}>
                <span className="value">{elder(s.residentId)?.name ?? s.residentId} <span className="muted">{s.residentId}</span></span>
              </td>
              <td data-label={t("plans.role")}>{t(`responderRole.${s.role}`)}</td>
              <td className="nowrap" data-label={t("plans.proposed")}>
                <span className="value">{s.name} <span className="muted">{s.personId}</span></span>
              </td>
              <td data-label={t("col.proximity")}>{s.proximity}</td>
              <td data-label={t("plans.spare")}>{s.spare}</td>
              {props.canApply && (
                <td data-label={t("col.action")}>
                  <ApplyOutcome outcome={outcomes[i]} label={t("plans.apply")} buttonId={`plan-apply-${i}`} appliedId={`plan-applied-${i}`} onAsk={() => setAsking(i)} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {asked && asking !== null && (
        <Confirm
          title={t("plans.confirmTitle")}
          text={t("plans.confirmText", { who: asked.name, role: t(`responderRole.${asked.role}`), elder: askedElder?.name ?? asked.residentId })}
          onOk={() => void apply(asking)}
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
