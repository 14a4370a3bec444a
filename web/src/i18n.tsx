// Every label lives in i18n/zh.json and i18n/en.json (a Python test checks they hold the same
// keys); Chinese is the default, the choice is kept in localStorage.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import en from "./i18n/en.json";
import zh from "./i18n/zh.json";

export type Lang = "zh" | "en";
type Dict = Record<string, string>;
const DICTS: Record<Lang, Dict> = { zh, en };
const KEY = "louzhi.lang";

/** The page's language, for the API's Accept-Language (the server words explanations). */
export function pageLang(): Lang {
  return localStorage.getItem(KEY) === "en" ? "en" : "zh";
}

export type Translate = (key: string, vars?: Record<string, string | number>, fallback?: string) => string;

type I18n = { lang: Lang; setLang: (l: Lang) => void; t: Translate; join: (items: string[]) => string };
const Ctx = createContext<I18n | null>(null);

export function translate(lang: Lang, key: string, vars?: Record<string, string | number>, fallback?: string): string {
  let text = DICTS[lang][key] ?? fallback ?? key; // an unknown enum value shows as itself
  for (const [name, value] of Object.entries(vars ?? {})) text = text.replace(`{${name}}`, String(value));
  return text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(pageLang);
  useEffect(() => {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }, [lang]);
  const setLang = (l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  };
  const t: Translate = (key, vars, fallback) => translate(lang, key, vars, fallback);
  const join = (items: string[]) => items.join(lang === "zh" ? "、" : ", "); // 、 is Chinese only
  return <Ctx.Provider value={{ lang, setLang, t, join }}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Ctx);
  if (value === null) throw new Error("useI18n outside I18nProvider");
  return value;
}
