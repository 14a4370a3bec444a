// Find a resident of one's scope by name: characters (桂英), pinyin (wangg) or initials (wgy).
// The server searches (residents(filter: {name})), within the caller's scope.
import { useEffect, useState } from "react";
import { gql } from "../api";
import { useI18n } from "../i18n";

type Found = { id: string; name: string; corridor: { code: string } | null };
const FIND = `query($name: String!) {
  residents(filter: { name: $name }, sort: { field: NAME }, first: 10) {
    totalCount nodes { id name corridor { code } }
  }
}`;

export function FindPeople(props: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [found, setFound] = useState<{ total: number; nodes: Found[] } | null>(null);

  useEffect(() => {
    const name = text.trim();
    if (!name) return setFound(null);
    const timer = setTimeout(() => {
      gql<{ residents: { totalCount: number; nodes: Found[] } }>(FIND, { name })
        .then((d) => setFound({ total: d.residents.totalCount, nodes: d.residents.nodes }))
        .catch(() => setFound({ total: 0, nodes: [] }));
    }, 250); // a pause in typing, not every key
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <div className="find" data-testid="find-people">
      <input data-testid="find" type="search" placeholder={t("find.placeholder")} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
      {found && (
        <ul className="find-results" data-testid="find-results" data-total={found.total}>
          {found.nodes.length === 0 && <li className="muted">{t("find.none")}</li>}
          {found.nodes.map((r) => (
            <li key={r.id}>
              <button className="link" data-testid="find-result" data-id={r.id} onClick={() => { setText(""); props.onOpen(r.id); }}>
                {r.name} · {r.id}{r.corridor ? ` · ${r.corridor.code}` : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
