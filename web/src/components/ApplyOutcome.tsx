import { useI18n } from "../i18n";

/** What applying a proposal came to: applied, or refused with the server's words. */
export type Outcome = { ok: true } | { ok: false; message: string };

/** A proposal's apply button, then its outcome: "applied", or the button again with why not. */
export function ApplyOutcome(props: {
  outcome: Outcome | undefined;
  label: string;
  buttonId: string; // the button's test id
  appliedId: string; // the test id of the "applied" mark
  onAsk: () => void;
}) {
  const { t } = useI18n();
  const o = props.outcome;
  if (o?.ok) return <span className="good" data-testid={props.appliedId}>{t("suggestions.applied")}</span>;
  return (
    <>
      <button className="primary" data-testid={props.buttonId} onClick={props.onAsk}>{props.label}</button>
      {o && !o.ok && <span className="error"> {o.message}</span>}
    </>
  );
}
