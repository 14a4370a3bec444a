// Micro-renewal projects (微更新): the list with status and places, a form to propose one, and a
// project's page with its dates, the next status, and its photos before and after side by side
// (fetched with the page's credentials; uploads are checked by the server, which says why not).
import { useCallback, useEffect, useState } from "react";
import { gql, photoUrl, uploadPhoto } from "../api";
import {
  ADVANCE_PROJECT, FUNDING, PROJECT, PROJECT_KINDS, PROJECT_STATUSES, PROJECTS, PROPOSE_PROJECT,
  type Payload, type Photo, type Project,
} from "../governance";
import { useI18n } from "../i18n";

function AuthImage(props: { photo: Photo; alt: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let url: string | null = null;
    photoUrl(props.photo.url)
      .then((u) => {
        url = u;
        setSrc(u);
      })
      .catch(() => setFailed(true));
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.photo.url]);
  if (failed) return <span className="muted">—</span>;
  return src ? <img src={src} alt={props.alt} data-testid="project-photo-img" /> : <span className="muted">…</span>;
}

function ProjectPage(props: { id: string; can: (f: string) => boolean; onBack: () => void }) {
  const { t, lang } = useI18n();
  const [project, setProject] = useState<Project | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [kind, setKind] = useState("before");
  const [caption, setCaption] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const load = useCallback(
    () => gql<{ project: Project | null }>(PROJECT, { id: props.id }).then((d) => setProject(d.project)),
    [props.id],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (!project) return <p>{t("app.loading")}</p>;
  const next = PROJECT_STATUSES[PROJECT_STATUSES.indexOf(project.status as (typeof PROJECT_STATUSES)[number]) + 1];
  const advance = async () => {
    const d = await gql<{ advanceProject: Payload }>(ADVANCE_PROJECT, { id: project.id, status: next });
    const refused = d.advanceProject.errors[0];
    setResult(refused ? { ok: false, text: lang === "zh" ? refused.messageZh : refused.message } : { ok: true, text: t(`projectStatus.${next}`) });
    await load();
  };
  const send = async () => {
    if (!file) return;
    try {
      await uploadPhoto(project.id, kind, caption, file);
      setResult({ ok: true, text: t("project.uploaded") });
      setCaption("");
      await load();
    } catch (err) {
      setResult({ ok: false, text: (err as Error).message });
    }
  };
  const side = (which: string) => project.photos.filter((p) => p.kind === which.toUpperCase());
  return (
    <section className="project-detail" data-testid="project-detail" data-id={project.id}>
      <button onClick={props.onBack}>← {t("project.back")}</button>
      <h2>{project.title}</h2>
      <p className="matter-facts">
        {t(`projectKind.${project.kind}`)} · {project.places.map((p) => p.code).join("、")} ·{" "}
        <strong data-testid="project-status">{t(`projectStatus.${project.status}`)}</strong>
        {project.budget !== null && ` · ${t("project.budget", { yuan: project.budget.toLocaleString() })}`}
        {project.funding && ` · ${t(`funding.${project.funding}`)}`}
      </p>
      <p className="muted">
        {PROJECT_STATUSES.map((s) => {
          const day = { PROPOSED: project.proposedOn, APPROVED: project.approvedOn, IN_PROGRESS: project.startedOn, DONE: project.doneOn }[s];
          return day ? `${t(`projectStatus.${s}`)} ${day}` : null;
        }).filter(Boolean).join(" → ")}
      </p>
      {project.satisfaction.responses > 0 && (
        <p data-testid="project-satisfaction">{t("project.satisfaction", { n: project.satisfaction.responses, average: project.satisfaction.average ?? 0 })}</p>
      )}
      {result && <p role="status" data-testid={result.ok ? "project-ok" : "project-error"} className={result.ok ? "good" : "error"}>{result.text}</p>}
      {next && props.can("advanceProject") && (
        <button data-testid="project-advance" onClick={() => void advance()}>{t("project.advance", { status: t(`projectStatus.${next}`) })}</button>
      )}
      <div className="before-after" data-testid="before-after">
        {["before", "after"].map((which) => (
          <figure key={which} data-testid={`photos-${which}`}>
            <figcaption>{t(`project.${which}`)}</figcaption>
            {side(which).length === 0 && <p className="muted">{t("project.noPhoto")}</p>}
            {side(which).map((p) => (
              <div key={p.id} className="photo" data-testid="project-photo" data-sha256={p.sha256}>
                <AuthImage photo={p} alt={p.caption ?? t(`project.${which}`)} />
                {p.caption && <span>{p.caption}</span>}
              </div>
            ))}
          </figure>
        ))}
      </div>
      {props.can("uploadPhoto") && (
        <form className="row" data-testid="photo-form" onSubmit={(e) => { e.preventDefault(); void send(); }}>
          <select aria-label={t("project.photoKind")} data-testid="photo-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="before">{t("project.before")}</option>
            <option value="after">{t("project.after")}</option>
          </select>
          <input type="file" accept="image/jpeg,image/png,image/webp" data-testid="photo-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <input aria-label={t("project.caption")} placeholder={t("project.caption")} maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} />
          <button className="primary" type="submit" data-testid="photo-upload" disabled={!file}>{t("project.upload")}</button>
        </form>
      )}
    </section>
  );
}

export function Projects(props: { scope: string; can: (f: string) => boolean }) {
  const { t, lang } = useI18n();
  const [list, setList] = useState<Project[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState({ title: "", kind: "ROAD", place: props.scope, budget: "", funding: "STREET_BUDGET" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => gql<{ projects: Project[] }>(PROJECTS).then((d) => setList(d.projects)), []);
  useEffect(() => {
    void load();
  }, [load]);
  if (openId) return <ProjectPage id={openId} can={props.can} onBack={() => { setOpenId(null); void load(); }} />;
  const propose = async () => {
    const input = { title: form.title, kind: form.kind, places: [form.place], funding: form.funding, budget: form.budget ? Number(form.budget) : null };
    const d = await gql<{ proposeProject: Payload }>(PROPOSE_PROJECT, { input });
    const refused = d.proposeProject.errors[0];
    setResult(refused ? { ok: false, text: lang === "zh" ? refused.messageZh : refused.message } : { ok: true, text: t("project.proposed", { title: form.title }) });
    if (!refused) setForm({ ...form, title: "", budget: "" });
    await load();
  };
  return (
    <section className="projects" data-testid="projects">
      <h2>{t("project.title")}</h2>
      {result && <p role="status" data-testid={result.ok ? "projects-ok" : "projects-error"} className={result.ok ? "good" : "error"}>{result.text}</p>}
      {props.can("proposeProject") && (
        <form className="matter-form" data-testid="project-form" onSubmit={(e) => { e.preventDefault(); void propose(); }}>
          <label>{t("matters.titleField")}<input data-testid="project-title" value={form.title} maxLength={100} onChange={(e) => setForm({ ...form, title: e.target.value })} required /></label>
          <label>{t("project.kind")}
            <select data-testid="project-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
              {PROJECT_KINDS.map((k) => <option key={k} value={k}>{t(`projectKind.${k}`)}</option>)}
            </select>
          </label>
          <label>{t("matters.area")}<input data-testid="project-place" value={form.place} onChange={(e) => setForm({ ...form, place: e.target.value })} required /></label>
          <label>{t("project.budgetField")}<input data-testid="project-budget" inputMode="decimal" value={form.budget} onChange={(e) => setForm({ ...form, budget: e.target.value })} /></label>
          <label>{t("project.funding")}
            <select value={form.funding} onChange={(e) => setForm({ ...form, funding: e.target.value })}>
              {FUNDING.map((f) => <option key={f} value={f}>{t(`funding.${f}`)}</option>)}
            </select>
          </label>
          <button className="primary big" type="submit" data-testid="project-submit" disabled={!form.title.trim()}>{t("project.propose")}</button>
        </form>
      )}
      {list === null ? <p>{t("app.loading")}</p> : list.length === 0 ? <p className="muted">{t("project.none")}</p> : (
        <ul className="project-list">
          {list.map((p) => (
            <li key={p.id}>
              <button className="matter-card" data-testid="project-card" data-id={p.id} onClick={() => setOpenId(p.id)}>
                <span className="matter-title">{p.title}</span>
                <span className="matter-facts">{t(`projectKind.${p.kind}`)} · {p.places.map((x) => x.code).join("、")} · {t(`projectStatus.${p.status}`)}</span>
                <span className="muted">{t("project.photos", { n: p.photos.length })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
