import { getMessages, LOCALE_STORAGE_KEY } from "@/app/_lib/i18n";
import { Logo } from "./Logo";
import { LocaleRedirect } from "./LocaleRedirect";

/** The language-neutral entry pages (/ and /play): redirect, with plain links as a fallback. */
export function EntryPage({ rest }: { rest: string }) {
  const en = getMessages("en").entry;
  const zh = getMessages("zh").entry;
  const save = (locale: string) =>
    `try{localStorage.setItem(${JSON.stringify(LOCALE_STORAGE_KEY)},${JSON.stringify(locale)})}catch(e){}`;
  // Redirect while the HTML is still parsing (before React loads); LocaleRedirect is the fallback.
  const redirect = `(function(){try{var s=null;try{s=localStorage.getItem(${JSON.stringify(LOCALE_STORAGE_KEY)})}catch(e){}var l=(s==="en"||s==="zh")?s:null;if(!l){var n=navigator.languages&&navigator.languages.length?navigator.languages:[navigator.language||"en"];for(var i=0;i<n.length&&!l;i++){var b=String(n[i]).toLowerCase().split("-")[0];if(b==="en"||b==="zh")l=b}}location.replace("/"+(l||"en")+"/"+${JSON.stringify(rest)}+location.search+location.hash)}catch(e){}})();`;
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <script dangerouslySetInnerHTML={{ __html: redirect }} />
      <LocaleRedirect rest={rest} />
      <div className="w-full max-w-sm rounded-2xl border border-line bg-elevated p-8 text-center shadow-sm">
        <Logo className="mx-auto h-12 w-12" />
        <h1 className="mt-4 text-xl font-semibold text-fg">
          {en.title}
          <span className="mt-1 block text-base font-medium text-muted" lang="zh-CN">
            {zh.title}
          </span>
        </h1>
        <p className="mt-4 text-sm text-muted" aria-live="polite">
          {en.redirecting}
          <br />
          <span lang="zh-CN">{zh.redirecting}</span>
        </p>
        <p className="mt-6 text-sm font-medium text-fg">
          {en.choose} <span lang="zh-CN">{zh.choose}</span>
        </p>
        <div className="mt-3 flex justify-center gap-3">
          {/* onClick as an attribute string would not survive React; the links work without JS too. */}
          <a href={`/en/${rest}`} hrefLang="en" className="btn btn-primary" data-locale="en">
            English
          </a>
          <a href={`/zh/${rest}`} hrefLang="zh-CN" lang="zh-CN" className="btn btn-secondary" data-locale="zh">
            中文
          </a>
        </div>
        <noscript>
          <p className="mt-4 text-xs text-subtle">JavaScript is off: choose a language above.</p>
        </noscript>
        <script
          // Remember a click on a language link, so the next visit goes there directly.
          dangerouslySetInnerHTML={{
            __html: `document.querySelectorAll("a[data-locale]").forEach(function(a){a.addEventListener("click",function(){var l=a.getAttribute("data-locale");${save("__L__").replace('"__L__"', "l")}})});`,
          }}
        />
      </div>
    </main>
  );
}
