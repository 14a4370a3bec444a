import type { ReactNode } from "react";
import { useI18n } from "../i18n";

/** A value the role may not see arrives as null: shown as "—" with a tooltip saying why. */
export function Show({ value }: { value: ReactNode | null | undefined }) {
  const { t } = useI18n();
  if (value === null || value === undefined)
    return (
      <span className="masked" title={t("app.masked")} data-masked="true">
        —
      </span>
    );
  return <>{value}</>;
}
