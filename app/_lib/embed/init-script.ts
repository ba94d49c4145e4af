// Runs inline in the embed's <head> before first paint: the theme and language come from the URL
// (?theme=, ?lang=), so the frame never flashes the wrong colours. It never reads or writes the
// site's saved theme: the host page chooses. Same rules as parseEmbedParams (./params.ts), which a
// unit test checks by running this string.

export const embedInitScript = `(function(){try{var q=new URLSearchParams(location.search);var d=document.documentElement;var m=window.matchMedia&&window.matchMedia("(prefers-color-scheme: dark)");var t=q.get("theme");function apply(x){d.setAttribute("data-theme",x);d.style.colorScheme=x}if(t==="light"||t==="dark"){apply(t)}else{apply(m&&m.matches?"dark":"light");if(m&&m.addEventListener){m.addEventListener("change",function(e){apply(e.matches?"dark":"light")})}}var l=[q.get("lang")].concat(navigator.languages||[navigator.language]);var loc="en";for(var i=0;i<l.length;i++){var b=String(l[i]||"").trim().toLowerCase().split(/[-_]/)[0];if(b==="en"||b==="zh"){loc=b;break}}d.setAttribute("lang",loc==="zh"?"zh-CN":"en");d.setAttribute("data-locale",loc)}catch(e){}})();`;
