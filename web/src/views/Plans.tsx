// 应急预案: who needs an emergency plan in the scope and whether it would work (in a window of
// the week, when one is picked), the areas' figures, responders who carry too many, and the
// responders proposed where a plan lacks one. An elder's name opens their printable plan, a
// corridor its floor chief's sheet (PlanSheet.tsx).
import { useEffect, useMemo, useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";
import { fetchPlanElders, PLAN_BOARD, PLAN_SUGGESTIONS, type Board, type ElderPlan, type Readiness, type Responder, type ResponderSuggestion } from "../emergency";
import { SortableTable, type Column } from "../components/SortableTable";
import { Progress, Term } from "../components/Hints";
import { WINDOWS } from "./Windows";
import { CorridorSheet, PlanSheet, problemWords } from "./PlanSheet";
import { PlanSuggestions } from "./PlanSuggestions";
import "./Emergency.css";

type Sheet = { elder: string } | { corridor: string } | null;

export function Plans(props: { scope: string; asOf: string; canSet: boolean }) {
  const { t, join } = useI18n();
  const [window, setWindow] = useState("");
  const [board, setBoard] = useState<Board | null>(null);
  const [elders, setElders] = useState<ElderPlan[] | null>(null);
  const [suggestions, setSuggestions] = useState<ResponderSuggestion[] | null>(null);
  const [onlyIncomplete, setOnlyIncomplete] = useState(true);
  const [sheet, setSheet] = useState<Sheet>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true; // an answer for an older day or window must not overwrite a newer one
    const vars = { scope: props.scope, asOf: props.asOf, window: window || null };
    setBoard(null);
    setElders(null);
    setSuggestions(null);
    gql<{ emergencyPlans: Board }>(PLAN_BOARD, vars)
      .then((d) => live && setBoard(d.emergencyPlans))
      .catch((e: Error) => live && setError(e.message));
    fetchPlanElders(vars)
      .then((r) => live && setElders(r))
      .catch((e: Error) => live && setError(e.message));
    gql<{ emergencyPlans: { suggestions: ResponderSuggestion[] } }>(PLAN_SUGGESTIONS, vars)
      .then((d) => live && setSuggestions(d.emergencyPlans.suggestions))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [props.scope, props.asOf, window]);

  const corridors = useMemo(() => new Set((elders ?? []).map((e) => e.corridor)), [elders]);

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (sheet && elders) {
    const back = () => setSheet(null);
    if ("elder" in sheet) {
      const elder = elders.find((e) => e.residentId === sheet.elder);
      if (elder) return <PlanSheet elder={elder} asOf={props.asOf} window={window || null} onBack={back} />;
    } else {
      const rows = elders.filter((e) => e.corridor === sheet.corridor);
      return <CorridorSheet code={sheet.corridor} elders={rows} asOf={props.asOf} window={window || null} onBack={back} />;
    }
  }

  // A suggestion applied: the elder's plan now names that responder (a second one keeps it).
  const applied = (residentId: string, role: "FIRST" | "BACKUP", who: Responder) =>
    setElders((all) =>
      (all ?? []).map((e) =>
        e.residentId !== residentId ? e : { ...e, hasPlan: true, ...(role === "FIRST" ? { firstResponder: who } : { backupResponder: who }) },
      ),
    );

  const corridorButton = (code: string) =>
    corridors.has(code) ? (
      <button className="link" data-testid={`corridor-open-${code}`} onClick={() => setSheet({ corridor: code })}>
        {code}
      </button>
    ) : (
      code
    );
  const share = (r: Readiness) => (r.needing ? `${Math.round((100 * r.withCompletePlan) / r.needing)}%` : "—");
  const areaColumns: Column<Readiness>[] = [
    { key: "code", label: t("col.code"), value: (r) => r.code, render: (r) => corridorButton(r.code) },
    { key: "needing", label: t("plans.needing"), value: (r) => r.needing },
    { key: "complete", label: t("plans.complete"), value: (r) => r.withCompletePlan,
      render: (r) => <span data-testid={`plan-area-${r.code}`}>{r.withCompletePlan}/{r.needing}</span> },
    { key: "share", label: t("plans.share"), value: (r) => share(r) },
  ];
  const who = (r: Responder | null) => (r ? r.name : "—");
  const elderColumns: Column<ElderPlan>[] = [
    { key: "name", label: t("col.name"), value: (e) => e.name, nowrap: true,
      render: (e) => (
        <button className="link" data-testid={`plan-open-${e.residentId}`} onClick={() => setSheet({ elder: e.residentId })}>
          {e.name}
        </button>
      ) },
    { key: "residentId", label: t("col.residentId"), value: (e) => e.residentId },
    { key: "corridor", label: t("col.corridor"), value: (e) => e.corridor, render: (e) => corridorButton(e.corridor) },
    { key: "because", label: t("plans.because"), value: (e) => join(e.needsBecause.map((n) => t(`planNeed.${n}`))) },
    { key: "first", label: t("plans.first"), value: (e) => who(e.firstResponder) },
    { key: "backup", label: t("plans.backup"), value: (e) => who(e.backupResponder) },
    { key: "problems", label: t("plans.problems"), value: (e) => (e.complete ? t("plans.ok") : join(problemWords(e, t))),
      render: (e) => (
        <span className={e.complete ? "good" : "bad"} data-testid={`plan-problems-${e.residentId}`} data-codes={e.problems.map((p) => p.code).join(" ")}>
          {e.complete ? t("plans.ok") : join(problemWords(e, t))}
        </span>
      ) },
  ];
  const overloadedColumns: Column<Board["overloadedResponders"][number]>[] = [
    { key: "name", label: t("col.name"), value: (o) => o.name, nowrap: true },
    { key: "personId", label: t("col.personId"), value: (o) => o.personId },
    { key: "plans", label: t("plans.plansCarried"), value: (o) => `${o.plans}/${o.capacity}` },
  ];
  const shown = (elders ?? []).filter((e) => !onlyIncomplete || !e.complete);

  return (
    <section className="plans" data-testid="plans">
      <div className="row">
        <label>
          {t("plans.window")}{" "}
          <select data-testid="plans-window" value={window} onChange={(e) => setWindow(e.target.value)}>
            <option value="">{t("windows.overall")}</option>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>{t(`window.${w}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {board ? (
        <div className="stats" data-testid="plan-figures">
          <span>{t("plans.needing")}: <strong data-testid="plans-needing">{board.summary.needing}</strong></span>
          <span>
            <Term label={t("plans.complete")} explain={t("plans.completeExplain")}>
              : <strong data-testid="plans-complete">{board.summary.withCompletePlan}</strong>
            </Term>
          </span>
          <span>{t("plans.share")}: <strong>{share(board.summary)}</strong></span>
        </div>
      ) : (
        <Progress text={t("progress.plans")} />
      )}
      <h3>{t("plans.elders")} {elders && <span data-testid="plan-elder-count">{shown.length}</span>}</h3>
      {elders ? (
        <SortableTable id="planElders" columns={elderColumns} rows={shown} exportName="emergency-plans" empty={t("empty.planElders")}
          extraFilter={
            <label>
              <input type="checkbox" data-testid="plans-incomplete" checked={onlyIncomplete} onChange={(e) => setOnlyIncomplete(e.target.checked)} />{" "}
              {t("plans.onlyIncomplete")}
            </label>
          } />
      ) : (
        <Progress text={t("progress.plans")} />
      )}
      <h3><Term label={t("plans.suggestions")} explain={t("plans.suggestionsExplain")} /></h3>
      {suggestions && elders ? (
        <PlanSuggestions suggestions={suggestions} elders={elders} canApply={props.canSet} onApplied={applied} />
      ) : (
        <Progress text={t("progress.planSuggestions")} />
      )}
      {board && (
        <>
          <h3><Term label={t("plans.overloaded")} explain={t("plans.overloadedExplain")} /></h3>
          <SortableTable id="planOverloaded" columns={overloadedColumns} rows={board.overloadedResponders} exportName="overloaded-responders" empty={t("empty.planOverloaded")} />
          <h3>{t("plans.areas")}</h3>
          <SortableTable id="planAreas" columns={areaColumns} rows={board.areas} exportName="emergency-areas" empty={t("empty.planAreas")} />
        </>
      )}
    </section>
  );
}
