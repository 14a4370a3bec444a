// A vote's live tally: the counts, and each legal threshold met or not, with the server's words
// (which threshold fails and by how much).
import { useI18n } from "../i18n";
import type { Vote } from "../governance";

export function VoteTally(props: { vote: Vote }) {
  const { t } = useI18n();
  const { tally } = props.vote;
  return (
    <div className="vote-tally" data-testid="vote-tally" data-passed={String(tally.passed)} data-quorate={String(tally.quorate)}>
      <p className="vote-counts">
        {t("vote.counts", { electors: tally.electors, present: tally.present, yes: tally.yes, no: tally.no, abstain: tally.abstain })}
      </p>
      <ul className="thresholds">
        {tally.thresholds.map((h) => (
          <li key={h.key} data-testid="vote-threshold" data-key={h.key} data-met={String(h.met)} className={h.met ? "good" : "bad"}>
            <span className="mark">{h.met ? "✓" : "✗"}</span> {h.explanation}
          </li>
        ))}
      </ul>
      <p data-testid="vote-verdict" className={tally.passed ? "good" : "bad"}>
        <strong>{tally.passed ? t("vote.passed") : tally.quorate ? t("vote.rejected") : t("vote.notQuorate")}</strong>
        {" "}{tally.explanation}
      </p>
      {props.vote.unweighedDwellings > 0 && (
        <p className="muted">{t("vote.unweighed", { n: props.vote.unweighedDwellings })}</p>
      )}
    </div>
  );
}
