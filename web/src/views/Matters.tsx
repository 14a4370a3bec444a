// The matters board: open matters (or all, resolved, closed) by level — building, consultation,
// vote — each card with its place, status and days at its level, overdue ones marked with the
// level they are proposed for; a form to raise a matter (phone-first: a floor chief raises one for
// their corridor from the stairwell); a card opens the matter's timeline.
import { useCallback, useEffect, useState } from "react";
import { gql } from "../api";
import { CATEGORIES, LEVELS, MATTER_BOARD, RAISE_MATTER, type MatterCard, type Payload } from "../governance";
import { useI18n } from "../i18n";
import { MatterDetail } from "./MatterDetail";
import { Projects } from "./Projects";
import "./Matters.css";

const SHOWN = { open: ["RAISED", "ACCEPTED"], resolved: ["RESOLVED"], closed: ["CLOSED"], all: null } as const;
type Shown = keyof typeof SHOWN;

export function Matters(props: { scope: string; can: (field: string) => boolean; today: string }) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<Shown>("open");
  const [cards, setCards] = useState<MatterCard[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const [form, setForm] = useState({ area: props.scope, title: "", category: "ENVIRONMENT", level: "BUILDING", note: "" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [part, setPart] = useState<"matters" | "projects">("matters");

  const load = useCallback(() => {
    const status = SHOWN[shown];
    return gql<{ matters: MatterCard[] }>(MATTER_BOARD, { f: status ? { status } : {} })
      .then((d) => {
        setCards(d.matters);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [shown]);
  useEffect(() => {
    void load();
  }, [load]);

  const raise = async () => {
    setResult(null);
    try {
      const input = { area: form.area, title: form.title, category: form.category, level: form.level, note: form.note || null };
      const d = await gql<{ raiseMatter: Payload & { matter: MatterCard | null } }>(RAISE_MATTER, { input });
      const refused = d.raiseMatter.errors[0];
      if (refused) setResult({ ok: false, text: lang === "zh" ? refused.messageZh : refused.message });
      else {
        setResult({ ok: true, text: t("matters.raised", { title: form.title }) });
        setForm({ ...form, title: "", note: "" });
        setRaising(false);
        await load();
      }
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    }
  };

  const parts = (
    <nav className="row" aria-label={t("matters.parts")}>
      {(["matters", "projects"] as const).map((p) => (
        <button key={p} data-testid={`part-${p}`} className={part === p ? "on" : ""} onClick={() => setPart(p)}>
          {t(`matters.part.${p}`)}
        </button>
      ))}
    </nav>
  );
  if (part === "projects")
    return (
      <>
        {parts}
        <Projects scope={props.scope} can={props.can} />
      </>
    );
  if (openId)
    return <MatterDetail id={openId} can={props.can} onBack={() => { setOpenId(null); void load(); }} />;
  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  return (
    <section className="matters" data-testid="matters">
      {parts}
      <div className="row">
        <h2>{t("matters.title")}</h2>
        <label>
          {t("matters.show")}{" "}
          <select data-testid="matters-shown" value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            {(Object.keys(SHOWN) as Shown[]).map((s) => (
              <option key={s} value={s}>{t(`matters.shown.${s}`)}</option>
            ))}
          </select>
        </label>
        {props.can("raiseMatter") && (
          <button className="primary big" data-testid="matter-raise" onClick={() => setRaising(!raising)}>
            {t("matters.raise")}
          </button>
        )}
      </div>
      {result && (
        <p role="status" data-testid={result.ok ? "matters-ok" : "matters-error"} className={result.ok ? "good" : "error"}>{result.text}</p>
      )}
      {raising && (
        <form className="matter-form" data-testid="matter-form" onSubmit={(e) => { e.preventDefault(); void raise(); }}>
          <label>{t("matters.area")}<input data-testid="matter-area" value={form.area} onChange={(e) => setForm({ ...form, area: e.target.value })} required /></label>
          <label>{t("matters.titleField")}<input data-testid="matter-title" value={form.title} maxLength={100} onChange={(e) => setForm({ ...form, title: e.target.value })} required /></label>
          <label>{t("matters.category")}
            <select data-testid="matter-category" value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>
              {CATEGORIES.map((c) => <option key={c} value={c}>{t(`matterCategory.${c}`)}</option>)}
            </select>
          </label>
          <label>{t("matters.level")}
            <select data-testid="matter-level" value={form.level} onChange={(e) => setForm({ ...form, level: e.target.value })}>
              {LEVELS.map((l) => <option key={l} value={l}>{t(`matterLevel.${l}`)}</option>)}
            </select>
          </label>
          <label>{t("matters.note")}<textarea data-testid="matter-note" value={form.note} maxLength={500} onChange={(e) => setForm({ ...form, note: e.target.value })} /></label>
          <button className="primary big" type="submit" data-testid="matter-submit" disabled={!form.title.trim()}>{t("matters.submit")}</button>
        </form>
      )}
      {cards === null ? <p>{t("app.loading")}</p> : (
        <div className="matter-board">
          {LEVELS.map((level) => {
            const here = cards.filter((c) => c.level === level);
            return (
              <div key={level} className="matter-column" data-testid="matter-column" data-level={level}>
                <h3>{t(`matterLevel.${level}`)} <span className="muted">{here.length}</span></h3>
                {here.length === 0 && <p className="muted">{t("matters.none")}</p>}
                {here.map((c) => (
                  <button key={c.id} className={c.escalationDueDays ? "matter-card due" : "matter-card"} data-testid="matter-card"
                    data-id={c.id} data-status={c.status} onClick={() => setOpenId(c.id)}>
                    <span className="matter-title">{c.title}</span>
                    <span className="matter-facts">
                      {c.area?.code} · {t(`matterCategory.${c.category}`)} · <span data-testid="matter-status">{t(`matterStatus.${c.status}`)}</span>
                    </span>
                    <span className="muted">{t("matters.since", { day: c.levelSince })}</span>
                    {c.proposedLevel && (
                      <span className="matter-due" data-testid="matter-due">
                        {t("matters.proposed", { days: c.escalationDueDays ?? 0, level: t(`matterLevel.${c.proposedLevel}`) })}
                      </span>
                    )}
                  </button>
                ))}
              </div>
            );
          })}
        </div>
      )}
      <p className="muted">{t("matters.hint", { today: props.today })}</p>
    </section>
  );
}
