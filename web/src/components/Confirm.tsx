import { useI18n } from "../i18n";

/** A modal confirmation (not window.confirm: it is styled, translated and testable). */
export function Confirm(props: { title: string; text: string; onOk: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={props.title}>
      <div className="modal">
        <h3>{props.title}</h3>
        <p data-testid="confirm-text">{props.text}</p>
        <div className="row">
          <button className="primary" data-testid="confirm-ok" onClick={props.onOk}>
            {t("confirm.ok")}
          </button>
          <button data-testid="confirm-cancel" onClick={props.onCancel}>
            {t("confirm.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}
