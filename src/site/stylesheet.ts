/**
 * The site's one stylesheet, served under a hashed name (see http/assets.ts). System fonts, a
 * readable measure, light and dark palettes chosen for WCAG AA contrast, and layouts that fold to one
 * column on a phone without scrolling sideways.
 */
export const STYLESHEET = `
:root{color-scheme:light dark;
--bg:#fff;--surface:#f5f7f9;--raised:#fff;--text:#1b1f24;--muted:#59636e;--border:#d6dce3;--rule:#e8ecf0;
--accent:#0a58b0;--accent-soft:#e7f0fb;--visited:#6639ba;--olympic:#a84c00;--absent:#8c959f;
--ok-bg:#dcf5e3;--ok:#116329;--warn-bg:#fff1d6;--warn:#7a4500;--info-bg:#efe9ff;--info:#4b2e9e;--bad-bg:#ffe8e6;--bad:#a40e26;
--focus:#0a58b0;--radius:6px;--measure:46rem;--page:74rem}
@media (prefers-color-scheme:dark){:root{
--bg:#0f1318;--surface:#161b22;--raised:#1b2129;--text:#e6edf3;--muted:#a2adb9;--border:#343c46;--rule:#262d36;
--accent:#73b3ff;--accent-soft:#15263b;--visited:#c3a6ff;--olympic:#f2a15a;--absent:#7d8894;
--ok-bg:#12321e;--ok:#7ee2a0;--warn-bg:#3a2a0c;--warn:#f5c66b;--info-bg:#271f45;--info:#c7b5ff;--bad-bg:#42161a;--bad:#ff9b9b;
--focus:#73b3ff}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--text);font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",sans-serif;overflow-wrap:break-word}
a{color:var(--accent);text-underline-offset:.15em;text-decoration-thickness:1px}
a:visited{color:var(--visited)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
h1,h2,h3{line-height:1.25;margin:0 0 .5rem;font-weight:650;letter-spacing:-.01em}
h1{font-size:clamp(1.6rem,1.2rem + 2vw,2.3rem)}
h2{font-size:1.3rem;margin-top:2.25rem;padding-bottom:.35rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin-top:1.25rem}
p{margin:0 0 1rem}
small,.muted{color:var(--muted)}
code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--raised);padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{max-width:var(--page);margin:0 auto;padding:0 1.25rem}
.site-header{background:var(--surface);border-bottom:1px solid var(--border)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.5rem;padding-top:.7rem;padding-bottom:.7rem}
.brand{display:flex;align-items:center;gap:.55rem;font-weight:700;font-size:1.1rem;color:var(--text);text-decoration:none}
.brand:visited{color:var(--text)}
.brand svg{width:1.9rem;height:1.9rem;flex:none;color:var(--accent)}
.brand small{display:block;font-weight:400;font-size:.78rem;line-height:1.2}
.site-nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;font-size:.95rem}
.site-nav a{color:var(--text);text-decoration:none}
.site-nav a:hover{text-decoration:underline}
.search{display:flex;flex:1 1 16rem;max-width:28rem;margin-left:auto}
.search input{flex:1;min-width:0;font:inherit;padding:.45rem .7rem;border:1px solid var(--border);border-right:0;border-radius:var(--radius) 0 0 var(--radius);background:var(--bg);color:var(--text)}
.search button{font:inherit;padding:.45rem .9rem;border:1px solid var(--accent);background:var(--accent);color:var(--bg);border-radius:0 var(--radius) var(--radius) 0;cursor:pointer}
.breadcrumbs{font-size:.9rem;color:var(--muted);margin-top:1.1rem;margin-bottom:.4rem}
.breadcrumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.breadcrumbs li+li::before{content:"›";padding:0 .45rem;color:var(--muted)}
main{display:block;padding-bottom:3rem}
.page-head{margin:.25rem 0 1.25rem}
.eyebrow{font-size:.8rem;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:var(--muted);margin:0 0 .25rem}
.aka{color:var(--muted);margin:.1rem 0 .6rem}
.lede{font-size:1.08rem;max-width:var(--measure)}
.layout{display:grid;gap:0 2.5rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:62rem){.layout.with-aside{grid-template-columns:minmax(0,1fr) 18rem}}
.layout>aside{padding-top:.5rem}
.card{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:1rem 1.1rem;margin:0 0 1.25rem}
.card h2{margin-top:0;font-size:1.05rem;border:0;padding:0}
.card ul{margin:0;padding-left:1.1rem}
.facts-mini{display:grid;grid-template-columns:auto 1fr;gap:.2rem .9rem;margin:0}
.facts-mini dt{color:var(--muted)}
.facts-mini dd{margin:0}
.headline{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.75rem;margin:0 0 1.5rem;padding:0;list-style:none}
.headline li{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:.7rem .9rem}
.headline .label{display:block;font-size:.8rem;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.headline .big{display:block;font-size:clamp(1.15rem,1rem + .6vw,1.4rem);font-weight:650;line-height:1.2;font-variant-numeric:tabular-nums}
.headline .sub{display:block;font-size:.88rem;color:var(--muted)}
.statements{margin:0;border-top:1px solid var(--rule)}
.statement{display:grid;grid-template-columns:minmax(0,1fr);border-bottom:1px solid var(--rule);padding:.6rem 0}
@media (min-width:40rem){.statement{grid-template-columns:12rem minmax(0,1fr);gap:1rem}}
.statement>dt{font-weight:600;color:var(--muted)}
.statement>dd{margin:0}
.claim{padding:.15rem 0}
.claim+.claim{border-top:1px dashed var(--rule);margin-top:.35rem;padding-top:.5rem}
.claim.deprecated .value{text-decoration:line-through;color:var(--muted)}
.claim .why{font-size:.9rem;color:var(--muted);margin:.2rem 0 0;max-width:var(--measure)}
.badge{display:inline-block;font-size:.72rem;font-weight:650;letter-spacing:.03em;line-height:1;padding:.28em .5em;border-radius:99px;vertical-align:.12em;margin-left:.35rem;white-space:nowrap}
.badge.preferred{background:var(--ok-bg);color:var(--ok)}
.badge.disputed,.badge.normal{background:var(--warn-bg);color:var(--warn)}
.badge.derived{background:var(--info-bg);color:var(--info)}
.badge.deprecated{background:var(--bad-bg);color:var(--bad)}
.badge.absent{background:var(--rule);color:var(--muted)}
details.sources{margin:.25rem 0 0;font-size:.9rem}
details.sources summary{cursor:pointer;color:var(--accent);width:max-content;max-width:100%}
details.sources ul{list-style:none;margin:.4rem 0 .2rem;padding:0 0 0 .8rem;border-left:3px solid var(--rule)}
details.sources li+li{margin-top:.5rem}
blockquote{margin:.25rem 0 0;font-style:italic;color:var(--text);max-width:var(--measure)}
blockquote::before{content:"“"}blockquote::after{content:"”"}
blockquote.table-quote{font-style:normal}
blockquote.table-quote::before,blockquote.table-quote::after{content:none}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{text-align:left;vertical-align:top;padding:.45rem .6rem;border-bottom:1px solid var(--rule)}
thead th{font-size:.85rem;color:var(--muted);font-weight:600;border-bottom:2px solid var(--border)}
td.num,th.num{text-align:right}
.table-scroll{overflow-x:auto;margin:0 0 1.25rem}
.mini-table{width:auto;font-size:.88rem;margin:.3rem 0}
.mini-table td,.mini-table th{padding:.2rem .5rem;border:1px solid var(--rule)}
.highlight td{background:var(--accent-soft)}
@media (max-width:40rem){table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack tr{display:block;border-bottom:1px solid var(--rule);padding:.4rem 0}
table.stack td{display:grid;grid-template-columns:6.5rem minmax(0,1fr);gap:.75rem;border:0;padding:.1rem 0}
table.stack td::before{content:attr(data-label);color:var(--muted);font-size:.85rem;padding-top:.1rem}
table.stack td.num{text-align:left}}
.link-list{list-style:none;padding:0;margin:0 0 1rem;columns:2 16rem;column-gap:2rem}
.link-list li{break-inside:avoid;padding:.2rem 0}
.link-list small{margin-left:.3rem}
.kinds{display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem;margin:1rem 0;padding:0;list-style:none}
.kinds li{background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:1rem}
.kinds a.kind{font-weight:650;font-size:1.1rem}
.kinds .count{float:right;color:var(--muted);font-variant-numeric:tabular-nums}
.kinds p{margin:.35rem 0 0;font-size:.92rem;color:var(--muted)}
.hero{padding:1.5rem 0 .5rem;max-width:var(--measure)}
.hero p{font-size:1.1rem}
.pager{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:1rem 0}
.pager a,.pager span[aria-current]{padding:.3rem .7rem;border:1px solid var(--border);border-radius:var(--radius);text-decoration:none}
.pager span[aria-current]{background:var(--accent);color:var(--bg);border-color:var(--accent)}
.results-list{list-style:none;padding:0;margin:0}
.results-list li{padding:.75rem 0;border-bottom:1px solid var(--rule)}
.results-list .hit{font-size:1.1rem;font-weight:600}
.results-list p{margin:.15rem 0 0;color:var(--muted);font-size:.93rem}
.results-list mark{background:var(--warn-bg);color:inherit}
.facets{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem;padding:0;list-style:none}
.facets a,.facets span{display:inline-block;padding:.2rem .65rem;border:1px solid var(--border);border-radius:99px;font-size:.9rem;text-decoration:none}
.facets [aria-current]{background:var(--accent);color:var(--bg);border-color:var(--accent)}
figure{margin:0 0 1.5rem}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.35rem}
.picture{display:block;width:100%;height:auto;overflow:visible}
.picture text{fill:var(--text);font-family:inherit}
.picture .axis line,.picture .lane{stroke:var(--border)}
.picture .axis text,.picture .lane-label{fill:var(--muted);font-size:12px}
.timeline .took{fill:var(--accent);stroke:var(--accent)}
.timeline .absent{fill:var(--bg);stroke:var(--absent)}
.timeline .olympic.took{fill:var(--olympic);stroke:var(--olympic)}
.timeline .olympic.absent{stroke:var(--olympic)}
.picture a:focus-visible{outline:none}
.picture a:focus-visible .ring,.picture a:hover .ring{stroke:var(--focus);stroke-width:3;fill:none}
.picture .ring{fill:transparent;stroke:none}
.picture .bar{fill:var(--absent)}
.picture .bar.derived{fill:var(--info);opacity:.6}
.picture .bar.this{fill:var(--accent);opacity:1}
.picture .value{font-size:13px;font-variant-numeric:tabular-nums}
.legend{display:flex;flex-wrap:wrap;gap:.35rem 1.2rem;list-style:none;margin:.5rem 0 0;padding:0;font-size:.88rem;color:var(--muted)}
.legend svg{width:14px;height:14px;vertical-align:-2px;margin-right:.35rem;overflow:visible}
.data-links{font-size:.9rem}
.data-links code{display:block;margin-bottom:.5rem}
.site-footer{border-top:1px solid var(--border);background:var(--surface);font-size:.9rem;color:var(--muted);padding:1.5rem 0 2rem}
.site-footer p{margin:.3rem 0}
.site-footer nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1.1rem;margin:0 0 .6rem;padding:0}
.notice{border-left:4px solid var(--warn);background:var(--warn-bg);padding:.6rem .9rem;border-radius:0 var(--radius) var(--radius) 0;max-width:var(--measure)}
.source-text{white-space:pre-wrap;font-size:.92rem;background:var(--surface);border:1px solid var(--border);border-radius:var(--radius);padding:1rem;max-height:32rem;overflow:auto}
@media print{.site-header,.site-footer,.search,.skip{display:none}a{color:inherit}}
`;
