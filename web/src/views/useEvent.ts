// One emergency event, asked again every 3 seconds while it is open and the view is shown: the
// next request leaves only after the last answer (no two at once), the polling stops when the
// view goes (another tab) or the event closes, and a closed event brings its report once.
import { useCallback, useEffect, useRef, useState } from "react";
import { gqlWithForbidden } from "../api";
import { EVENT, type EventDetail, type EventElder } from "../emergency";

export const POLL_MS = 3000;

/** Marks whose note came back FORBIDDEN carry ``note: undefined`` (masked), not null. */
function masking(list: EventElder[] | undefined, name: string, forbidden: Set<string>): EventElder[] | undefined {
  return list?.map((e, i) => ({
    ...e,
    marks: e.marks.map((m, j) => (forbidden.has(`emergencyEvent.${name}.${i}.marks.${j}.note`) ? { ...m, note: undefined } : m)),
  }));
}

export function useEvent(id: string | null, marking: boolean): { detail: EventDetail | null; error: string | null; refresh: () => void } {
  const [detail, setDetail] = useState<EventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kick = useRef<() => void>(() => {});

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (!id) return;
    let live = true;
    let busy = false;
    let again = false;
    let report = false;
    let timer: number | undefined;
    const load = async () => {
      if (busy) {
        again = true; // asked while a request is out: once more when it answers
        return;
      }
      busy = true;
      window.clearTimeout(timer);
      let open = true;
      try {
        const { data, forbidden } = await gqlWithForbidden<{ emergencyEvent: EventDetail | null }>(EVENT, { id, marking, report });
        if (!live) return;
        const e = data.emergencyEvent;
        const masked = new Set(forbidden);
        setDetail(e && { ...e, waiting: masking(e.waiting, "waiting", masked)!, all: masking(e.all, "all", masked) });
        setError(null);
        open = e?.open ?? false;
        if (e && !open && !report) {
          report = true; // closed (here or elsewhere): its after-action report, once
          again = true;
        }
      } catch (err) {
        if (live) setError((err as Error).message);
      } finally {
        busy = false;
        if (live) {
          if (again) {
            again = false;
            void load();
          } else if (open) timer = window.setTimeout(() => void load(), POLL_MS);
        }
      }
    };
    kick.current = () => void load();
    void load();
    return () => {
      live = false;
      window.clearTimeout(timer);
      kick.current = () => {};
    };
  }, [id, marking]);

  const refresh = useCallback(() => kick.current(), []);
  return { detail, error, refresh };
}
