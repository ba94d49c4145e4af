// Theme: "light" | "dark" on <html data-theme>, remembered in localStorage, else the OS choice.
export type Theme = "light" | "dark";
export const THEME_STORAGE_KEY = "dbl:theme";

/** Runs inline in <head> before first paint, so a dark-mode user never sees a light flash. */
export const themeInitScript = `(function(){try{var k=${JSON.stringify(THEME_STORAGE_KEY)};var t=null;try{t=localStorage.getItem(k)}catch(e){}var m=window.matchMedia&&window.matchMedia("(prefers-color-scheme: dark)");if(t!=="light"&&t!=="dark"){t=m&&m.matches?"dark":"light"}var d=document.documentElement;d.setAttribute("data-theme",t);d.style.colorScheme=t;if(m&&m.addEventListener){m.addEventListener("change",function(e){var s=null;try{s=localStorage.getItem(k)}catch(_){}if(s!=="light"&&s!=="dark"){var n=e.matches?"dark":"light";d.setAttribute("data-theme",n);d.style.colorScheme=n}})}}catch(e){}})();`;
