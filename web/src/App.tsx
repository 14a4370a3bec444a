// The shell: sign-in, who is signed in, the shared asOf day, the language switch, and the tabs
// the account's `can` allows.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, sessionAccount, setUnauthenticatedHandler, signInWithCode, signOutSession, token } from "./api";
import { today } from "./dates";
import { useI18n } from "./i18n";
import { defaultScope, loadViewer, may, type Viewer } from "./viewer";
import { Admin } from "./views/Admin";
import { FindPeople } from "./views/FindPeople";
import { GapLists } from "./views/GapLists";
import { Matters } from "./views/Matters";
import { Windows } from "./views/Windows";
import { Plans } from "./views/Plans";
import { Events } from "./views/Events";
import { MyElders } from "./views/MyElders";
import { Report } from "./views/Report";
import { Trends } from "./views/Trends";
import { Network } from "./views/Network";
import { Overview } from "./views/Overview";
import { ChangePassword, SignIn } from "./views/SignIn";
import { Suggestions } from "./views/Suggestions";
import { VisitForm } from "./views/VisitForm";

// The at-a-glance view brings Apache ECharts: a chunk of its own, loaded when the tab opens.
const Glance = lazy(() => import("./views/Glance").then((m) => ({ default: m.Glance })));

type Tab =
  | "overview" | "glance" | "trends" | "gaps" | "network" | "suggestions" | "report" | "myElders" | "visit" | "matters"
  | "windows" | "plans" | "events" | "admin";
const TABS: { tab: Tab; needs: string }[] = [
  { tab: "overview", needs: "coverageGaps" },
  { tab: "glance", needs: "coverageGaps" },
  { tab: "trends", needs: "coverageTrend" },
  { tab: "gaps", needs: "coverageGaps" },
  { tab: "windows", needs: "coverageByWindow" },
  { tab: "plans", needs: "emergencyPlans" },
  { tab: "events", needs: "emergencyEvents" },
  { tab: "network", needs: "supportNetwork" },
  { tab: "suggestions", needs: "assignmentSuggestions" },
  { tab: "report", needs: "coverageTrend" },
  { tab: "myElders", needs: "myElders" },
  { tab: "visit", needs: "recordVisit" },
  { tab: "matters", needs: "matters" },
  { tab: "admin", needs: "accounts" },
];

/** The tabs a viewer may use, in order: a floor chief's own elders come first. */
function tabsOf(v: Viewer): { tab: Tab; needs: string }[] {
  const mine = TABS.filter((x) => may(v, x.needs));
  if (v.role !== "FLOOR_CHIEF") return mine;
  return [...mine.filter((x) => x.tab === "myElders"), ...mine.filter((x) => x.tab !== "myElders")];
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const [signedIn, setSignedIn] = useState(token.get() !== null);
  const [mustChange, setMustChange] = useState(false);
  const [refused, setRefused] = useState(false);
  const tried = useRef(token.get() !== null); // a sign-in was attempted, so a 401 is a refusal
  const [viewer, setViewer] = useState<Viewer | null>(null);
  const [scope, setScope] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>("overview");
  const [asOf, setAsOf] = useState(today());
  const [elderId, setElderId] = useState<string | null>(null);

  const signOut = useCallback(() => {
    if (!token.get()) void signOutSession().catch(() => {});
    token.clear();
    setMustChange(false);
    setSignedIn(false);
    setViewer(null);
    setScope(null);
    setElderId(null);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setRefused(tried.current);
      tried.current = false;
      token.clear();
      setSignedIn(false);
      setViewer(null);
    });
  }, [signOut]);

  useEffect(() => {
    // A committee's QR code opens the page at #code=12345678: sign in with it, once.
    const code = /^#code=(\d{8})$/.exec(window.location.hash)?.[1];
    if (code) {
      history.replaceState(null, "", window.location.pathname);
      signInWithCode(code)
        .then(() => {
          tried.current = true;
          setSignedIn(true);
        })
        .catch(() => setRefused(true));
      return;
    }
    // A session cookie is HttpOnly: the page asks whose it is.
    if (token.get()) return;
    sessionAccount()
      .then((me) => {
        if (!me) return;
        tried.current = true;
        setMustChange(me.mustChangePassword);
        setSignedIn(true);
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    if (!signedIn || mustChange) return; // an initial password is changed before anything
    setError(null);
    loadViewer()
      .then(async (v) => {
        setViewer(v);
        setScope(await defaultScope(v));
        // A floor chief lands on their elders (first of their tabs), everyone else on the first.
        setTab(tabsOf(v)[0]?.tab ?? "overview");
      })
      .catch((e: Error) => {
        if (e instanceof ApiError && e.code === "PASSWORD_CHANGE_REQUIRED") setMustChange(true);
        else if (!(e instanceof ApiError && e.code === "UNAUTHENTICATED")) setError(e.message);
      });
  }, [signedIn, mustChange]);

  const openElder = (id: string) => {
    setElderId(id);
    setTab("network");
  };

  const header = (
    <header>
      <h1>{t("app.title")}</h1>
      <div className="row">
        {viewer && (
          <span className="who" data-testid="who">
            <span data-testid="role">{t(`role.${viewer.role}`)}</span>
            {viewer.personName && ` · ${viewer.personName}`}
            {scope && <> · {t("app.scope")} <span data-testid="scope">{scope}</span></>}
          </span>
        )}
        <button data-testid="lang" onClick={() => setLang(lang === "zh" ? "en" : "zh")}>
          {t("app.language")}
        </button>
        {signedIn && (
          <button data-testid="sign-out" onClick={signOut}>
            {t("app.signOut")}
          </button>
        )}
      </div>
    </header>
  );

  if (!signedIn)
    return (
      <div className="app">
        {header}
        <main>
          <SignIn
            refused={refused}
            onSignedIn={(change) => {
              tried.current = true;
              setRefused(false);
              setMustChange(change);
              setSignedIn(true);
            }}
            onToken={(value) => {
              token.set(value);
              tried.current = true;
              setRefused(false);
              setSignedIn(true);
            }}
          />
        </main>
      </div>
    );
  if (mustChange)
    return (
      <div className="app">
        {header}
        <main>
          <ChangePassword
            onChanged={() => setMustChange(false)}
          />
        </main>
      </div>
    );
  if (error)
    return (
      <div className="app">
        {header}
        <p className="error">{t("app.error")}: {error}</p>
      </div>
    );
  if (!viewer || !scope)
    return (
      <div className="app">
        {header}
        <p>{t("app.loading")}</p>
      </div>
    );

  const tabs = tabsOf(viewer);
  return (
    <div className="app">
      {header}
      <nav className="tabs">
        {tabs.map((x) => (
          <button key={x.tab} data-testid={`tab-${x.tab}`} className={tab === x.tab ? "on" : ""} onClick={() => setTab(x.tab)}>
            {t(`tab.${x.tab}`)}
          </button>
        ))}
        {may(viewer, "residents") && <FindPeople onOpen={openElder} />}
        {/* Visits, matters and events happen today: those views have no day to pick. */}
        {tab !== "visit" && tab !== "myElders" && tab !== "matters" && tab !== "events" && (
          <label className="asof">
            {t("overview.asOf")} <input type="date" data-testid="asof" value={asOf} onChange={(e) => e.target.value && setAsOf(e.target.value)} />
          </label>
        )}
      </nav>
      {/* The server words explanations in the page's language: a switch asks again. */}
      <main key={lang}>
        {tab === "overview" && <Overview key={scope} scope={scope} asOf={asOf} onOpenElder={openElder} />}
        {tab === "glance" && (
          <Suspense fallback={<p>{t("app.loading")}</p>}>
            <Glance key={scope} scope={scope} asOf={asOf} onOpenElder={openElder} />
          </Suspense>
        )}
        {tab === "trends" && <Trends key={scope} scope={scope} asOf={asOf} />}
        {tab === "report" && <Report key={scope} scope={scope} asOf={asOf} />}
        {tab === "gaps" && <GapLists scope={scope} asOf={asOf} onOpenElder={openElder} />}
        {tab === "windows" && <Windows key={scope} scope={scope} asOf={asOf} onOpenElder={openElder} />}
        {tab === "plans" && <Plans key={scope} scope={scope} asOf={asOf} canSet={may(viewer, "setEmergencyPlan")} />}
        {tab === "events" && (
          <Events
            key={scope}
            scope={scope}
            can={{ start: may(viewer, "startEmergencyEvent"), close: may(viewer, "closeEmergencyEvent"), mark: may(viewer, "markEventElder") }}
          />
        )}
        {tab === "network" && <Network residentId={elderId} asOf={asOf} canWhatIf={may(viewer, "whatIf")} onOpen={setElderId} />}
        {tab === "suggestions" && <Suggestions scope={scope} asOf={asOf} canApply={may(viewer, "addHelper")} />}
        {tab === "myElders" && <MyElders personId={viewer.personId} canRecord={may(viewer, "recordVisit")} />}
        {tab === "visit" && <VisitForm scope={scope} personId={viewer.personId} />}
        {tab === "matters" && <Matters key={scope} scope={scope} can={(f) => may(viewer, f)} today={today()} />}
        {tab === "admin" && <Admin canAudit={may(viewer, "auditLog")} />}
      </main>
    </div>
  );
}
