// What phones need besides narrow layouts: a word of jargon explained where it stands (a "?"
// to tap, since phones have no hover), a list that says why it is empty and what to do, and
// long work that shows what it is doing.
import { useId, useState, type ReactNode } from "react";
import { useI18n } from "../i18n";

/** A term with its explanation: hovering the "?" shows it (title), tapping it opens it below
 * the term and what follows it (`children`, e.g. ": 17"); the text stays in the page (hidden)
 * so that aria-describedby can name it. */
export function Term(props: { label: string; explain: string; children?: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <span className="term">
      {props.label}
      <button
        type="button"
        className="explain-button"
        data-testid="explain"
        aria-expanded={open}
        aria-controls={id}
        aria-describedby={id}
        aria-label={t("app.whatIs", { term: props.label })}
        title={props.explain}
        onClick={(e) => {
          e.stopPropagation(); // inside a sortable header: explaining is not sorting
          setOpen(!open);
        }}
      >
        ?
      </button>
      {props.children}
      <span id={id} className="explain-text" role="note" data-testid="explain-text" hidden={!open}>
        {props.explain}
      </span>
    </span>
  );
}

/** An empty list's sentence: why it is empty, and what to do. */
export function Empty(props: { id: string; text: string }) {
  return (
    <p className="empty" data-testid={`empty-${props.id}`}>
      {props.text}
    </p>
  );
}

/** Long work under way: a spinner, what is being done, and how far when that is known. */
export function Progress(props: { text: string; done?: number; total?: number }) {
  const known = props.total !== undefined && props.total > 0;
  return (
    <div className="progress" role="status" aria-live="polite" data-testid="progress">
      <span>{props.text}</span>
      {known && <progress value={props.done ?? 0} max={props.total} />}
    </div>
  );
}
