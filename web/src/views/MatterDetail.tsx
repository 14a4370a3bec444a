// One matter: its timeline (every step, oldest first, by whom), the next steps the caller may
// take (a step is only appended, never edited), and its votes with their live tallies; the
// committee opens and closes votes, and ballots gathered on paper or door to door are recorded.
import { useCallback, useEffect, useState } from "react";
import { gql } from "../api";
import { VoteTally } from "../components/VoteTally";
import {
  ACTIONS, ADVANCE_MATTER, CAST_BALLOT, CHOICES, CLOSE_VOTE, MATTER, OPEN_VOTE, RULES,
  type Matter, type Payload,
} from "../governance";
import { useI18n } from "../i18n";

/** The steps the server would take from here (it checks again: graph/analysis/matters.py). */
function possible(m: Matter, action: string): boolean {
  if (action === "ACCEPT") return m.status === "RAISED";
  if (action === "RESOLVE") return m.status === "ACCEPTED";
  if (action === "ESCALATE") return m.level !== "COMMUNITY_VOTE";
  return true;
}

export function MatterDetail(props: { id: string; can: (field: string) => boolean; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [matter, setMatter] = useState<Matter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [rule, setRule] = useState<string>("OWNERS_ORDINARY");
  const [voter, setVoter] = useState("");
  const [choice, setChoice] = useState<string>("YES");

  const load = useCallback(
    () =>
      gql<{ matter: Matter | null }>(MATTER, { id: props.id })
        .then((d) => (d.matter ? setMatter(d.matter) : setError(t("matter.gone"))))
        .catch((e: Error) => setError(e.message)),
    [props.id, t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (query: string, variables: Record<string, unknown>, done: string) => {
    setResult(null);
    try {
      const d = await gql<Record<string, Payload>>(query, variables);
      const refused = Object.values(d)[0]?.errors[0];
      if (refused) setResult({ ok: false, text: lang === "zh" ? refused.messageZh : refused.message });
      else {
        setResult({ ok: true, text: done });
        setText("");
        await load();
      }
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    }
  };

  if (error) return <p className="error">{t("app.error")}: {error}</p>;
  if (!matter) return <p>{t("app.loading")}</p>;
  const open = matter.status === "RAISED" || matter.status === "ACCEPTED";
  const step = (action: string) => {
    const outcome = action === "RESOLVE" || action === "CLOSE";
    const input = { id: matter.id, action, note: outcome ? null : text || null, outcome: outcome ? text || null : null };
    void run(ADVANCE_MATTER, { input }, t("matter.stepped", { action: t(`matterAction.${action}`) }));
  };
  return (
    <section className="matter-detail" data-testid="matter-detail" data-id={matter.id}>
      <button onClick={props.onBack} data-testid="matter-back">← {t("matter.back")}</button>
      <h2 data-testid="matter-heading">{matter.title}</h2>
      <p className="matter-facts">
        {matter.area?.code} · {t(`matterCategory.${matter.category}`)} · {t(`matterLevel.${matter.level}`)} ·{" "}
        <strong data-testid="matter-detail-status">{t(`matterStatus.${matter.status}`)}</strong>
        {matter.raisedBy?.name && ` · ${t("matter.raisedBy", { name: matter.raisedBy.name })}`}
      </p>
      {matter.outcome && <p data-testid="matter-outcome">{t("matter.outcome")}: {matter.outcome}</p>}
      {result && (
        <p role="status" data-testid={result.ok ? "matter-ok" : "matter-error"} className={result.ok ? "good" : "error"}>{result.text}</p>
      )}
      <h3>{t("matter.timeline")}</h3>
      <ol className="timeline" data-testid="matter-timeline">
        {matter.steps.map((s) => (
          <li key={s.seq} data-testid="matter-step" data-action={s.action}>
            <span className="timeline-day">{s.on}</span>{" "}
            <strong>{t(`matterAction.${s.action}`)}</strong>{" "}
            <span className="muted">{t(`matterLevel.${s.level}`)} · {t(`matterStatus.${s.status}`)}</span>
            {s.by?.name && <span className="muted"> · {s.by.name}</span>}
            {(s.note || s.outcome) && <div>{s.outcome ?? s.note}</div>}
          </li>
        ))}
      </ol>
      {open && props.can("advanceMatter") && (
        <div className="matter-actions" data-testid="matter-actions">
          <textarea aria-label={t("matter.noteOrOutcome")} placeholder={t("matter.noteOrOutcome")} data-testid="matter-text"
            value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          <div className="row">
            {ACTIONS.filter((a) => possible(matter, a)).map((a) => (
              <button key={a} data-testid={`matter-${a.toLowerCase()}`} onClick={() => step(a)}>{t(`matterAction.${a}`)}</button>
            ))}
          </div>
        </div>
      )}
      <h3>{t("matter.votes")}</h3>
      {matter.votes.length === 0 && <p className="muted">{t("matter.noVotes")}</p>}
      {matter.votes.map((v) => (
        <div key={v.id} className="vote" data-testid="vote" data-id={v.id} data-status={v.status}>
          <h4>{v.title} <span className="muted">{t(`voteRule.${v.rule}`)} · {t(`voteStatus.${v.status}`)}</span></h4>
          <VoteTally vote={v} />
          {v.status === "OPEN" && props.can("castBallot") && (
            <form className="row" data-testid="ballot-form" onSubmit={(e) => {
              e.preventDefault();
              void run(CAST_BALLOT, { input: { voteId: v.id, voterId: voter, choice } }, t("vote.cast", { voter }));
            }}>
              <input aria-label={t("vote.voter")} placeholder={t("vote.voter")} data-testid="ballot-voter" value={voter} onChange={(e) => setVoter(e.target.value)} required />
              <select aria-label={t("vote.choice")} data-testid="ballot-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
                {CHOICES.map((c) => <option key={c} value={c}>{t(`choice.${c}`)}</option>)}
              </select>
              <button className="primary" type="submit" data-testid="ballot-cast">{t("vote.record")}</button>
            </form>
          )}
          {v.status === "OPEN" && props.can("closeVote") && (
            <button data-testid="vote-close" onClick={() => void run(CLOSE_VOTE, { id: v.id }, t("vote.closed"))}>{t("vote.close")}</button>
          )}
        </div>
      ))}
      {open && props.can("openVote") && (
        <form className="row" data-testid="vote-open-form" onSubmit={(e) => {
          e.preventDefault();
          void run(OPEN_VOTE, { input: { matterId: matter.id, title: matter.title, rule } }, t("vote.opened"));
        }}>
          <select aria-label={t("vote.rule")} data-testid="vote-rule" value={rule} onChange={(e) => setRule(e.target.value)}>
            {RULES.map((r) => <option key={r} value={r}>{t(`voteRule.${r}`)}</option>)}
          </select>
          <button type="submit" data-testid="vote-open">{t("vote.open")}</button>
        </form>
      )}
    </section>
  );
}
