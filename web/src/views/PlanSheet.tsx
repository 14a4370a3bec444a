// The printable emergency plans: one A4 page per elder (who they are, why they need a plan, who
// comes first and who next, where to go, what they need, whom to call, what is wrong with it),
// and a floor chief's sheet of a corridor with the same facts for each of its elders. Print
// styles (Emergency.css) hide the page's chrome, as the weekly report's do.
import { useI18n, type Translate } from "../i18n";
import type { ElderPlan } from "../emergency";
import { Show } from "../components/Masked";

/** A plan's problems in the reader's words, naming the responder a problem is about. */
export function problemWords(e: ElderPlan, t: Translate): string[] {
  const names = new Map<string, string>();
  for (const r of [e.firstResponder, e.backupResponder]) if (r) names.set(r.personId, r.name);
  return e.problems.map((p) => {
    const words = t(`planProblem.${p.code}`);
    const who = p.responderId ? names.get(p.responderId) ?? p.responderId : null;
    return who ? t("plans.problemOf", { problem: words, who }) : words;
  });
}

function Chrome(props: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <div className="row no-print">
      <button data-testid="sheet-back" onClick={props.onBack}>← {t("sheet.back")}</button>
      <button className="primary" data-testid="sheet-print" onClick={() => window.print()}>{t("report.print")}</button>
    </div>
  );
}

function Needs({ e }: { e: ElderPlan }) {
  const { t, join } = useI18n();
  if (e.masked) return <Show value={null} />;
  return <>{e.needs?.length ? join(e.needs) : t("sheet.nothing")}</>;
}

function Contact({ e }: { e: ElderPlan }) {
  const { t } = useI18n();
  if (e.masked) return <Show value={null} />;
  return <>{e.contact ?? t("sheet.none")}</>;
}

function Dated(props: { asOf: string; window: string | null }) {
  const { t } = useI18n();
  const when = props.window ? t(`window.${props.window}`) : t("windows.overall");
  return <p className="muted" data-testid="sheet-date">{t("sheet.judged", { day: props.asOf, window: when })}</p>;
}

export function PlanSheet(props: { elder: ElderPlan; asOf: string; window: string | null; onBack: () => void }) {
  const { t, join } = useI18n();
  const e = props.elder;
  const fact = (id: string, label: string, value: React.ReactNode) => (
    <tr data-testid={`sheet-${id}`}>
      <th>{label}</th>
      <td>{value}</td>
    </tr>
  );
  const responder = (r: ElderPlan["firstResponder"]) => (r ? `${r.name}（${r.personId}）` : t("sheet.none"));
  return (
    <article className="report plan-sheet" data-testid="plan-sheet" data-id={e.residentId}>
      <Chrome onBack={props.onBack} />
      <h1 data-testid="sheet-title">{t("sheet.title", { name: e.name })}</h1>
      <table className="sheet-facts">
        <tbody>
          {fact("name", t("col.name"), `${e.name}（${e.residentId}）`)}
          {fact("corridor", t("col.corridor"), e.corridor)}
          {fact("because", t("plans.because"), join(e.needsBecause.map((n) => t(`planNeed.${n}`))))}
          {fact("first", t("plans.first"), responder(e.firstResponder))}
          {fact("backup", t("plans.backup"), responder(e.backupResponder))}
          {fact("destination", t("sheet.destination"), e.destination ?? t("sheet.none"))}
          {fact("needs", t("sheet.needs"), <Needs e={e} />)}
          {fact("contact", t("sheet.contact"), <Contact e={e} />)}
          {fact("updated", t("sheet.updated"), e.updatedOn ?? t("sheet.none"))}
        </tbody>
      </table>
      <h2>{t("plans.problems")}</h2>
      {e.complete ? (
        <p className="good" data-testid="sheet-complete">{t("sheet.complete")}</p>
      ) : (
        <ul data-testid="sheet-problems">
          {problemWords(e, t).map((w, i) => (
            <li key={i} data-code={e.problems[i].code}>{w}</li>
          ))}
        </ul>
      )}
      <Dated asOf={props.asOf} window={props.window} />
    </article>
  );
}

export function CorridorSheet(props: { code: string; elders: ElderPlan[]; asOf: string; window: string | null; onBack: () => void }) {
  const { t, join } = useI18n();
  const who = (r: ElderPlan["firstResponder"]) => (r ? r.name : t("sheet.none"));
  return (
    <article className="report corridor-sheet" data-testid="corridor-sheet" data-code={props.code}>
      <Chrome onBack={props.onBack} />
      <h1 data-testid="sheet-title">{t("sheet.corridorTitle", { code: props.code })}</h1>
      <p>{t("sheet.corridorSummary", { n: props.elders.length, m: props.elders.filter((e) => e.complete).length })}</p>
      <table className="cards sheet-table">
        <thead>
          <tr>
            <th>{t("col.name")}</th>
            <th>{t("plans.because")}</th>
            <th>{t("plans.first")}</th>
            <th>{t("plans.backup")}</th>
            <th>{t("sheet.destination")}</th>
            <th>{t("sheet.needs")}</th>
            <th>{t("sheet.contact")}</th>
            <th>{t("plans.problems")}</th>
          </tr>
        </thead>
        <tbody>
          {props.elders.map((e) => (
            <tr key={e.residentId} data-testid="corridor-sheet-row" data-id={e.residentId}>
              <td className="nowrap">{e.name}</td>
              <td>{join(e.needsBecause.map((n) => t(`planNeed.${n}`)))}</td>
              <td data-role="first">{who(e.firstResponder)}</td>
              <td data-role="backup">{who(e.backupResponder)}</td>
              <td data-role="destination">{e.destination ?? t("sheet.none")}</td>
              <td><Needs e={e} /></td>
              <td><Contact e={e} /></td>
              <td className={e.complete ? "good" : "bad"}>{e.complete ? t("plans.ok") : join(problemWords(e, t))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dated asOf={props.asOf} window={props.window} />
    </article>
  );
}
