// 50 attempts to run script from lesson Markdown. Each payload calls __xss(n) (or alert) if it
// ever runs. They cover raw HTML, event handlers, script-bearing URLs in every place Markdown
// and HTML put one (links, images, definitions, autolinks, forms, SVG, MathML), encodings that
// hide a scheme, attribute breakouts, mutation tricks and code that must stay text.

const b64 = (s: string) => Buffer.from(s).toString("base64");

export const XSS_CASES: string[] = [
  "<script>__xss(1)</script>",
  "<img src=x onerror=__xss(2)>",
  "<svg onload=__xss(3)>",
  "<svg><script>__xss(4)</script></svg>",
  '<iframe src="javascript:__xss(5)"></iframe>',
  '<iframe srcdoc="<script>parent.__xss(6)</script>"></iframe>',
  "<body onload=__xss(7)>",
  "<details open ontoggle=__xss(8)><summary>x</summary></details>",
  '<a href="javascript:__xss(9)">raw link</a>',
  "[link](javascript:__xss(10))",
  "[mixed case](JaVaScRiPt:__xss(11))",
  "[entity colon](javascript&colon;__xss(12))",
  "[entity letter](&#106;avascript:__xss(13))",
  "[hex entity](&#x6A;&#x61;vascript:__xss(14))",
  "[pointy](<javascript:__xss(15)>)",
  "<javascript:__xss(16)>",
  "[reference][evil]\n\n[evil]: javascript:__xss(17)",
  "![image](javascript:__xss(18))",
  '![breakout](x" onerror="__xss(19))',
  `[data html](data:text/html;base64,${b64("<script>opener.__xss(20)</script>")})`,
  "[vbscript](vbscript:__xss(21))",
  '[with title](javascript:__xss(22) "title")',
  '<a href="  javascript:__xss(23)">spaces</a>',
  "[tab](java\tscript:__xss(24))",
  "<style>*{background:url(javascript:__xss(25))}</style><style>@import 'data:text/css,*{x:expression(__xss(25))}';</style>",
  '<div style="background-image:url(javascript:__xss(26))">styled</div>',
  '<object data="javascript:__xss(27)"></object>',
  '<embed src="javascript:__xss(28)">',
  '<form action="javascript:__xss(29)"><button>go</button></form>',
  '<button formaction="javascript:__xss(30)">x</button>',
  "<input autofocus onfocus=__xss(31)>",
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(32)">',
  '<base href="javascript:__xss(33)//">\n\n[relative](/en/)',
  '<math><a xlink:href="javascript:__xss(34)">math link</a></math>',
  '<svg><a xlink:href="javascript:__xss(35)"><text y="20">svg link</text></a></svg>',
  '<svg><animate onbegin=__xss(36) attributeName=x dur=1s></svg>',
  '<video><source onerror="__xss(37)"></video>',
  "<audio src=x onerror=__xss(38)>",
  '<img src="x:x" onerror="eval(\'__xss(39)\')">',
  '<noscript><p title="</noscript><img src=x onerror=__xss(40)>"></noscript>',
  '<table><tr><td background="javascript:__xss(41)">cell</td></tr></table>',
  '<img srcset="javascript:__xss(42) 1x">',
  "<template><img src=x onerror=__xss(43)></template>",
  "Inline code stays text: `<img src=x onerror=__xss(44)>`",
  "```html\n<script>__xss(45)</script>\n```",
  "<!-- <img src=x onerror=__xss(46)> --><img src=x onerror=__xss(46)>",
  '<a href="https://example.com/" onclick="__xss(47)" onmouseover="__xss(47)">safe href, evil handler</a>',
  '[quote breakout](https://example.com/"onmouseover="__xss(48))',
  `<iframe src="data:text/html;base64,${b64("<script>parent.__xss(49)</script>")}"></iframe>`,
  '<svg><foreignObject><iframe onload="__xss(50)"></iframe></foreignObject><use href="data:image/svg+xml,<svg id=x onload=__xss(50)>#x"/></svg>',
];

/** Raw HTML that does run: the harness must see these, or its zeros mean nothing. */
export const CONTROLS: string[] = [
  "<img src=x onerror=__xss(901)>",
  '<a href="javascript:__xss(902)">control link</a>',
  "<div onmouseover=__xss(903)>hover me</div>",
];
